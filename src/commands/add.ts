import { optionValuesOf, type ParsedArgs } from '../args.js';
import { optionValuesOf as projectOptions, withFeatures } from '../engine/evolve.js';
import { selectionOf } from '../engine/manifest.js';
import type { CommandContext } from './context.js';
import { featureList } from './feature-list.js';
import { refuseUnusedOptions } from './given-options.js';
import { openProject } from './project.js';
import { updateProject } from './update.js';

export async function add(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const project = openProject(args, ctx);
  const current = selectionOf(project.manifest);
  const evolution = withFeatures(current, featureList(args.positionals), projectOptions(current, optionValuesOf(args)), Boolean(args.flags.yes));
  refuseUnusedOptions('add', args, evolution.selection);
  return updateProject(project, { verb: 'add', ...evolution }, args, ctx);
}
