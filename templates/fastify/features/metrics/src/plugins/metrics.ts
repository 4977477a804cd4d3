import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Counter, Histogram } from 'prom-client';
import { httpRequestDuration, httpRequestsTotal, registry } from '../metrics/registry.js';
import { sendProblem } from '../problem.js';

export interface MetricsOptions {
  /** Bearer token Prometheus sends; without one, GET /metrics is not served at all. */
  token: string | undefined;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Request metrics and GET /metrics. The endpoint reveals routes, traffic and
 * error rates, so it needs its own token, compared in constant time (hashing
 * both sides first makes the lengths equal and leaks nothing through timing).
 */
export default fp<MetricsOptions>(
  async function metrics(app: FastifyInstance, { token }) {
    // One bound series per method, route and status, made on first use:
    // prom-client would otherwise hash a label object on every request. The
    // map is as small as the label set itself (route patterns, not URLs).
    const series = new Map<string, { requests: Counter.Internal; duration: Histogram.Internal<string> }>();
    const seriesFor = (method: string, route: string, status: number) => {
      const key = `${method} ${route} ${status}`;
      let found = series.get(key);
      if (found === undefined) {
        const labels = { method, route, status_code: String(status) };
        found = { requests: httpRequestsTotal.labels(labels), duration: httpRequestDuration.labels(labels) };
        series.set(key, found);
      }
      return found;
    };

    // Runs after every response; it never waits, so no async (no promise per request).
    app.addHook('onResponse', (request, reply, done) => {
      // The route pattern, not the URL: ids in paths would explode the label set.
      const { requests, duration } = seriesFor(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode);
      requests.inc();
      duration.observe(reply.elapsedTime / 1000);
      done();
    });

    if (token === undefined) {
      app.log.warn('METRICS_TOKEN is not set: GET /metrics is disabled');
      return;
    }
    const expected = digest(`Bearer ${token}`);

    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      const presented = request.headers.authorization ?? '';
      if (!timingSafeEqual(digest(presented), expected)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        return sendProblem(reply, 401, 'A valid metrics token is required.');
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'metrics' },
);
