import type { Feature } from '../types.js';
import { authApikey } from './auth-apikey.js';
import { authJwt } from './auth-jwt.js';
import { cors } from './cors.js';
import { headers } from './headers.js';
import { https } from './https.js';
import { logging } from './logging.js';
import { metrics } from './metrics.js';
import { rateLimit } from './rate-limit.js';
import { rbac } from './rbac.js';
import { supplyChain } from './supply-chain.js';

/** Every feature rampart can generate; a new feature is one module added here. */
export const features: readonly Feature[] = [
  logging,
  metrics,
  https,
  headers,
  cors,
  rateLimit,
  authJwt,
  authApikey,
  rbac,
  supplyChain,
].sort((a, b) => a.order - b.order);
