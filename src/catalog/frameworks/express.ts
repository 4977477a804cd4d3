import type { Framework } from '../types.js';
import { baseEnv } from './base-env.js';

export const express: Framework = {
  id: 'express',
  title: 'Express',
  hint: 'TypeScript, Express 5: middleware and routers, the most familiar',
  language: 'node',
  testPath: (id) => `test/${id}.test.ts`,
  manifestFile: 'package.json',
  dependencies: {
    prod: ['express', 'zod', 'pino'],
    dev: ['typescript', 'tsx', 'vitest', '@types/node', '@types/express', 'supertest', '@types/supertest', 'plop'],
  },
  env: baseEnv.filter((v) => !v.frameworks || v.frameworks.includes('express')),
};
