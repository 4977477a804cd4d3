import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { securityEvent } from '../src/security-events.js';
import { authHeaders, buildTestApp, testEnv } from './helpers.js';

describe('audit logging', () => {
  let app: FastifyInstance;
  let logs: Record<string, unknown>[];
  beforeAll(async () => {
    ({ app, logs } = await buildTestApp({ LOG_LEVEL: 'info' }));
  });
  afterAll(() => app.close());

  const linesFor = (reqId: string) => logs.filter((line) => line.reqId === reqId);

  it('writes exactly one JSON line per request, with method, path and status', async () => {
    const res = await app.inject({ method: 'GET', url: '/health?token=do-not-log-me' });
    const id = String(res.headers['x-request-id']);
    const lines = linesFor(id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'GET', path: '/health', statusCode: 200, msg: 'request completed' });
    expect(JSON.stringify(logs)).not.toContain('do-not-log-me');
  });

  it('puts only fixed, non-secret fields in the request line (it is not redacted)', async () => {
    const res = await app.inject({ method: 'GET', url: '/health', headers: { authorization: 'Bearer line-secret' } });
    const [line] = linesFor(String(res.headers['x-request-id']));
    expect(Object.keys(line ?? {}).sort()).toEqual(
      ['hostname', 'ip', 'level', 'method', 'msg', 'path', 'pid', 'reqId', 'responseTime', 'statusCode', 'time'].sort(),
    );
    expect(JSON.stringify(line)).not.toContain('line-secret');
  });

  it('also logs one line for a 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/missing' });
    expect(linesFor(String(res.headers['x-request-id']))).toHaveLength(1);
  });

  it('reuses a well-formed incoming X-Request-Id and echoes it', async () => {
    const res = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'abc-123.DEF_4' } });
    expect(res.headers['x-request-id']).toBe('abc-123.DEF_4');
    expect(linesFor('abc-123.DEF_4')).toHaveLength(1);
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['with spaces and markup', 'id <script>alert(1)</script>'],
    ['with a forged JSON fragment', 'x","level":60,"msg":"forged'],
  ])('replaces an X-Request-Id %s with a generated one', async (_label, bad) => {
    const res = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': bad } });
    expect(res.headers['x-request-id']).not.toBe(bad);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('generates a request id when none is sent, and every error answer carries it', async () => {
    const res = await app.inject({ method: 'POST', url: '/items', headers: await authHeaders(), payload: { nope: 1 } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('redacts credentials and passwords in anything logged', () => {
    app.log.info(
      {
        req: { headers: { authorization: 'Bearer eyJsecret', cookie: 'sid=cookie-secret', 'x-api-key': 'key-secret' } },
        body: { username: 'alice', password: 'hunter2' },
        token: 'token-secret',
        access_token: 'access-secret',
      },
      'redaction check',
    );
    const line = JSON.stringify(logs.find((entry) => entry.msg === 'redaction check'));
    for (const secret of ['eyJsecret', 'cookie-secret', 'key-secret', 'hunter2', 'token-secret', 'access-secret']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[REDACTED]');
  });

  it('does not log request headers or bodies with credentials', async () => {
    await app.inject({
      method: 'POST',
      url: '/items',
      headers: { authorization: 'Bearer header-secret', cookie: 'sid=cookie-secret', 'x-api-key': 'apikey-secret' },
      payload: { name: 'n', password: 'body-secret' },
    });
    const all = JSON.stringify(logs);
    for (const secret of ['header-secret', 'cookie-secret', 'apikey-secret', 'body-secret']) expect(all).not.toContain(secret);
  });

  it('writes security events as lines with "event"', async () => {
    const res = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'event-test' } });
    expect(res.statusCode).toBe(200);
    securityEvent(app.log.child({ reqId: 'event-test' }), 'authz.denied', { route: '/admin' });
    expect(linesFor('event-test')).toContainEqual(expect.objectContaining({ event: 'authz.denied', route: '/admin' }));
  });

  it('honours LOG_LEVEL and refuses an unknown level', async () => {
    const quiet = await buildTestApp({ LOG_LEVEL: 'warn' });
    await quiet.app.inject({ method: 'GET', url: '/health' });
    expect(quiet.logs.filter((line) => line.msg === 'request completed')).toHaveLength(0);
    await quiet.app.close();
    expect(() => loadConfig({ ...testEnv, LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...testEnv, LOG_LEVEL: 'verbose' })).toThrow(
      'LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent',
    );
  });
});
