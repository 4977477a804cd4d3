import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import { createApp, type AppOptions } from './app.js';
import { answerClientError } from './client-errors.js';
import type { Config } from './config.js';
import { Lifecycle } from './lifecycle.js';
import { createLogger } from './logger.js';

/** In-flight requests get this long to finish on shutdown. */
const DRAIN_TIMEOUT_MS = 10_000;
/**
 * Idle keep-alive connections are closed after this long (Fastify's default).
 * It must exceed a load balancer's own idle timeout (AWS ALB: 60 s), so that the
 * balancer closes idle connections first: with Node's 5 s, a request it sends
 * just as the server closes the connection fails with a 502.
 */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

export interface RunningServer {
  app: Express;
  server: Server;
  /** Stops accepting, lets in-flight requests finish (≤ 10 s), closes clients. */
  shutdown(): Promise<void>;
}

export async function startServer(config: Config, options: Pick<AppOptions, 'logger' | 'mount'> = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  const lifecycle = new Lifecycle();
  const app = createApp(config, { ...options, logger, lifecycle });
  const server = createServer(
    {
      // A client that sends its request (headers or body) too slowly gets 408
      // (client-errors.ts) and is disconnected: slowloris clients cannot hold
      // connections open. Node checks every connection once a second.
      headersTimeout: config.REQUEST_TIMEOUT_SECONDS * 1000,
      requestTimeout: config.REQUEST_TIMEOUT_SECONDS * 1000,
      connectionsCheckingInterval: 1000,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      // A request without Host goes through the middleware like any other (with the
      // https feature it is refused as a problem), not Node's bare 400 without headers.
      requireHostHeader: false,
    },
    app,
  );
  server.on('clientError', answerClientError);
  // An `Expect` other than 100-continue is ignored (RFC 9110 allows it) and the request
  // served, instead of Node's bare 417 without security headers.
  server.on('checkExpectation', app);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  logger.info({ host: config.HOST, port: config.PORT }, 'listening');

  async function shutdown(): Promise<void> {
    logger.info('shutting down');
    lifecycle.startDraining();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Kept-alive connections close as soon as their in-flight request is answered.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    // Slow clients must not hold the process hostage.
    const deadline = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
    await closed;
    clearInterval(sweep);
    clearTimeout(deadline);
    await lifecycle.close();
    logger.info('stopped');
    // stdout is written asynchronously (see logger.ts): write out what is still buffered.
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
  }

  return { app, server, shutdown };
}
