import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './errors.js';
import { importCandidates } from './imports.js';
import type { Manifest } from './manifest.js';
import { MANIFEST_FILE, sha256 } from './manifest.js';
import { isStructural, mergeFile } from './merge.js';
import type { VirtualTree } from './render.js';

export type Action =
  | 'create' // not on disk yet
  | 'update' // rampart's own file, untouched by the owners: replaced
  | 'merge' // edited by the owners, merged cleanly with the new render
  | 'skip' // already as it should be
  | 'conflict' // edited where the new render changes it too: needs a decision
  | 'delete' // no longer generated and untouched by the owners
  | 'keep'; // no longer generated but edited by the owners: left in place

export interface PlanEntry {
  path: string;
  action: Action;
  /** What will be written (create, update, merge; for a conflict: the new render). */
  content?: string;
  /** The file as it is on disk, when there is one. */
  current?: string;
  reason: string;
}

export interface Plan {
  dir: string;
  entries: PlanEntry[];
  manifest: Manifest;
}

const readIfFile = (file: string): string | undefined => {
  let stat;
  try {
    // A missing file is the common case (every file of a new project): no exception for it.
    stat = statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (stat === undefined) return undefined;
  if (!stat.isFile()) throw new UserError(`${file} is not a regular file, but rampart needs to write a file there`, 'move it out of the way and run the command again');
  return readFileSync(file, 'utf8');
};

/** Entries other than a bare `.git` make a directory "not empty". */
export function existingEntries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) throw new UserError(`${dir} exists and is not a directory`, 'choose another project name');
  return readdirSync(dir).filter((name) => name !== '.git');
}

/**
 * Plan for a new project. Only called for an empty directory or with --force;
 * with --force a file the user already has is never replaced: dependency and
 * env files are merged by structure, anything else is a conflict that becomes
 * FILE.rampart-new.
 */
export function planCreate(tree: VirtualTree, dir: string, manifest: Manifest): Plan {
  const entries: PlanEntry[] = [];
  // A directory that does not exist yet has no file to compare (a new project: no stat per file).
  const exists = existsSync(dir);
  for (const [path, content] of tree) {
    const current = exists ? readIfFile(join(dir, path)) : undefined;
    if (current === undefined) entries.push({ path, action: 'create', content, reason: 'new file' });
    else if (current === content) entries.push({ path, action: 'skip', current, reason: 'already identical' });
    else if (isStructural(path)) {
      const merged = mergeFile(path, isStructuralBase(path), current, content);
      entries.push(merged.clean
        ? { path, action: 'merge', current, content: merged.text, reason: 'merged with your existing file' }
        : { path, action: 'conflict', current, content, reason: 'your file could not be merged' });
    } else entries.push({ path, action: 'conflict', current, content, reason: 'you already have a different file here' });
  }
  return { dir, entries, manifest };
}

const isStructuralBase = (path: string): string => (path.endsWith('.json') ? '{}' : '');

/**
 * Plan to bring an existing project to a new render. `previous` is the render
 * that produced the manifest's hashes (base of the three-way merges) when it
 * can be reproduced; a file whose base is unknown and that the owners edited
 * is a conflict unless it merges by structure.
 */
