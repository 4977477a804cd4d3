import { features as catalogFeatures, frameworks, npmVersions, pypiVersions } from '../catalog/index.js';
import type { Dependencies, EnvVar, Feature, FeatureDependencies, Framework } from '../catalog/types.js';
import type { Selection } from './selection.js';
import { viewOf } from './selection.js';

export interface ResolvedDependency {
  name: string;
  version: string;
  /** `name@version` (npm) or `name==version` (pip). */
  spec: string;
}

export interface ResolvedDependencies {
  prod: ResolvedDependency[];
  dev: ResolvedDependency[];
}

/** Everything a template can read. Documented in docs/TEMPLATES.md. */
export interface RenderContext {
  name: string;
  title: string;
  framework: string;
  language: string;
  version: string;
  features: string[];
  has: Record<string, boolean>;
  opt: Record<string, Record<string, string>>;
  env: EnvVar[];
  /** Names of the env vars without which the app refuses to start. */
  requiredEnv: string[];
  deps: ResolvedDependencies;
  featureList: { id: string; title: string; hint: string; owasp: string; threat: string }[];
}

/**
 * Package names in a fixed order: case-insensitive, then by code point. Not
 * localeCompare: its order follows the user's locale (generated files must not),
 * and its first call costs a scaffold ~7 ms loading ICU's collator. For every
 * name in versions.ts it is npm's order (`localeCompare(b, 'en')`); the catalog
 * test checks that.
 */
export function byPackageName(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const camel = (id: string): string => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function selectedFeatures(selection: Selection): Feature[] {
  return selection.features.map((id) => {
    const feature = catalogFeatures.find((f) => f.id === id);
    if (!feature) throw new Error(`selection names unknown feature ${id}`);
    return feature;
  });
}

/** The env vars of a selection: the framework's, then each feature's, filtered by `when`. */
export function envOf(selection: Selection): EnvVar[] {
  const view = viewOf(selection);
  const all = [...frameworks[selection.framework].env, ...selectedFeatures(selection).flatMap((f) => f.env ?? [])];
  return all.filter((v) => (!v.frameworks || v.frameworks.includes(selection.framework)) && (!v.when || v.when(view)));
}

/** The packages of a selection with their pinned versions, sorted by name. */
export function dependenciesOf(selection: Selection): ResolvedDependencies {
  const view = viewOf(selection);
  const framework: Framework = frameworks[selection.framework];
  const groups: Dependencies[] = [framework.dependencies];
  for (const feature of selectedFeatures(selection)) {
    const entry = feature.dependencies?.[selection.framework];
    const list: readonly FeatureDependencies[] = entry === undefined ? [] : Array.isArray(entry) ? entry : [entry as FeatureDependencies];
    groups.push(...list.filter((d) => !d.when || d.when(view)));
  }
  const python = framework.language === 'python';
  const table = python ? pypiVersions : npmVersions;
  const resolve = (names: Set<string>): ResolvedDependency[] =>
    [...names].sort(byPackageName).map((name) => {
      const version = table[name];
      if (!version) throw new Error(`no pinned version for ${name} in src/catalog/versions.ts`);
      return { name, version, spec: python ? `${name}==${version}` : `${name}@${version}` };
    });
  const prod = new Set(groups.flatMap((g) => g.prod ?? []));
  const dev = new Set(groups.flatMap((g) => g.dev ?? []).filter((n) => !prod.has(n)));
  return { prod: resolve(prod), dev: resolve(dev) };
}

export function contextOf(selection: Selection, version: string): RenderContext {
  const framework = frameworks[selection.framework];
  const chosen = selectedFeatures(selection);
  const has: Record<string, boolean> = {};
  for (const f of chosen) has[camel(f.id)] = true;
  // `auth` is true when any feature of the authentication group is on (what rbac requires).
  const authGroup = new Set(catalogFeatures.flatMap((f) => f.requiresOneOf ?? []));
  has.auth = chosen.some((f) => authGroup.has(f.id));
  const opt: Record<string, Record<string, string>> = {};
  for (const [id, values] of Object.entries(selection.options)) opt[camel(id)] = { ...values };
  return {
    name: selection.name,
    title: selection.name
      .replace(/^@[^/]+\//, '')
      .split(/[-_.]/)
      .filter(Boolean)
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(' '),
    framework: selection.framework,
    language: framework.language,
    version,
    features: [...selection.features],
    has,
    opt,
    env: envOf(selection).map((v) => ({ ...v, example: v.example ?? v.default ?? '' })),
    requiredEnv: envOf(selection).filter((v) => v.required).map((v) => v.name),
    deps: dependenciesOf(selection),
    featureList: chosen.map((f) => ({
      id: f.id,
      title: f.title,
      hint: f.hint,
      owasp: (f.security?.owasp ?? []).join(', '),
      threat: f.security?.threat ?? '',
    })),
  };
}
