import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, bins, cleanEnv, cleanupTemps, linesOf, run, tempDir } from '../fixtures/cli.js';
import { snapshot } from '../fixtures/snapshot.js';

beforeAll(assertBuilt);
afterAll(cleanupTemps);

const ok = ['--no-install', '--no-git'];

interface Case {
  title: string;
  args: string[];
  /** What the one line must say: what is wrong … */
  wrong: RegExp;
  /** … and what to do. */
  todo: RegExp;
  setup?: (cwd: string) => void;
}

const cases: Case[] = [
  { title: 'invalid name with a space and capitals (npm rules)', args: ['My API', '--framework', 'fastify', '--features', 'none', '--yes', ...ok], wrong: /invalid project name "My API"/, todo: /lower case/ },
  { title: 'invalid name starting with a dot', args: ['.hidden', '--framework', 'fastify', '--features', 'none', '--yes', ...ok], wrong: /invalid project name "\.hidden"/, todo: /e\.g\. my-api/ },
  { title: 'invalid name: too long / reserved', args: ['node_modules', '--framework', 'fastify', '--features', 'none', '--yes', ...ok], wrong: /invalid project name "node_modules"/, todo: /lower case/ },
  { title: 'unknown feature suggests the closest', args: ['x', '--framework', 'fastify', '--features', 'cors,rate-limt', '--yes', ...ok], wrong: /unknown feature "rate-limt" \(did you mean "rate-limit"\?\)/, todo: /valid features: .*auth-jwt/ },
  { title: 'unknown framework', args: ['x', '--framework', 'flask', '--features', 'none', '--yes', ...ok], wrong: /unknown framework "flask"/, todo: /valid frameworks: fastify, express, fastapi/ },
  { title: 'rbac without an auth feature', args: ['x', '--framework', 'fastify', '--features', 'rbac', '--yes', ...ok], wrong: /"rbac" needs an authentication feature/, todo: /--features rbac,auth-jwt/ },
  { title: 'unknown option', args: ['x', '--framework', 'fastify', '--features', 'none', '--colour', ...ok], wrong: /unknown option --colour/, todo: /--help/ },
  { title: 'option without its value', args: ['x', '--framework', 'fastify', '--features'], wrong: /--features needs a value/, todo: /--help/ },
  { title: 'bad option value', args: ['x', '--framework', 'fastify', '--features', 'rate-limit', '--rate-limit-store', 'mongo', '--yes', ...ok], wrong: /--rate-limit-store must be one of memory, redis \(got "mongo"\)/, todo: /memory, redis/ },
  { title: 'option for an unselected feature', args: ['x', '--framework', 'fastify', '--features', 'cors', '--auth-provider', 'oidc', '--yes', ...ok], wrong: /--auth-provider needs the "auth-jwt" feature/, todo: /--features/ },
  { title: 'bad --pm', args: ['x', '--framework', 'fastify', '--features', 'none', '--pm', 'pip', '--yes', ...ok], wrong: /--pm must be one of npm, pnpm, yarn, bun/, todo: /npm, pnpm/ },
  { title: 'missing --framework without --yes (stdin not a TTY)', args: ['x', '--features', 'none', ...ok], wrong: /missing --framework/, todo: /pass --framework, or --yes/ },
  { title: 'missing --features without --yes (stdin not a TTY)', args: ['x', '--framework', 'fastify', ...ok], wrong: /missing --features/, todo: /pass --features, or --yes/ },
  { title: 'missing project name (not a TTY)', args: ['--framework', 'fastify', '--features', 'none', '--yes', ...ok], wrong: /missing project name/, todo: /create-rampart my-api/ },
  { title: 'two project names', args: ['a', 'b', '--framework', 'fastify', '--features', 'none', '--yes', ...ok], wrong: /expected one project name, got 2/, todo: /./ },
  {
    title: 'non-empty directory without --force',
    args: ['taken', '--framework', 'fastify', '--features', 'none', '--yes', ...ok],
    wrong: /directory taken is not empty/,
    todo: /--force/,
    setup: (cwd) => {
      mkdirSync(join(cwd, 'taken'));
      writeFileSync(join(cwd, 'taken', 'README.md'), 'mine\n');
    },
  },
  {
    title: 'target exists and is a file',
    args: ['afile', '--framework', 'fastify', '--features', 'none', '--yes', ...ok],
    wrong: /afile exists and is not a directory/,
    todo: /another project name/,
    setup: (cwd) => writeFileSync(join(cwd, 'afile'), 'x\n'),
  },
];

