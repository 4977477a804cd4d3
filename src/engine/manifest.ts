import { hash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { features as catalogFeatures, frameworks } from '../catalog/index.js';
import type { FrameworkId } from '../catalog/types.js';
import { UserError } from './errors.js';
import { isProjectPath } from './project-path.js';
import type { Selection } from './selection.js';
import { findFeature, isFrameworkId, resolveSelection } from './selection.js';

export const MANIFEST_FILE = 'rampart.json';

/**
 * rampart.json: what was generated and the SHA-256 of every file as rampart
 * rendered it, so a later `add`/`remove`/`upgrade` can tell the owners' edits
 * from its own output.
 */
export interface Manifest {
  generator: { name: string; version: string };
  name: string;
  framework: FrameworkId;
  features: string[];
  options: Record<string, Record<string, string>>;
  files: Record<string, string>;
  /**
   * Files rampart no longer generates but left in place because the owners
   * edited them (or a file left in place imports them), with the SHA-256 of
   * rampart's last render of each: adding their feature back merges them
   * instead of calling them conflicts, and `status` can list them.
   */
  kept?: Record<string, string>;
}

export const sha256 = (text: string): string => hash('sha256', text);

export function createManifest(selection: Selection, tree: Map<string, string>, version: string): Manifest {
  const files: Record<string, string> = {};
  for (const [path, text] of tree) files[path] = sha256(text);
  return {
    generator: { name: 'create-rampart', version },
    name: selection.name,
    framework: selection.framework,
    features: [...selection.features],
    options: selection.options,
    files,
  };
}

export const serializeManifest = (manifest: Manifest): string => `${JSON.stringify(manifest, null, 2)}\n`;

export function selectionOf(manifest: Manifest): Selection {
  return { name: manifest.name, framework: manifest.framework, features: [...manifest.features], options: manifest.options };
}

/** Reads and checks rampart.json in `dir`; one clear line when it is missing or damaged. */
export function readManifest(dir: string): Manifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) {
    throw new UserError(`no ${MANIFEST_FILE} in ${dir}: this is not a rampart project`, 'run the command inside a project created by create-rampart');
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UserError(`${MANIFEST_FILE} is not valid JSON`, `restore it from version control (git checkout -- ${MANIFEST_FILE})`);
  }
  const problem = manifestProblem(data);
  if (problem) throw new UserError(`${MANIFEST_FILE} is damaged: ${problem}`, `restore it from version control (git checkout -- ${MANIFEST_FILE})`);
  return data as Manifest;
}

function manifestProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return 'not an object';
  const m = data as Record<string, unknown>;
  const gen = m.generator as Record<string, unknown> | undefined;
  if (!gen || typeof gen.version !== 'string') return 'generator.version is missing';
  if (typeof m.name !== 'string') return 'name is missing';
  if (typeof m.framework !== 'string' || !isFrameworkId(m.framework)) {
    return `framework must be one of ${Object.keys(frameworks).join(', ')}`;
  }
  if (!Array.isArray(m.features) || !m.features.every((f) => typeof f === 'string')) return 'features must be a list of names';
  const unknown = m.features.find((f: string) => !findFeature(f));
  if (unknown !== undefined) return `unknown feature "${unknown}" (this rampart knows ${catalogFeatures.map((f) => f.id).join(', ')})`;
  if (typeof m.options !== 'object' || m.options === null) return 'options is missing';
  if (typeof m.files !== 'object' || m.files === null) return 'files is missing';
  for (const field of ['files', 'kept'] as const) {
    const hashes = m[field] ?? {};
    if (typeof hashes !== 'object' || hashes === null) return `${field} is not an object`;
    for (const [path, hash] of Object.entries(hashes as Record<string, unknown>)) {
      if (!isProjectPath(path)) return `${field} names "${path}", which is outside the project`;
      if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return `${field}["${path}"] is not a SHA-256`;
    }
  }
  return selectionProblem(m.name, m.framework, m.features, m.options as Record<string, unknown>);
}

/**
 * A hand-edited selection (rbac without an auth feature, a store rampart does
 * not know) would render a project that does not work: checked with the same
 * rules as the flags of a new project.
 */
function selectionProblem(name: string, framework: FrameworkId, features: string[], given: Record<string, unknown>): string | undefined {
  const options: Record<string, string> = {};
  for (const [feature, values] of Object.entries(given)) {
    if (typeof values !== 'object' || values === null) return `options["${feature}"] is not an object`;
    for (const [option, value] of Object.entries(values)) {
      if (typeof value !== 'string') return `options["${feature}"]["${option}"] is not a string`;
      options[`${feature}.${option}`] = value;
    }
  }
  try {
    resolveSelection({ name, framework, features, options });
    return undefined;
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
}
