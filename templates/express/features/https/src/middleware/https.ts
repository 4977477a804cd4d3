import type { Request, RequestHandler } from 'express';
import type { Config } from '../config.js';
import { HttpProblem } from '../problem.js';
import { securityEvent } from '../security-events.js';

// A host name or bracketed IPv6 address and an optional port: the same rule as the other targets.
const HOST_HEADER = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The host name of a Host header (`api.example.com:8443` → `api.example.com`), or undefined if malformed. */
function hostnameOf(host: string | undefined): string | undefined {
  if (host === undefined || !HOST_HEADER.test(host)) return undefined;
  return host.replace(/:\d+$/, '').toLowerCase();
}

/**
 * Whether the client reached the API over HTTPS: over TLS, or, from a TRUST_PROXY
 * proxy, the last X-Forwarded-Proto value, the one that proxy added. (Express's
 * req.secure takes the first value, which a client can send itself: "https, http".)
 */
function isSecure(req: Request): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  // The TRUST_PROXY check Express itself runs for req.ip and req.protocol.
  const trusted = (req.app.get('trust proxy fn') as (address: string | undefined, hop: number) => boolean)(req.socket.remoteAddress, 0);
  const forwarded = req.headers['x-forwarded-proto'];
  if (!trusted || typeof forwarded !== 'string') return false;
  return forwarded.slice(forwarded.lastIndexOf(',') + 1).trim().toLowerCase() === 'https';
}

/**
 * Keeps credentials off plain HTTP: GET/HEAD are redirected (308) to https://,
 * other methods are refused (403) rather than redirected, so a body sent in
 * clear text is not silently re-sent. HTTPS responses get HSTS, which stops
 * SSL-stripping on later visits. Behind a proxy, only a TRUST_PROXY proxy's
 * X-Forwarded-Proto counts (isSecure).
 */
export function enforceHttps(config: Config): RequestHandler {
  const force = config.FORCE_HTTPS ?? config.NODE_ENV === 'production';
  const allowedHosts = config.ALLOWED_HOSTS && new Set(config.ALLOWED_HOSTS.map((host) => host.toLowerCase()));
  const hsts = `max-age=${config.HSTS_MAX_AGE}; includeSubDomains`;

  return (req, res, next) => {
    const secure = isSecure(req);
    if (secure) res.setHeader('Strict-Transport-Security', hsts);
    // Load balancers and the container HEALTHCHECK probe over plain HTTP by IP.
    if (req.path === '/health') {
      next();
      return;
    }
    // The raw Host header, never X-Forwarded-Host: a redirect must not point to a host an attacker chose.
    const host = req.headers.host;
    const hostname = hostnameOf(host);
    if (hostname === undefined) throw new HttpProblem(400, 'The Host header is invalid.');
    // Host-header poisoning: links and redirects built from an attacker's Host.
    if (allowedHosts !== undefined && !allowedHosts.has(hostname)) throw new HttpProblem(400, 'Unknown host.');
    if (secure || !force) {
      next();
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      res.redirect(308, `https://${host}${req.originalUrl}`);
      return;
    }
    securityEvent(req.log, 'https.rejected', { method: req.method, path: req.path });
    throw new HttpProblem(403, 'This API is only available over HTTPS.');
  };
}
