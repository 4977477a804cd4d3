import type { ParsedArgs } from '../args.js';
import { selectionOf } from '../engine/manifest.js';
import type { CommandContext } from './context.js';
import { refuseUnusedOptions } from './given-options.js';
import { openProject } from './project.js';
import { updateProject } from './update.js';

/** The same Selection, rendered with this version's templates. */
export async function upgrade(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const project = openProject(args, ctx);
  const selection = selectionOf(project.manifest);
  refuseUnusedOptions('upgrade', args, selection);
  return updateProject(project, { verb: 'upgrade', selection, notes: [] }, args, ctx);
}
