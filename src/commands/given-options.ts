import type { ParsedArgs } from '../args.js';
import { features } from '../catalog/index.js';
import { UserError } from '../engine/errors.js';
import type { Selection } from '../engine/selection.js';

/**
 * Option flags (`--rate-limit-store redis`) a command would otherwise drop
 * without a word: on add, one for a feature the project will not have; on
 * remove and upgrade, any (options change with add).
 */
export function refuseUnusedOptions(verb: 'add' | 'remove' | 'upgrade', args: ParsedArgs, result: Selection): void {
  for (const feature of features) {
    for (const option of feature.options ?? []) {
      const value = args.options[option.flag];
      if (value === undefined) continue;
      if (verb !== 'add') {
        throw new UserError(`rampart ${verb} takes no --${option.flag}`, `change it with rampart add ${feature.id} --${option.flag} ${value}`);
      }
      if (!result.features.includes(feature.id)) {
        throw new UserError(`--${option.flag} needs the "${feature.id}" feature`, `add both: rampart add ${feature.id} --${option.flag} ${value}`);
      }
    }
  }
}
