import { optionValuesOf, type ParsedArgs } from '../args.js';
import { optionValuesOf as projectOptions, withoutFeatures } from '../engine/evolve.js';
import { selectionOf } from '../engine/manifest.js';
import type { CommandContext } from './context.js';
import { featureList } from './feature-list.js';
import { refuseUnusedOptions } from './given-options.js';
import { openProject } from './project.js';
import { updateProject } from './update.js';

export async function remove(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const project = openProject(args, ctx);
  const current = selectionOf(project.manifest);
  const evolution = withoutFeatures(current, featureList(args.positionals), projectOptions(current, optionValuesOf(args)));
  refuseUnusedOptions('remove', args, evolution.selection);
  return updateProject(project, { verb: 'remove', ...evolution }, args, ctx);
}
