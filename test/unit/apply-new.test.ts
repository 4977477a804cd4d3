import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyToNewDirectory, sweepAbandoned } from '../../src/engine/apply-new.js';
import { ApplyAborted } from '../../src/engine/apply.js';
import { createManifest, MANIFEST_FILE, serializeManifest } from '../../src/engine/manifest.js';
import type { Plan } from '../../src/engine/plan.js';
import type { VirtualTree } from '../../src/engine/render.js';
import { resolveSelection } from '../../src/engine/selection.js';
import { snapshot } from '../fixtures/snapshot.js';
import { removeTree } from '../fixtures/templates.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTree));
/** A parent folder that already holds something of its own, which must survive every outcome. */
const parentDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'rampart-apply-new-'));
  dirs.push(d);
  writeFileSync(join(d, 'neighbour.txt'), 'not rampart’s\n');
  return d;
};

const selection = resolveSelection({ name: 'my-api', framework: 'fastify', features: [] });
const tree: VirtualTree = new Map([
  ['.github/workflows/ci.yml', 'on: push\n'],
  ['README.md', '# my-api\n'],
  ['src/app.ts', 'app\n'],
  ['src/routes/deep/health.ts', 'health\n'],
]);
const planFor = (dir: string): Plan => ({
  dir,
  entries: [...tree].map(([path, content]) => ({ path, action: 'create' as const, content, reason: 'new file' })),
  manifest: createManifest(selection, tree, '1.0.0'),
});

describe('applyToNewDirectory', () => {
  it('writes every file and the manifest; the directory appears whole and nothing else is left in the parent', async () => {
    const parent = parentDir();
    const dir = join(parent, 'my-api');
    const steps: string[] = [];
    const result = await applyToNewDirectory(planFor(dir), { beforeStep: (phase, path) => steps.push(`${phase} ${path}`) });
    const files = snapshot(dir);
    for (const [path, text] of tree) expect(readFileSync(join(dir, path), 'utf8')).toBe(text);
    expect(readFileSync(join(dir, MANIFEST_FILE), 'utf8')).toBe(serializeManifest(planFor(dir).manifest));
    expect(Object.keys(files).filter((p) => !p.endsWith('/')).sort()).toEqual([...tree.keys(), MANIFEST_FILE].sort());
    expect(readdirSync(parent).sort()).toEqual(['my-api', 'neighbour.txt']);
    expect(result.written.at(-1)).toBe(MANIFEST_FILE);
    // one step per file, then the single commit (the rename)
    expect(steps).toEqual([...[...tree.keys(), MANIFEST_FILE].map((p) => `stage ${p}`), 'commit .']);
  });

  it('a throw at any step leaves the parent exactly as it was (no directory, no staging)', async () => {
    for (let n = 1; n <= tree.size + 2; n++) {
      const parent = parentDir();
      const before = snapshot(parent);
      let seen = 0;
      const failing = applyToNewDirectory(planFor(join(parent, 'my-api')), {
        beforeStep: () => {
          if (++seen === n) throw new Error(`injected failure #${n}`);
        },
      });
      await expect(failing).rejects.toThrow(`injected failure #${n}`);
      expect(snapshot(parent), `failure at step ${n}`).toEqual(before);
    }
  });

  it('aborted() (Ctrl-C) → ApplyAborted and the parent as it was', async () => {
    for (const k of [0, 2, tree.size + 1]) {
      const parent = parentDir();
      const before = snapshot(parent);
      let checks = 0;
      await expect(applyToNewDirectory(planFor(join(parent, 'my-api')), { aborted: () => checks++ >= k })).rejects.toBeInstanceOf(ApplyAborted);
      expect(snapshot(parent), `abort after ${k} steps`).toEqual(before);
    }
  });

  it('a directory with files that appears meanwhile is never replaced: a clear error, its files kept, no staging left', async () => {
    const parent = parentDir();
    const dir = join(parent, 'my-api');
    const failing = applyToNewDirectory(planFor(dir), {
      beforeStep: (phase) => {
        if (phase !== 'commit') return;
        mkdirSync(dir);
        writeFileSync(join(dir, 'theirs.txt'), 'someone else’s\n');
      },
    });
    // The code once, not 'EEXIST: EEXIST: …' (Node's message starts with it already).
    await expect(failing).rejects.toThrow(/could not write the project \((ENOTEMPTY|EEXIST): (?!ENOTEMPTY|EEXIST)/);
    expect(readdirSync(parent).sort()).toEqual(['my-api', 'neighbour.txt']);
    expect(readdirSync(dir)).toEqual(['theirs.txt']);
  });

  it('refuses a plan that is not all creates (it cannot replace or merge anything)', async () => {
    const parent = parentDir();
    const plan = planFor(join(parent, 'my-api'));
    plan.entries[0] = { ...plan.entries[0]!, action: 'update' };
    await expect(applyToNewDirectory(plan)).rejects.toThrow(/not a create/);
    expect(readdirSync(parent)).toEqual(['neighbour.txt']);
  });
});

describe('sweepAbandoned', () => {
  it('removes the staging left by a dead process, keeps one whose process runs and anything else', () => {
    const parent = parentDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const abandoned = join(parent, `.my-api.rampart-${dead}-0a1b2c3d`);
    const running = join(parent, `.my-api.rampart-${process.pid}-0a1b2c3d`);
    const other = join(parent, `.other.rampart-${dead}-0a1b2c3d`);
    for (const d of [abandoned, running, other, join(parent, '.my-api.rampart-notes')]) {
      mkdirSync(join(d, 'src'), { recursive: true });
      writeFileSync(join(d, 'src', 'app.ts'), 'app\n');
    }
    sweepAbandoned(join(parent, 'my-api'));
    expect(existsSync(abandoned)).toBe(false);
    expect(readdirSync(parent).sort()).toEqual([`.my-api.rampart-${process.pid}-0a1b2c3d`, '.my-api.rampart-notes', `.other.rampart-${dead}-0a1b2c3d`, 'neighbour.txt']);
  });

  it('does nothing when the parent does not exist', () => {
    expect(() => sweepAbandoned(join(tmpdir(), 'rampart-no-such-parent', 'my-api'))).not.toThrow();
  });
});
