import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal } from './principal.js';

export interface ApiKeyEntry {
  name: string;
  /** SHA-256 of the key; the key itself is never stored. */
  hash: Buffer;
  roles: string[];
}

export type ApiKeyVerifier = (presented: string) => Principal | undefined;

/** Finds the key's owner by comparing SHA-256 digests in constant time. */
export function createApiKeyVerifier(entries: readonly ApiKeyEntry[]): ApiKeyVerifier {
  return (presented) => {
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let match: ApiKeyEntry | undefined;
    // Compare against every entry, without stopping early and with timingSafeEqual:
    // response time must not reveal how much of a guessed key was right.
    for (const entry of entries) {
      if (timingSafeEqual(digest, entry.hash) && match === undefined) match = entry;
    }
    return match === undefined ? undefined : { sub: match.name, roles: [...match.roles], auth: 'apikey' };
  };
}
