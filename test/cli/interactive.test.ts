import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { features, frameworks } from '../../src/catalog/index.js';
import { assertBuilt, bins, cleanEnv, cleanupTemps, repoRoot, tempDir } from '../fixtures/cli.js';
import { snapshot } from '../fixtures/snapshot.js';

const python = '/usr/bin/python3';
const driver = join(repoRoot, 'test', 'fixtures', 'pty-driver.py');

beforeAll(assertBuilt);
afterAll(cleanupTemps);

interface Step {
  expect: string;
  send?: string;
  keys?: string[];
}
interface DriverResult {
  exitCode: number | null;
  signal: number | null;
  failedStep: number | null;
  screen: string;
}

const KEY = { enter: '\r', down: '\u001b[B', space: ' ', ctrlC: '\u0003' };

/** Runs create-rampart on a pseudo-terminal, answering each prompt when it appears. */
async function drive(cwd: string, args: string[], steps: Step[]): Promise<DriverResult> {
  const env = Object.fromEntries(
    Object.entries(cleanEnv({ TERM: 'xterm-256color', CI: undefined, GITHUB_ACTIONS: undefined })).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  const spec = { argv: [process.execPath, bins['create-rampart'], ...args], cwd, env, timeout: 40, steps };
  const r = await execa(python, [driver], { input: JSON.stringify(spec), reject: false, timeout: 60_000 });
  if (r.exitCode !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as DriverResult;
}

const describeIfPty = existsSync(python) ? describe : describe.skip;

describeIfPty('create-rampart through a pseudo-terminal', () => {
  it('asks name, framework, features, options, package manager, git, install — and writes what was chosen', async () => {
    const cwd = tempDir();
    const fwIds = Object.keys(frameworks);
    const framework = 'express';
    const available = features.filter((f) => f.frameworks.includes(framework));
    // Space toggles the first two features (off if recommended, on if not).
    const toggled = new Set(available.slice(0, 2).map((f) => f.id));
    const expected = available.filter((f) => f.recommended !== toggled.has(f.id)).map((f) => f.id);
    const optionSteps: Step[] = available
      .filter((f) => expected.includes(f.id))
      .flatMap((f) => (f.options ?? []).map((o) => ({ expect: o.title, send: KEY.enter })));

    const result = await drive(cwd, [], [
      { expect: 'Project name', send: 'my-api' },
      { expect: 'my-api', send: KEY.enter },
      { expect: 'Framework', keys: [...Array(fwIds.indexOf(framework)).fill(KEY.down), KEY.enter] },
      { expect: 'Security controls', keys: [KEY.space, KEY.down, KEY.space, KEY.enter] },
      ...optionSteps,
      { expect: 'Package manager', send: KEY.enter },
      { expect: 'Initialise a git repository?', send: 'n' },
      { expect: 'Install dependencies?', send: 'n' },
    ]);

    expect(result.failedStep, `stopped waiting at step ${result.failedStep}\n${result.screen}`).toBeNull();
    expect(result.exitCode, result.screen).toBe(0);
    expect(result.screen).toContain('my-api: express with');
    const dir = join(cwd, 'my-api');
    const manifest = JSON.parse(readFileSync(join(dir, 'rampart.json'), 'utf8'));
    expect(manifest.framework).toBe('express');
    expect(manifest.features).toEqual(expected);
    for (const f of available.filter((x) => expected.includes(x.id))) {
      for (const o of f.options ?? []) expect(manifest.options[f.id][o.id]).toBe(o.default);
    }
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name).toBe('my-api');
    expect(existsSync(join(dir, '.git')), 'git was declined').toBe(false);
    expect(existsSync(join(dir, 'node_modules')), 'install was declined').toBe(false);
  });

  it('flags answer their questions: only the rest is asked', async () => {
    const cwd = tempDir();
    const result = await drive(cwd, ['flagged', '--framework', 'fastify', '--features', 'cors', '--no-git', '--no-install'], [
      { expect: 'Package manager', send: KEY.enter },
    ]);
    expect(result.failedStep, result.screen).toBeNull();
    expect(result.exitCode, result.screen).toBe(0);
    expect(result.screen).not.toContain('Project name');
    expect(result.screen).not.toContain('Security controls');
    const manifest = JSON.parse(readFileSync(join(cwd, 'flagged', 'rampart.json'), 'utf8'));
    expect(manifest).toMatchObject({ framework: 'fastify', features: ['cors'] });
  });

  it('a feature set that breaks a rule (rbac without auth) is explained and asked again', async () => {
    const cwd = tempDir();
    const available = features.filter((f) => f.frameworks.includes('fastify'));
    const recommended = available.filter((f) => f.recommended).map((f) => f.id);
    expect(recommended, 'test premise: rbac and auth-jwt are recommended, auth-apikey is not').toEqual(expect.arrayContaining(['rbac', 'auth-jwt']));
    expect(recommended).not.toContain('auth-apikey');
    const jwt = available.findIndex((f) => f.id === 'auth-jwt');
    const optionSteps = (ids: string[]): Step[] =>
      available.filter((f) => ids.includes(f.id)).flatMap((f) => (f.options ?? []).map((o) => ({ expect: o.title, send: KEY.enter })));
    const result = await drive(cwd, ['rules', '--framework', 'fastify', '--no-git', '--no-install'], [
      { expect: 'Security controls', keys: [...Array(jwt).fill(KEY.down), KEY.space, KEY.enter] },
      { expect: 'needs an authentication feature', send: '' },
      { expect: 'Security controls', send: KEY.enter },
      ...optionSteps(recommended),
      { expect: 'Package manager', send: KEY.enter },
    ]);
    expect(result.failedStep, result.screen).toBeNull();
    expect(result.exitCode, result.screen).toBe(0);
    const manifest = JSON.parse(readFileSync(join(cwd, 'rules', 'rampart.json'), 'utf8'));
    expect(manifest.features).toEqual(recommended);
  });

  it('Ctrl-C at the first prompt → non-zero exit, nothing written', async () => {
    const cwd = tempDir();
    const result = await drive(cwd, [], [{ expect: 'Project name', send: KEY.ctrlC }]);
    expect(result.failedStep, result.screen).toBeNull();
    expect(result.exitCode === null ? result.signal : result.exitCode, result.screen).not.toBe(0);
    expect(result.exitCode).not.toBeNull();
    expect(result.screen).toMatch(/cancel/i);
    expect(result.screen).not.toMatch(/internal error/);
    expect(snapshot(cwd)).toEqual({});
  });

  it('Ctrl-C at a later prompt (git) → non-zero exit, nothing written', async () => {
    const cwd = tempDir();
    const result = await drive(cwd, ['late', '--framework', 'fastify', '--features', 'cors', '--pm', 'npm'], [
      { expect: 'Initialise a git repository?', send: KEY.ctrlC },
    ]);
    expect(result.failedStep, result.screen).toBeNull();
    expect(result.exitCode, result.screen).not.toBe(0);
    expect(result.exitCode).not.toBeNull();
    expect(snapshot(cwd)).toEqual({});
  });
});
