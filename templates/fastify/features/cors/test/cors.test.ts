import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildTestApp, testEnv } from './helpers.js';

const ALLOWED = 'https://app.example.com';

const preflight = (app: FastifyInstance, origin: string) =>
  app.inject({
    method: 'OPTIONS',
    url: '/items',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });

describe('CORS allow-list', () => {
  let app: FastifyInstance;
  let logs: Record<string, unknown>[];
  beforeAll(async () => {
    ({ app, logs } = await buildTestApp({ CORS_ORIGINS: `${ALLOWED},https://admin.example.com`, CORS_CREDENTIALS: 'true' }));
  });
  afterAll(() => app.close());

  it('grants a listed origin exactly, with credentials', async () => {
    const res = await app.inject({ method: 'GET', url: '/health', headers: { origin: ALLOWED } });
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers.vary).toMatch(/origin/i);
  });

  it('answers a preflight from a listed origin', async () => {
    const res = await preflight(app, ALLOWED);
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
  });

  it('answers an OPTIONS without Access-Control-Request-Method like a preflight, not with a text/plain 400', async () => {
    const res = await app.inject({ method: 'OPTIONS', url: '/items', headers: { origin: ALLOWED } });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
  });

  it.each(['https://evil.example', 'https://app.example.com.evil.example', 'http://app.example.com', 'null'])(
    'gives %s no Access-Control-Allow-Origin and logs cors.rejected',
    async (origin) => {
      const res = await app.inject({ method: 'GET', url: '/health', headers: { origin } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(logs).toContainEqual(expect.objectContaining({ event: 'cors.rejected', origin }));
    },
  );

  it('gives a preflight from an unlisted origin no CORS grant', async () => {
    const res = await preflight(app, 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('allows no cross-origin access by default', async () => {
    const { app: closed } = await buildTestApp();
    const res = await closed.inject({ method: 'GET', url: '/health', headers: { origin: ALLOWED } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight(closed, ALLOWED)).headers['access-control-allow-origin']).toBeUndefined();
    await closed.close();
  });

  it('allows * only without credentials', async () => {
    const { app: open } = await buildTestApp({ CORS_ORIGINS: '*' });
    const res = await open.inject({ method: 'GET', url: '/health', headers: { origin: 'https://anyone.example' } });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    await open.close();
    expect(() => loadConfig({ ...testEnv, CORS_ORIGINS: '*', CORS_CREDENTIALS: 'true' })).toThrow(
      'CORS_ORIGINS must not be * when CORS_CREDENTIALS=true',
    );
  });

  it.each(['https://app.example.com/', 'https://*.example.com', 'app.example.com'])('refuses %s as an origin', (origin) => {
    expect(() => loadConfig({ ...testEnv, CORS_ORIGINS: origin })).toThrow(/^CORS_ORIGINS must be a comma list of exact origins/);
  });
});
