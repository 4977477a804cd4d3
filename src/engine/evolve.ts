import { UserError } from './errors.js';
import { findFeature, needsPhrase, resolveSelection, unknownFeatureError, type Selection } from './selection.js';

/** The next Selection of a living project, and what the user should be told about it. */
export interface Evolution {
  selection: Selection;
  notes: string[];
}

/** Option values keyed `feature.option`, as resolveSelection takes them. */
export type OptionValues = Record<string, string | undefined>;

export function checkFeatureIds(ids: readonly string[], verb: string): void {
  if (ids.length === 0) throw new UserError(`name at least one feature: rampart ${verb} <feature…>`, 'see "rampart list"');
  for (const id of ids) if (!findFeature(id)) throw unknownFeatureError(id);
}

/** The project's options with those given now laid over them. */
export function optionValuesOf(current: Selection, given: OptionValues): OptionValues {
  const out: OptionValues = {};
  for (const [feature, values] of Object.entries(current.options)) {
    for (const [option, value] of Object.entries(values)) out[`${feature}.${option}`] = value;
  }
  for (const [key, value] of Object.entries(given)) if (value !== undefined) out[key] = value;
  return out;
}

const keepOptionsOf = (features: string[], options: OptionValues): OptionValues =>
  Object.fromEntries(Object.entries(options).filter(([key]) => features.includes(key.split('.')[0]!)));

/**
 * `current` plus `ids`. A feature that needs another either names it in the
 * error (`rampart add auth-jwt rbac`) or, with `addRequired`, brings it along.
 */
export function withFeatures(current: Selection, ids: readonly string[], options: OptionValues, addRequired: boolean): Evolution {
  checkFeatureIds(ids, 'add');
  const notes = ids
    .filter((id) => current.features.includes(id))
    .map((id) => {
      // `rampart add rate-limit --rate-limit-store redis` on a project with rate-limit changes its option.
      const changed = Object.entries(options).filter(([key, value]) => key.startsWith(`${id}.`) && value !== undefined && current.options[id]?.[key.slice(id.length + 1)] !== value);
      const changes = changed.map(([key, value]) => `its ${key.slice(id.length + 1)} becomes ${value}`).join(', ');
      return changes ? `${id} is already in this project: ${changes}` : `${id} is already in this project`;
    });
  const wanted = [...current.features, ...ids.filter((id) => !current.features.includes(id))];
  for (const id of [...wanted]) {
    const feature = findFeature(id)!;
    const groupMissing = feature.requiresOneOf && !feature.requiresOneOf.some((r) => wanted.includes(r));
    const missing = [...(feature.requires ?? []).filter((r) => !wanted.includes(r)), ...(groupMissing ? [feature.requiresOneOf![0]!] : [])];
    for (const need of missing) {
      const phrase = feature.requiresOneOf?.includes(need) ? needsPhrase(feature) : `"${need}"`;
      if (!addRequired) throw new UserError(`${id} needs ${phrase}`, `run: rampart add ${need} ${id} (or pass --yes to add ${need} too)`);
      notes.push(`${id} needs ${phrase}: adding ${need}`);
      wanted.push(need);
    }
  }
  return { selection: resolveSelection({ name: current.name, framework: current.framework, features: wanted, options: keepOptionsOf(wanted, options) }), notes };
}

/** `current` minus `ids`; refuses to leave a feature without what it needs. */
export function withoutFeatures(current: Selection, ids: readonly string[], options: OptionValues): Evolution {
  checkFeatureIds(ids, 'remove');
  const notes = ids.filter((id) => !current.features.includes(id)).map((id) => `${id} is not in this project`);
  const left = current.features.filter((f) => !ids.includes(f));
  for (const id of left) {
    const feature = findFeature(id)!;
    const unmet = [
      ...(feature.requiresOneOf && !feature.requiresOneOf.some((r) => left.includes(r)) ? [feature.requiresOneOf.join(' or ')] : []),
      ...(feature.requires ?? []).filter((r) => !left.includes(r)),
    ];
    if (unmet.length) throw new UserError(`${id} needs ${unmet[0]}`, `remove ${id} too: rampart remove ${[...ids, id].join(' ')}`);
  }
  return { selection: resolveSelection({ name: current.name, framework: current.framework, features: left, options: keepOptionsOf(left, options) }), notes };
}
