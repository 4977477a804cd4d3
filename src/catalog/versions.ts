/**
 * The one versions table: every package a generated project may depend on,
 * pinned. Feature modules name packages; only this file says which version.
 * Node versions are exact (reproducible installs, Dependabot bumps them);
 * Python pins are what `pip install -r requirements.txt` gets.
 */
export const npmVersions: Readonly<Record<string, string>> = {
  // frameworks
  fastify: '5.12.8',
  'fastify-plugin': '5.1.0',
  express: '5.3.0',
  // fastify plugins
  '@fastify/helmet': '13.2.0',
  '@fastify/cors': '11.4.3',
  '@fastify/rate-limit': '11.2.0',
  '@fastify/formbody': '9.0.1',
  '@fastify/swagger': '9.9.3',
  '@fastify/swagger-ui': '5.2.6',
  // express middleware
  helmet: '8.3.0',
  cors: '2.8.6',
  'express-rate-limit': '8.7.5',
  'rate-limit-redis': '6.0.1',
  'lru-cache': '11.5.3',
  // shared runtime
  jose: '6.2.18',
  '@node-rs/argon2': '2.2.1',
  pino: '9.14.0',
  'prom-client': '15.1.3',
  zod: '4.1.12',
  ioredis: '5.9.2',
  // tooling of the generated project
  typescript: '5.9.3',
  tsx: '4.20.6',
  vitest: '4.1.12',
  '@types/node': '22.20.7',
  '@types/express': '5.0.6',
  '@types/cors': '2.8.19',
  supertest: '7.1.4',
  '@types/supertest': '6.0.3',
  plop: '4.0.5',
};

export const pypiVersions: Readonly<Record<string, string>> = {
  fastapi: '0.163.2',
  'uvicorn[standard]': '0.54.0',
  pydantic: '2.14.3',
  'python-multipart': '0.0.34',
  'PyJWT[crypto]': '2.15.1',
  'argon2-cffi': '25.1.0',
  limits: '5.8.0',
  cachetools: '7.0.1',
  redis: '8.1.0',
  'prometheus-client': '0.26.0',
  httpx: '0.28.1',
  pytest: '9.2.0',
  'pip-audit': '2.10.1',
};
