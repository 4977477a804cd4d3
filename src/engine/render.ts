import type Handlebars from 'handlebars';
import { join } from 'node:path';
import { frameworks } from '../catalog/index.js';
import type { FrameworkId } from '../catalog/types.js';
import { camel, contextOf, type RenderContext } from './context.js';
import { compileTemplates, type Template, type TemplateSource } from './handlebars.js';
import type { PrecompiledTemplates } from './precompiled.js';
import type { Selection } from './selection.js';
import { listFiles, readText, templatesRoot } from './templates.js';

/** The rendered project: relative path → file content. Nothing is on disk yet. */
export type VirtualTree = Map<string, string>;

export interface RenderOptions {
  version: string;
  templatesDir?: string;
  /** Build-time compiled templates (see precompiled.ts); without them every template is compiled here. */
  precompiled?: PrecompiledTemplates;
}

const SLOTS_DIR = '_slots/';
const PACKAGE_FRAGMENT = '_package.json.hbs';
// A slot alone on its line: the line's indentation applies to every fragment line
// and an empty slot removes the line instead of leaving it blank (the marker is
// swept after rendering, so the lines around keep Handlebars' standalone rules).
const STANDALONE_SLOT = /^([ \t]*)\{\{\{?slot "([\w.-]+)"\}?\}\}[ \t]*$/gm;
const EMPTY_SLOT = '\u0000rampart-empty-slot\u0000';
const EMPTY_SLOT_LINE = /^\u0000rampart-empty-slot\u0000(\r?\n|$)/gm;

/** `dot_github/workflows/ci.yml.hbs` → `.github/workflows/ci.yml` */
export function outputPath(templatePath: string): string {
  return templatePath
    .replace(/\.hbs$/, '')
    .split('/')
    .map((segment) => (segment.startsWith('dot_') ? `.${segment.slice(4)}` : segment))
    .join('/');
}

/** The template source as Handlebars compiles it: standalone slots carry their indentation. */
export const prepareSource = (source: string): string =>
  source.replace(STANDALONE_SLOT, (_m, indent: string, name: string) => `{{{slot "${name}" indent="${indent}"}}}`);

/** A template as the render runs it: the lines of empty standalone slots removed. */
const sweepingEmptySlots = (template: Template): Template => (context, options) => template(context, options).replace(EMPTY_SLOT_LINE, '');

function indentLines(text: string, indent: string): string {
  if (!indent) return text;
  return text.replace(/^(?=.)/gm, indent);
}

/** The template folders a framework's projects draw on, least specific first: shared → language (node, python) → framework. */
export const scopesOf = (framework: FrameworkId): string[] => ['shared', frameworks[framework].language, framework];

interface Layer {
  dir: string;
  /** The feature that owns the layer, or undefined for a base layer. */
  feature?: string;
}

/** Base layers, then each feature's, each from the least specific scope: the more specific layer wins. */
function layersOf(root: string, selection: Selection): Layer[] {
  const scopes = scopesOf(selection.framework);
  return [
    ...scopes.map((scope) => ({ dir: join(root, scope, 'base') })),
    ...selection.features.flatMap((id) => scopes.map((scope) => ({ dir: join(root, scope, 'features', id), feature: id }))),
  ];
}

/** A file of a layer, read. */
interface LayerFile {
  /** Path inside the layer, e.g. `src/app.ts.hbs`, `_slots/plugins.hbs`. */
  path: string;
  owner: string | undefined;
  text: string;
}

function readLayers(root: string, selection: Selection): LayerFile[] {
  return layersOf(root, selection).flatMap((layer) => listFiles(layer.dir).map((file) => ({ path: file.path, owner: layer.feature, text: readText(file.absolute) })));
}

/** Partials by name; a more specific scope's partial replaces a shared one of the same name. */
function readPartials(root: string, selection: Selection): Map<string, string> {
  const partials = new Map<string, string>();
  for (const scope of scopesOf(selection.framework)) {
    for (const file of listFiles(join(root, scope, 'partials'))) {
      if (file.path.endsWith('.hbs')) partials.set(file.path.replace(/\.hbs$/, ''), readText(file.absolute));
    }
  }
  return partials;
}

function registerHelpers(hbs: typeof Handlebars, selection: Selection): void {
  const framework = frameworks[selection.framework];
  hbs.registerHelper({
    eq: (a: unknown, b: unknown) => a === b,
    ne: (a: unknown, b: unknown) => a !== b,
    and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    not: (a: unknown) => !a,
    json: (value: unknown) => JSON.stringify(value),
    camel: (s: string) => camel(s),
    pascal: (s: string) => camel(`-${s}`),
    upper: (s: string) => String(s).toUpperCase(),
    testPath: (id: string) => framework.testPath(id),
  });
}

