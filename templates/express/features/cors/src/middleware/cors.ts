import cors, { type CorsOptions } from 'cors';
import type { Request, RequestHandler } from 'express';
import type { Config } from '../config.js';
import { securityEvent } from '../security-events.js';

/**
 * Grants cross-origin access to the exact origins in CORS_ORIGINS and no other.
 * `cors({ origin: true })` would reflect any Origin back, letting every web page
 * read responses with the visitor's credentials.
 */
export function corsPolicy(config: Config): RequestHandler {
  const anyOrigin = config.CORS_ORIGINS.includes('*');
  const allowed = new Set(config.CORS_ORIGINS);
  // Hot path: everything but the granted origin is fixed, so the option sets are
  // built once here rather than on every request.
  const grant = {
    credentials: config.CORS_CREDENTIALS,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Key', 'X-Request-Id'],
    exposedHeaders: ['Location', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'X-Request-Id'],
    maxAge: 600,
  };
  const grantAny: CorsOptions = { ...grant, origin: '*' };
  // `origin: false` sends no CORS headers at all: the browser blocks the read, preflights get no grant.
  const refuse: CorsOptions = { origin: false };

  return cors<Request>((req, callback) => {
    if (anyOrigin) {
      callback(null, grantAny);
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && allowed.has(origin)) {
      callback(null, { ...grant, origin });
      return;
    }
    if (origin !== undefined) securityEvent(req.log, 'cors.rejected', { origin });
    callback(null, refuse);
  });
}
