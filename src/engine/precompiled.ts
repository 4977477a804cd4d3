import { hash } from 'node:crypto';
import type Handlebars from 'handlebars';
import type { FrameworkId } from '../catalog/types.js';

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
 * One table per framework, holding the templates of its scopes (shared,
 * node or python, the framework's own): a project loads its framework's table
 * only, not every framework's templates, and as one module (Node 20 pays about
 * a millisecond per module loaded, so shared templates are repeated in each
 * framework's table rather than loaded from a table of their own).
 */
export const precompiledFile = (framework: FrameworkId): string => `templates.${framework}.precompiled.js`;

/** One-shot crypto.hash: a scaffold hashes some 150 sources, and a Hash object per source costs twice as much. */
export const sourceKey = (kind: 'template' | 'partial', source: string): string => `${kind}:${hash('sha1', source)}`;

/** The framework's table next to the bundle; undefined when there is none. */
export async function loadPrecompiled(framework: FrameworkId): Promise<PrecompiledTemplates | undefined> {
  try {
    const module = (await import(new URL(`./${precompiledFile(framework)}`, import.meta.url).href)) as { default: PrecompiledTemplates };
    return module.default;
  } catch (error) {
    // No table: running from src/. Anything else is a broken build.
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}
