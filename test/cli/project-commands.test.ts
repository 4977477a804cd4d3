import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanupTemps, linesOf, run, tempDir } from '../fixtures/cli.js';
import { snapshot } from '../fixtures/snapshot.js';

/** add / remove / upgrade / status as a user meets them: the built bin, in a project folder. */
beforeAll(() => assertBuilt());
afterAll(() => cleanupTemps());

async function project(features: string, git = false): Promise<string> {
  const parent = tempDir();
  const created = await run('create-rampart', ['svc', '--framework', 'fastify', '--features', features, '--yes', '--no-install', ...(git ? [] : ['--no-git'])], { cwd: parent });
  expect(created.exitCode, created.stderr).toBe(0);
  return join(parent, 'svc');
}

const expectOneLineError = (result: { exitCode: number | undefined; stderr: string }, pattern: RegExp): void => {
  expect(result.exitCode).toBe(1);
  expect(linesOf(result.stderr)).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
};

describe('rampart add / remove / status', () => {
  it('outside a rampart project: one line, exit 1', async () => {
    const dir = tempDir();
    expectOneLineError(await run('rampart', ['add', 'cors'], { cwd: dir }), /not a rampart project/);
    expectOneLineError(await run('rampart', ['status'], { cwd: dir }), /not a rampart project/);
  });

  it('a corrupt or damaged rampart.json: one line, exit 1, nothing written', async () => {
    const dir = await project('none');
    writeFileSync(join(dir, 'rampart.json'), '{ not json');
    const before = snapshot(dir);
    expectOneLineError(await run('rampart', ['add', 'cors'], { cwd: dir }), /rampart\.json is not valid JSON/);
    writeFileSync(join(dir, 'rampart.json'), JSON.stringify({ generator: { version: '0.1.0' }, name: 'svc', framework: 'rails', features: [], options: {}, files: {} }));
    expectOneLineError(await run('rampart', ['add', 'cors'], { cwd: dir }), /rampart\.json is damaged: framework must be one of/);
    writeFileSync(join(dir, 'rampart.json'), '{ not json');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a doctored journal or a manifest naming a file outside the project: one line, exit 1, nothing outside touched', async () => {
    const dir = await project('cors');
    const victim = join(dir, '..', 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const manifest = readFileSync(join(dir, 'rampart.json'), 'utf8');

    writeFileSync(join(dir, '.rampart-transaction.json'), JSON.stringify({ id: 'x', writes: [{ path: '../victim.txt', existed: false }], deletes: [], createdDirs: [] }));
    expectOneLineError(await run('rampart', ['status'], { cwd: dir }), /\.rampart-transaction\.json is not a journal rampart wrote: nothing was rolled back/);
    writeFileSync(join(dir, '.rampart-transaction.json'), '{}');
    expectOneLineError(await run('rampart', ['status'], { cwd: dir }), /is not a journal rampart wrote/);
    execFileSync('rm', [join(dir, '.rampart-transaction.json')]);

    const doctored = JSON.parse(manifest) as { files: Record<string, string> };
    doctored.files['../victim.txt'] = execFileSync('sha256sum', [victim], { encoding: 'utf8' }).slice(0, 64);
    writeFileSync(join(dir, 'rampart.json'), JSON.stringify(doctored));
    expectOneLineError(await run('rampart', ['upgrade', '--yes'], { cwd: dir }), /rampart\.json is damaged: files names "\.\.\/victim\.txt", which is outside the project/);
    const keptOutside = { ...(JSON.parse(manifest) as object), kept: { '../victim.txt': doctored.files['../victim.txt'] } };
    writeFileSync(join(dir, 'rampart.json'), JSON.stringify(keptOutside));
    expectOneLineError(await run('rampart', ['remove', 'cors', '--yes'], { cwd: dir }), /rampart\.json is damaged: kept names "\.\.\/victim\.txt", which is outside the project/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('a project made by a newer rampart is not downgraded: one line, exit 1, nothing written', async () => {
    const dir = await project('cors');
    const manifest = JSON.parse(readFileSync(join(dir, 'rampart.json'), 'utf8')) as { generator: { version: string } };
    manifest.generator.version = '99.0.0';
    writeFileSync(join(dir, 'rampart.json'), JSON.stringify(manifest));
    const before = snapshot(dir);
    for (const command of [['upgrade', '--yes'], ['add', 'headers', '--yes'], ['status']]) {
      expectOneLineError(await run('rampart', command, { cwd: dir }), /made by create-rampart 99\.0\.0, newer than this rampart \(\d+\.\d+\.\d+\)/);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('from a folder inside the project, the commands find rampart.json above, as git finds its repository', async () => {
    const dir = await project('none');
    const inside = join(dir, 'src', 'routes');
    const added = await run('rampart', ['add', 'cors', '--yes'], { cwd: inside });
    expect(added.exitCode, added.stderr).toBe(0);
    expect(added.stdout).toContain('project: ../..');
    expect((JSON.parse(readFileSync(join(dir, 'rampart.json'), 'utf8')) as { features: string[] }).features).toEqual(['cors']);
    expect(existsSync(join(inside, 'rampart.json'))).toBe(false);
    const status = await run('rampart', ['status', '--json', '--cwd', 'src'], { cwd: dir });
    expect(status.exitCode, status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as { features: string[] }).features).toEqual(['cors']);
  });

  it('--cwd naming a folder that does not exist: one line, exit 1', async () => {
    expectOneLineError(await run('rampart', ['status', '--cwd', 'no/such/folder'], { cwd: tempDir() }), /^rampart: no\/such\/folder is not a directory; pass --cwd the folder of a project/);
  });

  it('features to add or remove may be given as a comma list, as --features takes them', async () => {
    const dir = await project('none');
    const added = await run('rampart', ['add', 'headers,cors', '--yes'], { cwd: dir });
    expect(added.exitCode, added.stderr).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, 'rampart.json'), 'utf8')) as { features: string[] }).features).toEqual(['headers', 'cors']);
    const removed = await run('rampart', ['remove', 'cors,', 'headers', '--yes'], { cwd: dir });
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, 'rampart.json'), 'utf8')) as { features: string[] }).features).toEqual([]);
  });

  it('an option flag is never dropped without a word', async () => {
    const dir = await project('rate-limit');
    const before = snapshot(dir);
    expectOneLineError(await run('rampart', ['add', 'headers', '--auth-provider', 'oidc', '--yes'], { cwd: dir }), /--auth-provider needs the "auth-jwt" feature; add both: rampart add auth-jwt --auth-provider oidc/);
    expectOneLineError(await run('rampart', ['upgrade', '--rate-limit-store', 'redis', '--yes'], { cwd: dir }), /rampart upgrade takes no --rate-limit-store; change it with rampart add rate-limit --rate-limit-store redis/);
    expectOneLineError(await run('rampart', ['remove', 'rate-limit', '--rate-limit-store', 'redis', '--yes'], { cwd: dir }), /rampart remove takes no --rate-limit-store/);
    expect(snapshot(dir)).toEqual(before);
    // On a feature the project has, the option changes, and the output says so.
    const switched = await run('rampart', ['add', 'rate-limit', '--rate-limit-store', 'redis', '--yes'], { cwd: dir });
    expect(switched.exitCode, switched.stderr).toBe(0);
    expect(switched.stdout).toContain('rate-limit is already in this project: its store becomes redis');
    expect((JSON.parse(readFileSync(join(dir, 'rampart.json'), 'utf8')) as { options: Record<string, Record<string, string>> }).options['rate-limit']).toEqual({ store: 'redis' });
  });

  it('unknown feature: suggests the closest; nothing written', async () => {
    const dir = await project('none');
    const before = snapshot(dir);
    expectOneLineError(await run('rampart', ['add', 'corz'], { cwd: dir }), /unknown feature "corz" \(did you mean "cors"\?\)/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('rbac without auth says which feature to add; --yes adds it', async () => {
    const dir = await project('none');
    const before = snapshot(dir);
    expectOneLineError(await run('rampart', ['add', 'rbac'], { cwd: dir }), /rbac needs an authentication feature.*rampart add auth-jwt rbac/);
    expect(snapshot(dir)).toEqual(before);
    const added = await run('rampart', ['add', 'rbac', '--yes'], { cwd: dir });
    expect(added.exitCode, added.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'rampart.json'), 'utf8')) as { features: string[] };
    expect(manifest.features).toEqual(['auth-jwt', 'rbac']);
  });

  it('options of an added feature are taken from flags (--rate-limit-store=redis)', async () => {
    const dir = await project('none');
    const added = await run('rampart', ['add', 'rate-limit', '--rate-limit-store=redis', '--yes'], { cwd: dir });
    expect(added.exitCode, added.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'rampart.json'), 'utf8')) as { options: Record<string, Record<string, string>> };
    expect(manifest.options['rate-limit']).toEqual({ store: 'redis' });
    expect(readFileSync(join(dir, '.env.example'), 'utf8')).toMatch(/^REDIS_URL=/m);
  });

  it('--dry-run prints the plan and writes nothing; --diff shows the changes', async () => {
    const dir = await project('none');
    const before = snapshot(dir);
    const dry = await run('rampart', ['add', 'cors', '--dry-run', '--diff'], { cwd: dir });
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toMatch(/dry run: nothing written/);
    expect(dry.stdout).toMatch(/CORS_ORIGINS/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('adding twice is a no-op that says so; removing what is not there says so', async () => {
    const dir = await project('cors');
    const before = snapshot(dir);
    const again = await run('rampart', ['add', 'cors', '--yes'], { cwd: dir });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/cors is already in this project/);
    expect(again.stdout).toMatch(/nothing to do/);
    const absent = await run('rampart', ['remove', 'headers', '--yes'], { cwd: dir });
    expect(absent.stdout).toMatch(/headers is not in this project/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('removing the only auth feature under rbac is refused with the command to run', async () => {
    const dir = await project('auth-jwt,rbac');
    expectOneLineError(await run('rampart', ['remove', 'auth-jwt', '--yes'], { cwd: dir }), /rbac needs auth-jwt or auth-apikey; remove rbac too: rampart remove auth-jwt rbac/);
  });

  it('a dirty git tree: refused with --yes or without a terminal, allowed with --allow-dirty', async () => {
    const dir = await project('none', true);
    appendFileSync(join(dir, 'README.md'), '\nwork in progress\n');
    const before = snapshot(dir);
    expectOneLineError(await run('rampart', ['add', 'cors', '--yes'], { cwd: dir }), /uncommitted change.*--allow-dirty/);
    // No terminal and no --yes: nobody would see a warning, so no more lenient than --yes.
    expectOneLineError(await run('rampart', ['add', 'cors'], { cwd: dir }), /uncommitted change.*--allow-dirty/);
    expect(snapshot(dir)).toEqual(before);
    const allowed = await run('rampart', ['add', 'cors', '--yes', '--allow-dirty'], { cwd: dir });
    expect(allowed.exitCode, allowed.stderr).toBe(0);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/work in progress\n$/);
  });

  it('a conflicting edit stops the change, lists the file and writes nothing; --force overwrites and says which', async () => {
    const dir = await project('none', true);
    // The owners insert a line of their own exactly where the features' plugins go:
    // two insertions at one spot cannot be ordered without guessing.
    const app = join(dir, 'src', 'app.ts');
    writeFileSync(app, readFileSync(app, 'utf8').replace(/^(  await app\.register\(errors\);\n)/m, '$1  // ours: our own plugins come right after the error handler\n'));
    execFileSync('git', ['-c', 'user.name=o', '-c', 'user.email=o@x', 'commit', '-qam', 'ours'], { cwd: dir });
    const before = snapshot(dir);
    const plan = await run('rampart', ['add', 'cors', 'headers', '--dry-run', '--json'], { cwd: dir });
    const conflicts = (JSON.parse(plan.stdout) as { plan: { path: string; action: string }[] }).plan.filter((e) => e.action === 'conflict');
    expect(conflicts.map((c) => c.path)).toEqual(['src/app.ts']);
    const refused = await run('rampart', ['add', 'cors', 'headers', '--yes'], { cwd: dir });
    expectOneLineError(refused, /conflict.*nothing was written/);
    expect(snapshot(dir)).toEqual(before);
    const forced = await run('rampart', ['add', 'cors', 'headers', '--yes', '--force'], { cwd: dir });
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/--force: overwriting/);
  });

  it("a merged package.json keeps npm's order of dependencies whatever the user's locale", async () => {
    const dir = await project('none');
    // The owners added a dependency of their own (as npm writes it), so adding a
    // feature merges package.json instead of replacing it.
    const manifestPath = join(dir, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies: Record<string, string> };
    manifest.dependencies = Object.fromEntries(Object.entries({ ...manifest.dependencies, uuid: '^11.0.0' }).sort(([a], [b]) => a.localeCompare(b, 'en')));
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    // Estonian collation puts z between s and t: `zod` before `uuid`.
    const estonian = { LC_ALL: 'et_EE.UTF-8', LANG: 'et_EE.UTF-8' };
    const added = await run('rampart', ['add', 'rate-limit', '--yes'], { cwd: dir, env: estonian });
    expect(added.exitCode, added.stderr).toBe(0);
    const names = Object.keys((JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    expect(names).toContain('uuid');
    expect(names).toContain('@fastify/rate-limit');
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('a file left in place by remove is listed by status, and adding its feature back takes the edited version as it is', async () => {
    const dir = await project('cors,headers');
    const plugin = join(dir, 'src', 'plugins', 'cors.ts');
    appendFileSync(plugin, '// ours: the partner origins are reviewed every quarter\n');
    const edited = readFileSync(plugin, 'utf8');
    const removed = await run('rampart', ['remove', 'cors', '--yes'], { cwd: dir });
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/src\/plugins\/cors\.ts: no longer generated, but you edited it: left in place/);
    const status = await run('rampart', ['status', '--json'], { cwd: dir });
    expect((JSON.parse(status.stdout) as { kept: string[] }).kept).toContain('src/plugins/cors.ts');
    expect((await run('rampart', ['status'], { cwd: dir })).stdout).toMatch(/kept\s+src\/plugins\/cors\.ts/);

    const added = await run('rampart', ['add', 'cors', '--yes'], { cwd: dir });
    expect(added.exitCode, added.stderr).toBe(0);
    expect(readFileSync(plugin, 'utf8')).toBe(edited);
    const after = JSON.parse((await run('rampart', ['status', '--json'], { cwd: dir })).stdout) as { kept: string[]; files: { path: string; state: string }[] };
    expect(after.kept).toEqual([]);
    expect(after.files.find((f) => f.path === 'src/plugins/cors.ts')?.state).toBe('edited');
  });

  it('status lists features with their wiring and the files the owners edited; exit 1 once a control is unwired', async () => {
    const dir = await project('cors,headers');
    expect((await run('rampart', ['status'], { cwd: dir })).exitCode).toBe(0);
    const app = join(dir, 'src', 'app.ts');
    const text = readFileSync(app, 'utf8');
    const corsLine = text.split('\n').find((l) => /cors/i.test(l) && /register/.test(l));
    expect(corsLine).toBeDefined();
    writeFileSync(app, text.replace(`${corsLine}\n`, ''));
    const status = await run('rampart', ['status', '--json'], { cwd: dir });
    expect(status.exitCode).toBe(1);
    expect((await run('rampart', ['status'], { cwd: dir })).exitCode).toBe(1);
    const report = JSON.parse(status.stdout) as { files: { path: string; state: string }[]; wiring: { feature: string; intact: boolean }[] };
    expect(report.files.find((f) => f.path === 'src/app.ts')?.state).toBe('edited');
    expect(report.wiring.find((w) => w.feature === 'cors')?.intact).toBe(false);
    expect(report.wiring.find((w) => w.feature === 'headers')?.intact).toBe(true);
  });
});
