import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { features, frameworks } from '../../src/catalog/index.js';
import type { FrameworkId } from '../../src/catalog/types.js';
import { assertBuilt, cleanupTemps, repoRoot, run, tempDir } from '../fixtures/cli.js';
import { filesOf, snapshot } from '../fixtures/snapshot.js';

beforeAll(assertBuilt);
afterAll(cleanupTemps);

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const base = ['--yes', '--no-install', '--no-git'];
const ready = (Object.keys(frameworks) as FrameworkId[]).filter((fw) => existsSync(join(repoRoot, 'templates', fw, 'base')));

/** rampart.json lists exactly the files on disk (but itself), each with its SHA-256. */
function expectManifestMatches(dir: string): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(join(dir, 'rampart.json'), 'utf8')) as { files: Record<string, string> } & Record<string, unknown>;
  const onDisk = filesOf(dir).filter((p) => p !== 'rampart.json' && !p.startsWith('.git/'));
  expect(Object.keys(manifest.files).sort()).toEqual(onDisk.sort());
  for (const [path, hash] of Object.entries(manifest.files)) expect(sha(join(dir, path)), path).toBe(hash);
  return manifest;
}

describe('create-rampart (non-interactive)', () => {
  it('x --framework fastify --features none --yes --no-install --no-git writes a project whose rampart.json hashes match', async () => {
    const cwd = tempDir();
    const r = await run('create-rampart', ['x', '--framework', 'fastify', '--features', 'none', ...base], { cwd });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('x: fastify with no optional feature');
    const dir = join(cwd, 'x');
    const manifest = expectManifestMatches(dir);
    expect(manifest).toMatchObject({ name: 'x', framework: 'fastify', features: [], options: {} });
    expect((manifest.generator as { version: string }).version).toMatch(/^\d+\.\d+\.\d+/);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name).toBe('x');
    expect(existsSync(join(dir, '.git'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    expect(filesOf(dir).filter((p) => p.includes('.rampart-'))).toEqual([]);
    expect(filesOf(cwd).every((p) => p.startsWith('x/'))).toBe(true);
  });

  describe.each(ready)('%s', (fw) => {
    it('--features all: every feature of the framework, manifest matches', async () => {
      const cwd = tempDir();
      const r = await run('create-rampart', ['svc', '--framework', fw, '--features', 'all', ...base], { cwd });
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      const manifest = expectManifestMatches(join(cwd, 'svc'));
      expect(manifest.features).toEqual(features.filter((f) => f.frameworks.includes(fw)).map((f) => f.id));
    });
  });

  it('--yes without --features takes the recommended set, options at their defaults', async () => {
    const cwd = tempDir();
    const r = await run('create-rampart', ['rec', '--framework', 'fastify', ...base], { cwd });
    expect(r.exitCode).toBe(0);
    const manifest = JSON.parse(readFileSync(join(cwd, 'rec', 'rampart.json'), 'utf8'));
    expect(manifest.features).toEqual(features.filter((f) => f.recommended && f.frameworks.includes('fastify')).map((f) => f.id));
    expect(manifest.options['rate-limit']).toEqual({ store: 'memory' });
  });

  it('option flags reach the manifest', async () => {
    const cwd = tempDir();
    const r = await run('create-rampart', ['opt', '--framework', 'fastify', '--features', 'rate-limit,auth-jwt', '--rate-limit-store', 'redis', '--auth-provider', 'oidc', ...base], { cwd });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const manifest = JSON.parse(readFileSync(join(cwd, 'opt', 'rampart.json'), 'utf8'));
    expect(manifest.options).toEqual({ 'rate-limit': { store: 'redis' }, 'auth-jwt': { provider: 'oidc' } });
  });

  it('"." creates in the current (empty) directory, named after it', async () => {
    const cwd = join(tempDir(), 'here-api');
    mkdirSync(cwd);
    const r = await run('create-rampart', ['.', '--framework', 'fastify', '--features', 'none', ...base], { cwd });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'rampart.json'), 'utf8')).name).toBe('here-api');
    expect(r.stdout).not.toMatch(/^\s*cd /m);
  });

  it('rampart create is the same command; short flags -f and -y work', async () => {
    const cwd = tempDir();
    const r = await run('rampart', ['create', 'viarampart', '-f', 'fastify', '--features', 'cors', '-y', '--no-install', '--no-git'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'viarampart', 'rampart.json'), 'utf8'))).toMatchObject({ framework: 'fastify', features: ['cors'] });
    const bad = await run('rampart', ['create', 'Bad Name', '-f', 'fastify', '--features', 'none', '-y'], { cwd });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/^rampart: invalid project name/);
  });

  it('an existing empty directory, or one holding only .git, is not "non-empty"', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'empty'));
    mkdirSync(join(cwd, 'repo'));
    const { execa } = await import('execa');
    await execa('git', ['init', '--quiet'], { cwd: join(cwd, 'repo') });
    expect((await run('create-rampart', ['empty', '--framework', 'fastify', '--features', 'none', ...base], { cwd })).exitCode).toBe(0);
    const r = await run('create-rampart', ['repo', '--framework', 'fastify', '--features', 'none', '--yes', '--no-install', '--json'], { cwd });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).git).toMatch(/skipped/);
    expectManifestMatches(join(cwd, 'empty'));
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const cwd = tempDir();
    const r = await run('create-rampart', ['dry', '--framework', 'fastify', '--features', 'cors', '--dry-run', ...base], { cwd });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/dry run/i);
    expect(r.stdout).toContain('package.json');
    expect(r.stdout).toContain('src/');
    expect(snapshot(cwd)).toEqual({});
  });

  it('--dry-run --json: the plan as JSON, nothing written', async () => {
    const cwd = tempDir();
    const r = await run('create-rampart', ['dry', '--framework', 'fastify', '--features', 'none', '--dry-run', '--json', ...base], { cwd });
    expect(r.exitCode).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data).toMatchObject({ ok: true, dryRun: true, dir: join(cwd, 'dry'), selection: { name: 'dry', framework: 'fastify', features: [] } });
    expect(data.plan.length).toBeGreaterThan(0);
    expect(data.plan.every((e: { action: string }) => e.action === 'create')).toBe(true);
    expect(data.plan.map((e: { path: string }) => e.path)).toContain('package.json');
    expect(snapshot(cwd)).toEqual({});
  });

  it('--json: one JSON document on stdout describing the result', async () => {
    const cwd = tempDir();
    const r = await run('create-rampart', ['j', '--framework', 'fastify', '--features', 'none', '--json', ...base], { cwd });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const data = JSON.parse(r.stdout);
    expect(data).toMatchObject({ ok: true, dir: join(cwd, 'j'), selection: { name: 'j', framework: 'fastify' }, conflicts: [] });
    expect(data.files).toBe(filesOf(join(cwd, 'j')).length - 1);
  });

  it('--force into a non-empty directory keeps the owners’ files and writes FILE.rampart-new beside a collision', async () => {
    const cwd = tempDir();
    const dir = join(cwd, 'f');
    mkdirSync(dir);
    // a file rampart writes too, one it does not, and a package.json to merge
    const dry = JSON.parse((await run('create-rampart', ['f', '--framework', 'fastify', '--features', 'none', '--dry-run', '--json', '--force', ...base], { cwd })).stdout);
    const paths: string[] = dry.plan.map((e: { path: string }) => e.path);
    const colliding = paths.includes('README.md') ? 'README.md' : paths.find((p) => !['package.json', 'rampart.json', '.env.example'].includes(p))!;
    writeFileSync(join(dir, colliding), 'the owners’ own file\n');
    writeFileSync(join(dir, 'notes.txt'), 'keep me\n');
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'f', private: true, dependencies: { lodash: '4.17.21' } }, null, 2)}\n`);

    const refused = await run('create-rampart', ['f', '--framework', 'fastify', '--features', 'none', ...base], { cwd });
    expect(refused.exitCode).toBe(1);
    const r = await run('create-rampart', ['f', '--framework', 'fastify', '--features', 'none', '--force', ...base], { cwd });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(dir, colliding), 'utf8')).toBe('the owners’ own file\n');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me\n');
    expect(existsSync(join(dir, `${colliding}.rampart-new`))).toBe(true);
    expect(r.stdout).toContain(`${colliding}.rampart-new`);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.dependencies.lodash).toBe('4.17.21');
    expect(pkg.dependencies.fastify).toBeDefined();
    expect(pkg.private).toBe(true);
  });

  it('git: initialises a repository with exactly one commit holding every file', async () => {
    const cwd = tempDir();
    const r = await run('create-rampart', ['g', '--framework', 'fastify', '--features', 'none', '--yes', '--no-install'], { cwd, env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const dir = join(cwd, 'g');
    const { execa } = await import('execa');
    const log = await execa('git', ['log', '--oneline'], { cwd: dir });
    expect(log.stdout.split('\n')).toHaveLength(1);
    const status = await execa('git', ['status', '--porcelain'], { cwd: dir });
    expect(status.stdout).toBe('');
    const tracked = (await execa('git', ['ls-files'], { cwd: dir })).stdout.split('\n').sort();
    expect(tracked).toEqual(filesOf(dir).filter((p) => !p.startsWith('.git/')).sort());
  });

  it('git: inside an existing work tree no repository is nested', async () => {
    const cwd = tempDir();
    const { execa } = await import('execa');
    await execa('git', ['init', '--quiet'], { cwd });
    const r = await run('create-rampart', ['nested', '--framework', 'fastify', '--features', 'none', '--yes', '--no-install', '--json'], { cwd });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).git).toMatch(/skipped/);
    expect(existsSync(join(cwd, 'nested', '.git'))).toBe(false);
  });

  it('install failure (npm exits 1) is reported clearly; exit 0 and the project is kept', async () => {
    const cwd = tempDir();
    const fakeBin = tempDir('rampart-fake-npm-');
    writeFileSync(join(fakeBin, 'npm'), '#!/bin/sh\necho "npm ERR! network request failed (fake npm)" >&2\nexit 1\n', { mode: 0o755 });
    const r = await run('create-rampart', ['inst', '--framework', 'fastify', '--features', 'none', '--yes', '--no-git', '--pm', 'npm'], {
      cwd,
      env: { PATH: `${fakeBin}:${process.env.PATH}` },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Install failed/);
    expect(r.stdout).toContain('fake npm');
    expect(r.stdout).toContain('npm install');
    expectManifestMatches(join(cwd, 'inst'));
  });

  it.runIf(ready.includes('fastapi'))('fastapi: a failing venv/pip install is reported, exit 0, project kept', async () => {
    const cwd = tempDir();
    const fakeBin = tempDir('rampart-fake-python-');
    writeFileSync(join(fakeBin, 'python3'), '#!/bin/sh\necho "fake python: no network" >&2\nexit 1\n', { mode: 0o755 });
    const r = await run('create-rampart', ['pyinst', '--framework', 'fastapi', '--features', 'none', '--yes', '--no-git'], {
      cwd,
      env: { PATH: `${fakeBin}:${process.env.PATH}` },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Install failed/);
    expect(r.stdout).toContain('fake python');
    expectManifestMatches(join(cwd, 'pyinst'));
  });

  it('install failure is in the --json result too', async () => {
    const cwd = tempDir();
    const fakeBin = tempDir('rampart-fake-npm-');
    writeFileSync(join(fakeBin, 'npm'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const r = await run('create-rampart', ['inst', '--framework', 'fastify', '--features', 'none', '--yes', '--no-git', '--pm', 'npm', '--json'], {
      cwd,
      env: { PATH: `${fakeBin}:${process.env.PATH}` },
    });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).install).toMatchObject({ ok: false, command: 'npm install' });
  });
});
