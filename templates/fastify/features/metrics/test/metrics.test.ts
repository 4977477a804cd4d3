import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { securityEvent } from '../src/security-events.js';
import { buildTestApp, productionEnv, testEnv } from './helpers.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

describe('metrics', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await buildTestApp({ METRICS_TOKEN: TOKEN }));
  });
  afterAll(() => app.close());

  const scrape = (authorization?: string) =>
    app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

  it.each([
    ['no credentials', undefined],
    ['a wrong token', 'Bearer metrics-token-for-tests-012345678X'],
    ['a prefix of the token', 'Bearer metrics-token'],
    ['the token under another scheme', `Basic ${TOKEN}`],
    ['the bare token', TOKEN],
  ])('refuses %s with 401', async (_label, authorization) => {
    const res = await scrape(authorization);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).not.toContain('http_requests_total');
  });

  it('serves Prometheus text with request counters to the right token', async () => {
    await app.inject({ method: 'GET', url: '/health' });
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/^http_requests_total\{method="GET",route="\/health",status_code="200"\} \d+/m);
    expect(res.body).toContain('http_request_duration_seconds_bucket');
  });

  it('counts security events by name', async () => {
    securityEvent(app.log, 'auth.failure', { reason: 'test' });
    securityEvent(app.log, 'auth.failure', { reason: 'test' });
    const body = (await scrape(`Bearer ${TOKEN}`)).body;
    const count = Number(/^security_events_total\{event="auth\.failure"\} (\d+)/m.exec(body)?.[1]);
    expect(count).toBeGreaterThanOrEqual(2);
  });

  it('labels unmatched URLs as one route, not one series per URL', async () => {
    await app.inject({ method: 'GET', url: '/random-1234' });
    const body = (await scrape(`Bearer ${TOKEN}`)).body;
    expect(body).toContain('route="unmatched"');
    expect(body).not.toContain('random-1234');
  });

  it('is not served at all without METRICS_TOKEN (outside production)', async () => {
    const { app: open } = await buildTestApp({ METRICS_TOKEN: '' });
    expect((await open.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    await open.close();
  });

  it('requires a token of at least 16 characters, and one in production', () => {
    expect(() => loadConfig({ ...testEnv, METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN must be at least 16 characters');
    expect(() => loadConfig({ ...productionEnv, METRICS_TOKEN: '' })).toThrow('METRICS_TOKEN is required in production');
    expect(loadConfig(productionEnv).metricsToken).toBeDefined();
  });
});
