import { afterAll, describe, expect, it } from 'vitest';
import { createManifest, sha256, type Manifest } from '../../src/engine/manifest.js';
import { conflictsOf, isNoop, planCreate, planUpdate, resolveConflicts, type Plan, type PlanEntry } from '../../src/engine/plan.js';
import type { VirtualTree } from '../../src/engine/render.js';
import { resolveSelection } from '../../src/engine/selection.js';
import { makeTree, removeTree } from '../fixtures/templates.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTree));
const project = (files: Record<string, string>) => {
  const dir = makeTree(files, 'rampart-plan-');
  dirs.push(dir);
  return dir;
};

const selection = resolveSelection({ name: 'my-api', framework: 'fastify', features: [] });
const manifestOf = (tree: VirtualTree): Manifest => createManifest(selection, tree, '1.0.0');
const byPath = (plan: Plan): Record<string, PlanEntry> => Object.fromEntries(plan.entries.map((e) => [e.path, e]));
const actions = (plan: Plan): Record<string, string> => Object.fromEntries(plan.entries.map((e) => [e.path, e.action]));

const pkg = (deps: Record<string, string>, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ name: 'my-api', ...extra, dependencies: deps }, null, 2)}\n`;

describe('planCreate', () => {
  const tree: VirtualTree = new Map([
    ['README.md', '# my-api\n'],
    ['src/app.ts', 'export {};\n'],
    ['package.json', pkg({ fastify: '5.0.0' })],
    ['.env.example', 'PORT=3000\n'],
  ]);

  it('creates every file in an empty (or missing) directory', () => {
    const plan = planCreate(tree, '/nonexistent/rampart/dir', manifestOf(tree));
    expect(actions(plan)).toEqual({ 'README.md': 'create', 'src/app.ts': 'create', 'package.json': 'create', '.env.example': 'create' });
    expect(byPath(plan)['src/app.ts']!.content).toBe('export {};\n');
    expect(conflictsOf(plan)).toEqual([]);
  });

  it('skips an identical file, merges structural files, and makes any other existing file a conflict', () => {
    const dir = project({
      'src/app.ts': 'export {};\n',
      'README.md': '# my own readme\n',
      'package.json': pkg({ lodash: '4.17.21' }, { private: true }),
      '.env.example': 'MY_VAR=1\n',
    });
    const plan = planCreate(tree, dir, manifestOf(tree));
    expect(actions(plan)).toEqual({ 'src/app.ts': 'skip', 'README.md': 'conflict', 'package.json': 'merge', '.env.example': 'merge' });
    const entries = byPath(plan);
    expect(entries['README.md']!.current).toBe('# my own readme\n');
    expect(entries['README.md']!.content).toBe('# my-api\n');
    const merged = JSON.parse(entries['package.json']!.content!);
    expect(merged.dependencies).toEqual({ fastify: '5.0.0', lodash: '4.17.21' });
    expect(merged.private).toBe(true);
    expect(entries['.env.example']!.content).toBe('MY_VAR=1\nPORT=3000\n');
    expect(conflictsOf(plan).map((e) => e.path)).toEqual(['README.md']);
  });

  it('a package.json that is not JSON is a conflict, not a crash', () => {
    const dir = project({ 'package.json': '{ broken' });
    expect(actions(planCreate(tree, dir, manifestOf(tree)))['package.json']).toBe('conflict');
  });
});

describe('planUpdate (the DESIGN table)', () => {
  const oldTree: VirtualTree = new Map([
    ['same.txt', 'same\n'],
    ['untouched.txt', 'v1\n'],
    ['edited-merge.txt', 'line 1\nline 2\nline 3\nline 4\nline 5\n'],
    ['edited-conflict.txt', 'alpha\nbeta\n'],
    ['missing.txt', 'was here\n'],
    ['gone-untouched.txt', 'feature file\n'],
    ['gone-edited.txt', 'feature file\n'],
    ['gone-already.txt', 'deleted by the owners\n'],
    ['package.json', pkg({ fastify: '5.0.0' })],
  ]);
  const newTree: VirtualTree = new Map([
    ['same.txt', 'same\n'],
    ['untouched.txt', 'v2\n'],
    ['edited-merge.txt', 'line 1 (rampart v2)\nline 2\nline 3\nline 4\nline 5\n'],
    ['edited-conflict.txt', 'alpha (rampart)\nbeta\n'],
    ['missing.txt', 'was here\n'],
    ['brand-new.txt', 'new\n'],
    ['already-new.txt', 'exactly this\n'],
    ['package.json', pkg({ fastify: '5.1.0', jose: '6.0.0' })],
  ]);
  const disk = {
    'same.txt': 'same\n',
    'untouched.txt': 'v1\n',
    'edited-merge.txt': 'line 1\nline 2\nline 3\nline 4\nline 5 (ours)\n',
    'edited-conflict.txt': 'alpha (ours)\nbeta\n',
    'gone-untouched.txt': 'feature file\n',
    'gone-edited.txt': 'feature file, with our change\n',
    'already-new.txt': 'exactly this\n',
    'package.json': pkg({ fastify: '5.0.0', lodash: '4.17.21' }),
    'owners-file.txt': 'not rampart’s\n',
  };

  const dir = project(disk);
  const plan = planUpdate(newTree, dir, manifestOf(oldTree), oldTree, manifestOf(newTree));
  const entries = byPath(plan);

  it('gives each file the action of its row', () => {
    expect(actions(plan)).toEqual({
      'already-new.txt': 'skip',
      'brand-new.txt': 'create',
      'edited-conflict.txt': 'conflict',
      'edited-merge.txt': 'merge',
      'gone-edited.txt': 'keep',
      'gone-untouched.txt': 'delete',
      'missing.txt': 'create',
      'package.json': 'merge',
      'same.txt': 'skip',
      'untouched.txt': 'update',
    });
  });

  it('never plans anything for a file rampart did not write, nor for rampart.json', () => {
    expect(entries['owners-file.txt']).toBeUndefined();
    expect(entries['rampart.json']).toBeUndefined();
    expect(entries['gone-already.txt']).toBeUndefined();
  });

  it('update carries the new render; merge carries both edits', () => {
    expect(entries['untouched.txt']!.content).toBe('v2\n');
    expect(entries['edited-merge.txt']!.content).toBe('line 1 (rampart v2)\nline 2\nline 3\nline 4\nline 5 (ours)\n');
    expect(entries['edited-conflict.txt']!.current).toBe('alpha (ours)\nbeta\n');
    expect(entries['edited-conflict.txt']!.content).toBe('alpha (rampart)\nbeta\n');
    expect(JSON.parse(entries['package.json']!.content!).dependencies).toEqual({ fastify: '5.1.0', jose: '6.0.0', lodash: '4.17.21' });
  });

  it('sorts entries by path', () => {
    const paths = plan.entries.map((e) => e.path);
    expect(paths).toEqual([...paths].sort());
  });

  it('an edited file whose base cannot be reproduced is a conflict (unless structural)', () => {
    const unknownBase = planUpdate(newTree, dir, manifestOf(oldTree), new Map(), manifestOf(newTree));
    expect(actions(unknownBase)['edited-merge.txt']).toBe('conflict');
    expect(actions(unknownBase)['package.json']).toBe('merge');
    expect(actions(unknownBase)['untouched.txt']).toBe('update');
  });

  it('an edit that already contains rampart’s change is a skip', () => {
    const d = project({ 'a.txt': 'one\ntwo (v2)\n' });
    const old: VirtualTree = new Map([['a.txt', 'one\ntwo\n']]);
    const next: VirtualTree = new Map([['a.txt', 'one\ntwo (v2)\n']]);
    expect(actions(planUpdate(next, d, manifestOf(old), old, manifestOf(next)))).toEqual({ 'a.txt': 'skip' });
  });

  it('a plan of skips and keeps is a no-op', () => {
    const d = project({ 'a.txt': 'a\n' });
    const t: VirtualTree = new Map([['a.txt', 'a\n']]);
    expect(isNoop(planUpdate(t, d, manifestOf(t), t, manifestOf(t)))).toBe(true);
    expect(isNoop(plan)).toBe(false);
  });

  it('uses the manifest hash, not the previous render, to decide "untouched"', () => {
    const d = project({ 'a.txt': 'v1\n' });
    const old: VirtualTree = new Map([['a.txt', 'v1\n']]);
    const next: VirtualTree = new Map([['a.txt', 'v2\n']]);
    const m = manifestOf(old);
    m.files['a.txt'] = sha256('something else\n');
    expect(actions(planUpdate(next, d, m, old, manifestOf(next)))['a.txt']).toBe('conflict');
  });
});

describe('planUpdate: a file left in place keeps what it imports', () => {
  // `rampart remove headers` after the owners edited the plugin: the plugin stays,
  // so must the table it imports, or the project no longer type-checks.
  const before: VirtualTree = new Map([
    ['src/app.ts', 'app v1\n'],
    ['src/plugins/headers.ts', "import { SECURITY_HEADERS } from '../security-headers.js';\nexport default 1;\n"],
    ['src/security-headers.ts', "import { note } from './note.js';\nexport const SECURITY_HEADERS = {};\n"],
    ['src/note.ts', 'export const note = 1;\n'],
    ['src/plugins/cors.ts', 'export default 2;\n'],
    ['app/security/auth.py', 'from app.security.tokens import verify\nfrom . import users\n'],
    ['app/security/tokens.py', 'def verify(): ...\n'],
    ['app/security/users.py', 'USERS = []\n'],
    ['app/security/other.py', 'X = 1\n'],
  ]);
  const after: VirtualTree = new Map([['src/app.ts', 'app v1\n']]);
  const dir = project({
    ...Object.fromEntries(before),
    'src/plugins/headers.ts': `${before.get('src/plugins/headers.ts')}// tuned\n`,
    'app/security/auth.py': `${before.get('app/security/auth.py')}# tuned\n`,
  });
  const plan = planUpdate(after, dir, manifestOf(before), before, manifestOf(after));

  it('keeps the edited files, what they import and what that imports; deletes the rest', () => {
    expect(actions(plan)).toEqual({
      'src/app.ts': 'skip',
      'src/plugins/headers.ts': 'keep',
      'src/security-headers.ts': 'keep',
      'src/note.ts': 'keep',
      'src/plugins/cors.ts': 'delete',
      'app/security/auth.py': 'keep',
      'app/security/tokens.py': 'keep',
      'app/security/users.py': 'keep',
      'app/security/other.py': 'delete',
    });
    expect(byPath(plan)['src/security-headers.ts']!.reason).toBe('no longer generated, but src/plugins/headers.ts, left in place, imports it: left in place too');
  });
});

