import type { Feature } from '../types.js';

export const supplyChain: Feature = {
  id: 'supply-chain',
  title: 'Dependency-update policy',
  hint: 'Dependabot updates, vulnerability audit in CI, lockfile-only installs',
  order: 99,
  frameworks: ['fastify', 'express', 'fastapi'],
  recommended: true,
  dependencies: { fastapi: { dev: ['pip-audit'] } },
  security: {
    owasp: ['API8:2023', 'API10:2023'],
    threat: 'Known-vulnerable dependencies staying in production.',
  },
};
