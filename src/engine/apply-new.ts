import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplyAborted, asWriteFailure, type ApplyOptions, type ApplyResult } from './apply.js';
import { MANIFEST_FILE, serializeManifest } from './manifest.js';
import type { Plan } from './plan.js';

/**
 * Writes a Plan for a directory that does not exist yet: every file goes into
 * a hidden sibling (`.<name>.rampart-<pid>-<id>`), which is then renamed to the
 * project's name in one step. The project appears complete or not at all, with
 * no per-file staging, renames or journal (what applyPlan needs to change an
 * existing directory safely). On a failure or Ctrl-C the sibling is removed; a
 * process killed before the rename leaves only the sibling, which the next
 * create of that directory sweeps (sweepAbandoned).
 *
 * Only for a directory that does not exist: an existing one, even empty, may be
 * someone's working directory, a mount point or carry its own permissions, so
 * it is never replaced (applyPlan writes into it instead).
 */
export async function applyToNewDirectory(plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const contents = new Map<string, string>();
  for (const entry of plan.entries) {
    if (entry.action !== 'create' || entry.content === undefined) throw new Error(`applyToNewDirectory: ${entry.path} is a ${entry.action}, not a create`);
    contents.set(entry.path, entry.content);
  }
  contents.set(MANIFEST_FILE, serializeManifest(plan.manifest));

  const check = (phase: 'stage' | 'commit', path: string): void => {
    if (options.aborted?.()) throw new ApplyAborted();
    options.beforeStep?.(phase, path);
  };
  const staging = join(dirname(plan.dir), `${stagingPrefix(plan.dir)}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(staging);
    const made = new Set<string>([staging]);
    for (const [path, text] of contents) {
      check('stage', path);
      if (options.stepDelayMs) await sleep(options.stepDelayMs);
      const file = join(staging, path);
      makeParents(dirname(file), made);
      writeFileSync(file, text);
    }
    check('commit', '.');
    // The commit point. rename(2) would also replace an empty directory that
    // appeared meanwhile; a non-empty one makes it fail, and nothing is written.
    renameSync(staging, plan.dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw asWriteFailure(error);
  }
  return { written: [...contents.keys()], deleted: [] };
}

/** mkdir for each directory not made yet, parents first. */
function makeParents(dir: string, made: Set<string>): void {
  if (made.has(dir)) return;
  makeParents(dirname(dir), made);
  mkdirSync(dir);
  made.add(dir);
}

const stagingPrefix = (dir: string): string => `.${basename(dir)}.rampart-`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the staging siblings that killed creates of `dir` left behind; one
 * whose process still runs is another create in progress and is left alone.
 */
export function sweepAbandoned(dir: string): void {
  const parent = dirname(dir);
  const prefix = stagingPrefix(dir);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return; // no parent yet: nothing to sweep
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) ? /^(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(join(parent, name), { recursive: true, force: true });
  }
}
