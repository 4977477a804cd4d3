import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Letters, digits and `._-`, at most 128: no newlines or markup smuggled into logs. */
const VALID_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Reuse the caller's X-Request-Id (so one id follows a request across
 * services) only when it looks like an id; otherwise make a fresh one.
 */
export function requestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && VALID_ID.test(incoming) ? incoming : randomUUID();
}
