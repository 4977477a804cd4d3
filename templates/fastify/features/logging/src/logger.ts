import type { FastifyServerOptions } from 'fastify';
import { destination, type DestinationStream } from 'pino';
import type { Config } from './config.js';

/**
 * Credentials never reach log storage: whoever reads the logs (a vendor, an
 * intern, an attacker with a foothold) must not be able to replay them.
 */
const redact = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'password',
  '*.password',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'secret',
  '*.secret',
];

/**
 * One JSON object per line; `stream` lets tests capture the lines. By default
 * they go to stdout through a buffer: one write syscall per 4 KiB of lines
 * (about 20 requests) instead of one blocking write per request, and at most
 * a second late when traffic is low. pino flushes the buffer when the process
 * exits (process.exit in server.ts on shutdown, an uncaught error), so those
 * lose no line.
 */
export function loggerOptions(config: Config, stream?: DestinationStream): NonNullable<FastifyServerOptions['logger']> {
  return {
    level: config.logLevel,
    redact: { paths: redact, censor: '[REDACTED]' },
    stream: stream ?? destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 }),
  };
}
