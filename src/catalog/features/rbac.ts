import type { Feature } from '../types.js';

export const rbac: Feature = {
  id: 'rbac',
  title: 'Role-based authorization',
  hint: 'Routes declare the roles they need; missing role is 403 (needs an auth feature)',
  order: 80,
  frameworks: ['fastify', 'express', 'fastapi'],
  recommended: true,
  requiresOneOf: ['auth-jwt', 'auth-apikey'],
  requiresOneOfLabel: 'an authentication feature',
  security: {
    owasp: ['API5:2023', 'API1:2023'],
    threat: 'Ordinary users calling administrative functions.',
  },
};
