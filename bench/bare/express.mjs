// Bare Express baseline: the same two routes as the generated app, no security controls
// except the JWT check itself (jose, HS256, iss/aud/exp pinned like the generated app).
import { webcrypto } from 'node:crypto';
import express from 'express';
import { jwtVerify } from 'jose';

// Imported once as a CryptoKey, as the generated apps do: jose would convert a KeyObject on every verify.
const key = await webcrypto.subtle.importKey('raw', Buffer.from(process.env.JWT_SECRET, 'utf8'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
const verifyOptions = { algorithms: ['HS256'], issuer: process.env.JWT_ISSUER, audience: process.env.JWT_AUDIENCE, requiredClaims: ['exp', 'sub'] };

const app = express();
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
