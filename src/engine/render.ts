import Handlebars from 'handlebars';
import { join } from 'node:path';
import { frameworks } from '../catalog/index.js';
import { camel, contextOf, type RenderContext } from './context.js';
import { sourceKey, type PrecompiledTemplates } from './precompiled.js';
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

/** Generated code is not HTML: never escape. */
export const COMPILE_OPTIONS = { noEscape: true, strict: false } as const;

/** The template source as Handlebars compiles it: standalone slots carry their indentation. */
export const prepareSource = (source: string): string =>
  source.replace(STANDALONE_SLOT, (_m, indent: string, name: string) => `{{{slot "${name}" indent="${indent}"}}}`);

function compile(hbs: typeof Handlebars, source: string, precompiled: PrecompiledTemplates | undefined): Handlebars.TemplateDelegate {
  const prepared = prepareSource(source);
  const spec = precompiled?.[sourceKey('template', prepared)];
  const template = spec ? hbs.template(spec) : hbs.compile(prepared, COMPILE_OPTIONS);
  return (context, options) => template(context, options).replace(EMPTY_SLOT_LINE, '');
}

function indentLines(text: string, indent: string): string {
  if (!indent) return text;
  return text.replace(/^(?=.)/gm, indent);
}

interface Layer {
  dir: string;
  /** The feature that owns the layer, or undefined for a base layer. */
  feature?: string;
}

/** shared → language (node, python) → framework: the more specific layer wins. */
function layersOf(root: string, selection: Selection): Layer[] {
  const scopes = ['shared', frameworks[selection.framework].language, selection.framework];
  return [
    ...scopes.map((scope) => ({ dir: join(root, scope, 'base') })),
    ...selection.features.flatMap((id) => scopes.map((scope) => ({ dir: join(root, scope, 'features', id), feature: id }))),
  ];
}

function createHandlebars(root: string, selection: Selection, precompiled: PrecompiledTemplates | undefined): typeof Handlebars {
  const hbs = Handlebars.create();
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
  for (const scope of ['shared', framework.language, selection.framework]) {
    const dir = join(root, scope, 'partials');
    for (const file of listFiles(dir)) {
      if (!file.path.endsWith('.hbs')) continue;
      const source = readText(file.absolute);
      const spec = precompiled?.[sourceKey('partial', source)];
      hbs.registerPartial(file.path.replace(/\.hbs$/, ''), spec ? hbs.template(spec) : source);
    }
  }
  return hbs;
}

/** Renders a Selection into a virtual tree. Pure: reads templates, writes nothing. */
export function render(selection: Selection, options: RenderOptions): VirtualTree {
  const root = options.templatesDir ?? templatesRoot();
  const context: RenderContext = contextOf(selection, options.version);
  const hbs = createHandlebars(root, selection, options.precompiled);
  const layers = layersOf(root, selection);

  const slots = new Map<string, Handlebars.TemplateDelegate[]>();
  const packageFragments: Handlebars.TemplateDelegate[] = [];
  const files: { path: string; owner: string | undefined; produce: () => string | undefined }[] = [];

  for (const layer of layers) {
    for (const file of listFiles(layer.dir)) {
      if (file.path.startsWith(SLOTS_DIR)) {
        const name = file.path.slice(SLOTS_DIR.length).replace(/\.hbs$/, '');
        const list = slots.get(name) ?? [];
        list.push(compile(hbs, readText(file.absolute), options.precompiled));
        slots.set(name, list);
      } else if (file.path === PACKAGE_FRAGMENT) {
        packageFragments.push(compile(hbs, readText(file.absolute), options.precompiled));
      } else {
        const isTemplate = file.path.endsWith('.hbs');
        files.push({
          path: outputPath(file.path),
          owner: layer.feature,
          produce: () => {
            const source = readText(file.absolute);
            if (!isTemplate) return source;
            const text = compile(hbs, source, options.precompiled)(context);
            return text.trim() === '' ? undefined : text;
          },
        });
      }
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
  for (const file of files) {
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
