import type { EnvVar } from '../types.js';

/** Variables every generated API reads, whatever its framework (CONTRACT.md). */
export const baseEnv: readonly EnvVar[] = [
  { name: 'PORT', default: '3000', rule: 'integer 1–65535', description: 'Port to listen on.' },
  {
    name: 'HOST',
    default: '127.0.0.1',
    rule: 'interface address',
    description: 'Interface to bind; the Dockerfile sets 0.0.0.0.',
  },
  {
    name: 'NODE_ENV',
    default: 'development',
    rule: 'production, development or test',
    description: 'Production turns off the API docs and turns on HTTPS enforcement by default.',
    frameworks: ['fastify', 'express'],
  },
  {
    name: 'APP_ENV',
    default: 'development',
    rule: 'production, development or test',
    description: 'Production turns off the API docs and turns on HTTPS enforcement by default.',
    frameworks: ['fastapi'],
  },
  {
    name: 'BODY_LIMIT_BYTES',
    default: '102400',
    rule: 'integer ≥ 1',
    description: 'Largest accepted request body; larger bodies get 413.',
  },
  {
    name: 'REQUEST_TIMEOUT_SECONDS',
    default: '30',
    rule: 'integer 1–3600',
    description:
      'Time a client has to send a whole request, headers and body; a slower one gets 408 and is disconnected, so slow senders cannot hold connections open (slowloris).',
  },
  {
    name: 'TRUST_PROXY',
    rule: 'hop count (e.g. 1) or comma list of IPs/CIDRs; `true` is refused',
    description:
      'Which reverse proxies may set X-Forwarded-For/-Proto. Unset trusts none, so clients cannot spoof their address.',
    example: '',
  },
  {
    name: 'DOCS_ENABLED',
    rule: 'true or false',
    description: 'Serve /docs and /openapi.json. Default: on outside production, off in production.',
    example: '',
  },
];
