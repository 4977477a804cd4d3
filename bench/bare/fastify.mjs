// Bare Fastify baseline: the same two routes as the generated app, no security controls
// except the JWT check itself (jose, HS256, iss/aud/exp pinned like the generated app).
import { webcrypto } from 'node:crypto';
import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import { destination } from 'pino';

// Imported once as a CryptoKey, as the generated apps do: jose would convert a KeyObject on every verify.
const key = await webcrypto.subtle.importKey('raw', Buffer.from(process.env.JWT_SECRET, 'utf8'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
const verifyOptions = { algorithms: ['HS256'], issuer: process.env.JWT_ISSUER, audience: process.env.JWT_AUDIENCE, requiredClaims: ['exp', 'sub'] };

// Reference points for the report (bench/run.js, "What the goals allow"): BENCH_EXTRA=log adds
// one info line per request through Fastify's own logger (pino, buffered, to the same kind of
// file as the generated app); BENCH_EXTRA=burn:N adds N µs of busy work per request.
const extra = process.env.BENCH_EXTRA ?? '';
const burnNs = extra.startsWith('burn:') ? BigInt(Math.round(Number(extra.slice(5)) * 1000)) : 0n;
const logLine = extra === 'log';

const app = Fastify({
  logger: logLine ? { level: 'info', stream: destination({ dest: 1, sync: false, minLength: 4096 }) } : false,
  disableRequestLogging: true,
});
if (logLine) {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ method: request.method, path: request.url, statusCode: reply.statusCode, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });
}
if (burnNs > 0n) {
  app.addHook('onRequest', (_request, _reply, done) => {
    const start = process.hrtime.bigint();
    while (process.hrtime.bigint() - start < burnNs);
    done();
  });
}
app.get('/health', async () => ({ status: 'ok' }));
app.get('/me', async (request, reply) => {
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return reply.code(401).send({ status: 401 });
  try {
    const { payload } = await jwtVerify(header.slice(7), key, verifyOptions);
    return { sub: payload.sub, roles: Array.isArray(payload.roles) ? payload.roles : [], auth: 'jwt' };
  } catch {
    return reply.code(401).send({ status: 401 });
  }
});
await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
