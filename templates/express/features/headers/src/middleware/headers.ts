import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The headers every response carries. Also used for the raw answers Node gives
 * to unparseable requests (see client-errors.ts), which never reach helmet.
 */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
} as const;

// API responses can hold personal data: no shared or browser cache may keep them.
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', SECURITY_HEADERS['Cache-Control']);
  next();
};

/** helmet tuned for a JSON API: nothing may be rendered, framed, sniffed or embedded cross-origin. */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      // An API serves no scripts, styles or frames: a JSON response that a browser
      // is tricked into rendering can run nothing (XSS) and be framed by no one (clickjacking).
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      // Tokens in URLs must not leak to other sites through Referer.
      referrerPolicy: { policy: 'no-referrer' },
      xFrameOptions: { action: 'deny' },
      // Other sites may not embed responses (Spectre-style cross-origin reads).
      crossOriginResourcePolicy: { policy: 'same-origin' },
      // HSTS belongs to the https feature, which sends it on HTTPS responses only.
      strictTransportSecurity: false,
    }),
    noStore,
  ];
}
