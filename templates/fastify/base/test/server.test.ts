import { once } from 'node:events';
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';

/** The same app behind a real socket: what a client actually receives. */
describe('over a real HTTP connection', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    ({ app } = await buildTestApp());
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  it('GET /health answers 200', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('an unknown route is a 404 problem', async () => {
    const res = await fetch(`${base}/does-not-exist`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not Found' });
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('a request arriving during shutdown gets a 503 problem while in-flight requests finish', async () => {
    const { app: closing } = await buildTestApp();
    let release = (): void => undefined;
    closing.get('/slow', async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { done: true };
    });
    const url = new URL(await closing.listen({ host: '127.0.0.1', port: 0 }));
    const inFlight = fetch(new URL('/slow', url));
    // A second client has started sending its request when the shutdown begins.
    const socket = connect(Number(url.port), url.hostname);
    await once(socket, 'connect');
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = closing.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.write('\r\n');
    const [late] = (await once(socket, 'data')) as [Buffer];
    socket.destroy();
    const text = late.toString('utf8');
    expect(text).toMatch(/^HTTP\/1\.1 503 /);
    expect(text).toMatch(/content-type: application\/problem\+json/i);
    release();
    expect((await inFlight).status).toBe(200);
    await closed;
  });
});
