import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { authHeaders, buildTestApp, productionEnv, testEnv } from './helpers.js';

const PROBLEM = /^application\/problem\+json/;

describe('HTTPS enforcement', () => {
  it('redirects a plain-HTTP GET with 308 to https:// + Host + path and query', async () => {
    const { app, logs } = await buildTestApp({ FORCE_HTTPS: 'true' });
    const res = await app.inject({ method: 'GET', url: '/items?page=2&q=a%20b', headers: { host: 'api.example.com' } });
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe('https://api.example.com/items?page=2&q=a%20b');
    expect(logs).toContainEqual(expect.objectContaining({ event: 'https.rejected' }));
    await app.close();
  });

  it('redirects HEAD too', async () => {
    const { app } = await buildTestApp({ FORCE_HTTPS: 'true' });
    const res = await app.inject({ method: 'HEAD', url: '/items', headers: { host: 'api.example.com:8443' } });
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe('https://api.example.com:8443/items');
    await app.close();
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'] as const)('refuses a plain-HTTP %s with a 403 problem, no redirect', async (method) => {
    const { app } = await buildTestApp({ FORCE_HTTPS: 'true' });
    const res = await app.inject({ method, url: '/items', headers: { host: 'api.example.com' }, payload: { name: 'n' } });
    expect(res.statusCode).toBe(403);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['content-type']).toMatch(PROBLEM);
    await app.close();
  });

  it('never takes the redirect host from X-Forwarded-Host, even from a trusted proxy', async () => {
    const { app } = await buildTestApp({ FORCE_HTTPS: 'true', TRUST_PROXY: '127.0.0.1' });
    const res = await app.inject({
      method: 'GET',
      url: '/items',
      headers: { host: 'api.example.com', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' },
    });
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe('https://api.example.com/items');
    await app.close();
  });

  it('treats X-Forwarded-Proto: https from a trusted proxy as HTTPS and sends HSTS', async () => {
    const { app } = await buildTestApp({ FORCE_HTTPS: 'true', TRUST_PROXY: '127.0.0.1' });
    const headers = { host: 'api.example.com', 'x-forwarded-proto': 'https', ...(await authHeaders()) };
    for (const url of ['/items', '/nowhere']) {
      const res = await app.inject({ method: 'GET', url, headers });
      expect(res.statusCode).not.toBe(308);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
    const invalid = await app.inject({ method: 'POST', url: '/items', headers, payload: { nope: true } });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    await app.close();
  });

  it('trusts a hop count in TRUST_PROXY', async () => {
    const { app } = await buildTestApp({ FORCE_HTTPS: 'true', TRUST_PROXY: '1' });
    const res = await app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toBeDefined();
    await app.close();
  });

  it.each([
    ['no TRUST_PROXY', {}],
    ['a different proxy address', { TRUST_PROXY: '10.0.0.1' }],
  ])('ignores X-Forwarded-Proto from an untrusted peer (%s)', async (_label, env) => {
    const { app } = await buildTestApp({ FORCE_HTTPS: 'true', ...env });
    const res = await app.inject({ method: 'GET', url: '/items', headers: { host: 'api.example.com', 'x-forwarded-proto': 'https' } });
    expect(res.statusCode).toBe(308);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    await app.close();
  });

  it('uses HSTS_MAX_AGE and sends no HSTS over plain HTTP', async () => {
    const { app } = await buildTestApp({ FORCE_HTTPS: 'false', HSTS_MAX_AGE: '600', TRUST_PROXY: '127.0.0.1' });
    const secure = await app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(secure.headers['strict-transport-security']).toBe('max-age=600; includeSubDomains');
    const plain = await app.inject({ method: 'GET', url: '/health' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    await app.close();
  });

  it('exempts /health from HTTPS enforcement', async () => {
    const { app } = await buildTestApp({ FORCE_HTTPS: 'true' });
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    await app.close();
  });

  it('answers 400 to a Host not in ALLOWED_HOSTS, and serves listed hosts', async () => {
    const { app } = await buildTestApp({ ALLOWED_HOSTS: 'api.example.com, www.example.com' });
    const evil = await app.inject({ method: 'GET', url: '/items', headers: { host: 'evil.example' } });
    expect(evil.statusCode).toBe(400);
    expect(evil.headers['content-type']).toMatch(PROBLEM);
    const good = await app.inject({ method: 'GET', url: '/items', headers: { host: 'API.example.com:443', ...(await authHeaders()) } });
    expect(good.statusCode).toBe(200);
    await app.close();
  });

  it('answers 400 to a malformed Host instead of building a URL from it', async () => {
    const { app } = await buildTestApp({ FORCE_HTTPS: 'true' });
    const res = await app.inject({ method: 'GET', url: '/items', headers: { host: 'evil.example/@x' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers.location).toBeUndefined();
    await app.close();
  });

  it('is on by default in production only, and validates HSTS_MAX_AGE', () => {
    expect(loadConfig({ ...testEnv, NODE_ENV: 'development' }).forceHttps).toBe(false);
    expect(loadConfig(productionEnv).forceHttps).toBe(true);
    expect(() => loadConfig({ ...testEnv, HSTS_MAX_AGE: '-1' })).toThrow('HSTS_MAX_AGE must be an integer ≥ 0');
    expect(() => loadConfig({ ...testEnv, FORCE_HTTPS: 'yes' })).toThrow('FORCE_HTTPS must be true or false');
  });
});
