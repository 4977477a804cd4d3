import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, buildTestApp } from './helpers.js';

const PROBLEM = /^application\/problem\+json/;

/** Nothing that identifies the framework or the code may reach a client. */
function expectNoLeak(body: string): void {
  expect(body).not.toMatch(/fastify|FST_|stack|at .+\(.+:\d+:\d+\)|\/src\/|node_modules|SyntaxError|Unexpected token/i);
}

describe('problem+json errors', () => {
  let app: FastifyInstance;
  let auth: Record<string, string>;
  beforeAll(async () => {
    ({ app } = await buildTestApp({ BODY_LIMIT_BYTES: '1024' }));
    auth = await authHeaders();
  });
  afterAll(() => app.close());

  it('unknown route: 404 problem', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json()).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: expect.any(String) });
    expectNoLeak(res.body);
  });

  it('malformed JSON: 400 problem', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/items',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json()).toMatchObject({ status: 400, title: 'Bad Request' });
    expectNoLeak(res.body);
  });

  it('body over BODY_LIMIT_BYTES: 413 problem', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/items',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x', tags: ['y'.repeat(2000)] }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json()).toMatchObject({ status: 413 });
  });

  it.each(['text/xml', 'text/plain'])('unsupported Content-Type %s: 415 problem', async (type) => {
    const res = await app.inject({
      method: 'POST',
      url: '/items',
      headers: { ...auth, 'content-type': type },
      payload: '<item><name>x</name></item>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json()).toMatchObject({ status: 415 });
  });

  it('exception in a handler: 500 with a generic detail, the error goes to the log only', async () => {
    const { app: logged, logs } = await buildTestApp();
    logged.get('/boom', async () => {
      throw new Error('secret database password in /srv/app/db.ts');
    });
    const res = await logged.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred.',
    });
    expect(res.body).not.toContain('secret');
    expectNoLeak(res.body);
    expect(JSON.stringify(logs)).toContain('secret database password');
    await logged.close();
  });

  it('bad URL encoding: 400 problem', async () => {
    const res = await app.inject({ method: 'GET', url: '/items/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expectNoLeak(res.body);
  });
});
