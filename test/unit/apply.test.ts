import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplyAborted, applyPlan, JOURNAL_FILE, recoverInterrupted } from '../../src/engine/apply.js';
import { UserError } from '../../src/engine/errors.js';
import { createManifest, MANIFEST_FILE, serializeManifest } from '../../src/engine/manifest.js';
import { planUpdate, type Plan } from '../../src/engine/plan.js';
import type { VirtualTree } from '../../src/engine/render.js';
import { resolveSelection } from '../../src/engine/selection.js';
import { snapshot } from '../fixtures/snapshot.js';
import { makeTree, removeTree } from '../fixtures/templates.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTree));
const tmp = (prefix = 'rampart-apply-') => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

const selection = resolveSelection({ name: 'my-api', framework: 'fastify', features: [] });

/**
 * A project on disk (as rampart wrote it, then edited) and a Plan that
 * exercises every action: create (in new nested directories), update, merge,
 * skip, keep, delete (in a directory that becomes empty), manifest update.
 */
function fixture(): { dir: string; plan: Plan; before: Record<string, string> } {
  const oldTree: VirtualTree = new Map([
    ['README.md', '# my-api v1\n'],
    ['src/app.ts', 'line 1\nline 2\nline 3\nline 4\n'],
    ['src/same.ts', 'same\n'],
    ['src/features/old/feature.ts', 'old feature\n'],
    ['src/features/edited/feature.ts', 'edited feature\n'],
  ]);
  const newTree: VirtualTree = new Map([
    ['README.md', '# my-api v2\n'],
    ['src/app.ts', 'line 1 (v2)\nline 2\nline 3\nline 4\n'],
    ['src/same.ts', 'same\n'],
    ['src/new/deep/one.ts', 'one\n'],
    ['src/new/two.ts', 'two\n'],
    ['.github/workflows/ci.yml', 'on: push\n'],
  ]);
  const oldManifest = createManifest(selection, oldTree, '1.0.0');
  const dir = makeTree({
    'README.md': '# my-api v1\n',
    'src/app.ts': 'line 1\nline 2\nline 3\nline 4 (ours)\n',
    'src/same.ts': 'same\n',
    'src/features/old/feature.ts': 'old feature\n',
    'src/features/edited/feature.ts': 'edited feature, by us\n',
    'notes.txt': 'the owners’ own file\n',
    [MANIFEST_FILE]: serializeManifest(oldManifest),
  });
  dirs.push(dir);
  const plan = planUpdate(newTree, dir, oldManifest, oldTree, createManifest(selection, newTree, '2.0.0'));
  const actions = Object.fromEntries(plan.entries.map((e) => [e.path, e.action]));
  expect(actions).toEqual({
    '.github/workflows/ci.yml': 'create',
    'README.md': 'update',
    'src/app.ts': 'merge',
    'src/features/edited/feature.ts': 'keep',
    'src/features/old/feature.ts': 'delete',
    'src/new/deep/one.ts': 'create',
    'src/new/two.ts': 'create',
    'src/same.ts': 'skip',
  });
  return { dir, plan, before: snapshot(dir) };
}

/** Steps applyPlan takes for a plan, per phase, recorded from a successful run on a copy. */
async function stepsOf(): Promise<{ stage: string[]; commit: string[] }> {
  const { plan } = fixture();
  const steps = { stage: [] as string[], commit: [] as string[] };
  await applyPlan(plan, { beforeStep: (phase, path) => steps[phase].push(path) });
  return steps;
}