const isCompiled = (file: LayerFile): boolean => file.path.endsWith('.hbs') || file.path.startsWith(SLOTS_DIR);

/** Renders a Selection into a virtual tree. Pure: reads templates, writes nothing. */
export async function render(selection: Selection, options: RenderOptions): Promise<VirtualTree> {
  const root = options.templatesDir ?? templatesRoot();
  const context: RenderContext = contextOf(selection, options.version);
  // Every source is read before any is compiled: whether Handlebars' compiler
  // must be loaded at all depends on all of them (see compileTemplates).
  const partials = readPartials(root, selection);
  const files = readLayers(root, selection);
  const compiled = files.filter(isCompiled);
  const sources: TemplateSource[] = [
    ...[...partials.values()].map((text) => ({ kind: 'partial' as const, text })),
    ...compiled.map((file) => ({ kind: 'template' as const, text: prepareSource(file.text) })),
  ];
  const { hbs, templates } = await compileTemplates(sources, options.precompiled);
  registerHelpers(hbs, selection);
  [...partials.keys()].forEach((name, i) => hbs.registerPartial(name, templates[i]!));
  const templateOf = new Map(compiled.map((file, i) => [file, sweepingEmptySlots(templates[partials.size + i]!)]));

  const slots = new Map<string, Template[]>();
  const packageFragments: Template[] = [];
  const outputs: { path: string; owner: string | undefined; produce: () => string | undefined }[] = [];
  for (const file of files) {
    const template = templateOf.get(file);
    if (file.path.startsWith(SLOTS_DIR)) {
      const name = file.path.slice(SLOTS_DIR.length).replace(/\.hbs$/, '');
      slots.set(name, [...(slots.get(name) ?? []), template!]);
    } else if (file.path === PACKAGE_FRAGMENT) {
      packageFragments.push(template!);
    } else {
      outputs.push({
        path: outputPath(file.path),
        owner: file.owner,
        produce: () => {
          if (!template) return file.text;
          const text = template(context);
          return text.trim() === '' ? undefined : text;
        },
      });
    }
  }

  hbs.registerHelper('slot', function slot(name: string, helperOptions: Handlebars.HelperOptions) {
    const indent = typeof helperOptions.hash.indent === 'string' ? (helperOptions.hash.indent as string) : undefined;
    const fragments = (slots.get(name) ?? []).map((template) => template(context)).filter((t) => t.trim() !== '');
    if (indent === undefined) return fragments.map((t) => t.replace(/\r?\n$/, '')).join('\n');
    if (fragments.length === 0) return EMPTY_SLOT;
    // The slot's own line ends with a newline already.
    return fragments.map((t) => indentLines(t.endsWith('\n') ? t : `${t}\n`, indent)).join('').replace(/\r?\n$/, '');
  });

  const tree: VirtualTree = new Map();
  const owners = new Map<string, string | undefined>();
  for (const file of outputs) {
    const previous = owners.get(file.path);
    if (owners.has(file.path) && previous !== undefined && file.owner !== undefined && previous !== file.owner) {
      throw new Error(`templates: features "${previous}" and "${file.owner}" both write ${file.path}`);
    }
    const text = file.produce();
    owners.set(file.path, file.owner);
    if (text === undefined) tree.delete(file.path);
    else tree.set(file.path, text);
  }

  const pkg = tree.get('package.json');
  if (pkg !== undefined) tree.set('package.json', composePackageJson(pkg, packageFragments.map((t) => t(context)), context));
  return new Map([...tree.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepMerge(target: { [key: string]: Json }, source: { [key: string]: Json }): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isObject(current) && isObject(value)) deepMerge(current, value);
    else target[key] = value;
  }
}

function composePackageJson(base: string, fragments: string[], context: RenderContext): string {
  const pkg = JSON.parse(base) as { [key: string]: Json };
  for (const fragment of fragments) {
    // Like any .hbs file, a fragment that renders to whitespace (wrapped in {{#if}}) contributes nothing.
    if (fragment.trim() === '') continue;
    deepMerge(pkg, JSON.parse(fragment) as { [key: string]: Json });
  }
  const toRecord = (list: { name: string; version: string }[]): { [key: string]: Json } =>
    Object.fromEntries(list.map((d) => [d.name, d.version]));
  pkg.dependencies = toRecord(context.deps.prod);
  pkg.devDependencies = toRecord(context.deps.dev);
  if (isObject(pkg.scripts)) pkg.scripts = Object.fromEntries(Object.entries(pkg.scripts));
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
