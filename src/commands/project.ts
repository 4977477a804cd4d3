import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ParsedArgs } from '../args.js';
import { recoverInterrupted } from '../engine/apply.js';
import { UserError } from '../engine/errors.js';
import { MANIFEST_FILE, readManifest, type Manifest } from '../engine/manifest.js';
import { dim, yellow } from '../ui.js';
import type { CommandContext } from './context.js';

export interface Project {
  dir: string;
  manifest: Manifest;
}

/**
 * The nearest folder at or above `start` that holds rampart.json, as git finds
 * its repository: a command run from `src/routes` works on the whole project.
 */
export function findProjectRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, MANIFEST_FILE))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The project a command runs in; first undoes a change that a killed process left half-done. */
export function openProject(args: ParsedArgs, ctx: CommandContext): Project {
  const start = resolve(ctx.cwd, args.flags.cwd ?? '.');
  if (!statSync(start, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UserError(`${args.flags.cwd ?? start} is not a directory`, 'pass --cwd the folder of a project created by create-rampart');
  }
  // Not found anywhere above: readManifest names the folder the user is in.
  const dir = findProjectRoot(start) ?? start;
  if (dir !== start && !args.flags.json) ctx.out(dim(`project: ${relative(ctx.cwd, dir) || '.'}`));
  if (recoverInterrupted(dir)) ctx.out(yellow('an interrupted rampart change was found and rolled back: the project is as it was before it'));
  const manifest = readManifest(dir);
  // Older templates would replace newer ones, and the manifest would claim the older version.
  if (isNewer(manifest.generator.version, ctx.version)) {
    throw new UserError(
      `this project was made by create-rampart ${manifest.generator.version}, newer than this rampart (${ctx.version})`,
      'run the latest: npx rampart@latest <command>',
    );
  }
  return { dir, manifest };
}

/** Whether version `a` is later than `b`, comparing major.minor.patch as numbers. */
export function isNewer(a: string, b: string): boolean {
  const parts = (v: string) => v.split(/[.+-]/, 3).map((n) => Number.parseInt(n, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
}
