import type Handlebars from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime';
import { sourceKey, type PrecompiledTemplates } from './precompiled.js';

export type Template = Handlebars.TemplateDelegate;

/** Generated code is not HTML: never escape. The build precompiles with the same options. */
export const COMPILE_OPTIONS = { noEscape: true, strict: false } as const;

/** A template or partial source, exactly as it is compiled (and keyed in the precompiled tables). */
export interface TemplateSource {
  kind: 'template' | 'partial';
  text: string;
}

export interface CompiledTemplates {
  /** A fresh Handlebars environment: the render registers its helpers and partials on it. */
  hbs: typeof Handlebars;
  /** One template per source, in the order given. */
  templates: Template[];
  /** How many sources missed the precompiled tables and were compiled here (0: the compiler was not loaded). */
  compiledHere: number;
}

/**
 * Turns sources into templates: from the build's precompiled tables when they
 * have them, else compiled here. Handlebars' runtime is part of the commands'
 * chunk (every render runs templates); the compiler (parser, code generator,
 * source-map: four times the runtime's size) is loaded only for a source that
 * misses the tables, e.g. a RAMPART_TEMPLATES_DIR working copy or a template
 * edited since the build.
 */
export async function compileTemplates(sources: readonly TemplateSource[], precompiled: PrecompiledTemplates | undefined): Promise<CompiledTemplates> {
  const specs = sources.map((source) => precompiled?.[sourceKey(source.kind, source.text)]);
  const compiledHere = specs.filter((spec) => spec === undefined).length;
  const handlebars = compiledHere === 0 ? HandlebarsRuntime : (await import('handlebars')).default;
  const hbs = handlebars.create();
  const templates = sources.map((source, i) => {
    const spec = specs[i];
    return spec !== undefined ? hbs.template(spec) : hbs.compile(source.text, COMPILE_OPTIONS);
  });
  return { hbs, templates, compiledHere };
}
