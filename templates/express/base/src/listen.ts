import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { answerClientError } from './client-errors.js';
import type { Config } from './config.js';
import { Lifecycle } from './lifecycle.js';
import { createLogger } from './logger.js';

/** In-flight requests get this long to finish on shutdown. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface RunningServer {
  server: Server;
  /** Stops accepting, lets in-flight requests finish (≤ 10 s), closes clients. */
  shutdown(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger = createLogger(config)): Promise<RunningServer> {
  const lifecycle = new Lifecycle();
  const server = createServer(createApp(config, { logger, lifecycle }));
  server.on('clientError', answerClientError);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  logger.info({ host: config.HOST, port: config.PORT }, 'listening');

  async function shutdown(): Promise<void> {
    logger.info('shutting down');
    lifecycle.startDraining();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Slow clients must not hold the process hostage.
    const deadline = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
    deadline.unref();
    await closed;
    clearTimeout(deadline);
    await lifecycle.close();
    logger.info('stopped');
  }

  return { server, shutdown };
}
