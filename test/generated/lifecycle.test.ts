import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { features, frameworks as catalogFrameworks } from '../../src/catalog/index.js';
import type { FrameworkId } from '../../src/catalog/types.js';
import { generate, linkDeps, python, repo, run } from './support.js';
import { differences, snapshot } from './tree.js';

/**
 * `rampart add`, `remove` and `upgrade` on living projects: round trips equal a
 * fresh create, owners' edits survive, conflicts write nothing, and an
 * interrupted change leaves the project exactly as it was.
 */
const rampart = (cwd: string, args: string[], env: Record<string, string> = {}) =>
  execa('node', [join(repo, 'bin/rampart.js'), ...args], { cwd, reject: false, all: true, env: { CI: 'true', ...env } });

const gitCommit = (cwd: string, message: string): void => {
  execFileSync('git', ['add', '-A'], { cwd });
  execFileSync('git', ['-c', 'user.name=owner', '-c', 'user.email=owner@example.com', 'commit', '-qm', message], { cwd });
};

const frameworks: FrameworkId[] = ['fastify', 'express', 'fastapi'];
const frameworkLanguage = Object.fromEntries(Object.values(catalogFrameworks).map((f) => [f.id, f.language])) as Record<FrameworkId, string>;
const layout = {
  fastify: { config: 'src/config.ts', app: 'src/app.ts', deps: 'package.json', comment: '//', route: "  app.get('/owner-ping', async () => ({ pong: true }));" },
  express: { config: 'src/config.ts', app: 'src/app.ts', deps: 'package.json', comment: '//', route: "  app.get('/owner-ping', (_req, res) => { res.json({ pong: true }); });" },
  fastapi: { config: 'app/config.py', app: 'app/main.py', deps: 'requirements.txt', comment: '#', route: '    app.add_api_route("/owner-ping", lambda: {"pong": True})' },
} as const;

/** A project generated with `features` under a fixed name, so trees are comparable. */
async function fresh(framework: FrameworkId, label: string, list: string[], options: Record<string, string> = {}): Promise<string> {
  return generate(framework, { label, features: list, options });
}

describe.each(frameworks)('%s: add / remove round trips', (framework) => {
  const ids = features.filter((f) => f.frameworks.includes(framework)).map((f) => f.id);
  const cases = ids.map((id) => (id === 'rbac' ? ['auth-apikey', 'rbac'] : [id]));

  it.each(cases.map((c) => [c.join('+'), c] as const))('add %s to a bare project equals creating with it; remove restores the bare project', async (_label, added) => {
    const bare = await fresh(framework, 'rt', []);
    const before = snapshot(bare);
    const add = await rampart(bare, ['add', ...added, '--yes']);
    expect(add.exitCode, String(add.all)).toBe(0);
    const expected = snapshot(await fresh(framework, 'rt', added));
    expect(differences(snapshot(bare), expected)).toEqual([]);

    const again = await rampart(bare, ['add', ...added, '--yes']);
    expect(again.exitCode).toBe(0);
    expect(String(again.all)).toMatch(/nothing to do/);

    const remove = await rampart(bare, ['remove', ...added, '--yes']);
    expect(remove.exitCode, String(remove.all)).toBe(0);
    expect(differences(snapshot(bare), before)).toEqual([]);
  }, 60_000);
});

