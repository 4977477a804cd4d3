import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from './errors.js';
import type { Plan } from './plan.js';
import { MANIFEST_FILE, serializeManifest } from './manifest.js';
import { isProjectPath } from './project-path.js';

export const JOURNAL_FILE = '.rampart-transaction.json';

/** What a transaction touches; written before anything else so any interruption can be undone. */
interface Journal {
  id: string;
  /** Paths written, in commit order (the manifest last); `existed` says whether a backup is taken. */
  writes: { path: string; existed: boolean }[];
  deletes: string[];
  /** Directories the transaction created, parents first. */
  createdDirs: string[];
}

export interface ApplyOptions {
  /** Test seam: called before each step; throwing there simulates a failed write. */
  beforeStep?: (phase: 'stage' | 'commit', path: string) => void;
  /** Checked between steps (Ctrl-C): when it returns true, everything is rolled back. */
  aborted?: () => boolean;
  /** Pause between commit steps; only for the tests that kill the process mid-apply. */
  stepDelayMs?: number;
}

export class ApplyAborted extends Error {
  override name = 'ApplyAborted';
  constructor() {
    super('interrupted: nothing was changed');
  }
}

/** A failed system call (EACCES, ENOSPC, …) is the user's to fix: one clear line. Anything else passes through. */
export function asWriteFailure(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code && !(error instanceof ApplyAborted)) {
    // Node's message already starts with the code ('EACCES: permission denied, open …').
    const message = (error as Error).message;
    return new UserError(`could not write the project (${message.startsWith(code) ? message : `${code}: ${message}`}); nothing was changed`, 'fix the cause and run the command again');
  }
  return error;
}

export interface ApplyResult {
  written: string[];
  deleted: string[];
}

const staged = (dir: string, path: string, id: string): string => join(dir, `${path}.rampart-${id}.new`);
const backup = (dir: string, path: string, id: string): string => join(dir, `${path}.rampart-${id}.old`);

function missingDirs(dir: string, paths: string[]): string[] {
  const created = new Set<string>();
  const visit = (d: string): void => {
    if (created.has(d) || existsSync(d)) return;
    visit(dirname(d));
    created.add(d);
  };
  visit(dir);
  for (const path of paths) visit(dirname(join(dir, path)));
  return [...created];
}

/**
 * Writes a Plan as one transaction: every file is first staged next to its
 * target, then renamed in; the manifest goes last. On any failure or abort the
 * project is put back exactly as it was. A journal makes the same roll-back
 * possible after the process is killed (see recoverInterrupted).
 */
export async function applyPlan(plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const dir = plan.dir;
  const id = randomBytes(4).toString('hex');
  const contents = new Map<string, string>();
  for (const entry of plan.entries) {
    if ((entry.action === 'create' || entry.action === 'update' || entry.action === 'merge') && entry.content !== undefined) {
      contents.set(entry.path, entry.content);
    }
  }
  contents.set(MANIFEST_FILE, serializeManifest(plan.manifest));
  const deletes = plan.entries.filter((e) => e.action === 'delete').map((e) => e.path);
  const journal: Journal = {
    id,
    writes: [...contents.keys()].map((path) => ({ path, existed: existsSync(join(dir, path)) })),
    deletes,
    createdDirs: missingDirs(dir, [...contents.keys()]),
  };

  const check = (phase: 'stage' | 'commit', path: string): void => {
    if (options.aborted?.()) throw new ApplyAborted();
    options.beforeStep?.(phase, path);
  };

  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, JOURNAL_FILE), JSON.stringify(journal));
    for (const [path, text] of contents) {
      check('stage', path);
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(staged(dir, path, id), text);
    }
    for (const { path, existed } of journal.writes) {
      check('commit', path);
      if (options.stepDelayMs) await sleep(options.stepDelayMs);
      if (existed) renameSync(join(dir, path), backup(dir, path, id));
      renameSync(staged(dir, path, id), join(dir, path));
    }
    for (const path of deletes) {
      check('commit', path);
      renameSync(join(dir, path), backup(dir, path, id));
    }
  } catch (error) {
    rollback(dir, journal);
    throw asWriteFailure(error);
  }
  // The commit point: once the journal is gone the new state stands, and the
  // backups are only litter to sweep.
  removeQuietly(join(dir, JOURNAL_FILE));
  for (const { path, existed } of journal.writes) if (existed) removeQuietly(backup(dir, path, id));
  for (const path of deletes) {
    removeQuietly(backup(dir, path, id));
    removeEmptyParents(dir, dirname(join(dir, path)));
  }
  return { written: [...contents.keys()], deleted: deletes };
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

function removeEmptyParents(root: string, dir: string): void {
  while (dir.startsWith(root) && dir !== root) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}

/** Undoes whatever part of a transaction happened; safe to run on any state of it. */
function rollback(dir: string, journal: Journal): void {
  for (const path of [...journal.deletes].reverse()) {
    const old = backup(dir, path, journal.id);
    if (existsSync(old)) renameSync(old, join(dir, path));
  }
  for (const { path, existed } of [...journal.writes].reverse()) {
    const old = backup(dir, path, journal.id);
    if (existsSync(old)) renameSync(old, join(dir, path));
    else if (!existed) removeQuietly(join(dir, path));
    removeQuietly(staged(dir, path, journal.id));
  }
  removeQuietly(join(dir, JOURNAL_FILE));
  for (const created of [...journal.createdDirs].reverse()) {
    try {
      rmdirSync(created);
    } catch {
      // not empty: something else lives there now
    }
  }
}

/**
 * After a crash or SIGKILL mid-apply, the journal is still there: put the
 * project back as it was before. Returns true when something was rolled back.
 */
export function recoverInterrupted(dir: string): boolean {
  const file = join(dir, JOURNAL_FILE);
  if (!existsSync(file)) return false;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // Torn while it was being written: the change it would describe never started.
    removeQuietly(file);
    return false;
  }
  if (!isJournal(dir, data)) {
    throw new UserError(
      `${JOURNAL_FILE} is not a journal rampart wrote: nothing was rolled back`,
      'if no rampart command is running, delete it and check the project with git status',
    );
  }
  rollback(dir, data);
  return true;
}

/**
 * A journal is a file in the project, so it is checked before it is acted on:
 * a doctored one must not make a roll-back rename or delete anything outside
 * the project. Created directories may also be the project's own missing
 * parents (a new project in a new path), which are only removed when empty.
 */
function isJournal(dir: string, data: unknown): data is Journal {
  if (typeof data !== 'object' || data === null) return false;
  const j = data as Record<string, unknown>;
  const root = resolve(dir);
  const insideOrAbove = (d: unknown) => {
    if (typeof d !== 'string') return false;
    const down = relative(root, resolve(d)); // '' for the project itself, 'src/x' inside it
    const up = relative(resolve(d), root); // 'my-api' when d is a parent of the project
    return down === '' || isProjectPath(down) || isProjectPath(up);
  };
  return (
    typeof j.id === 'string' &&
    /^[0-9a-f]{1,64}$/.test(j.id) &&
    Array.isArray(j.writes) &&
    j.writes.every((w: unknown) => typeof w === 'object' && w !== null && isProjectPath((w as { path?: unknown }).path) && typeof (w as { existed?: unknown }).existed === 'boolean') &&
    Array.isArray(j.deletes) &&
    j.deletes.every(isProjectPath) &&
    Array.isArray(j.createdDirs) &&
    j.createdDirs.every(insideOrAbove)
  );
}
