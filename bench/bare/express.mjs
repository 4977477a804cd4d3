// Bare Express baseline: the same two routes as the generated app, no security controls
// except the JWT check itself (jose, HS256, iss/aud/exp pinned like the generated app).
import { webcrypto } from 'node:crypto';
import express from 'express';
import { jwtVerify } from 'jose';
import { destination, pino } from 'pino';

// Imported once as a CryptoKey, as the generated apps do: jose would convert a KeyObject on every verify.
const key = await webcrypto.subtle.importKey('raw', Buffer.from(process.env.JWT_SECRET, 'utf8'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
const verifyOptions = { algorithms: ['HS256'], issuer: process.env.JWT_ISSUER, audience: process.env.JWT_AUDIENCE, requiredClaims: ['exp', 'sub'] };

// Reference points for the report (bench/run.js, "What the goals allow"): BENCH_EXTRA=log adds
// one info line per request through pino (buffered, to the same kind of file as the generated
// app); BENCH_EXTRA=burn:N adds N µs of busy work per request.
const extra = process.env.BENCH_EXTRA ?? '';
const burnNs = extra.startsWith('burn:') ? BigInt(Math.round(Number(extra.slice(5)) * 1000)) : 0n;

const app = express();
if (extra === 'log') {
  const logger = pino({ level: 'info' }, destination({ dest: 1, sync: false, minLength: 4096 }));
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info({ method: req.method, path: req.path, statusCode: res.statusCode, responseTime: Number(process.hrtime.bigint() - start) / 1e6 }, 'request completed');
    });
    next();
  });
}
if (burnNs > 0n) {
  app.use((_req, _res, next) => {
    const start = process.hrtime.bigint();
    while (process.hrtime.bigint() - start < burnNs);
    next();
  });
}
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get('/me', async (req, res) => {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return res.status(401).json({ status: 401 });
  try {
    const { payload } = await jwtVerify(header.slice(7), key, verifyOptions);
    res.json({ sub: payload.sub, roles: Array.isArray(payload.roles) ? payload.roles : [], auth: 'jwt' });
  } catch {
    res.status(401).json({ status: 401 });
  }
});
const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
