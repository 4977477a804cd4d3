/**
 * The catalog describes what rampart can generate, as data. The engine reads
 * these shapes and never names a feature or a framework itself.
 */

export type FrameworkId = 'fastify' | 'express' | 'fastapi';
export type Language = 'node' | 'python';

/** A package a template needs; its version comes from the versions table. */
export interface Dependencies {
  /** Runtime packages. */
  prod?: readonly string[];
  /** Packages needed only to build, test or develop. */
  dev?: readonly string[];
}

/** What a Selection looks like from inside a predicate (see `when`). */
/** Dependencies that only some selections need (e.g. ioredis with the redis store). */
export interface FeatureDependencies extends Dependencies {
  when?: Predicate;
}

export interface SelectionView {
  readonly framework: FrameworkId;
  readonly features: readonly string[];
  readonly options: Readonly<Record<string, Readonly<Record<string, string>>>>;
  has(feature: string): boolean;
  option(feature: string, option: string): string | undefined;
}

export type Predicate = (selection: SelectionView) => boolean;

export interface EnvVar {
  name: string;
  /** Shown in .env.example and README; undefined means "no default". */
  default?: string;
  /** The validation rule, as the README states it. */
  rule: string;
  description: string;
  /** Value written in .env.example (defaults to `default`, else empty). */
  example?: string;
  /** Required with no default: the app refuses to start without it. */
  required?: boolean;
  secret?: boolean;
  /** Only some selections need this variable (e.g. REDIS_URL with the redis store). */
  when?: Predicate;
  /** Only for these frameworks (e.g. NODE_ENV vs APP_ENV). */
  frameworks?: readonly FrameworkId[];
}

export interface FeatureOption {
  /** Key in rampart.json and the template context (`opt.<feature>.<id>`). */
  id: string;
  /** Command-line flag without dashes, e.g. `rate-limit-store`. */
  flag: string;
  title: string;
  choices: readonly { value: string; label: string; hint?: string }[];
  default: string;
}

export interface SecurityNote {
  /** OWASP API Security Top 10 2023 ids, e.g. `API4:2023`. */
  owasp: readonly string[];
  threat: string;
}

export interface Feature {
  id: string;
  title: string;
  /** One line, shown next to the feature in prompts and `rampart list`. */
  hint: string;
  /**
   * Position in the request pipeline; smaller runs earlier:
   * 10 logging, 20 https, 30 headers, 40 cors, 50 rate-limit,
   * 60 body, 70 auth, 80 rbac, 90 routes, 95 metrics/supply-chain.
   */
  order: number;
  frameworks: readonly FrameworkId[];
  /** Preselected in the interactive flow and taken by `--yes`. */
  recommended: boolean;
  /** Every listed feature must be selected too. */
  requires?: readonly string[];
  /** At least one of these must be selected too (e.g. rbac needs some auth). */
  requiresOneOf?: readonly string[];
  /** How messages name that group ("an authentication feature"). */
  requiresOneOfLabel?: string;
  conflicts?: readonly string[];
  options?: readonly FeatureOption[];
  env?: readonly EnvVar[];
  /** Per framework, package names (versions live in versions.ts). */
  dependencies?: Partial<Record<FrameworkId, FeatureDependencies | readonly FeatureDependencies[]>>;
  security?: SecurityNote;
}

export interface Framework {
  id: FrameworkId;
  title: string;
  hint: string;
  language: Language;
  /** Packages every project of this framework needs. */
  dependencies: Dependencies;
  /** Env vars every project of this framework has. */
  env: readonly EnvVar[];
  /** Where a feature's own test file lives in a generated project. */
  testPath(featureId: string): string;
  /**
   * The file that lists dependencies; the engine writes it from the selection
   * and merges it structurally on add/remove.
   */
  manifestFile: 'package.json' | 'requirements.txt';
}
