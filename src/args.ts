import { parseArgs, type ParseArgsConfig } from 'node:util';
import { features } from './catalog/index.js';
import { UserError } from './engine/errors.js';

/** Flags every command understands, plus one per catalog option (`--rate-limit-store`, …). */
const common = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  force: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  diff: { type: 'boolean' },
  framework: { type: 'string', short: 'f' },
  features: { type: 'string' },
  pm: { type: 'string' },
  'no-git': { type: 'boolean' },
  'no-install': { type: 'boolean' },
  'allow-dirty': { type: 'boolean' },
  cwd: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const optionFlags = features.flatMap((f) => (f.options ?? []).map((o) => o.flag));

export interface ParsedArgs {
  positionals: string[];
  flags: { [K in keyof typeof common]?: (typeof common)[K]['type'] extends 'boolean' ? boolean : string };
  /** Values of catalog option flags, keyed by flag name. */
  options: Record<string, string | undefined>;
}

export function parse(argv: string[]): ParsedArgs {
  const options: NonNullable<ParseArgsConfig['options']> = { ...common };
  for (const flag of optionFlags) options[flag] = { type: 'string' };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown) throw new UserError(`unknown option ${unknown}`, 'see --help for the options');
    // 'argument is ambiguous': the next word is another option (`--framework --yes`).
    const missing = /Option '([^']+?)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(message)?.[1];
    if (missing) throw new UserError(`option ${missing.split(',').at(-1)!.trim()} needs a value`, 'see --help');
    throw new UserError(message.split('\n')[0]!, 'see --help');
  }
  refuseRepeatedValues(parsed.tokens);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const flags: Record<string, string | boolean | undefined> = {};
  for (const key of Object.keys(common)) flags[key] = values[key];
  const opts: Record<string, string | undefined> = {};
  for (const flag of optionFlags) opts[flag] = values[flag] as string | undefined;
  return { positionals: parsed.positionals, flags: flags as ParsedArgs['flags'], options: opts };
}

/**
 * `--framework express --framework fastify` would silently mean fastify (the
 * last one wins): a value given twice is more likely a mistake than a choice.
 */
function refuseRepeatedValues(tokens: ReturnType<typeof parseArgs>['tokens']): void {
  const seen = new Map<string, string>();
  for (const token of tokens ?? []) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    const first = seen.get(token.name);
    if (first !== undefined) throw new UserError(`option --${token.name} is given twice ("${first}", "${token.value}")`, 'give it once');
    seen.set(token.name, token.value);
  }
}

/** Catalog option flags (`--rate-limit-store redis`) as `feature.option` values. */
export function optionValuesOf(args: ParsedArgs): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const feature of features) {
    for (const option of feature.options ?? []) {
      const value = args.options[option.flag];
      if (value !== undefined) out[`${feature.id}.${option.id}`] = value;
    }
  }
  return out;
}