export function planUpdate(tree: VirtualTree, dir: string, old: Manifest, previous: VirtualTree, manifest: Manifest): Plan {
  const entries: PlanEntry[] = [];
  const oldKept = old.kept ?? {};
  for (const [path, content] of tree) {
    const current = readIfFile(join(dir, path));
    // A file left in place when its feature was removed is rampart's again once the feature is back.
    const wasKept = old.files[path] === undefined && oldKept[path] !== undefined;
    const recorded = old.files[path] ?? oldKept[path];
    if (current === undefined) {
      entries.push({ path, action: 'create', content, reason: recorded && !wasKept ? 'missing on disk' : 'new file' });
    } else if (current === content) {
      entries.push({ path, action: 'skip', current, reason: 'already up to date' });
    } else if (recorded !== undefined && sha256(current) === recorded) {
      entries.push({ path, action: 'update', current, content, reason: 'unchanged since rampart wrote it' });
    } else {
      const base = mergeBase(path, content, recorded, previous);
      const merged = base !== undefined ? mergeFile(path, base, current, content) : isStructural(path) ? mergeFile(path, current, current, content) : { clean: false as const };
      if (merged.clean && merged.text === current) {
        entries.push({ path, action: 'skip', current, reason: wasKept ? 'your version, left in place when its feature was removed, is used as it is' : 'your edits already include the change' });
      } else if (merged.clean) entries.push({ path, action: 'merge', current, content: merged.text, reason: 'your edits kept, rampart’s change merged in' });
      else entries.push({ path, action: 'conflict', current, content, reason: 'you edited lines that rampart changes too' });
    }
  }
  for (const [path, recorded] of Object.entries(old.files)) {
    if (tree.has(path) || path === MANIFEST_FILE) continue;
    const current = readIfFile(join(dir, path));
    if (current === undefined) continue;
    if (sha256(current) === recorded) entries.push({ path, action: 'delete', current, reason: 'no longer generated' });
    else entries.push({ path, action: 'keep', current, reason: 'no longer generated, but you edited it: left in place' });
  }
  // Files left in place by earlier changes, still on disk and not generated again.
  const keptBefore = Object.keys(oldKept).flatMap((path) => {
    const current = tree.has(path) ? undefined : readIfFile(join(dir, path));
    return current === undefined ? [] : [{ path, current }];
  });
  keepWhatKeptFilesImport(entries, keptBefore);
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // The manifest's record of files left in place: those, and this plan's (with rampart's last hash of each).
  const kept = Object.fromEntries([
    ...keptBefore.map(({ path }): [string, string] => [path, oldKept[path]!]),
    ...entries.filter((e) => e.action === 'keep' && old.files[e.path] !== undefined && !tree.has(e.path)).map((e): [string, string] => [e.path, old.files[e.path]!]),
  ]);
  return { dir, entries, manifest: Object.keys(kept).length > 0 ? { ...manifest, kept } : manifest };
}

/**
 * What rampart wrote last (the base of a three-way merge): the previous render
 * when it hashes to the record, or the new render when that is unchanged since
 * (then rampart brings nothing new and the owners' version stands).
 */
function mergeBase(path: string, content: string, recorded: string | undefined, previous: VirtualTree): string | undefined {
  if (recorded === undefined) return undefined;
  const before = previous.get(path);
  if (before !== undefined && sha256(before) === recorded) return before;
  return sha256(content) === recorded ? content : undefined;
}

/**
 * A file left in place because the owners edited it must still build: the
 * files it imports that would be deleted are left in place too (and, in turn,
 * what those import). That holds for files left in place by earlier changes too.
 */
function keepWhatKeptFilesImport(entries: PlanEntry[], keptBefore: { path: string; current: string }[]): void {
  const deletes = new Map(entries.filter((e) => e.action === 'delete').map((e) => [e.path, e]));
  const kept: { path: string; current?: string }[] = [...keptBefore, ...entries.filter((e) => e.action === 'keep')];
  while (kept.length > 0 && deletes.size > 0) {
    const keeper = kept.pop()!;
    for (const candidate of importCandidates(keeper.path, keeper.current ?? '')) {
      const entry = deletes.get(candidate);
      if (entry === undefined) continue;
      deletes.delete(candidate);
      entry.action = 'keep';
      entry.reason = `no longer generated, but ${keeper.path}, left in place, imports it: left in place too`;
      kept.push(entry);
    }
  }
}

export const conflictsOf = (plan: Plan): PlanEntry[] => plan.entries.filter((e) => e.action === 'conflict');

/** A plan changes nothing when every entry is a skip (or a file left in place). */
export const isNoop = (plan: Plan): boolean => plan.entries.every((e) => e.action === 'skip' || e.action === 'keep');

export type Resolution = 'overwrite' | 'skip' | 'side';

/** Turns every conflict into a decision: overwrite it, leave it, or write FILE.rampart-new beside it. */
export function resolveConflicts(plan: Plan, decide: (entry: PlanEntry) => Resolution): Plan {
  const entries: PlanEntry[] = [];
  for (const entry of plan.entries) {
    if (entry.action !== 'conflict') {
      entries.push(entry);
      continue;
    }
    const decision = decide(entry);
    if (decision === 'overwrite') entries.push({ ...entry, action: 'update', reason: 'overwritten (your version replaced)' });
    else if (decision === 'skip') entries.push({ ...entry, action: 'keep', reason: 'conflict skipped: your version kept' });
    else {
      entries.push({ ...entry, action: 'keep', reason: `conflict: your version kept, rampart's written to ${entry.path}.rampart-new` });
      entries.push({ path: `${entry.path}.rampart-new`, action: 'create', content: entry.content, reason: `rampart's version of ${entry.path}` });
    }
  }
  return { ...plan, entries };
}
