import type { Feature, SelectionView } from '../types.js';

const usesRedis = (s: SelectionView) => s.option('rate-limit', 'store') === 'redis';

export const rateLimit: Feature = {
  id: 'rate-limit',
  title: 'Rate limiting',
  hint: 'Per-client request limit with RateLimit-* headers; stricter limit on login',
  order: 50,
  frameworks: ['fastify', 'express', 'fastapi'],
  recommended: true,
  options: [
    {
      id: 'store',
      flag: 'rate-limit-store',
      title: 'Where are rate-limit counters kept?',
      default: 'memory',
      choices: [
        { value: 'memory', label: 'In memory', hint: 'one process' },
        { value: 'redis', label: 'Redis', hint: 'one limit across many instances' },
      ],
    },
  ],
  dependencies: {
    fastify: [{ prod: ['@fastify/rate-limit'] }, { prod: ['ioredis'], when: usesRedis }],
    express: [{ prod: ['express-rate-limit', 'lru-cache'] }, { prod: ['rate-limit-redis', 'ioredis'], when: usesRedis }],
    fastapi: [{ prod: ['limits', 'cachetools'] }, { prod: ['redis'], when: usesRedis }],
  },
  env: [
    { name: 'RATE_LIMIT_MAX', default: '100', rule: 'integer ≥ 1', description: 'Requests per window per client.' },
    { name: 'RATE_LIMIT_WINDOW_SECONDS', default: '60', rule: 'integer ≥ 1', description: 'Length of the window.' },
    {
      name: 'AUTH_RATE_LIMIT_MAX',
      default: '5',
      rule: 'integer ≥ 1',
      description: 'Attempts per window on POST /auth/token, per client IP.',
      when: (s) => s.has('auth-jwt') && s.option('auth-jwt', 'provider') !== 'oidc',
    },
    {
      name: 'RATE_LIMIT_STORE',
      default: 'memory',
      rule: 'memory or redis',
      description: 'Where counters live; redis holds one limit across instances.',
      example: 'redis',
      when: usesRedis,
    },
    {
      name: 'REDIS_URL',
      rule: 'redis:// or rediss:// URL; required when RATE_LIMIT_STORE=redis',
      description: 'Redis server for the rate-limit counters.',
      example: 'redis://127.0.0.1:6379',
      secret: true,
      when: usesRedis,
    },
    {
      name: 'RATE_LIMIT_FAIL_OPEN',
      default: 'false',
      rule: 'true or false',
      description: 'When the store is unreachable: false answers 503, true lets requests through.',
      when: usesRedis,
    },
  ],
  security: {
    owasp: ['API4:2023', 'API2:2023'],
    threat: 'Resource exhaustion, scraping and password guessing by one client.',
  },
};
