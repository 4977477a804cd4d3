import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, bins, cleanupTemps, repoRoot, run, tempDir, type Bin } from '../fixtures/cli.js';

beforeAll(assertBuilt);
afterAll(cleanupTemps);

const hook = join(repoRoot, 'test', 'fixtures', 'load-log.mjs');
const scaffold = ['--framework', 'fastify', '--features', 'all', '--yes', '--no-install', '--no-git'];

/** Libraries a command must load only when it uses them, each known by a string only its bundle contains. */
const heavy = {
  'the Handlebars compiler': 'JavaScriptCompiler',
  execa: 'ExecaError',
  diff: 'structuredPatch',
  '@clack/prompts': 'S_BAR_START',
};

/** Runs the built CLI and returns the files of its own build (dist/) that the process loaded, with their text. */
async function loadedBy(bin: Bin, args: string[], env: Record<string, string> = {}): Promise<{ name: string; text: string }[]> {
  const cwd = tempDir();
  const log = join(cwd, 'loaded.txt');
  const r = await run(bin, args, { cwd, env: { ...env, NODE_OPTIONS: `--import ${hook}`, RAMPART_LOAD_LOG: log } });
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  const dist = join(bins[bin], '..', '..', 'dist');
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:') && fileURLToPath(url).startsWith(dist))
    .map((url) => ({ name: basename(fileURLToPath(url)), text: readFileSync(fileURLToPath(url), 'utf8') }));
}

const librariesIn = (files: { text: string }[]): string[] =>
  Object.entries(heavy).filter(([, marker]) => files.some((f) => f.text.includes(marker))).map(([name]) => name);

describe('what a command loads (Node 20 pays for every module and every byte it compiles)', () => {
  it('--help and --version: cli.js and two small chunks, a few KB in all', async () => {
    for (const args of [['--help'], ['--version']]) {
      const files = await loadedBy('create-rampart', args);
      expect(files[0]?.name).toBe('cli.js');
      expect(files.length, files.map((f) => f.name).join(', ')).toBeLessThanOrEqual(3);
      expect(files.reduce((n, f) => n + f.text.length, 0)).toBeLessThan(12_000);
    }
  });

  it('a --no-git --no-install scaffold: the commands, its framework’s precompiled table and Handlebars’ runtime, nothing heavy besides', async () => {
    const files = await loadedBy('create-rampart', ['api', ...scaffold]);
    const tables = files.map((f) => f.name).filter((name) => name.startsWith('templates.'));
    expect(tables).toEqual(['templates.fastify.precompiled.js']);
    expect(librariesIn(files)).toEqual([]);
    expect(files.length, files.map((f) => f.name).join(', ')).toBeLessThanOrEqual(9);
  });

  it('a template edited since the build misses the table: the compiler is loaded and the edit is in the project', async () => {
    const templates = join(tempDir('rampart-templates-'), 'templates');
    cpSync(join(bins['create-rampart'], '..', '..', 'templates'), templates, { recursive: true });
    const readme = join(templates, 'fastify', 'base', 'README.md.hbs');
    expect(existsSync(readme)).toBe(true);
    writeFileSync(readme, `${readFileSync(readme, 'utf8')}\nEdited after the build: {{name}}.\n`);
    const cwd = tempDir();
    const r = await run('create-rampart', ['edited', ...scaffold], { cwd, env: { RAMPART_TEMPLATES_DIR: templates } });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(cwd, 'edited', 'README.md'), 'utf8')).toContain('Edited after the build: edited.');
    const files = await loadedBy('create-rampart', ['again', ...scaffold], { RAMPART_TEMPLATES_DIR: templates });
    expect(librariesIn(files)).toEqual(['the Handlebars compiler']);
  });

  it('rampart add and status still load only what they use (no diff without --diff, no prompts with --yes)', async () => {
    const cwd = tempDir();
    expect((await run('create-rampart', ['proj', '--framework', 'fastify', '--features', 'cors', '--yes', '--no-install'], { cwd, env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } })).exitCode).toBe(0);
    const project = join(cwd, 'proj');
    const status = await loadedByIn(project, ['status']);
    expect(librariesIn(status)).toEqual([]);
    const add = await loadedByIn(project, ['add', 'headers', '--yes']);
    expect(librariesIn(add)).toEqual(['execa']); // git: the dirty check and the merge bases
  });
});

/** loadedBy for `rampart` inside a project. */
async function loadedByIn(project: string, args: string[]): Promise<{ name: string; text: string }[]> {
  return loadedBy('rampart', [...args, '--cwd', project]);
}
