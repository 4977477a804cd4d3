import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildTestApp, eventsOf, testEnv } from './helpers.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example';

describe('CORS allow-list', () => {
  it('grants exactly a listed origin, varying on Origin', async () => {
    const { app } = buildTestApp({ CORS_ORIGINS: `${APP},https://admin.example.com` });
    const res = await request(app).get('/health').set('Origin', APP);
    expect(res.headers['access-control-allow-origin']).toBe(APP);
    expect(res.headers.vary).toMatch(/origin/i);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('gives an unlisted origin no grant and logs cors.rejected', async () => {
    const { app, logs } = buildTestApp({ CORS_ORIGINS: APP, CORS_CREDENTIALS: 'true' });
    const res = await request(app).get('/health').set('Origin', EVIL);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(eventsOf(logs, 'cors.rejected')).toEqual([expect.objectContaining({ origin: EVIL })]);
  });

  it('does not match origins by prefix or suffix', async () => {
    const { app } = buildTestApp({ CORS_ORIGINS: APP });
    for (const origin of [`${APP}.evil.example`, 'https://evil-app.example.com', 'http://app.example.com', 'null']) {
      const res = await request(app).get('/health').set('Origin', origin);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('answers a listed preflight with the grant, an unlisted one without', async () => {
    const { app } = buildTestApp({ CORS_ORIGINS: APP, CORS_CREDENTIALS: 'true' });
    const preflight = (origin: string) =>
      request(app).options('/items').set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type');
    const granted = await preflight(APP);
    expect(granted.status).toBe(204);
    expect(granted.headers['access-control-allow-origin']).toBe(APP);
    expect(granted.headers['access-control-allow-credentials']).toBe('true');
    expect(granted.headers['access-control-allow-methods']).toContain('POST');
    const refused = await preflight(EVIL);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(refused.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('grants no origin by default', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/health').set('Origin', APP);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows * only without credentials', async () => {
    const { app } = buildTestApp({ CORS_ORIGINS: '*' });
    expect((await request(app).get('/health').set('Origin', EVIL)).headers['access-control-allow-origin']).toBe('*');
    expect(() => loadConfig({ ...testEnv, CORS_ORIGINS: '*', CORS_CREDENTIALS: 'true' })).toThrow(
      'config error: CORS_ORIGINS may be * only when CORS_CREDENTIALS=false',
    );
  });

  it('refuses origins that are not exact origins', () => {
    for (const value of ['app.example.com', 'https://app.example.com/', 'https://*.example.com']) {
      expect(() => loadConfig({ ...testEnv, CORS_ORIGINS: value })).toThrow(/^config error: CORS_ORIGINS /);
    }
  });
});
