import { resolve } from 'node:path';
import type { ParsedArgs } from '../args.js';
import { recoverInterrupted } from '../engine/apply.js';
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
  return { dir, manifest: readManifest(dir) };
}
