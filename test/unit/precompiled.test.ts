import Handlebars from 'handlebars';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceKey, type PrecompiledTemplates } from '../../src/engine/precompiled.js';
import { COMPILE_OPTIONS, compileTemplates } from '../../src/engine/handlebars.js';
import { prepareSource, render } from '../../src/engine/render.js';
import { resolveSelection } from '../../src/engine/selection.js';
import { makeTree, removeTree } from '../fixtures/templates.js';

const dirs: string[] = [];
let tables = 0;
afterAll(() => dirs.forEach(removeTree));

/** What the build writes: a module of compiled templates, loaded the way the CLI loads it. */
async function tableFor(sources: { kind: 'template' | 'partial'; source: string }[], dir: string): Promise<PrecompiledTemplates> {
  const body = sources
    .map(({ kind, source }) => {
      const input = kind === 'template' ? prepareSource(source) : source;
      return `${JSON.stringify(sourceKey(kind, input))}: ${String(Handlebars.precompile(input, COMPILE_OPTIONS))}`;
    })
    .join(',\n');
  const file = join(dir, `table-${++tables}.mjs`); // a fresh module each time: imports are cached
  writeFileSync(file, `export default {\n${body}\n};\n`);
  return ((await import(pathToFileURL(file).href)) as { default: PrecompiledTemplates }).default;
}

describe('precompiled templates', () => {
  const files = {
    'fastify/base/app.ts.hbs': 'start {{name}}\n  {{{slot "plugins"}}}\nend {{> footer}}\n',
    'fastify/features/cors/_slots/plugins.hbs': 'cors({{json has.cors}});\n',
    'shared/partials/footer.hbs': 'footer of {{title}}',
  };
  const dir = makeTree(files, 'rampart-precompiled-');
  dirs.push(dir);
  const selection = resolveSelection({ name: 'my-api', framework: 'fastify', features: ['cors'] });

  it('render the same tree as templates compiled at run time', async () => {
    const table = await tableFor(
      [
        { kind: 'template', source: files['fastify/base/app.ts.hbs'] },
        { kind: 'template', source: files['fastify/features/cors/_slots/plugins.hbs'] },
        { kind: 'partial', source: files['shared/partials/footer.hbs'] },
      ],
      dir,
    );
    expect(Object.keys(table)).toHaveLength(3);
    const compiledHere = await render(selection, { version: '1', templatesDir: dir });
    const fromTable = await render(selection, { version: '1', templatesDir: dir, precompiled: table });
    expect(fromTable).toEqual(compiledHere);
    expect(fromTable.get('app.ts')).toBe('start my-api\n  cors(true);\nend footer of My Api\n');
  });

  it('are ignored for a template whose source changed since the build', async () => {
    const stale = await tableFor([{ kind: 'template', source: 'start {{name}} (old)\n' }], dir);
    expect(Object.keys(stale)).toHaveLength(1);
    expect((await render(selection, { version: '1', templatesDir: dir, precompiled: stale })).get('app.ts')).toBe('start my-api\n  cors(true);\nend footer of My Api\n');
  });

  it('with every source in the table, only Handlebars’ runtime is used: nothing is compiled here', async () => {
    const sources = [
      { kind: 'template' as const, text: 'Hello {{> who}}!' },
      { kind: 'partial' as const, text: '<{{name}}>' },
    ];
    const table = await tableFor(sources.map(({ kind, text }) => ({ kind, source: text })), dir);
    const { hbs, templates, compiledHere } = await compileTemplates(sources, table);
    expect(compiledHere).toBe(0);
    expect((hbs as { compile?: unknown }).compile, 'the runtime has no compiler').toBeUndefined();
    hbs.registerPartial('who', templates[1]!);
    expect(templates[0]!({ name: 'a & b' })).toBe('Hello <a & b>!');
  });

  it('a source that misses the table is compiled here, with the same options (no HTML escaping)', async () => {
    const table = await tableFor([{ kind: 'template', source: 'Hello {{> who}}!' }], dir);
    const sources = [
      { kind: 'template' as const, text: 'Hello {{> who}}!' },
      { kind: 'partial' as const, text: '<{{name}}> (edited since the build)' },
    ];
    const { hbs, templates, compiledHere } = await compileTemplates(sources, table);
    expect(compiledHere).toBe(1);
    hbs.registerPartial('who', templates[1]!);
    expect(templates[0]!({ name: 'a & b' })).toBe('Hello <a & b> (edited since the build)!');
  });
});
