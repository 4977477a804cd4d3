import { createHash, timingSafeEqual } from 'node:crypto';

/** One accepted API key, as configured in API_KEYS: never the key itself, only its SHA-256. */
export interface ApiKey {
  readonly name: string;
  readonly hash: Buffer;
  readonly roles: readonly string[];
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const ROLE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Parses `name:sha256hex[:role+role]`, comma separated. Throws an Error whose
 * message is one line naming the bad entry (never the hash), so a typo stops
 * the process at start-up instead of silently locking a client out.
 */
export function parseApiKeys(value: string): ApiKey[] {
  const keys: ApiKey[] = [];
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new Error('must list at least one name:sha256hex entry');
  entries.forEach((entry, index) => {
    const [name = '', hash = '', roles, ...rest] = entry.split(':');
    const where = `entry ${index + 1}`;
    if (rest.length > 0) throw new Error(`${where} must be name:sha256hex[:role+role]`);
    if (!NAME.test(name)) throw new Error(`${where} has an invalid name (letters, digits, _ . - only)`);
    if (!SHA256_HEX.test(hash)) throw new Error(`${where} (${name}) must carry a 64-hex-digit SHA-256, not the key itself`);
    const roleList = roles === undefined || roles === '' ? [] : roles.split('+');
    if (!roleList.every((role) => ROLE.test(role))) throw new Error(`${where} (${name}) has an invalid role`);
    if (keys.some((key) => key.name === name)) throw new Error(`${where} repeats the name ${name}`);
    keys.push({ name, hash: Buffer.from(hash, 'hex'), roles: roleList });
  });
  return keys;
}

/** SHA-256 of a presented key: what API_KEYS stores and what we compare. */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * Finds the configured key matching `presented`. Every entry is compared with
 * timingSafeEqual and the loop never exits early, so response time reveals
 * neither how many bytes matched nor which entry did (timing attacks).
 * Hashing first also makes every comparison the same length.
 */
export function findApiKey(keys: readonly ApiKey[], presented: string): ApiKey | undefined {
  const digest = hashApiKey(presented);
  let match: ApiKey | undefined;
  for (const key of keys) {
    if (timingSafeEqual(key.hash, digest) && match === undefined) match = key;
  }
  return match;
}
