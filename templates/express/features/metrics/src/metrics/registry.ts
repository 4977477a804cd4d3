import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/** One registry per process: counters survive any number of app instances (tests). */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const securityEventsTotal = new Counter({
  name: 'security_events_total',
  help: 'Security events by type (auth.failure, ratelimit.exceeded, ...); the alert rules watch this.',
  labelNames: ['event'] as const,
  registers: [registry],
});

export const httpRequestsTotal = new Counter({
  name: 'http_requests_total',
  help: 'HTTP responses by method and status code.',
  labelNames: ['method', 'status'] as const,
  registers: [registry],
});
