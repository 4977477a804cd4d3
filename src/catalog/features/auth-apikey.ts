import type { Feature } from '../types.js';

export const authApikey: Feature = {
  id: 'auth-apikey',
  title: 'API keys',
  hint: 'X-API-Key for machine clients; only SHA-256 hashes stored, compared in constant time',
  order: 71,
  frameworks: ['fastify', 'express', 'fastapi'],
  recommended: false,
  env: [
    {
      name: 'API_KEYS',
      rule: 'comma list of name:sha256hex[:role+role]',
      description: 'Accepted keys, by their SHA-256 hash, never the key itself. Create one with the apikey script.',
      required: true,
      secret: true,
      example: '',
    },
  ],
  security: {
    owasp: ['API2:2023'],
    threat: 'Stolen key lists (only hashes are configured) and timing attacks on key comparison.',
  },
};
