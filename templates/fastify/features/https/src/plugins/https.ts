import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from '../problem.js';
import { securityEvent } from '../security-events.js';

export interface HttpsOptions {
  forceHttps: boolean;
  hstsMaxAge: number;
  /** Lower-case host names; empty accepts any Host. */
  allowedHosts: readonly string[];
}

/** A host name or [IPv6] literal with an optional port: nothing that could bend a URL. */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/**
 * HTTPS only. Plain-HTTP reads are redirected; writes are refused rather than
 * redirected, because a redirect would replay the body (and its credentials)
 * after it already crossed the network in clear text.
 * `request.protocol` honours X-Forwarded-Proto only from a proxy listed in
 * TRUST_PROXY, so a client cannot claim it is on HTTPS.
 */
export default fp<HttpsOptions>(
  async function https(app: FastifyInstance, { forceHttps, hstsMaxAge, allowedHosts }) {
    const allowed = new Set(allowedHosts);
    const hsts = `max-age=${hstsMaxAge}; includeSubDomains`;

    // Runs on every request and rarely answers: callback style (`done`), no
    // promise per request. Answering means sending and not calling `done`.
    app.addHook('onRequest', (request, reply, done) => {
      // Browsers that saw this once refuse plain HTTP for max-age seconds (stops SSL stripping).
      if (request.protocol === 'https') reply.header('strict-transport-security', hsts);
      // Load balancers and container probes call /health by IP over plain HTTP.
      if (request.routeOptions.url === '/health') return done();

      // The Host the client sent; never X-Forwarded-Host, which anyone can set.
      const host = request.headers.host ?? '';
      if (!HOST.test(host)) {
        sendProblem(reply, 400, 'The Host header is invalid.');
        return;
      }
      const hostname = host.replace(/:\d+$/, '').toLowerCase();
      // Host-header poisoning: links and redirects built from an attacker's Host.
      if (allowed.size > 0 && !allowed.has(hostname)) {
        sendProblem(reply, 400, 'This host is not served here.');
        return;
      }

      if (!forceHttps || request.protocol === 'https') return done();
      securityEvent(request.log, 'https.rejected', { method: request.method, ip: request.ip });
      if (request.method === 'GET' || request.method === 'HEAD') reply.redirect(`https://${host}${request.url}`, 308);
      else sendProblem(reply, 403, 'Use HTTPS.');
    });
  },
  { name: 'https' },
);