describe('bad input → exit 1, exactly one line on stderr (what is wrong; what to do), nothing written', () => {
  it.each(cases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const cwd = tempDir();
    c.setup?.(cwd);
    const before = snapshot(cwd);
    const r = await run('create-rampart', c.args, { cwd });
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    const lines = linesOf(r.stderr);
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^create-rampart: /);
    expect(lines[0]).toMatch(c.wrong);
    expect(lines[0]).toMatch(c.todo);
    expect(lines[0]).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
    expect(snapshot(cwd)).toEqual(before);
  });

  it('with --json the error is one JSON line on stdout instead', async () => {
    const cwd = tempDir();
    const r = await run('create-rampart', ['x', '--framework', 'fastify', '--features', 'rate-limt', '--json', ...ok], { cwd });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
    expect(linesOf(r.stdout)).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, error: expect.stringMatching(/unknown feature "rate-limt"/) });
    expect(snapshot(cwd)).toEqual({});
  });

  it('CI=true counts as non-interactive even when flags are missing', async () => {
    const cwd = tempDir();
    const r = await run('create-rampart', ['x', '--features', 'none', ...ok], { cwd, env: { CI: 'true' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/missing --framework/);
  });
});

describe('unwritable target', () => {
  const root = process.getuid?.() === 0;

  it.skipIf(root)('a parent without write permission (chmod 555) → exit 1, one line, nothing written', async () => {
    const cwd = tempDir();
    const parent = join(cwd, 'ro');
    mkdirSync(parent);
    chmodSync(parent, 0o555);
    try {
      const r = await run('create-rampart', ['ro/x', '--framework', 'fastify', '--features', 'none', '--yes', ...ok], { cwd });
      expect(r.exitCode).toBe(1);
      expect(linesOf(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(/permission denied|could not write/);
      expect(existsSync(join(parent, 'x'))).toBe(false);
    } finally {
      chmodSync(parent, 0o755);
    }
  });

  // As root, chmod does not stop writes, and mkdir -p under /proc hangs Node itself
  // (fs.mkdirSync recursive loops on ENOENT there). sysfs refuses new entries even
  // for root (EPERM), which is a real, fast write failure.
  it.runIf(root && existsSync('/sys/kernel'))('as root: a directory under /sys (EPERM even for root) → exit 1, one line, nothing written', async () => {
    const r = await run('create-rampart', ['rampart-cli-test', '--framework', 'fastify', '--features', 'none', '--yes', ...ok], { cwd: '/sys' });
    expect(r.exitCode, r.stderr).toBe(1);
    const lines = linesOf(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^create-rampart: (cannot write|could not write).*(EPERM|permission)/);
    expect(lines[0]).toMatch(/nothing was changed|choose a directory/);
    expect(existsSync('/sys/rampart-cli-test')).toBe(false);
  });
});

describe('SIGINT while writing', () => {
  it('Ctrl-C during the commit → everything rolled back, the target directory does not exist, exit 130', async () => {
    const cwd = tempDir();
    const dir = join(cwd, 'interrupted');
    const child = spawn(process.execPath, [bins['create-rampart'], 'interrupted', '--framework', 'fastify', '--features', 'all', '--yes', ...ok], {
      cwd,
      env: cleanEnv({ RAMPART_TEST_STEP_DELAY_MS: '50' }) as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    // Wait until files are being renamed in (the directory exists and holds some of them).
    const started = Date.now();
    let sawFiles = false;
    while (Date.now() - started < 20_000) {
      if (existsSync(dir) && Object.keys(snapshot(dir)).some((p) => !p.includes('.rampart-') && !p.endsWith('/'))) {
        sawFiles = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(sawFiles, `the CLI never started writing\n${stdout}\n${stderr}`).toBe(true);
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr).toMatch(/cancelled: nothing was written/);
    expect(linesOf(stderr)).toHaveLength(1);
    expect(existsSync(dir)).toBe(false);
    expect(snapshot(cwd)).toEqual({});
  });
});

describe('SIGKILL while writing', () => {
  it('leaves a journal; the next create of the same project recovers it and succeeds without --force', async () => {
    const cwd = tempDir();
    const dir = join(cwd, 'killed');
    const args = ['killed', '--framework', 'fastify', '--features', 'none', '--yes', ...ok];
    const child = spawn(process.execPath, [bins['create-rampart'], ...args], {
      cwd,
      env: cleanEnv({ RAMPART_TEST_STEP_DELAY_MS: '50' }) as NodeJS.ProcessEnv,
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const started = Date.now();
    while (Date.now() - started < 20_000 && !(existsSync(dir) && Object.keys(snapshot(dir)).filter((p) => !p.includes('.rampart-') && !p.endsWith('/')).length >= 3)) {
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(join(dir, '.rampart-transaction.json')), 'a crash mid-write leaves the journal').toBe(true);

    const r = await run('create-rampart', args, { cwd });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const files = Object.keys(snapshot(dir));
    expect(files.filter((p) => p.includes('.rampart-'))).toEqual([]);
    expect(files).toContain('rampart.json');
  });
});

