import type { Feature } from '../types.js';

export const logging: Feature = {
  id: 'logging',
  title: 'Audit logging',
  hint: 'JSON logs, request ids, security events, secrets redacted',
  order: 10,
  frameworks: ['fastify', 'express', 'fastapi'],
  recommended: true,
  env: [{ name: 'LOG_LEVEL', default: 'info', rule: 'fatal, error, warn, info, debug, trace or silent', description: 'Least severe level written.' }],
  security: {
    owasp: ['API9:2023', 'API2:2023'],
    threat: 'Attacks that go unnoticed; secrets leaking into log storage.',
  },
};
