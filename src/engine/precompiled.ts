import { hash } from 'node:crypto';
import type Handlebars from 'handlebars';

type TemplateSpecification = ReturnType<typeof Handlebars.precompile>;

/**
 * Templates compiled to JavaScript when rampart is built, keyed by the hash of
 * the source they were compiled from. Compiling Handlebars at run time is most
 * of a scaffold's cost; a template whose source changed since the build (a
 * RAMPART_TEMPLATES_DIR working copy, the tests' own templates) simply misses
 * the table and is compiled as before.
 */
export type PrecompiledTemplates = Readonly<Record<string, TemplateSpecification>>;

/**
 * One table per layer scope (templates/shared, node, fastify, …): a project
 * loads the tables of its own scopes only, not every framework's templates.
 */
export const precompiledFile = (scope: string): string => `templates.${scope}.precompiled.js`;

/** One-shot crypto.hash: a scaffold hashes some 150 sources, and a Hash object per source costs twice as much. */
export const sourceKey = (kind: 'template' | 'partial', source: string): string => `${kind}:${hash('sha1', source)}`;

async function loadTable(scope: string): Promise<PrecompiledTemplates | undefined> {
  try {
    const module = (await import(new URL(`./${precompiledFile(scope)}`, import.meta.url).href)) as { default: PrecompiledTemplates };
    return module.default;
  } catch (error) {
    // No table: running from src/, or a scope without templates. Anything else is a broken build.
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** The tables of these scopes next to the bundle, as one; undefined when there is none. */
export async function loadPrecompiled(scopes: readonly string[]): Promise<PrecompiledTemplates | undefined> {
  // The render that follows loads Handlebars' runtime in any case (the compiler
  // build contains it): fetch it alongside the tables instead of after them.
  const [loaded] = await Promise.all([Promise.all(scopes.map(loadTable)), import('handlebars/runtime')]);
  const tables = loaded.filter((table) => table !== undefined);
  return tables.length > 0 ? Object.assign({}, ...tables) : undefined;
}
