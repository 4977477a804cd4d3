import type { Feature } from '../types.js';

export const cors: Feature = {
  id: 'cors',
  title: 'CORS allow-list',
  hint: 'Only listed browser origins may call the API; no reflected origins',
  order: 40,
  frameworks: ['fastify', 'express', 'fastapi'],
  recommended: true,
  dependencies: { fastify: { prod: ['@fastify/cors'] }, express: { prod: ['cors'], dev: ['@types/cors'] } },
  env: [
    {
      name: 'CORS_ORIGINS',
      default: '',
      rule: 'comma list of exact origins; `*` only when CORS_CREDENTIALS=false',
      description: 'Origins allowed to call the API from a browser. Empty allows none.',
      example: '',
    },
    { name: 'CORS_CREDENTIALS', default: 'false', rule: 'true or false', description: 'Allow cookies/Authorization cross-origin.' },
  ],
  security: {
    owasp: ['API8:2023'],
    threat: 'A hostile web page reading API responses with the visitor’s credentials.',
  },
};