describe('planUpdate: files left in place are remembered, and taken back when their feature returns', () => {
  const withCors: VirtualTree = new Map([
    ['src/app.ts', 'app with cors\n'],
    ['src/plugins/cors.ts', "import { origins } from '../origins.js';\nexport default origins;\n"],
    ['src/origins.ts', 'export const origins = [];\n'],
    ['src/plugins/headers.ts', 'export default 1;\n'],
  ]);
  const withoutCors: VirtualTree = new Map([
    ['src/app.ts', 'app\n'],
    ['src/plugins/headers.ts', 'export default 1;\n'],
  ]);
  const ours = `${withCors.get('src/plugins/cors.ts')}// our origins\n`;
  const corsRendered = sha256(withCors.get('src/plugins/cors.ts')!);

  it('`remove` records each file left in place with the hash of rampart’s last render of it', () => {
    const dir = project({ ...Object.fromEntries(withCors), 'src/plugins/cors.ts': ours });
    const removed = planUpdate(withoutCors, dir, manifestOf(withCors), withCors, manifestOf(withoutCors));
    expect(removed.manifest.kept).toEqual({
      'src/plugins/cors.ts': corsRendered,
      'src/origins.ts': sha256(withCors.get('src/origins.ts')!),
    });
    expect(Object.keys(removed.manifest.files).sort()).toEqual(['src/app.ts', 'src/plugins/headers.ts']);
  });

  // The project after `remove cors`: the edited plugin and what it imports are still there.
  const afterRemove = (): { dir: string; manifest: Manifest } => {
    const dir = project({ ...Object.fromEntries(withoutCors), 'src/plugins/cors.ts': ours, 'src/origins.ts': withCors.get('src/origins.ts')! });
    return { dir, manifest: planUpdate(withoutCors, dir, manifestOf(withCors), withCors, manifestOf(withoutCors)).manifest };
  };

  it('a later change carries the record while the files are there, and forgets one the owners deleted', () => {
    const { dir, manifest } = afterRemove();
    const other: VirtualTree = new Map([...withoutCors, ['src/plugins/extra.ts', 'x\n']]);
    expect(planUpdate(other, dir, manifest, withoutCors, manifestOf(other)).manifest.kept).toEqual(manifest.kept);
    removeTree(`${dir}/src/origins.ts`);
    expect(Object.keys(planUpdate(other, dir, manifest, withoutCors, manifestOf(other)).manifest.kept ?? {})).toEqual(['src/plugins/cors.ts']);
  });

  it('`add` back: the owners’ version is used as it is, not a conflict, and is rampart’s file again', () => {
    const { dir, manifest } = afterRemove();
    // The render of the old selection does not have the file: its base is the new render, unchanged since.
    const readded = planUpdate(withCors, dir, manifest, withoutCors, manifestOf(withCors));
    expect(actions(readded)).toEqual({ 'src/app.ts': 'update', 'src/plugins/cors.ts': 'skip', 'src/origins.ts': 'skip', 'src/plugins/headers.ts': 'skip' });
    expect(byPath(readded)['src/plugins/cors.ts']!.reason).toBe('your version, left in place when its feature was removed, is used as it is');
    expect(readded.manifest.kept).toBeUndefined();
    expect(readded.manifest.files['src/plugins/cors.ts']).toBe(corsRendered);
  });

  it('a file left in place earlier still keeps what it imports when a later change stops generating that', () => {
    // The cors plugin was left in place before; src/origins.ts is still generated (another
    // feature uses it) until `remove headers` now stops generating it.
    const withOrigins: VirtualTree = new Map([...withoutCors, ['src/origins.ts', withCors.get('src/origins.ts')!]]);
    const dir = project({ ...Object.fromEntries(withOrigins), 'src/plugins/cors.ts': ours });
    const m = { ...manifestOf(withOrigins), kept: { 'src/plugins/cors.ts': corsRendered } };
    const next: VirtualTree = new Map([['src/app.ts', 'app\n']]);
    const plan = planUpdate(next, dir, m, withOrigins, manifestOf(next));
    expect(actions(plan)).toEqual({ 'src/app.ts': 'skip', 'src/origins.ts': 'keep', 'src/plugins/headers.ts': 'delete' });
    expect(byPath(plan)['src/origins.ts']!.reason).toBe('no longer generated, but src/plugins/cors.ts, left in place, imports it: left in place too');
    expect(Object.keys(plan.manifest.kept ?? {}).sort()).toEqual(['src/origins.ts', 'src/plugins/cors.ts']);
  });

  it('`add` back after the owners deleted the file left in place: a new file', () => {
    const { dir, manifest } = afterRemove();
    removeTree(`${dir}/src/plugins/cors.ts`);
    expect(byPath(planUpdate(withCors, dir, manifest, withoutCors, manifestOf(withCors)))['src/plugins/cors.ts']).toMatchObject({ action: 'create', reason: 'new file' });
  });

  it('`add` back after rampart changed the file: merged with the owners’ edit when the old render is known', () => {
    const { dir, manifest } = afterRemove();
    const newer: VirtualTree = new Map([...withCors, ['src/plugins/cors.ts', `// v2\n${withCors.get('src/plugins/cors.ts')}`]]);
    const previous: VirtualTree = new Map([...withoutCors, ['src/plugins/cors.ts', withCors.get('src/plugins/cors.ts')!]]); // e.g. from git history
    const readded = planUpdate(newer, dir, manifest, previous, manifestOf(newer));
    expect(byPath(readded)['src/plugins/cors.ts']).toMatchObject({ action: 'merge', content: `// v2\n${ours}` });
    expect(actions(planUpdate(newer, dir, manifest, withoutCors, manifestOf(newer)))['src/plugins/cors.ts']).toBe('conflict');
  });
});

