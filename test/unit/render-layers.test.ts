import { afterAll, describe, expect, it } from 'vitest';
import { render } from '../../src/engine/render.js';
import { resolveSelection } from '../../src/engine/selection.js';
import { makeTree, removeTree } from '../fixtures/templates.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTree));

const renderWith = (files: Record<string, string>, framework: string, features: string[]) => {
  const dir = makeTree(files, 'rampart-templates-');
  dirs.push(dir);
  return render(resolveSelection({ name: 'my-api', framework, features }), { version: '9.9.9', templatesDir: dir });
};

describe('language layer', () => {
  const files = {
    'shared/base/Dockerfile': 'shared\n',
    'node/base/Dockerfile': 'node\n',
    'node/base/.keep-node': 'node only\n',
    'python/base/Dockerfile': 'python\n',
    'express/base/Dockerfile': 'express\n',
    'node/features/cors/cors.txt.hbs': 'cors for {{framework}}\n',
    'node/partials/greeting.hbs': 'node greeting',
    'shared/partials/greeting.hbs': 'shared greeting',
    'fastify/base/hello.txt.hbs': 'Hello, {{> greeting}}\n',
  };

  it('sits between shared and framework: the most specific file wins', async () => {
    expect((await renderWith(files, 'fastify', [])).get('Dockerfile')).toBe('node\n');
    expect((await renderWith(files, 'express', [])).get('Dockerfile')).toBe('express\n');
    expect((await renderWith(files, 'fastapi', [])).get('Dockerfile')).toBe('python\n');
    expect((await renderWith(files, 'fastapi', [])).has('.keep-node')).toBe(false);
  });

  it('has feature folders and partials of its own', async () => {
    const tree = await renderWith(files, 'fastify', ['cors']);
    expect(tree.get('cors.txt')).toBe('cors for fastify\n');
    expect(tree.get('hello.txt')).toBe('Hello, node greeting\n');
    expect((await renderWith(files, 'fastify', [])).has('cors.txt')).toBe(false);
  });
});

describe('standalone slots next to block helpers', () => {
  const files = {
    'fastify/base/app.ts.hbs': ['function build() {', '  {{{slot "plugins"}}}', '  {{#if has.cors}}', '  corsOn();', '  {{/if}}', '  return app;', '}', ''].join('\n'),
    'fastify/features/headers/_slots/plugins.hbs': 'helmet();\n',
    'fastify/features/cors/_slots/plugins.hbs': 'cors();\n',
  };

  it('keep the next line’s indentation when the slot is filled', async () => {
    expect((await renderWith(files, 'fastify', ['cors', 'headers'])).get('app.ts')).toBe(
      ['function build() {', '  helmet();', '  cors();', '  corsOn();', '  return app;', '}', ''].join('\n'),
    );
  });

  it('leave no blank line when the slot is empty', async () => {
    expect((await renderWith(files, 'fastify', [])).get('app.ts')).toBe(['function build() {', '  return app;', '}', ''].join('\n'));
  });
});
