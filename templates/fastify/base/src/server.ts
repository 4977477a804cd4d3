import { pino } from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { securityEvent } from './security-events.js';

/** How long in-flight requests get to finish once a shutdown signal arrives. */
const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Stop before listening: a misconfigured API must not serve traffic.
    securityEvent(pino(), 'config.error', { variable: error.variable, rule: error.rule });
    process.stderr.write(`config error: ${error.message}\n`);
    process.exit(1);
  }
}

const config = readConfig();
const app = await buildApp(config);

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
