import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** helmet tuned for a JSON API: nothing may be rendered, framed, sniffed or embedded cross-origin. */
const apiHelmet = helmet({
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
});

/**
 * The headers helmet sets, collected once at start-up by running it against a
 * stand-in response. They are the same for every request, so there is no need
 * to run helmet's dozen small middlewares (and rebuild their values) each time.
 */
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name] = value;
    },
    removeHeader: () => {}, // X-Powered-By: the app disables it anyway
  };
  apiHelmet({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * The headers every response carries. Also used for the raw answers Node gives
 * to unparseable requests (see client-errors.ts), which never reach Express.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...helmetHeaders(),
  // API responses can hold personal data: no shared or browser cache may keep them.
  'Cache-Control': 'no-store',
};

/**
 * Sets SECURITY_HEADERS on every response, in one step: Node's own
 * `setHeaders`, with the Map built once, skips Express's per-header `res.set`
 * (which re-checks each name for Content-Type and copies each value).
 */
export function securityHeaders(): RequestHandler {
  const headers = new Map(Object.entries(SECURITY_HEADERS));
  return (_req, res, next) => {
    res.setHeaders(headers);
    next();
  };
}
