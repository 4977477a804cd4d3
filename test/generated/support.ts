import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';
import { npmVersions } from '../../src/catalog/versions.js';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const python = '/usr/bin/python3';
const cacheRoot = join(repo, '.cache', 'generated');

export interface Variant {
  /** Short label used in test names and directory names. */
  label: string;
  features: string[];
  options?: Record<string, string>;
}

/** The template matrix of DESIGN.md: none, all, each feature alone, auth pairs + rbac, and each option. */
export function matrixFor(all: string[]): Variant[] {
  const alone = all.flatMap<Variant>((id) =>
    id === 'rbac'
      ? [
          { label: 'rbac+jwt', features: ['auth-jwt', 'rbac'] },
          { label: 'rbac+apikey', features: ['auth-apikey', 'rbac'] },
        ]
      : [{ label: id, features: [id] }],
  );
  return [
    { label: 'none', features: [] },
    { label: 'all', features: all },
    ...alone,
    { label: 'jwt+apikey+rbac', features: ['auth-jwt', 'auth-apikey', 'rbac'] },
    { label: 'oidc+rbac', features: ['auth-jwt', 'rbac'], options: { 'auth-provider': 'oidc' } },
    { label: 'redis+jwt', features: ['rate-limit', 'auth-jwt'], options: { 'rate-limit-store': 'redis' } },
  ];
}

export async function generate(framework: string, variant: Variant): Promise<string> {
  const parent = mkdtempSync(join(tmpdir(), `rampart-${framework}-`));
  const name = `api-${variant.label.replace(/[^a-z0-9]+/g, '-')}`;
  const args = [
    join(repo, 'bin/create-rampart.js'),
    name,
    '--framework',
    framework,
    '--features',
    variant.features.length ? variant.features.join(',') : 'none',
    '--yes',
    '--no-install',
    '--no-git',
    ...Object.entries(variant.options ?? {}).flatMap(([k, v]) => [`--${k}`, v]),
  ];
  await execa('node', args, { cwd: parent });
  return join(parent, name);
}

/**
 * Every npm package a template may use, installed once per versions table into
 * .cache and linked into each generated project (a real install per framework
 * happens separately, see http.test.ts).
 */
export async function sharedNodeModules(): Promise<string> {
  const key = createHash('sha256').update(JSON.stringify(npmVersions)).digest('hex').slice(0, 12);
  const dir = join(cacheRoot, `deps-${key}`);
  await fillOnce(dir, async () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'rampart-template-deps', private: true, dependencies: npmVersions }, null, 2));
    await execa('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, timeout: 600_000 });
    // npm 11 skips install scripts it does not trust: prove the native argon2 binding really loads.
    await execa('node', ['-e', "require('@node-rs/argon2').hashSync('x')"], { cwd: dir });
  });
  return join(dir, 'node_modules');
}

/**
 * The folder holding the `node` of the major version a generated Dockerfile
 * ships (`FROM node:24-alpine`), installed once from npm's `node` package: put
 * first on PATH, it runs the app on its image's runtime rather than this
 * machine's Node.
 */
export async function nodeOfImage(project: string): Promise<{ bin: string; major: string }> {
  const major = /^FROM node:(\d+)/m.exec(readFileSync(join(project, 'Dockerfile'), 'utf8'))?.[1];
  if (major === undefined) throw new Error(`${project}/Dockerfile names no node:<major> image`);
  const dir = join(cacheRoot, `node-${major}`);
  await fillOnce(dir, async () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'rampart-node-runtime', private: true }));
    await execa('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `node@${major}`], { cwd: dir, timeout: 600_000 });
  });
  return { bin: join(dir, 'node_modules', 'node', 'bin'), major };
}

/** Fills a .cache folder once: test files run in parallel, so one fills it and the others wait. */
async function fillOnce(dir: string, fill: () => Promise<void>): Promise<void> {
  const ready = join(dir, '.ready');
  if (existsSync(ready)) return;
  mkdirSync(cacheRoot, { recursive: true });
  const lock = `${dir}.lock`;
  try {
    mkdirSync(lock);
  } catch {
    const deadline = Date.now() + 900_000;
    while (!existsSync(ready)) {
      if (Date.now() > deadline) throw new Error(`waited too long for ${dir} to be filled`);
      await new Promise((r) => setTimeout(r, 500));
    }
    return;
  }
  try {
    mkdirSync(dir, { recursive: true });
    await fill();
    writeFileSync(ready, new Date().toISOString());
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function linkDeps(project: string): Promise<void> {
  const modules = await sharedNodeModules();
  rmSync(join(project, 'node_modules'), { recursive: true, force: true });
  symlinkSync(modules, join(project, 'node_modules'), 'dir');
}

/** Runs a command; on failure the assertion message carries the tail of its output. */
export async function run(file: string, args: string[], options: Options & { cwd: string }): Promise<{ ok: boolean; output: string }> {
  const result = await execa(file, args, { reject: false, all: true, timeout: 240_000, ...options, env: { CI: 'true', ...options.env } });
  const output = String(result.all ?? '');
  return { ok: result.exitCode === 0, output: output.split('\n').slice(-60).join('\n') };
}

export const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
