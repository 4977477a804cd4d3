import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { securityEvent } from './security-events.js';

/** How long in-flight requests get to finish once a shutdown signal arrives. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Config problems (from the environment or files it names) stop the process before it listens. */
function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  // A misconfigured API must not serve traffic: one line naming the variable, exit 1.
  securityEvent(pino(), 'config.error', { variable: error.variable, rule: error.rule });
  process.stderr.write(`config error: ${error.message}\n`);
  process.exit(1);
}

async function start(): Promise<{ config: Config; app: FastifyInstance }> {
  const config = loadConfig();
  return { config, app: await buildApp(config) };
}

const { config, app } = await start().catch(exitOnConfigError);

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  const timer = setTimeout(() => {
    app.log.error('in-flight requests did not finish in time; exiting');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  timer.unref();
  // Stops accepting connections, waits for in-flight requests, then runs
  // every plugin's onClose hook (which closes Redis and other clients).
  await app.close();
  process.exit(0);
}

process.once('SIGTERM', (signal) => void stop(signal));
process.once('SIGINT', (signal) => void stop(signal));

await app.listen({ host: config.host, port: config.port });
