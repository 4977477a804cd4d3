import cors from 'cors';
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

  return cors<Request>((req, callback) => {
    const origin = req.headers.origin;
    const granted = origin !== undefined && (anyOrigin || allowed.has(origin));
    if (origin !== undefined && !granted) securityEvent(req.log, 'cors.rejected', { origin });
    callback(null, {
      // `false` sends no CORS headers at all: the browser blocks the read, preflights get no grant.
      origin: anyOrigin ? '*' : granted ? origin : false,
      credentials: config.CORS_CREDENTIALS,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Key', 'X-Request-Id'],
      exposedHeaders: ['Location', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'X-Request-Id'],
      maxAge: 600,
    });
  });
}
