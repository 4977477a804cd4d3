import type { Feature } from '../types.js';

export const headers: Feature = {
  id: 'headers',
  title: 'Security headers',
  hint: 'CSP, nosniff, frame denial, no-referrer, no-store on every response (helmet)',
  order: 30,
  frameworks: ['fastify', 'express', 'fastapi'],
  recommended: true,
  // Both Node targets send a fixed header set (security-headers.ts); helmet only proves it equal to its own in the tests.
  dependencies: { fastify: { dev: ['@fastify/helmet'] }, express: { dev: ['helmet'] } },
  security: {
    owasp: ['API8:2023'],
    threat: 'MIME sniffing, clickjacking, referrer leaks and cached sensitive responses.',
  },
};
