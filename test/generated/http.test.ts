import { describe, expect, it } from 'vitest';
import type { FrameworkId } from '../../src/catalog/types.js';
import { features } from '../../src/catalog/index.js';
import { probe } from './probe.js';
import { addUser, freePort, productionEnv, start } from './server.js';
import { generate, nodeOfImage, python, run } from './support.js';
import { execa } from 'execa';

/**
 * One all-features project per framework, installed the way a user would
 * (`npm install` from its own package.json; Debian's packages for Python),
 * built, started as a real process and probed over HTTP. Node projects do all
 * of it on the Node their Dockerfile ships (the template matrix runs their own
 * suites on this machine's Node).
 */
const frameworks: FrameworkId[] = ['fastify', 'express', 'fastapi'];

describe.each(frameworks)('%s: all features, real install, real process', (framework) => {
  it('installs, builds, starts, passes the CONTRACT probe, logs no secret and stops cleanly on SIGTERM', async () => {
    const all = features.filter((f) => f.frameworks.includes(framework)).map((f) => f.id);
    const dir = await generate(framework, { label: 'http', features: all });
    let runtime: Record<string, string> = {};
    if (framework !== 'fastapi') {
      const node = await nodeOfImage(dir);
      runtime = { PATH: `${node.bin}:${process.env.PATH ?? ''}` };
      const version = await execa('node', ['--version'], { env: runtime });
      expect(version.stdout, 'the Node the Dockerfile ships is not the one first on PATH').toMatch(new RegExp(`^v${node.major}\\.`));
      const install = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, timeout: 600_000, env: runtime });
      expect(install.ok, `npm install failed\n${install.output}`).toBe(true);
      const argon2 = await run('node', ['-e', "require('@node-rs/argon2').hashSync('x')"], { cwd: dir, env: runtime });
      expect(argon2.ok, `@node-rs/argon2 does not load after npm install\n${argon2.output}`).toBe(true);
      const build = await run('npm', ['run', 'build'], { cwd: dir, env: runtime });
      expect(build.ok, `npm run build failed\n${build.output}`).toBe(true);
      const tests = await run('npm', ['test'], { cwd: dir, env: runtime, timeout: 300_000 });
      expect(tests.ok, `the project's own tests fail on Node ${node.major}\n${tests.output}`).toBe(true);
    }
    const port = await freePort();
    const creds = productionEnv(framework, port);
    // The user script and the server run on the same Node as the build.
    Object.assign(creds.env, runtime);
    const env = { ...process.env, ...creds.env } as Record<string, string>;

    // A bad secret stops the process before it listens, with one line naming the variable.
    const bad = framework === 'fastapi'
      ? await execa(python, ['-m', 'app'], { cwd: dir, env: { ...env, JWT_SECRET: 'short' }, reject: false, all: true, timeout: 20_000 })
      : await execa('node', ['dist/server.js'], { cwd: dir, env: { ...env, JWT_SECRET: 'short' }, reject: false, all: true, timeout: 20_000 });
    expect(bad.exitCode).toBe(1);
    expect(String(bad.all)).toMatch(/config error: JWT_SECRET/);

    await addUser(framework, dir, creds);
    const server = await start(framework, dir, env, port);
    let secrets: string[] = [];
    const lastRequestId = `last-before-shutdown-${process.pid}-${Date.now()}`;
    try {
      ({ secrets } = await probe({
        base: `http://127.0.0.1:${port}`,
        host: `127.0.0.1:${port}`,
        username: creds.username,
        password: creds.password,
        apiKey: creds.apiKey,
        metricsToken: creds.metricsToken,
        allowedOrigin: 'https://app.example.com',
        authRateLimit: 5,
        requestTimeoutSeconds: Number(creds.env.REQUEST_TIMEOUT_SECONDS),
      }));
      // The last line before shutdown must survive it: buffered log output is flushed on exit.
      const last = await fetch(`http://127.0.0.1:${port}/health`, { headers: { 'x-request-id': lastRequestId } });
      expect(last.status).toBe(200);
    } finally {
      const { exitCode } = await server.stop();
      expect(exitCode, `exit code after SIGTERM\n${server.output()}`).toBe(0);
    }
    const lines = server.output().split('\n').filter((l) => l.trim().startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    expect(server.output(), 'the request just before SIGTERM was not logged (buffered lines lost at exit?)').toContain(lastRequestId);
    const events = lines.map((l) => (JSON.parse(l) as { event?: string }).event).filter(Boolean);
    expect(events).toEqual(expect.arrayContaining(['auth.success', 'auth.failure', 'ratelimit.exceeded']));
    for (const secret of secrets) expect(server.output(), 'a secret reached the log').not.toContain(secret);
  }, 900_000);
});
