import Handlebars from 'handlebars';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceKey, type PrecompiledTemplates } from '../../src/engine/precompiled.js';
import { COMPILE_OPTIONS, prepareSource, render } from '../../src/engine/render.js';
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
    const compiledHere = render(selection, { version: '1', templatesDir: dir });
    const fromTable = render(selection, { version: '1', templatesDir: dir, precompiled: table });
    expect(fromTable).toEqual(compiledHere);
    expect(fromTable.get('app.ts')).toBe('start my-api\n  cors(true);\nend footer of My Api\n');
  });

  it('are ignored for a template whose source changed since the build', async () => {
    const stale = await tableFor([{ kind: 'template', source: 'start {{name}} (old)\n' }], dir);
    expect(Object.keys(stale)).toHaveLength(1);
    expect(render(selection, { version: '1', templatesDir: dir, precompiled: stale }).get('app.ts')).toBe('start my-api\n  cors(true);\nend footer of My Api\n');
  });
});
