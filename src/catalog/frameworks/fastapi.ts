import type { Framework } from '../types.js';
import { baseEnv } from './base-env.js';

export const fastapi: Framework = {
  id: 'fastapi',
  title: 'FastAPI',
  hint: 'Python, FastAPI: dependencies for auth, pure ASGI middleware',
  language: 'python',
  testPath: (id) => `tests/test_${id.replaceAll('-', '_')}.py`,
  manifestFile: 'requirements.txt',
  dependencies: {
    prod: ['fastapi', 'uvicorn[standard]', 'pydantic'],
    dev: ['pytest', 'httpx'],
  },
  env: baseEnv.filter((v) => !v.frameworks || v.frameworks.includes('fastapi')),
};