describe.each(frameworks)('%s: owners’ edits survive add, remove and upgrade', (framework) => {
  const paths = layout[framework];

  it('keeps a changed rate limit, a new route, an extra dependency and a comment; the project still passes its own checks', async () => {
    const dir = await fresh(framework, 'owned', ['rate-limit']);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    gitCommit(dir, 'generated');
    const bare = snapshot(await fresh(framework, 'owned', []));
    const ownModule = [...snapshot(dir).keys()].find((p) => !bare.has(p) && /^(src|app)\/.*\.(ts|py)$/.test(p));
    expect(ownModule, 'rate-limit has a module of its own').toBeDefined();

    // The owners' edits.
    const config = readFileSync(join(dir, paths.config), 'utf8');
    const limitLine = config.split('\n').find((l) => l.includes('RATE_LIMIT_MAX') && /\b100\b/.test(l));
    expect(limitLine, `${paths.config} has the RATE_LIMIT_MAX default on one line`).toBeDefined();
    const ownLimitLine = limitLine!.replace(/\b100\b/, '250');
    writeFileSync(join(dir, paths.config), config.replace(limitLine!, ownLimitLine));
    const app = readFileSync(join(dir, paths.app), 'utf8').split('\n');
    const returnAt = app.findLastIndex((l) => /^\s*return app\b/.test(l));
    expect(returnAt).toBeGreaterThan(0);
    app.splice(returnAt, 0, paths.route);
    writeFileSync(join(dir, paths.app), app.join('\n'));
    if (paths.deps === 'package.json') {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      pkg.dependencies['left-pad'] = '1.3.0';
      writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    } else appendFileSync(join(dir, 'requirements.txt'), 'rich==13.7.1\n');
    const comment = `${paths.comment} owners: reviewed by the security team`;
    writeFileSync(join(dir, ownModule!), `${comment}\n${readFileSync(join(dir, ownModule!), 'utf8')}`);
    gitCommit(dir, 'owners edit');

    const survives = (): void => {
      expect(readFileSync(join(dir, paths.config), 'utf8')).toContain(ownLimitLine);
      expect(readFileSync(join(dir, paths.app), 'utf8')).toContain(paths.route);
      expect(readFileSync(join(dir, paths.deps), 'utf8')).toMatch(paths.deps === 'package.json' ? /"left-pad": "1\.3\.0"/ : /^rich==13\.7\.1$/m);
      expect(readFileSync(join(dir, ownModule!), 'utf8').startsWith(`${comment}\n`)).toBe(true);
    };

    const add = await rampart(dir, ['add', 'cors', 'headers', '--yes']);
    expect(add.exitCode, String(add.all)).toBe(0);
    survives();
    // Files nobody edited are exactly what a fresh create writes.
    const target = snapshot(await fresh(framework, 'owned', ['rate-limit', 'cors', 'headers']));
    const edited = new Set([paths.config, paths.app, paths.deps, ownModule!, 'rampart.json']);
    expect(differences(snapshot(dir), target).filter((p) => !edited.has(p))).toEqual([]);

    if (framework === 'fastapi') {
      const tests = await run(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], { cwd: dir });
      expect(tests.ok, tests.output).toBe(true);
    } else {
      await linkDeps(dir);
      const typecheck = await run('npx', ['tsc', '--noEmit'], { cwd: dir });
      expect(typecheck.ok, typecheck.output).toBe(true);
      const tests = await run('npx', ['vitest', 'run'], { cwd: dir });
      expect(tests.ok, tests.output).toBe(true);
    }
    gitCommit(dir, 'add cors, headers');

    const remove = await rampart(dir, ['remove', 'cors', '--yes']);
    expect(remove.exitCode, String(remove.all)).toBe(0);
    survives();
    gitCommit(dir, 'remove cors');

    const upgrade = await rampart(dir, ['upgrade', '--yes']);
    expect(upgrade.exitCode).toBe(0);
    expect(String(upgrade.all)).toMatch(/nothing to do/);
  }, 600_000);

  it('upgrade merges new templates into edited files and stops on a conflict, writing nothing', async () => {
    const dir = await fresh(framework, 'upg', []);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    gitCommit(dir, 'generated');
    // The next version's templates add a line at the end of the Dockerfile; the owners changed its first line.
    const next = mkdtempSync(join(tmpdir(), 'rampart-templates-'));
    cpSync(join(repo, 'templates'), next, { recursive: true });
    // The Dockerfile template lives in the most specific layer that has one (framework, language, shared).
    const dockerTemplate = [framework, frameworkLanguage[framework], 'shared'].map((scope) => join(next, scope, 'base', 'Dockerfile')).find((p) => existsSync(p))!;
    appendFileSync(dockerTemplate, '\n# Upgraded by the next version.\n');
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8').split('\n');
    dockerfile[0] = `${dockerfile[0]} # our fork`;
    writeFileSync(join(dir, 'Dockerfile'), dockerfile.join('\n'));
    gitCommit(dir, 'owners edit the Dockerfile');

    const merged = await rampart(dir, ['upgrade', '--yes'], { RAMPART_TEMPLATES_DIR: next });
    expect(merged.exitCode, String(merged.all)).toBe(0);
    const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/# our fork$/);
    expect(text).toContain('# Upgraded by the next version.');
    gitCommit(dir, 'upgrade');

    // Now the next-next version rewrites the very line the owners changed.
    const lines = readFileSync(dockerTemplate, 'utf8').split('\n');
    lines[0] = `${lines[0]} — rewritten upstream`;
    writeFileSync(dockerTemplate, lines.join('\n'));
    const before = snapshot(dir);
    const conflict = await rampart(dir, ['upgrade', '--yes'], { RAMPART_TEMPLATES_DIR: next });
    expect(conflict.exitCode).toBe(1);
    expect(String(conflict.all)).toMatch(/Dockerfile/);
    expect(String(conflict.all)).toMatch(/nothing was written/);
    expect(differences(snapshot(dir), before)).toEqual([]);
  }, 120_000);
});

describe('interrupted changes', () => {
  it('a process killed mid-apply leaves a journal; the next command rolls the project back exactly', async () => {
    const dir = await fresh('fastify', 'killed', []);
    const before = snapshot(dir);
    const child = execa('node', [join(repo, 'bin/rampart.js'), 'add', 'cors', 'headers', 'rate-limit', '--yes'], {
      cwd: dir,
      reject: false,
      env: { CI: 'true', RAMPART_TEST_STEP_DELAY_MS: '150' },
    });
    // Wait until the transaction has begun committing, then kill without warning.
    const deadline = Date.now() + 10_000;
    while (!existsSync(join(dir, '.rampart-transaction.json')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGKILL');
    await child;
    expect(existsSync(join(dir, '.rampart-transaction.json')), 'killed before the commit point').toBe(true);
    expect(differences(snapshot(dir), before).length).toBeGreaterThan(0);

    const status = await rampart(dir, ['status']);
    expect(String(status.all)).toMatch(/rolled back/);
    expect(differences(snapshot(dir), before)).toEqual([]);
  }, 60_000);

  it('a write that fails half-way through leaves the project exactly as before', async () => {
    const dir = await fresh('fastify', 'failing', []);
    const before = snapshot(dir);
    // An immutable file (even root cannot replace it) makes a late rename fail.
    const plan = await rampart(dir, ['add', 'cors', 'headers', '--dry-run', '--json']);
    const entries = (JSON.parse(String(plan.all)) as { plan: { path: string; action: string }[] }).plan;
    const victim = entries.filter((e) => e.action === 'update').at(-1)!.path;
    execFileSync('chattr', ['+i', join(dir, victim)]);
    try {
      const add = await rampart(dir, ['add', 'cors', 'headers', '--yes']);
      expect(add.exitCode).not.toBe(0);
    } finally {
      execFileSync('chattr', ['-i', join(dir, victim)]);
    }
    expect(differences(snapshot(dir), before)).toEqual([]);
  }, 60_000);
});
