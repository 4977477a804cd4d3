import { once } from 'node:events';
import { connect } from 'node:net';
import { expect } from 'vitest';

/**
 * The external probe: CONTRACT.md rows checked over a real socket against a
 * running all-features API. The same probe runs against every framework.
 */
export interface ProbeTarget {
  base: string;
  /** Host header value the server sees, e.g. 127.0.0.1:40123. */
  host: string;
  username: string;
  password: string;
  apiKey: string;
  metricsToken: string;
  allowedOrigin: string;
  authRateLimit: number;
  /** REQUEST_TIMEOUT_SECONDS the server runs with. */
  requestTimeoutSeconds: number;
}

const https = { 'x-forwarded-proto': 'https' };

function expectSecurityHeaders(res: Response): void {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  const csp = (res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  expect(res.headers.get('cache-control')).toContain('no-store');
  expect(res.headers.get('x-powered-by')).toBeNull();
}

async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status });
  for (const key of ['type', 'title', 'detail']) expect(typeof body[key]).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js|py):\d+|Traceback|fastify|express|starlette/i);
  return body;
}

/** Sends the start of a request and nothing more: what comes back, and when the server hung up. */
async function slowRequest(base: string, start: string): Promise<{ answer: string; seconds: number }> {
  const { hostname, port } = new URL(base);
  const started = Date.now();
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(start);
  let answer = '';
  for await (const chunk of socket) answer += String(chunk);
  return { answer, seconds: (Date.now() - started) / 1000 };
}

/** One kept-alive connection: sends GET /health on it and reads the whole answer each time. */
async function keptAliveConnection(base: string): Promise<{ health(): Promise<string>; close(): void }> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  let received = '';
  let closed = false;
  socket.on('data', (chunk) => (received += String(chunk)));
  socket.on('close', () => (closed = true));
  const complete = (): boolean => {
    const end = received.indexOf('\r\n\r\n');
    const length = /content-length: (\d+)/i.exec(received)?.[1];
    return end !== -1 && length !== undefined && Buffer.byteLength(received.slice(end + 4)) >= Number(length);
  };
  return {
    async health() {
      received = '';
      if (closed) return '(closed by the server)';
      socket.write('GET /health HTTP/1.1\r\nHost: probe\r\n\r\n');
      for (let waited = 0; !complete() && !closed && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      return received || '(closed by the server)';
    },
    close: () => socket.destroy(),
  };
}

/** Idle keep-alive connections must outlive a load balancer's idle timeout (AWS ALB: 60 s); Node and uvicorn default to 5 s. */
const KEEP_ALIVE_CHECK_MS = 6_000;

