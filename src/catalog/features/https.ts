import type { Feature } from '../types.js';

export const https: Feature = {
  id: 'https',
  title: 'HTTPS enforcement + HSTS',
  hint: 'Redirect GET to https://, refuse plain-HTTP writes, Strict-Transport-Security, Host allow-list',
  order: 20,
  frameworks: ['fastify', 'express', 'fastapi'],
  recommended: true,
  env: [
    {
      name: 'FORCE_HTTPS',
      rule: 'true or false',
      description: 'Redirect/refuse plain HTTP. Default: true in production, else false.',
      example: '',
    },
    { name: 'HSTS_MAX_AGE', default: '31536000', rule: 'seconds, ≥ 0', description: 'Strict-Transport-Security max-age.' },
    {
      name: 'ALLOWED_HOSTS',
      rule: 'comma list of host names',
      description: 'Host header allow-list; other hosts get 400. Unset accepts any host.',
      example: '',
    },
  ],
  security: {
    owasp: ['API8:2023'],
    threat: 'Credentials and tokens sniffed or altered on plain HTTP; SSL stripping; Host-header poisoning of redirects.',
  },
};