describe('applyPlan', () => {
  it('writes creates, updates and merges, deletes, leaves skip/keep and the owners’ files alone, manifest last', async () => {
    const { dir, plan, before } = fixture();
    const commits: string[] = [];
    const result = await applyPlan(plan, { beforeStep: (phase, path) => phase === 'commit' && commits.push(path) });
    const after = snapshot(dir);

    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('# my-api v2\n');
    expect(readFileSync(join(dir, 'src/app.ts'), 'utf8')).toBe('line 1 (v2)\nline 2\nline 3\nline 4 (ours)\n');
    expect(readFileSync(join(dir, 'src/new/deep/one.ts'), 'utf8')).toBe('one\n');
    expect(readFileSync(join(dir, '.github/workflows/ci.yml'), 'utf8')).toBe('on: push\n');
    expect(existsSync(join(dir, 'src/features/old/feature.ts'))).toBe(false);
    expect(existsSync(join(dir, 'src/features/old')), 'emptied directory removed').toBe(false);
    expect(after['src/features/edited/feature.ts']).toBe(before['src/features/edited/feature.ts']);
    expect(after['notes.txt']).toBe(before['notes.txt']);
    expect(after['src/same.ts']).toBe(before['src/same.ts']);

    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
    expect(manifest).toEqual(plan.manifest);
    expect(manifest.generator.version).toBe('2.0.0');

    // The manifest is the last file renamed in (deletes only move files aside until the journal is gone).
    const writes = commits.filter((p) => p !== 'src/features/old/feature.ts');
    expect(writes.at(-1)).toBe(MANIFEST_FILE);
    expect(result.written.at(-1)).toBe(MANIFEST_FILE);
    expect(result.deleted).toEqual(['src/features/old/feature.ts']);

    // No litter: no journal, no staged or backup files.
    expect(Object.keys(after).filter((p) => p.includes('.rampart-'))).toEqual([]);
  });

  it('creates the target directory when it does not exist', async () => {
    const dir = join(tmp(), 'a', 'b');
    const tree: VirtualTree = new Map([['x.txt', 'x\n']]);
    await applyPlan({ dir, entries: [{ path: 'x.txt', action: 'create', content: 'x\n', reason: '' }], manifest: createManifest(selection, tree, '1') });
    expect(Object.keys(snapshot(dir)).sort()).toEqual([MANIFEST_FILE, 'x.txt']);
  });

  describe('failure injection: the directory is byte-for-byte as before', () => {
    let steps: { stage: string[]; commit: string[] };
    beforeAll(async () => {
      steps = await stepsOf();
    });

    it('has steps to fail at', () => {
      expect(steps.stage.length).toBeGreaterThanOrEqual(6);
      expect(steps.commit.length).toBe(steps.stage.length + 1); // + the delete
    });

    for (const phase of ['stage', 'commit'] as const) {
      it(`a throw at every ${phase} step rolls everything back`, async () => {
        for (let n = 1; n <= steps[phase].length; n++) {
          const { dir, plan, before } = fixture();
          let seen = 0;
          const failing = applyPlan(plan, {
            beforeStep: (p) => {
              if (p === phase && ++seen === n) throw new Error(`injected failure at ${phase} #${n}`);
            },
          });
          await expect(failing, `${phase} #${n}`).rejects.toThrow(`injected failure at ${phase} #${n}`);
          expect(snapshot(dir), `${phase} #${n} (${steps[phase][n - 1]})`).toEqual(before);
        }
      });
    }

    it('a real write error (a file where a directory must go) rolls back', async () => {
      const { dir, plan, before: _ } = fixture();
      writeFileSync(join(dir, 'src', 'new'), 'a file named like the directory rampart needs\n');
      const before = snapshot(dir);
      await expect(applyPlan(plan)).rejects.toThrow();
      expect(snapshot(dir)).toEqual(before);
    });

    it('aborted() (Ctrl-C) between steps → ApplyAborted and nothing changed', async () => {
      const total = (await stepsOf()).stage.length + (await stepsOf()).commit.length;
      for (const k of [0, 1, 3, Math.floor(total / 2), total - 1]) {
        const { dir, plan, before } = fixture();
        let checks = 0;
        await expect(applyPlan(plan, { aborted: () => checks++ >= k })).rejects.toBeInstanceOf(ApplyAborted);
        expect(snapshot(dir), `abort after ${k} steps`).toEqual(before);
      }
    });

    it('into a missing directory: a failure leaves no directory behind', async () => {
      const parent = tmp();
      const dir = join(parent, 'project');
      const tree: VirtualTree = new Map([['a/b/c.txt', 'c\n'], ['d.txt', 'd\n']]);
      const plan: Plan = { dir, entries: [...tree].map(([path, content]) => ({ path, action: 'create' as const, content, reason: '' })), manifest: createManifest(selection, tree, '1') };
      let n = 0;
      await expect(applyPlan(plan, { beforeStep: (p) => { if (p === 'commit' && ++n === 2) throw new Error('boom'); } })).rejects.toThrow('boom');
      expect(existsSync(dir)).toBe(false);
      expect(snapshot(parent)).toEqual({});
    });
  });

  describe('recoverInterrupted', () => {
    let child: string;
    beforeAll(async () => {
      child = join(tmp('rampart-child-'), 'apply-child.mjs');
      await build({ entryPoints: [join(import.meta.dirname, '..', 'fixtures', 'apply-child.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: child, logLevel: 'error' });
    });

    it('returns false when there is no journal', () => {
      const { dir, before } = fixture();
      expect(recoverInterrupted(dir)).toBe(false);
      expect(snapshot(dir)).toEqual(before);
    });

    for (const killAfter of [2, 5]) {
      it(`after SIGKILL mid-commit (after ${killAfter} commit steps) puts the tree back`, async () => {
        const { dir, plan, before } = fixture();
        const planFile = join(tmp(), 'plan.json');
        writeFileSync(planFile, JSON.stringify(plan));
        const proc = spawn(process.execPath, [child, planFile], { env: { ...process.env, RAMPART_TEST_STEP_DELAY_MS: '150' }, stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
        await new Promise<void>((resolve, reject) => {
          proc.stdout!.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            if ((out.match(/^commit /gm) ?? []).length >= killAfter) {
              proc.kill('SIGKILL');
              resolve();
            }
          });
          proc.on('exit', () => reject(new Error(`child exited before being killed:\n${out}`)));
        });
        expect(await exited).toBe('SIGKILL');
        expect(out).not.toContain('done');

        // The crash left a half-applied transaction behind.
        const crashed = snapshot(dir);
        expect(crashed[JOURNAL_FILE]).toBeDefined();
        expect(crashed).not.toEqual(before);

        expect(recoverInterrupted(dir)).toBe(true);
        expect(snapshot(dir)).toEqual(before);
        expect(recoverInterrupted(dir)).toBe(false);
      });
    }

    it('after the crash, applying the same plan again succeeds', async () => {
      const { dir, plan } = fixture();
      const copy = tmp();
      cpSync(dir, copy, { recursive: true });
      // simulate a crash with a journal for a transaction that staged nothing yet
      writeFileSync(join(dir, JOURNAL_FILE), JSON.stringify({ id: 'deadbeef', writes: [{ path: 'zzz.txt', existed: false }], deletes: [], createdDirs: [] }));
      writeFileSync(join(dir, 'zzz.txt'), 'half-written\n');
      expect(recoverInterrupted(dir)).toBe(true);
      expect(snapshot(dir)).toEqual(snapshot(copy));
      await applyPlan(plan);
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('# my-api v2\n');
    });

    it('a damaged journal is removed and nothing else is touched', () => {
      const { dir, before } = fixture();
      writeFileSync(join(dir, JOURNAL_FILE), '{ not json');
      expect(recoverInterrupted(dir)).toBe(false);
      expect(snapshot(dir)).toEqual(before);
    });

    describe('a journal that rampart did not write touches nothing and says so', () => {
      const doctored: Record<string, unknown> = {
        'a write outside the project': { id: 'deadbeef', writes: [{ path: '../outside.txt', existed: false }], deletes: [], createdDirs: [] },
        'an absolute write': { id: 'deadbeef', writes: [{ path: '/tmp/outside.txt', existed: false }], deletes: [], createdDirs: [] },
        'a delete outside the project': { id: 'deadbeef', writes: [], deletes: ['sub/../../outside.txt'], createdDirs: [] },
        'a created directory beside the project': { id: 'deadbeef', writes: [], deletes: [], createdDirs: ['SIBLING'] },
        'an id that is a path': { id: '../x', writes: [], deletes: [], createdDirs: [] },
        'missing lists': {},
      };
      for (const [what, template] of Object.entries(doctored)) {
        it(what, () => {
          // The project one level down in a scratch directory, so that '..' is ours too.
          const { dir: project, before } = fixture();
          const dir = join(tmp(), 'project');
          cpSync(project, dir, { recursive: true });
          const outside = join(dir, '..', 'outside.txt');
          writeFileSync(outside, 'precious\n');
          const sibling = join(dir, '..', 'sibling');
          mkdirSync(sibling);
          const journal = JSON.stringify(template).replace('"SIBLING"', JSON.stringify(sibling));
          writeFileSync(join(dir, JOURNAL_FILE), journal);
          expect(() => recoverInterrupted(dir)).toThrow(UserError);
          expect(() => recoverInterrupted(dir)).toThrow(`${JOURNAL_FILE} is not a journal rampart wrote: nothing was rolled back`);
          expect(readFileSync(outside, 'utf8')).toBe('precious\n');
          expect(existsSync(sibling)).toBe(true);
          expect(readFileSync(join(dir, JOURNAL_FILE), 'utf8')).toBe(journal);
          const { [JOURNAL_FILE]: _journal, ...rest } = snapshot(dir);
          expect(rest).toEqual(before);
        });
      }

      it('while the project itself and its missing parents are directories a real journal may remove', () => {
        const { dir, before } = fixture();
        writeFileSync(join(dir, JOURNAL_FILE), JSON.stringify({ id: 'deadbeef', writes: [], deletes: [], createdDirs: [join(dir, '..'), dir, join(dir, 'new')] }));
        expect(recoverInterrupted(dir)).toBe(true);
        expect(snapshot(dir)).toEqual(before);
      });
    });
  });
});
