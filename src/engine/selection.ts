import { closest } from 'fastest-levenshtein';
import { features as catalogFeatures, frameworks } from '../catalog/index.js';
import type { Feature, FrameworkId, SelectionView } from '../catalog/types.js';
import { UserError } from './errors.js';

/** What to generate: the single input of render. */
export interface Selection {
  name: string;
  framework: FrameworkId;
  /** Feature ids in catalog (middleware) order. */
  features: string[];
  /** Chosen options of the selected features: options[featureId][optionId]. */
  options: Record<string, Record<string, string>>;
}

export interface SelectionInput {
  name: string;
  framework: string;
  features: readonly string[];
  /** Option values keyed by flag (`rate-limit-store`) or `feature.option`. */
  options?: Readonly<Record<string, string | undefined>>;
}

export const frameworkIds = Object.keys(frameworks) as FrameworkId[];

export function findFeature(id: string): Feature | undefined {
  return catalogFeatures.find((f) => f.id === id);
}

export function unknownFeatureError(id: string): UserError {
  const ids = catalogFeatures.map((f) => f.id);
  return new UserError(
    `unknown feature "${id}" (did you mean "${closest(id, ids)}"?)`,
    `valid features: ${ids.join(', ')}`,
  );
}

export function isFrameworkId(value: string): value is FrameworkId {
  return (frameworkIds as string[]).includes(value);
}

/** "an authentication feature (auth-jwt or auth-apikey)" — how a message names a requiresOneOf group. */
export function needsPhrase(feature: Feature): string {
  const choices = (feature.requiresOneOf ?? []).join(' or ');
  return feature.requiresOneOfLabel ? `${feature.requiresOneOfLabel} (${choices})` : `one of ${choices}`;
}

/** Validates a user's choices against the catalog and returns a Selection in canonical order. */
export function resolveSelection(input: SelectionInput): Selection {
  if (!isFrameworkId(input.framework)) {
    throw new UserError(
      `unknown framework "${input.framework}" (did you mean "${closest(input.framework, frameworkIds)}"?)`,
      `valid frameworks: ${frameworkIds.join(', ')}`,
    );
  }
  const framework = input.framework;
  const requested = new Set<string>();
  for (const raw of input.features) {
    const id = raw.trim();
    if (!id) continue;
    const feature = findFeature(id);
    if (!feature) throw unknownFeatureError(id);
    if (!feature.frameworks.includes(framework)) {
      throw new UserError(
        `feature "${id}" is not available for ${frameworks[framework].title}`,
        `run "rampart list" to see what each framework supports`,
      );
    }
    requested.add(id);
  }

  const selected = catalogFeatures.filter((f) => requested.has(f.id));
  for (const feature of selected) {
    for (const needed of feature.requires ?? []) {
      if (!requested.has(needed)) {
        throw new UserError(`feature "${feature.id}" needs "${needed}"`, `add it: --features ${[...requested, needed].join(',')}`);
      }
    }
    if (feature.requiresOneOf && !feature.requiresOneOf.some((id) => requested.has(id))) {
      throw new UserError(
        `feature "${feature.id}" needs ${needsPhrase(feature)}`,
        `add one: --features ${[...requested, feature.requiresOneOf[0]].join(',')}`,
      );
    }
    for (const other of feature.conflicts ?? []) {
      if (requested.has(other)) throw new UserError(`features "${feature.id}" and "${other}" cannot be combined`);
    }
  }

  const options: Record<string, Record<string, string>> = {};
  const given = input.options ?? {};
  const knownKeys = new Set<string>();
  for (const feature of catalogFeatures) {
    for (const option of feature.options ?? []) {
      const keys = [option.flag, `${feature.id}.${option.id}`];
      keys.forEach((k) => knownKeys.add(k));
      const value = keys.map((k) => given[k]).find((v) => v !== undefined);
      if (value !== undefined && !option.choices.some((c) => c.value === value)) {
        throw new UserError(
          `--${option.flag} must be one of ${option.choices.map((c) => c.value).join(', ')} (got "${value}")`,
        );
      }
      if (!requested.has(feature.id)) {
        if (value !== undefined) throw new UserError(`--${option.flag} needs the "${feature.id}" feature`, `add it with --features`);
        continue;
      }
      (options[feature.id] ??= {})[option.id] = value ?? option.default;
    }
  }
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined && !knownKeys.has(key)) throw new UserError(`unknown option "${key}"`);
  }

  return { name: input.name, framework, features: selected.map((f) => f.id), options };
}

/** The read-only view of a Selection that catalog predicates (`when`) receive. */
export function viewOf(selection: Selection): SelectionView {
  return {
    framework: selection.framework,
    features: selection.features,
    options: selection.options,
    has: (feature) => selection.features.includes(feature),
    option: (feature, option) => selection.options[feature]?.[option],
  };
}
