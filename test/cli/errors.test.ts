import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
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
  { title: 'option followed by another option', args: ['x', '--framework', '--yes', ...ok], wrong: /option --framework needs a value/, todo: /--help/ },
  { title: 'empty --features (an unset variable)', args: ['x', '--framework', 'fastify', '--features', '', '--yes', ...ok], wrong: /--features is empty/, todo: /all or none/ },
  { title: 'all combined with a feature', args: ['x', '--framework', 'fastify', '--features', 'all,cors', '--yes', ...ok], wrong: /--features all,cors: all and none stand alone/, todo: /comma list/ },
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

/** Starts a slow create (50 ms per step) of `name` in `cwd`, as a process to interrupt. */
function slowCreate(cwd: string, name: string, features: string) {
  const child = spawn(process.execPath, [bins['create-rampart'], name, '--framework', 'fastify', '--features', features, '--yes', ...ok], {
    cwd,
    env: cleanEnv({ RAMPART_TEST_STEP_DELAY_MS: '50' }) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => `${stdout}\n${stderr}`, stderr: () => stderr };
}

/** Waits until some directory `where()` names holds at least `count` files rampart has written. */
async function untilWritten(where: () => string | undefined, count: number): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < 20_000) {
    const dir = where();
    try {
      if (dir && existsSync(dir) && Object.keys(snapshot(dir)).filter((p) => !p.includes('.rampart-') && !p.endsWith('/')).length >= count) return true;
    } catch {
      // a file renamed away while the snapshot read it: look again
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

/** The hidden sibling a create into a new directory writes before renaming it into place. */
const stagingOf = (cwd: string, name: string): string | undefined => {
  const found = readdirSync(cwd).find((entry) => entry.startsWith(`.${name}.rampart-`));
  return found && join(cwd, found);
};

describe('SIGINT while writing', () => {
  it('a new directory: Ctrl-C while its files are written → nothing left at all (no directory, no staging), exit 130', async () => {
    const cwd = tempDir();
    const create = slowCreate(cwd, 'interrupted', 'all');
    expect(await untilWritten(() => stagingOf(cwd, 'interrupted'), 3), `the CLI never started writing\n${create.output()}`).toBe(true);
    create.child.kill('SIGINT');
    expect(await create.exited).toBe(130);
    expect(create.stderr()).toMatch(/cancelled: nothing was written/);
    expect(linesOf(create.stderr())).toHaveLength(1);
    expect(snapshot(cwd)).toEqual({});
  });

  it('an existing empty directory: Ctrl-C during the commit → everything rolled back, the directory empty again, exit 130', async () => {
    const cwd = tempDir();
    const dir = join(cwd, 'interrupted');
    mkdirSync(dir);
    const create = slowCreate(cwd, 'interrupted', 'all');
    // Wait until files are being renamed in (the directory holds some of them).
    expect(await untilWritten(() => dir, 1), `the CLI never started writing\n${create.output()}`).toBe(true);
    create.child.kill('SIGINT');
    expect(await create.exited).toBe(130);
    expect(create.stderr()).toMatch(/cancelled: nothing was written/);
    expect(linesOf(create.stderr())).toHaveLength(1);
    expect(snapshot(cwd)).toEqual({ 'interrupted/': expect.stringMatching(/^dir /) });
  });
});

describe('SIGKILL while writing', () => {
  it('a new directory: the project never appears half-written; the next create sweeps the staging left behind and succeeds', async () => {
    const cwd = tempDir();
    const dir = join(cwd, 'killed');
    const create = slowCreate(cwd, 'killed', 'none');
    expect(await untilWritten(() => stagingOf(cwd, 'killed'), 3), `the CLI never started writing\n${create.output()}`).toBe(true);
    create.child.kill('SIGKILL');
    await create.exited;
    expect(existsSync(dir), 'no half-written project').toBe(false);
    expect(stagingOf(cwd, 'killed'), 'the killed process left its staging directory').toBeDefined();

    const r = await run('create-rampart', ['killed', '--framework', 'fastify', '--features', 'none', '--yes', ...ok], { cwd });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(readdirSync(cwd)).toEqual(['killed']);
    expect(Object.keys(snapshot(dir))).toContain('rampart.json');
  });

  it('an existing empty directory: leaves a journal; the next create of the same project recovers it and succeeds without --force', async () => {
    const cwd = tempDir();
    const dir = join(cwd, 'killed');
    mkdirSync(dir);
    const create = slowCreate(cwd, 'killed', 'none');
    expect(await untilWritten(() => dir, 3), `the CLI never started writing\n${create.output()}`).toBe(true);
    create.child.kill('SIGKILL');
    await create.exited;
    expect(existsSync(join(dir, '.rampart-transaction.json')), 'a crash mid-write leaves the journal').toBe(true);

    const r = await run('create-rampart', ['killed', '--framework', 'fastify', '--features', 'none', '--yes', ...ok], { cwd });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const files = Object.keys(snapshot(dir));
    expect(files.filter((p) => p.includes('.rampart-'))).toEqual([]);
    expect(files).toContain('rampart.json');
  });
});
