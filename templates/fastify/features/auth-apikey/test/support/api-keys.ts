import { createHash } from 'node:crypto';

/** Keys the tests present; API_KEYS only ever holds their SHA-256. */
export const testApiKeys = {
  alice: 'test-key-alice-0123456789abcdefghijklmnopqrstuv',
  bob: 'test-key-bob-0123456789abcdefghijklmnopqrstuvwxy',
  admin: 'test-key-admin-0123456789abcdefghijklmnopqrstuv',
} as const;

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

/** The API_KEYS value for the keys above; `admin` carries the admin role. */
export const testApiKeysEnv = [
  `alice:${sha256(testApiKeys.alice)}`,
  `bob:${sha256(testApiKeys.bob)}`,
  `admin:${sha256(testApiKeys.admin)}:admin`,
].join(',');
