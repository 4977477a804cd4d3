import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { python } from './support.js';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

export interface Credentials {
  username: string;
  password: string;
  apiKey: string;
  metricsToken: string;
  usersFile: string;
  env: Record<string, string>;
}

/** Production-like settings for an all-features project, with fresh secrets. */
export function productionEnv(framework: string, port: number): Credentials {
  const apiKey = randomBytes(24).toString('base64url');
  const usersFile = join(mkdtempSync(join(tmpdir(), 'rampart-users-')), 'users.json');
  const metricsToken = randomBytes(24).toString('hex');
  const env: Record<string, string> = {
    [framework === 'fastapi' ? 'APP_ENV' : 'NODE_ENV']: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    TRUST_PROXY: '127.0.0.1',
    JWT_SECRET: randomBytes(32).toString('hex'),
    USERS_FILE: usersFile,
    API_KEYS: `robot:${createHash('sha256').update(apiKey).digest('hex')}:reader`,
    METRICS_TOKEN: metricsToken,
    CORS_ORIGINS: 'https://app.example.com',
    RATE_LIMIT_MAX: '1000',
    AUTH_RATE_LIMIT_MAX: '5',
    LOG_LEVEL: 'info',
    // Short, so the probe can see a slow client cut off.
    REQUEST_TIMEOUT_SECONDS: '2',
  };
  return { username: 'alice', password: 'correct horse battery staple', apiKey, metricsToken, usersFile, env };
}

/** The project's own user script, as its README tells a user to run it. */
export async function addUser(framework: string, dir: string, creds: Credentials): Promise<void> {
  const env = { ...process.env, ...creds.env };
  if (framework === 'fastapi') {
    await execa(python, ['-m', 'app.tools', 'user-add', creds.username, '--role', 'admin'], { cwd: dir, input: `${creds.password}\n`, env });
  } else {
    await execa('npm', ['run', '--silent', 'user:add', '--', creds.username, '--role', 'admin'], { cwd: dir, input: `${creds.password}\n`, env });
  }
}

export interface Running {
  process: ResultPromise;
  output: () => string;
  stop: () => Promise<{ exitCode: number | undefined }>;
}

export async function start(framework: string, dir: string, env: Record<string, string>, port: number): Promise<Running> {
  const child =
    framework === 'fastapi'
      ? execa(python, ['-m', 'app'], { cwd: dir, env, reject: false, all: true, buffer: true })
      : execa('node', ['dist/server.js'], { cwd: dir, env, reject: false, all: true, buffer: true });
  let output = '';
  child.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    process: child,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      const result = await child;
      return { exitCode: result.exitCode };
    },
  };
}
