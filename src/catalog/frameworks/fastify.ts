import type { Framework } from '../types.js';
import { baseEnv } from './base-env.js';

export const fastify: Framework = {
  id: 'fastify',
  title: 'Fastify',
  hint: 'TypeScript, Fastify 5: encapsulated plugins, fastest of the three',
  language: 'node',
  testPath: (id) => `test/${id}.test.ts`,
  manifestFile: 'package.json',
  dependencies: {
    prod: ['fastify', 'fastify-plugin', '@fastify/swagger', '@fastify/swagger-ui', 'zod', 'pino'],
    dev: ['typescript', 'tsx', 'vitest', '@types/node', 'plop'],
  },
  env: baseEnv.filter((v) => !v.frameworks || v.frameworks.includes('fastify')),
};
