import { resolve } from 'node:path';
import type { ParsedArgs } from '../args.js';
import { recoverInterrupted } from '../engine/apply.js';
import { UserError } from '../engine/errors.js';
import { readManifest, type Manifest } from '../engine/manifest.js';
import { yellow } from '../ui.js';
import type { CommandContext } from './context.js';

export interface Project {
  dir: string;
  manifest: Manifest;
}

/** The project a command runs in; first undoes a change that a killed process left half-done. */
export function openProject(args: ParsedArgs, ctx: CommandContext): Project {
  const dir = resolve(ctx.cwd, args.flags.cwd ?? '.');
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
