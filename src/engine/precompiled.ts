import { createHash } from 'node:crypto';
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

export const PRECOMPILED_FILE = 'templates.precompiled.js';

export const sourceKey = (kind: 'template' | 'partial', source: string): string =>
  `${kind}:${createHash('sha1').update(source).digest('hex')}`;

/** The table next to the bundle, when there is one (in dist/, not when running from src/). */
export async function loadPrecompiled(): Promise<PrecompiledTemplates | undefined> {
  try {
    const module = (await import(new URL(`./${PRECOMPILED_FILE}`, import.meta.url).href)) as { default: PrecompiledTemplates };
    return module.default;
  } catch {
    return undefined;
  }
}
