/**
 * Prints a fresh API key and the API_KEYS entry that accepts it.
 *   npm run apikey -- NAME [--role admin]
 * Give the key to the client; put only the entry (its SHA-256) in API_KEYS.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hashApiKey } from '../src/auth/api-keys.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string', multiple: true } },
});
const name = positionals[0] ?? 'client';
if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
  console.error('usage: npm run apikey -- NAME [--role ROLE]... (NAME: letters, digits, _ . -)');
  process.exit(1);
}
const roles = values.role ?? [];

// 32 random bytes: far beyond brute force, so a fast hash (SHA-256) is enough to store it.
const key = randomBytes(32).toString('base64url');
const entry = [name, hashApiKey(key).toString('hex'), ...(roles.length > 0 ? [roles.join('+')] : [])].join(':');

console.log(`key (give to the client, shown once): ${key}`);
console.log(`API_KEYS entry (add to the comma list): ${entry}`);
