import type { Feature } from '../types.js';

export const headers: Feature = {
  id: 'headers',
  title: 'Security headers',
  hint: 'CSP, nosniff, frame denial, no-referrer, no-store on every response (helmet)',
  order: 30,
  frameworks: ['fastify', 'express', 'fastapi'],
  recommended: true,
  // Fastify sends a precomputed header set; @fastify/helmet only proves it equal to helmet's in the tests.
  dependencies: { fastify: { dev: ['@fastify/helmet'] }, express: { prod: ['helmet'] } },
  security: {
    owasp: ['API8:2023'],
    threat: 'MIME sniffing, clickjacking, referrer leaks and cached sensitive responses.',
  },
};
