import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One registry for the process: what GET /metrics exposes (and survives any number of test apps). */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpRequestsTotal = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route and status code.',
  labelNames: ['method', 'route', 'status_code'] as const,
  registers: [registry],
});

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to answer HTTP requests, by method, route and status code.',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

/** Counted by securityEvent(); the alert rules in ops/alerts.yml watch it. */
export const securityEventsTotal = new Counter({
  name: 'security_events_total',
  help: 'Security events (auth.failure, ratelimit.exceeded, …), by event.',
  labelNames: ['event'] as const,
  registers: [registry],
});
