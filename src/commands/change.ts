import type { ParsedArgs } from '../args.js';
import { UserError } from '../engine/errors.js';
import type { CommandContext } from './context.js';

export async function change(command: string, _args: ParsedArgs, _ctx: CommandContext): Promise<number> {
  throw new UserError(`"rampart ${command}" is not available yet`);
}
