import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { startServer, type RunningServer } from './listen.js';
import { securityEvent } from './security-events.js';

async function start(): Promise<RunningServer> {
  try {
    return await startServer(loadConfig());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Refuse to start rather than run with a control silently off.
    securityEvent(pino(), 'config.error', { detail: error.message });
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const { shutdown } = await start();

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    shutdown().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
