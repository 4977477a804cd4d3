import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { LRUCache } from 'lru-cache';

/** Counters kept per process: enough for a busy API's clients in one window, small enough to never matter. */
export const MEMORY_STORE_MAX_CLIENTS = 10_000;

/**
 * express-rate-limit's counters in this process, for at most `maxClients`
 * clients. Its own MemoryStore keeps every client seen in a window, so a flood
 * of source addresses (a botnet, or IPv6 /56s) grows memory without bound:
 * ~1 KB per address, 100 MB per 100 000. Here the least recently seen
 * clients are dropped first once the limit is reached; a dropped client starts
 * a fresh window on its next request. Each client's window is fixed: it starts
 * with the client's first request and does not move with later ones.
 */
export class BoundedMemoryStore implements Store {
  // The counters are this process's own: express-rate-limit may check that one store serves one limiter.
  readonly localKeys = true;
  private windowMs = 60_000;
  private readonly clients: LRUCache<string, ClientRateLimitInfo & { resetTime: Date }>;

  constructor(maxClients = MEMORY_STORE_MAX_CLIENTS) {
    this.clients = new LRUCache({ max: maxClients });
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  get(key: string): ClientRateLimitInfo | undefined {
    const client = this.clients.get(key);
    return client !== undefined && client.resetTime.getTime() > Date.now() ? client : undefined;
  }

  // Synchronous on purpose: nothing to wait for, so no promise per request.
  increment(key: string): ClientRateLimitInfo {
    const now = Date.now();
    let client = this.clients.get(key);
    if (client === undefined || client.resetTime.getTime() <= now) {
      client = { totalHits: 0, resetTime: new Date(now + this.windowMs) };
      this.clients.set(key, client);
    }
    client.totalHits += 1;
    return client;
  }

  decrement(key: string): void {
    const client = this.clients.get(key);
    if (client !== undefined && client.totalHits > 0) client.totalHits -= 1;
  }

  resetKey(key: string): void {
    this.clients.delete(key);
  }

  resetAll(): void {
    this.clients.clear();
  }

  /** How many clients have a counter (the bound's test reads it). */
  get size(): number {
    return this.clients.size;
  }
}
