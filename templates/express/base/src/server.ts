import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from './config.js';
import { securityEvent } from './security-events.js';
import { startServer } from './listen.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Refuse to start rather than run with a control silently off.
    securityEvent(pino(), 'config.error', { detail: error.message });
    console.error(error.message);
    process.exit(1);
  }
}

const { shutdown } = await startServer(configOrExit());

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    shutdown().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
