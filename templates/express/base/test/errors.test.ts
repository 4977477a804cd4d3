import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { authHeaders, buildTestApp, expectProblem } from './helpers.js';

/** Express's default error handler prints stack traces outside production: every environment is checked. */
describe.each(['development', 'test'])('errors are problem+json (NODE_ENV=%s)', (NODE_ENV) => {
  const failing = buildTestApp(
    { NODE_ENV },
    {
      mount: (app) => {
        app.get('/boom', () => {
          throw new Error('secret internal detail at /srv/app/db.ts');
        });
        // Rejects asynchronously: Express 5 must still route it to the error handler.
        app.get('/boom-async', async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          throw new Error('async secret detail');
        });
      },
    },
  );

  it('an unknown route is a 404 problem', async () => {
    const res = await request(failing.app).get('/no-such-route');
    expectProblem(res, 404);
  });

  it('an exception in a handler is a generic 500 problem, logged but never shown', async () => {
    for (const path of ['/boom', '/boom-async']) {
      const res = await request(failing.app).get(path);
      expectProblem(res, 500);
      expect(res.text).not.toMatch(/secret|stack|\/srv|Error:|express/i);
    }
    expect(failing.logs.some((line) => JSON.stringify(line).includes('async secret detail'))).toBe(true);
  });

  it('malformed JSON is a 400 problem without parser internals', async () => {
    const { app } = buildTestApp({ NODE_ENV });
    const res = await request(app).post('/items').set(await authHeaders()).set('Content-Type', 'application/json').send('{"name": "x",');
    expectProblem(res, 400);
    expect(res.text).not.toMatch(/Unexpected|position|SyntaxError|at .*\.js/);
  });

  it('a body over BODY_LIMIT_BYTES is a 413 problem', async () => {
    const { app } = buildTestApp({ NODE_ENV, BODY_LIMIT_BYTES: '64' });
    const res = await request(app)
      .post('/items')
      .set(await authHeaders())
      .send({ name: 'x'.repeat(100) });
    expectProblem(res, 413);
  });

  it('a body in another Content-Type is a 415 problem', async () => {
    const { app } = buildTestApp({ NODE_ENV });
    const res = await request(app).post('/items').set(await authHeaders()).set('Content-Type', 'text/plain').send('name=x');
    expectProblem(res, 415);
  });

  it('bad URL encoding is a 400 problem', async () => {
    const { app } = buildTestApp({ NODE_ENV });
    const res = await request(app).get('/items/%E0%A4%A').set(await authHeaders());
    expectProblem(res, 400);
  });

  it('never sends X-Powered-By', async () => {
    const res = await request(failing.app).get('/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const error = await request(failing.app).get('/boom');
    expect(error.headers['x-powered-by']).toBeUndefined();
  });
});
