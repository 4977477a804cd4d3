import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameworkId } from '../../src/catalog/types.js';
import { freePort, start, type Running } from './server.js';
import { generate, linkDeps, run } from './support.js';

/**
 * One limit across many instances (the redis store): two processes of the
 * generated app share a real redis-server that the test starts, stops and
 * starts again.
 */
const frameworks: FrameworkId[] = ['fastify', 'express', 'fastapi'];
const LIMIT = 10;

class RedisServer {
  private child: ResultPromise | undefined;
  constructor(readonly port: number) {}
  async start(): Promise<void> {
    this.child = execa('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { reject: false });
    for (let i = 0; i < 100; i++) {
      const ping = await execa('redis-cli', ['-p', String(this.port), 'ping'], { reject: false });
      if (ping.stdout.trim() === 'PONG') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  }
  async flush(): Promise<void> {
    await execa('redis-cli', ['-p', String(this.port), 'flushall']);
  }
  /** Redis keeps its connections but answers no command for `ms` (as when overloaded). */
  async pause(ms: number): Promise<void> {
    await execa('redis-cli', ['-p', String(this.port), 'client', 'pause', String(ms), 'all']);
  }
  async stop(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.child;
    this.child = undefined;
  }
}

const get = async (port: number): Promise<{ status: number; ms: number; retryAfter: string | null }> => {
  const started = Date.now();
  const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5_000) });
  await res.arrayBuffer();
  return { status: res.status, ms: Date.now() - started, retryAfter: res.headers.get('retry-after') };
};

describe.each(frameworks)('%s: rate limit held in Redis across instances', (framework) => {
  const redis = new RedisServer(0);
  let dir = '';
  const apps: Running[] = [];
  const ports: number[] = [];
  let openPort = 0;
  const linesOf = (app: Running, event: string): number => app.output().split('\n').filter((l) => l.includes(event)).length;
  const storeErrorsOf = (app: Running): number => linesOf(app, 'ratelimit.store_error');
  /** Waits (≤ 3 s) for the first fail-closed instance to log `event` beyond `before`: the client notices an outage on its own, and Fastify writes logs in 4 KiB blocks at least once a second. */
  const eventLogged = async (event: string, before: number): Promise<void> => {
    for (let waited = 0; linesOf(apps[0]!, event) === before && waited < 3_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  };
  const storeErrorLogged = (before: number): Promise<void> => eventLogged('ratelimit.store_error', before);

  const launch = async (failOpen: boolean): Promise<number> => {
    const port = await freePort();
    const env = {
      ...process.env,
      [framework === 'fastapi' ? 'APP_ENV' : 'NODE_ENV']: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      RATE_LIMIT_STORE: 'redis',
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
      RATE_LIMIT_MAX: String(LIMIT),
      RATE_LIMIT_WINDOW_SECONDS: '60',
      RATE_LIMIT_FAIL_OPEN: String(failOpen),
      LOG_LEVEL: 'info',
    } as Record<string, string>;
    apps.push(await start(framework, dir, env, port));
    return port;
  };

  beforeAll(async () => {
    (redis as { port: number }).port = await freePort();
    await redis.start();
    dir = await generate(framework, { label: 'redis-shared', features: ['rate-limit', 'logging'], options: { 'rate-limit-store': 'redis' } });
    if (framework !== 'fastapi') {
      await linkDeps(dir);
      const build = await run('npm', ['run', 'build'], { cwd: dir });
      expect(build.ok, build.output).toBe(true);
    }
    ports.push(await launch(false), await launch(false));
    openPort = await launch(true);
  }, 300_000);

  afterAll(async () => {
    for (const app of apps) await app.stop();
    await redis.stop();
  });

  it(`exactly ${LIMIT} of 30 requests spread over two instances succeed; the rest get 429 with Retry-After`, async () => {
    await redis.flush();
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await get(ports[i % 2]!));
    expect(results.filter((r) => r.status === 200)).toHaveLength(LIMIT);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(30 - LIMIT);
    for (const r of limited) expect(Number(r.retryAfter)).toBeGreaterThan(0);
  });

  it(`a burst of 200 concurrent requests across both instances lets at most ${LIMIT} through`, async () => {
    await redis.flush();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => get(ports[i % 2]!)));
    const ok = results.filter((r) => r.status === 200).length;
    expect(ok).toBeLessThanOrEqual(LIMIT);
    expect(ok).toBeGreaterThan(0);
    expect(results.every((r) => r.status === 200 || r.status === 429)).toBe(true);
  });

  it('with Redis not answering: 503 within a second (fail closed) or through (fail open), logged; limiting resumes after', async () => {
    const before = storeErrorsOf(apps[0]!);
    const recoveredBefore = linesOf(apps[0]!, 'ratelimit.store_recovered');
    const pauseMs = 5_000;
    const pausedAt = Date.now();
    await redis.pause(pauseMs);
    // The first count to fail waits for Redis' timeout (< 1 s); the requests after it are
    // decided at once: an outage must not make every request wait.
    for (const [port, expected] of [[ports[0]!, 503], [openPort, 200]] as const) {
      for (let i = 0; i < 5; i++) {
        const res = await get(port);
        expect(res.status).toBe(expected);
        expect(res.ms).toBeLessThan(i === 0 ? 1_000 : 200);
        if (expected === 503) expect(res.retryAfter).toBe('1');
      }
    }
    expect(Date.now() - pausedAt, 'the requests above must all have been made while Redis was paused').toBeLessThan(pauseMs);
    await storeErrorLogged(before);
    expect(storeErrorsOf(apps[0]!)).toBe(before + 1);

    await new Promise((r) => setTimeout(r, Math.max(0, pauseMs - (Date.now() - pausedAt))));
    // The clients reconnect on their own (a Node client drops a connection whose command timed out):
    // counting works again once the fail-closed instances stop answering 503.
    const deadline = Date.now() + 10_000;
    for (const port of ports) {
      while ((await get(port)).status === 503 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    }
    await redis.flush();
    const after = [];
    for (let i = 0; i < LIMIT + 2; i++) after.push((await get(ports[i % 2]!)).status);
    expect(after.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(after.slice(-2)).toEqual([429, 429]);
    await eventLogged('ratelimit.store_recovered', recoveredBefore);
    expect(linesOf(apps[0]!, 'ratelimit.store_recovered')).toBe(recoveredBefore + 1);
  }, 30_000);

  it('with Redis down: 503 within a second (fail closed) or through (fail open), one store_error per outage; limiting resumes when Redis is back', async () => {
    const before = storeErrorsOf(apps[0]!);
    await redis.stop();
    for (let i = 0; i < 5; i++) {
      const closed = await get(ports[i % 2]!);
      expect(closed.status).toBe(503);
      expect(closed.ms).toBeLessThan(1_000);
      const open = await get(openPort);
      expect(open.status).toBe(200);
      expect(open.ms).toBeLessThan(1_000);
    }
    // The client notices the outage on its own reconnect attempts: give it a moment, then
    // the event must have been logged once for this outage, not once per request.
    await storeErrorLogged(before);
    for (let i = 0; i < 5; i++) expect((await get(ports[0]!)).status).toBe(503);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(storeErrorsOf(apps[0]!)).toBe(before + 1);

    await redis.start();
    // The clients reconnect on their own; within a few seconds limiting works again.
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await get(ports[0]!)).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    await redis.flush();
    const after = [];
    for (let i = 0; i < LIMIT + 3; i++) after.push((await get(ports[i % 2]!)).status);
    expect(after.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(after.slice(-3)).toEqual([429, 429, 429]);
  }, 60_000);
});
