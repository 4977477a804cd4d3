import type { Feature } from '../types.js';

export const metrics: Feature = {
  id: 'metrics',
  title: 'Metrics + alert rules',
  hint: 'Prometheus /metrics behind a token, security event counters, alert rules',
  order: 15,
  frameworks: ['fastify', 'express', 'fastapi'],
  recommended: false,
  dependencies: {
    fastify: { prod: ['prom-client'] },
    express: { prod: ['prom-client'] },
    fastapi: { prod: ['prometheus-client'] },
  },
  env: [
    {
      name: 'METRICS_TOKEN',
      rule: 'at least 16 characters; required in production',
      description: 'Bearer token Prometheus sends to read GET /metrics.',
      secret: true,
      example: '',
    },
  ],
  security: {
    owasp: ['API9:2023'],
    threat: 'Attacks in progress going unseen; metrics leaking internals to the public.',
  },
};