export async function probe(t: ProbeTarget): Promise<{ secrets: string[] }> {
  const url = (path: string): string => `${t.base}${path}`;

  // Checked at the end, after the connection has idled for longer than the 5-s defaults.
  const keptAlive = await keptAliveConnection(t.base);
  const firstOnKeptAlive = await keptAlive.health();
  expect(firstOnKeptAlive).toMatch(/^HTTP\/1\.1 200 /);
  const keptAliveSince = Date.now();
  // Node servers announce their idle timeout (uvicorn does not): 72 s, beyond a load balancer's 60 s.
  const announced = /^keep-alive: timeout=(\d+)/im.exec(firstOnKeptAlive)?.[1];
  if (announced !== undefined) expect(Number(announced)).toBe(72);

  // Health: open to anyone, exempt from HTTPS enforcement, carries every header.
  const health = await fetch(url('/health'));
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  expectSecurityHeaders(health);
  expect(health.headers.get('x-request-id')).toBeTruthy();
  const echoed = await fetch(url('/health'), { headers: { 'x-request-id': 'probe-123' } });
  expect(echoed.headers.get('x-request-id')).toBe('probe-123');

  // Headers over 16 KiB are refused by the server before any handler, as a problem that still carries the headers.
  const oversized = await fetch(url('/health'), { headers: { 'x-padding': 'a'.repeat(17_000) } });
  expectSecurityHeaders(oversized);
  await expectProblem(oversized, 431);

  // Headers sent a byte at a time (slowloris): 408 problem and the connection closed, once REQUEST_TIMEOUT_SECONDS are up.
  const slow = await slowRequest(t.base, 'GET /health HTTP/1.1\r\nHost: x\r\nX-Drip: a\r\n');
  expect(slow.answer).toMatch(/^HTTP\/1\.1 408 /);
  expect(slow.answer).toMatch(/content-type: application\/problem\+json/i);
  expect(slow.answer).toMatch(/x-content-type-options: nosniff/i);
  expect(slow.seconds).toBeGreaterThanOrEqual(t.requestTimeoutSeconds - 0.1);
  expect(slow.seconds).toBeLessThan(t.requestTimeoutSeconds + 3);

  // Requests Node would answer itself, outside every hook, get the API's own answer with
  // the headers: no Host is refused by the Host check as a problem; an unknown Expect is ignored.
  const noHost = (await slowRequest(t.base, 'GET /items HTTP/1.1\r\nConnection: close\r\n\r\n')).answer;
  expect(noHost).toMatch(/^HTTP\/1\.1 400 /);
  expect(noHost).toMatch(/content-type: application\/problem\+json/i);
  expect(noHost).toMatch(/x-content-type-options: nosniff/i);
  const oddExpect = (await slowRequest(t.base, 'GET /health HTTP/1.1\r\nHost: probe\r\nExpect: bogus\r\nConnection: close\r\n\r\n')).answer;
  expect(oddExpect).toMatch(/^HTTP\/1\.1 200 /);
  expect(oddExpect).toMatch(/x-content-type-options: nosniff/i);

  // Plain HTTP in production: GET redirects to https on the request's Host, writes are refused.
  const redirect = await fetch(url('/items?page=2'), { redirect: 'manual', headers: { 'x-forwarded-host': 'evil.example' } });
  expect(redirect.status).toBe(308);
  expect(redirect.headers.get('location')).toBe(`https://${t.host}/items?page=2`);
  expectSecurityHeaders(redirect);
  const plainWrite = await fetch(url('/items'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
  expectSecurityHeaders(plainWrite);
  await expectProblem(plainWrite, 403);

  // Behind the trusted proxy saying https: HSTS, problem+json 404.
  const missing = await fetch(url('/no-such-route'), { headers: https });
  await expectProblem(missing, 404);
  expectSecurityHeaders(missing);
  expect(missing.headers.get('strict-transport-security')).toMatch(/max-age=\d+; includeSubDomains/);

  // Authentication.
  const anonymous = await fetch(url('/items'), { headers: https });
  await expectProblem(anonymous, 401);
  const challenge = anonymous.headers.get('www-authenticate') ?? '';
  expect(challenge).toMatch(/Bearer/);
  expect(challenge).toMatch(/ApiKey/);

  const form = new URLSearchParams({ grant_type: 'password', username: t.username, password: t.password });
  const wrong = await fetch(url('/auth/token'), { method: 'POST', headers: https, body: new URLSearchParams({ grant_type: 'password', username: t.username, password: 'wrong-password' }) });
  await expectProblem(wrong, 401);
  const tokenResponse = await fetch(url('/auth/token'), { method: 'POST', headers: https, body: form });
  expect(tokenResponse.status).toBe(200);
  const token = (await tokenResponse.json()) as { access_token: string; token_type: string; expires_in: number };
  expect(token.token_type).toBe('bearer');
  expect(token.expires_in).toBeGreaterThan(0);
  const bearer = { ...https, authorization: `Bearer ${token.access_token}` };

  const me = await fetch(url('/me'), { headers: bearer });
  expect(me.status).toBe(200);
  expect(await me.json()).toMatchObject({ sub: t.username, auth: 'jwt' });
  const keyMe = await fetch(url('/me'), { headers: { ...https, 'x-api-key': t.apiKey } });
  expect(keyMe.status).toBe(200);
  expect(await keyMe.json()).toMatchObject({ auth: 'apikey' });
  await expectProblem(await fetch(url('/me'), { headers: { ...https, authorization: 'Bearer not.a.token', 'x-api-key': t.apiKey } }), 401);

  // Items: validation, ownership.
  const json = { ...bearer, 'content-type': 'application/json' };
  const created = await fetch(url('/items'), { method: 'POST', headers: json, body: JSON.stringify({ name: 'probe', tags: ['a'] }) });
  expect(created.status).toBe(201);
  const location = created.headers.get('location');
  expect(location).toBeTruthy();
  expect((await fetch(url(location!), { headers: bearer })).status).toBe(200);
  await expectProblem(await fetch(url(location!), { headers: { ...https, 'x-api-key': t.apiKey } }), 404);
  const invalid = await expectProblem(await fetch(url('/items'), { method: 'POST', headers: json, body: JSON.stringify({ name: 'x', isAdmin: true }) }), 422);
  expect(Array.isArray(invalid.errors)).toBe(true);
  await expectProblem(await fetch(url('/items'), { method: 'POST', headers: json, body: '{"name": ' }), 400);
  await expectProblem(await fetch(url('/items'), { method: 'POST', headers: { ...bearer, 'content-type': 'text/plain' }, body: 'name' }), 415);
  await expectProblem(await fetch(url('/items'), { method: 'POST', headers: json, body: JSON.stringify({ name: 'x'.repeat(200_000) }) }), 413);

  // Authorization.
  const stats = await fetch(url('/admin/stats'), { headers: bearer });
  expect(stats.status).toBe(200);

  // Metrics behind their token.
  await expectProblem(await fetch(url('/metrics'), { headers: https }), 401);
  const metrics = await fetch(url('/metrics'), { headers: { ...https, authorization: `Bearer ${t.metricsToken}` } });
  expect(metrics.status).toBe(200);
  expect(await metrics.text()).toMatch(/security_events_total\{[^}]*event="auth\.failure"/);

  // CORS: the allow-list only.
  const allowed = await fetch(url('/health'), { headers: { origin: t.allowedOrigin } });
  expect(allowed.headers.get('access-control-allow-origin')).toBe(t.allowedOrigin);
  const denied = await fetch(url('/health'), { headers: { origin: 'https://evil.example' } });
  expect(denied.headers.get('access-control-allow-origin')).toBeNull();

  // The stricter limit on the token endpoint, with the RateLimit headers.
  let limited: Response | undefined;
  for (let i = 0; i < t.authRateLimit + 2 && !limited; i++) {
    const res = await fetch(url('/auth/token'), { method: 'POST', headers: https, body: new URLSearchParams({ grant_type: 'password', username: 'nobody', password: 'x' }) });
    if (res.status === 429) limited = res;
  }
  expect(limited, 'the auth endpoint never answered 429').toBeDefined();
  await expectProblem(limited!, 429);
  expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(limited!.headers.get('ratelimit-limit')).toBeTruthy();
  expectSecurityHeaders(limited!);

  // The kept-alive connection from the start, idle all this time, still serves a request.
  await new Promise((r) => setTimeout(r, Math.max(0, keptAliveSince + KEEP_ALIVE_CHECK_MS - Date.now())));
  expect(await keptAlive.health(), 'an idle keep-alive connection was closed within 6 s').toMatch(/^HTTP\/1\.1 200 /);
  keptAlive.close();

  return { secrets: [token.access_token, t.apiKey, t.password, t.metricsToken] };
}
