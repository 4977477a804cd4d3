/**
 * Prints a new random API key (give it to the client) and the API_KEYS entry
 * holding only its SHA-256 (put that in the server's environment):
 *   npm run apikey -- reporting-bot --role admin
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string', multiple: true, default: [] } },
});
const name = positionals[0] ?? 'client';
if (!/^[\w.@-]+$/.test(name)) {
  console.error('the name may contain letters, digits, _ . @ - only');
  process.exit(1);
}

// 256 bits of randomness: guessing is hopeless, so a fast hash (SHA-256) is enough to store it.
const key = randomBytes(32).toString('base64url');
const hash = createHash('sha256').update(key, 'utf8').digest('hex');
const roles = values.role.length > 0 ? `:${values.role.join('+')}` : '';
console.log(`key (give to the client, shown once): ${key}`);
console.log(`API_KEYS entry (server environment):   ${name}:${hash}${roles}`);
