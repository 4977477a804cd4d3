import type { FastifyServerOptions } from 'fastify';
import { pino, destination, type DestinationStream } from 'pino';
import type { Config } from './config.js';
import { RequestLog } from './request-log.js';

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
 * The app's logger and the per-request line (request-log.ts), writing to one
 * stream of JSON lines; `stream` lets tests capture them. By default they go
 * to stdout through a 4 KiB buffer: one write syscall per ~20 requests instead
 * of one per request, at most a second late when traffic is low. The buffer
 * is written asynchronously because pino flushes an asynchronous destination
 * when the process exits (process.exit in server.ts on shutdown, an uncaught
 * error), so those lose no line; a synchronous one with a buffer would lose
 * its last lines there. A SIGKILL can still lose the last second.
 */
export function loggingOptions(config: Config, stream?: DestinationStream): Pick<FastifyServerOptions, 'loggerInstance' | 'logController'> {
  const out = stream ?? destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 });
  // The request line holds only method, path (query removed), status, ip,
  // duration and request id: nothing secret, so it skips the redaction pass,
  // which would otherwise be the largest cost of every request's line.
  const requestLines = pino({ level: config.logLevel }, out);
  return {
    loggerInstance: pino({ level: config.logLevel, redact: { paths: redact, censor: '[REDACTED]' } }, out),
    logController: new RequestLog(requestLines),
  };
}
