import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { securityEvent } from '../src/security-events.js';
import { buildTestApp, testEnv } from './helpers.js';

const TOKEN = 'metrics-token-for-tests-0123';

describe('metrics', () => {
  it('GET /metrics needs the bearer METRICS_TOKEN', async () => {
    const { app } = buildTestApp({ METRICS_TOKEN: TOKEN });
    const missing = await request(app).get('/metrics');
    expect(missing.status).toBe(401);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await request(app).get('/metrics').set('Authorization', `Basic ${TOKEN}`)).status).toBe(401);

    const ok = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    expect(ok.text).toContain('# TYPE security_events_total counter');
    expect(ok.text).toMatch(/^http_requests_total\{method="GET",route="\/metrics",status_code="401"\} \d+$/m);
  });

  it('counts and times every request by method, route pattern and status', async () => {
    const { app } = buildTestApp({ METRICS_TOKEN: TOKEN });
    const scrape = async (): Promise<string> => (await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).text;
    const value = (text: string, series: string): number => {
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
      return Number(line?.split(' ')[1] ?? 0);
    };
    const health = 'method="GET",route="/health",status_code="200"';
    const unmatched = 'method="GET",route="unmatched",status_code="404"';
    const before = await scrape();
    await request(app).get('/health');
    await request(app).get('/health');
    await request(app).get('/no/such/route');
    const after = await scrape();
    expect(value(after, `http_requests_total{${health}}`) - value(before, `http_requests_total{${health}}`)).toBe(2);
    expect(value(after, `http_request_duration_seconds_count{${health}}`) - value(before, `http_request_duration_seconds_count{${health}}`)).toBe(2);
    expect(value(after, `http_requests_total{${unmatched}}`) - value(before, `http_requests_total{${unmatched}}`)).toBe(1);
  });

  it('counts security events as security_events_total{event}', async () => {
    const { app } = buildTestApp({ METRICS_TOKEN: TOKEN });
    const scrape = async (): Promise<number> => {
      const text = (await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).text;
      const match = /^security_events_total\{event="authz\.denied"\} (\d+)$/m.exec(text);
      return Number(match?.[1] ?? 0);
    };
    const before = await scrape();
    securityEvent(pino({ level: 'silent' }), 'authz.denied');
    securityEvent(pino({ level: 'silent' }), 'authz.denied');
    expect(await scrape()).toBe(before + 2);
  });

  it('is off (404) without a token outside production, and a token is required in production', async () => {
    const { app } = buildTestApp();
    expect((await request(app).get('/metrics')).status).toBe(404);
    expect(() => loadConfig({ ...testEnv, NODE_ENV: 'production' })).toThrow('config error: METRICS_TOKEN is required in production');
    expect(() => loadConfig({ ...testEnv, METRICS_TOKEN: 'short' })).toThrow(/^config error: METRICS_TOKEN /);
  });
});