describe('resolveConflicts', () => {
  const dir = project({ 'a.txt': 'ours a\n', 'b.txt': 'ours b\n', 'c.txt': 'ours c\n' });
  const tree: VirtualTree = new Map([
    ['a.txt', 'theirs a\n'],
    ['b.txt', 'theirs b\n'],
    ['c.txt', 'theirs c\n'],
    ['d.txt', 'new d\n'],
  ]);
  const plan = planCreate(tree, dir, manifestOf(tree));

  it('overwrite → update with the new render; skip → keep; side → keep + FILE.rampart-new', () => {
    const decided = resolveConflicts(plan, (e) => ({ 'a.txt': 'overwrite', 'b.txt': 'skip', 'c.txt': 'side' })[e.path] as 'overwrite' | 'skip' | 'side');
    expect(actions(decided)).toEqual({ 'a.txt': 'update', 'b.txt': 'keep', 'c.txt': 'keep', 'c.txt.rampart-new': 'create', 'd.txt': 'create' });
    const e = byPath(decided);
    expect(e['a.txt']!.content).toBe('theirs a\n');
    expect(e['c.txt.rampart-new']!.content).toBe('theirs c\n');
    expect(conflictsOf(decided)).toEqual([]);
  });

  it('asks only about conflicts, once each, and does not change the plan it was given', () => {
    const asked: string[] = [];
    resolveConflicts(plan, (e) => {
      asked.push(e.path);
      return 'skip';
    });
    expect(asked).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(conflictsOf(plan)).toHaveLength(3);
  });
});
