import type { RequestHandler } from 'express';
import { SECURITY_HEADERS } from '../security-headers.js';

/**
 * Sets the security headers (security-headers.ts) on every response, in one
 * step: Node's own `setHeaders`, with the Map built once, skips Express's
 * per-header `res.set` (which re-checks each name for Content-Type and copies
 * each value).
 */
export function securityHeaders(): RequestHandler {
  const headers = new Map(Object.entries(SECURITY_HEADERS));
  return (_req, res, next) => {
    res.setHeaders(headers);
    next();
  };
}
