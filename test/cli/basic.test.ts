import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { features, frameworks } from '../../src/catalog/index.js';
import { assertBuilt, cleanupTemps, linesOf, packageVersion, run, tempDir } from '../fixtures/cli.js';

beforeAll(assertBuilt);
afterAll(cleanupTemps);

describe.each(['create-rampart', 'rampart'] as const)('%s', (bin) => {
  it('--version and -v print the package version, exit 0', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await run(bin, [flag]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(packageVersion);
      expect(r.stderr).toBe('');
    }
  });

  it('--help and -h print usage, exit 0, nothing on stderr, nothing written', async () => {
    const cwd = tempDir();
    for (const flag of ['--help', '-h']) {
      const r = await run(bin, [flag], { cwd });
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(`Usage: ${bin}`);
    }
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('help texts', () => {
  it('create-rampart --help documents every flag, including catalog option flags', async () => {
    const r = await run('create-rampart', ['--help']);
    for (const flag of ['--framework', '--features', '--pm', '--no-git', '--no-install', '--yes', '--force', '--dry-run', '--json']) expect(r.stdout).toContain(flag);
    for (const f of features) for (const o of f.options ?? []) expect(r.stdout).toContain(`--${o.flag}`);
    for (const fw of Object.keys(frameworks)) expect(r.stdout).toContain(fw);
  });

  it('rampart --help lists the commands; rampart with no command prints it too', async () => {
    for (const args of [['--help'], []]) {
      const r = await run('rampart', args);
      expect(r.exitCode).toBe(0);
      for (const cmd of ['create', 'list', 'add', 'remove', 'upgrade', 'status']) expect(r.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
      // rampart add takes the catalog's option flags too (add rate-limit --rate-limit-store redis).
      for (const f of features) for (const o of f.options ?? []) expect(r.stdout).toContain(`--${o.flag}`);
    }
  });

  it('rampart create --help prints the create help', async () => {
    const r = await run('rampart', ['create', '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: create-rampart');
  });

  it('list, upgrade and status refuse words they would ignore: exit 1, one line', async () => {
    for (const command of ['list', 'upgrade', 'status']) {
      const r = await run('rampart', [command, 'cors'], { cwd: tempDir() });
      expect([r.exitCode, linesOf(r.stderr)]).toEqual([1, [`rampart: rampart ${command} takes no arguments (got "cors"); see rampart --help`]]);
    }
  });

  it('rampart <unknown command> → exit 1, one line naming it', async () => {
    const r = await run('rampart', ['lsit']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(linesOf(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown command "lsit".*rampart --help/);
  });
});

describe('rampart list', () => {
  it('lists every framework and feature with its hint and options', async () => {
    const r = await run('rampart', ['list']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/\u001b\[/); // no colour when not a TTY
    for (const fw of Object.values(frameworks)) expect(r.stdout).toContain(`${fw.id}`);
    for (const f of features) {
      expect(r.stdout).toMatch(new RegExp(`^  ${f.id}\\s+${f.hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
      for (const o of f.options ?? []) expect(r.stdout).toContain(`--${o.flag}`);
    }
  });

  it('--json is the catalog, machine-readable', async () => {
    const r = await run('rampart', ['list', '--json']);
    expect(r.exitCode).toBe(0);
    const data = JSON.parse(r.stdout) as { frameworks: { id: string; language: string }[]; features: { id: string; frameworks: string[]; recommended: boolean; requiresOneOf: string[]; options: { flag: string; default: string; choices: string[] }[] }[] };
    expect(data.frameworks.map((f) => f.id)).toEqual(Object.keys(frameworks));
    expect(data.features.map((f) => f.id)).toEqual(features.map((f) => f.id));
    const rbac = data.features.find((f) => f.id === 'rbac')!;
    expect(rbac.requiresOneOf).toEqual(expect.arrayContaining(['auth-jwt', 'auth-apikey']));
    const rl = data.features.find((f) => f.id === 'rate-limit')!;
    expect(rl.options).toEqual([{ id: 'store', flag: '--rate-limit-store', default: 'memory', choices: ['memory', 'redis'] }]);
    for (const f of data.features) expect(f.frameworks).toEqual([...features.find((x) => x.id === f.id)!.frameworks]);
  });
});

describe('output into a closed pipe', () => {
  it('`create-rampart … --dry-run --diff | head -1` ends quietly, no EPIPE stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const { cleanEnv, bins } = await import('../fixtures/cli.js');
    const cwd = tempDir();
    const child = spawn(process.execPath, [bins['create-rampart'], 'piped', '--framework', 'fastify', '--features', 'all', '--yes', '--dry-run', '--diff'], {
      cwd,
      env: cleanEnv() as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|internal error/);
    expect(code).toBe(0);
  });
});

