import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { features, frameworks } from '../../src/catalog/index.js';
import type { FrameworkId } from '../../src/catalog/types.js';
import { dependenciesOf, envOf } from '../../src/engine/context.js';
import { outputPath, render } from '../../src/engine/render.js';
import { resolveSelection, type SelectionInput } from '../../src/engine/selection.js';
import { makeTree, removeTree } from '../fixtures/templates.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTree));

function templatesWith(files: Record<string, string>): string {
  const dir = makeTree(files, 'rampart-templates-');
  dirs.push(dir);
  return dir;
}

const sel = (framework: string, list: string[], options?: SelectionInput['options']) =>
  resolveSelection({ name: 'my-api', framework, features: list, ...(options ? { options } : {}) });

const renderWith = (templatesDir: string, framework: string, list: string[]) =>
  render(sel(framework, list), { version: '9.9.9', templatesDir });

describe('outputPath', () => {
  it('strips .hbs and turns dot_ segments into dots', () => {
    expect(outputPath('dot_github/workflows/ci.yml.hbs')).toBe('.github/workflows/ci.yml');
    expect(outputPath('dot_gitignore')).toBe('.gitignore');
    expect(outputPath('src/app.ts.hbs')).toBe('src/app.ts');
    expect(outputPath('src/not_dot_here.ts')).toBe('src/not_dot_here.ts');
  });
});

describe('render conventions (temporary templates dir)', () => {
  const root = templatesWith({
    'shared/base/README.md.hbs': '# {{title}}\n\n{{name}} on {{framework}} ({{language}}), rampart {{version}}\n',
    'shared/base/LICENSE': 'MIT {{not rendered}}\n',
    'shared/base/replaced.txt': 'shared\n',
    'fastify/base/replaced.txt': 'fastify\n',
    'fastify/base/dot_github/workflows/ci.yml': 'run: echo ${{ secrets.TOKEN }}\nsummary: {{ $labels.instance }}\n',
    'fastify/base/dot_gitignore': 'node_modules\n',
    'fastify/base/conditional.txt.hbs': '{{#if has.cors}}cors is on\n{{/if}}\n  \n',
    'fastify/base/src/app.ts.hbs': [
      'export function build() {',
      '  const app = create();',
      '  {{{slot "app-plugins"}}}',
      '  return app;',
      '}',
      'export const first = [{{slot "inline"}}];',
      'export const nothing = "{{slot "nothing"}}";',
      '',
    ].join('\n'),
    'fastify/base/uses-partials.txt.hbs': '{{> header}}|{{> footer}}\n',
    'shared/partials/header.hbs': 'shared header',
    'shared/partials/footer.hbs': 'shared footer',
    'fastify/partials/header.hbs': 'fastify header for {{name}}',
    'fastify/base/package.json.hbs': JSON.stringify({
      name: '{{name}}',
      version: '0.1.0',
      type: 'module',
      scripts: { build: 'tsc', test: 'vitest run' },
      dependencies: { bogus: '1.0.0' },
      engines: { node: '>=20' },
    }),
    'fastify/features/headers/_slots/app-plugins.hbs': "app.register(helmet);\napp.addHook('onSend', noCache);\n",
    'fastify/features/headers/_package.json.hbs': '{ "scripts": { "test": "vitest run --coverage", "headers:check": "node check.js" }, "engines": { "npm": ">=10" } }',
    'fastify/features/headers/src/headers.ts': 'export const headers = true;\n',
    'fastify/features/cors/_slots/app-plugins.hbs': 'app.register(cors, { origin: config.corsOrigins });\n',
    'fastify/features/cors/_slots/inline.hbs': "'{{name}}'\n",
    'fastify/features/cors/_package.json.hbs': '{ "scripts": { "cors:check": "node cors.js" }, "rampart": { "cors": {{json has.cors}} } }',
    'fastify/features/cors/src/cors.ts.hbs': 'export const origins = process.env.CORS_ORIGINS; // {{name}}\n',
    'shared/features/cors/docs/cors.md': 'shared cors doc\n',
    'shared/features/cors/_slots/app-plugins.hbs': '// shared cors fragment\n',
    'fastify/features/logging/_slots/app-plugins.hbs': '{{#if has.cors}}{{/if}}\n',
  });

  it('renders .hbs files and copies every other file verbatim (${{ }} and {{ $labels }} preserved)', async () => {
    const tree = await renderWith(root, 'fastify', []);
    expect(tree.get('README.md')).toBe('# My Api\n\nmy-api on fastify (node), rampart 9.9.9\n');
    expect(tree.get('LICENSE')).toBe('MIT {{not rendered}}\n');
    expect(tree.get('.github/workflows/ci.yml')).toBe('run: echo ${{ secrets.TOKEN }}\nsummary: {{ $labels.instance }}\n');
  });

  it('turns dot_ segments into dots and never writes dot_ paths, .hbs names, _slots or _package.json.hbs', async () => {
    const tree = await renderWith(root, 'fastify', ['headers', 'cors']);
    expect(tree.has('.gitignore')).toBe(true);
    expect(tree.has('.github/workflows/ci.yml')).toBe(true);
    for (const path of tree.keys()) {
      expect(path).not.toMatch(/(^|\/)dot_|\.hbs$|(^|\/)_slots\/|_package\.json/);
    }
  });

  it('a framework base file beats the shared base file of the same path', async () => {
    expect((await renderWith(root, 'fastify', [])).get('replaced.txt')).toBe('fastify\n');
  });

  it('omits a rendered file whose output is only whitespace', async () => {
    expect((await renderWith(root, 'fastify', [])).has('conditional.txt')).toBe(false);
    expect((await renderWith(root, 'fastify', ['cors'])).get('conditional.txt')).toBe('cors is on\n  \n');
  });

  it('fills a standalone slot in middleware order, with the line’s indentation', async () => {
    // input order reversed on purpose: headers (30) comes before cors (40)
    const app = (await renderWith(root, 'fastify', ['cors', 'headers'])).get('src/app.ts')!;
    expect(app.split('\n').slice(0, 8)).toEqual([
      'export function build() {',
      '  const app = create();',
      '  app.register(helmet);',
      "  app.addHook('onSend', noCache);",
      '  // shared cors fragment',
      '  app.register(cors, { origin: config.corsOrigins });',
      '  return app;',
      '}',
    ]);
  });

  it('an empty slot leaves no blank line (also when a fragment renders to whitespace)', async () => {
    const none = (await renderWith(root, 'fastify', [])).get('src/app.ts')!;
    expect(none).toBe(
      ['export function build() {', '  const app = create();', '  return app;', '}', 'export const first = [];', 'export const nothing = "";', ''].join('\n'),
    );
    const onlyLogging = (await renderWith(root, 'fastify', ['logging'])).get('src/app.ts')!;
    expect(onlyLogging).toBe(none);
  });

  it('fills an inline slot without its trailing newline', async () => {
    const app = (await renderWith(root, 'fastify', ['cors'])).get('src/app.ts')!;
    expect(app).toContain("export const first = ['my-api'];\n");
    expect(app).toContain('export const nothing = "";\n');
  });

  it('resolves partials, a framework partial beating a shared one of the same name', async () => {
    expect((await renderWith(root, 'fastify', [])).get('uses-partials.txt')).toBe('fastify header for my-api|shared footer\n');
    // express has no partial of its own: the shared one is used
    const express = templatesWith({ 'express/base/p.txt.hbs': '[{{> header}}]\n', 'shared/partials/header.hbs': 'shared header' });
    expect((await renderWith(express, 'express', [])).get('p.txt')).toBe('[shared header]\n');
  });

  it('deep-merges each feature’s _package.json.hbs and fills dependencies from the catalog', async () => {
    const s = sel('fastify', ['headers', 'cors']);
    const tree = await render(s, { version: '9.9.9', templatesDir: root });
    const pkg = JSON.parse(tree.get('package.json')!);
    expect(pkg.name).toBe('my-api');
    expect(pkg.scripts).toEqual({ build: 'tsc', test: 'vitest run --coverage', 'headers:check': 'node check.js', 'cors:check': 'node cors.js' });
    expect(pkg.engines).toEqual({ node: '>=20', npm: '>=10' });
    expect(pkg.rampart).toEqual({ cors: true });
    const deps = dependenciesOf(s);
    expect(pkg.dependencies).toEqual(Object.fromEntries(deps.prod.map((d) => [d.name, d.version])));
    expect(pkg.devDependencies).toEqual(Object.fromEntries(deps.dev.map((d) => [d.name, d.version])));
    expect(pkg.dependencies.bogus).toBeUndefined();
    expect(pkg.devDependencies['@fastify/helmet']).toBeDefined(); // the app sends a precomputed set; tests compare it with helmet's
    expect(pkg.dependencies['@fastify/cors']).toBeDefined();
    expect(tree.get('package.json')!.endsWith('}\n')).toBe(true);
  });

  it('a _package.json.hbs that renders to whitespace contributes nothing (conditional fragment)', async () => {
    const t = templatesWith({
      'fastify/base/package.json.hbs': '{"name":"{{name}}","scripts":{"test":"vitest run"}}',
      'fastify/features/auth-jwt/_package.json.hbs': '{{#if (ne opt.authJwt.provider "oidc")}}\n{ "scripts": { "user:add": "tsx scripts/user-add.ts" } }\n{{/if}}\n',
    });
    const local = JSON.parse((await render(sel('fastify', ['auth-jwt']), { version: '1', templatesDir: t })).get('package.json')!);
    expect(local.scripts['user:add']).toBe('tsx scripts/user-add.ts');
    const oidc = JSON.parse((await render(sel('fastify', ['auth-jwt'], { 'auth-provider': 'oidc' }), { version: '1', templatesDir: t })).get('package.json')!);
    expect(oidc.scripts).toEqual({ test: 'vitest run' });
  });

  it('dependencies follow options (redis store adds ioredis)', async () => {
    const t = templatesWith({ 'fastify/base/package.json.hbs': '{"name":"{{name}}"}' });
    const memory = JSON.parse((await render(sel('fastify', ['rate-limit']), { version: '1', templatesDir: t })).get('package.json')!);
    const redis = JSON.parse((await render(sel('fastify', ['rate-limit'], { 'rate-limit-store': 'redis' }), { version: '1', templatesDir: t })).get('package.json')!);
    expect(memory.dependencies.ioredis).toBeUndefined();
    expect(redis.dependencies.ioredis).toBeDefined();
  });

  it('writes feature files only for selected features, shared and framework layers both', async () => {
    const without = await renderWith(root, 'fastify', ['headers']);
    expect(without.has('src/cors.ts')).toBe(false);
    expect(without.has('docs/cors.md')).toBe(false);
    const withCors = await renderWith(root, 'fastify', ['cors']);
    expect(withCors.get('src/cors.ts')).toBe('export const origins = process.env.CORS_ORIGINS; // my-api\n');
    expect(withCors.get('docs/cors.md')).toBe('shared cors doc\n');
  });

  it('returns paths sorted', async () => {
    const paths = [...(await renderWith(root, 'fastify', ['headers', 'cors'])).keys()];
    expect(paths).toEqual([...paths].sort());
  });

  it('two features writing the same path is an error naming both', async () => {
    const t = templatesWith({
      'fastify/base/a.txt': 'a\n',
      'fastify/features/cors/src/security.ts': 'cors\n',
      'fastify/features/headers/src/security.ts': 'headers\n',
    });
    await expect(renderWith(t, 'fastify', ['cors'])).resolves.toBeDefined();
    await expect(renderWith(t, 'fastify', ['headers', 'cors'])).rejects.toThrow(/"headers" and "cors" both write src\/security\.ts/);
  });

  it('two features writing the same path is an error even when one writes it from the shared layer', async () => {
    const t = templatesWith({
      'shared/features/cors/SECURITY-cors.md': 'cors\n',
      'fastify/features/headers/SECURITY-cors.md': 'headers\n',
    });
    await expect(renderWith(t, 'fastify', ['headers', 'cors'])).rejects.toThrow(/both write SECURITY-cors\.md/);
  });

  it('a feature may replace a base file, and its framework folder beats its shared folder', async () => {
    const t = templatesWith({
      'fastify/base/src/config.ts': 'base\n',
      'shared/features/cors/src/config.ts': 'shared cors\n',
      'fastify/features/cors/src/config.ts': 'fastify cors\n',
    });
    expect((await renderWith(t, 'fastify', [])).get('src/config.ts')).toBe('base\n');
    expect((await renderWith(t, 'fastify', ['cors'])).get('src/config.ts')).toBe('fastify cors\n');
  });

  it('exposes the documented context (has.auth, opt.<camel>, env, deps, featureList)', async () => {
    const t = templatesWith({
      'fastapi/base/ctx.txt.hbs': [
        '{{#if has.auth}}auth{{/if}} {{#if has.authJwt}}jwt{{/if}} {{#if has.rateLimit}}rl{{/if}}',
        '{{opt.rateLimit.store}} {{opt.authJwt.provider}}',
        '{{#each env}}{{name}}{{#if secret}}*{{/if}} {{/each}}',
        '{{#each deps.prod}}{{spec}} {{/each}}',
        '{{#each featureList}}{{id}}:{{owasp}};{{/each}}',
        '{{testPath "cors"}} {{pascal "rate-limit"}} {{camel "auth-jwt"}} {{upper "x"}} {{#if (and has.auth (not has.cors))}}and-not{{/if}} {{#if (eq framework "fastapi")}}eq{{/if}}',
        '',
      ].join('\n'),
    });
    const tree = await render(sel('fastapi', ['rate-limit', 'auth-jwt'], { 'rate-limit-store': 'redis', 'auth-provider': 'oidc' }), { version: '1', templatesDir: t });
    const lines = tree.get('ctx.txt')!.split('\n');
    expect(lines[0]).toBe('auth jwt rl');
    expect(lines[1]).toBe('redis oidc');
    expect(lines[2]).toContain('REDIS_URL*');
    expect(lines[2]).toContain('OIDC_ISSUER');
    expect(lines[2]).toContain('APP_ENV');
    expect(lines[2]).not.toContain('NODE_ENV');
    expect(lines[2]).not.toContain('JWT_SECRET');
    expect(lines[3]).toMatch(/PyJWT\[crypto\]==\d/);
    expect(lines[3]).toMatch(/redis==\d/);
    expect(lines[4]).toBe('rate-limit:API4:2023, API2:2023;auth-jwt:API2:2023;');
    expect(lines[5]).toBe(`${frameworks.fastapi.testPath('cors')} RateLimit authJwt X and-not eq`);
  });
});

describe('the real templates', () => {
  const templates = join(import.meta.dirname, '..', '..', 'templates');
  const ready = (Object.keys(frameworks) as FrameworkId[]).filter((fw) => existsSync(join(templates, fw, 'base')));

  it('at least one framework has a base folder', () => expect(ready.length).toBeGreaterThan(0));

  describe.each(ready)('%s', (fw) => {
    const all = features.filter((f) => f.frameworks.includes(fw)).map((f) => f.id);
    const variants: [string, SelectionInput][] = [
      ['--features none', { name: 'my-api', framework: fw, features: [] }],
      ['all features', { name: 'my-api', framework: fw, features: all }],
      ['all features, every non-default option', {
        name: 'my-api',
        framework: fw,
        features: all,
        options: Object.fromEntries(features.filter((f) => all.includes(f.id)).flatMap((f) => (f.options ?? []).map((o) => [o.flag, o.choices.find((c) => c.value !== o.default)!.value]))),
      }],
    ];

    it.each(variants)('%s: renders, and the same tree twice', async (_label, input) => {
      const s = resolveSelection(input);
      const a = await render(s, { version: '0.0.0-test' });
      const b = await render(s, { version: '0.0.0-test' });
      expect(a.size).toBeGreaterThan(0);
      expect([...b.entries()]).toEqual([...a.entries()]);
      for (const [path, text] of a) {
        // (a generated project may ship .hbs files of its own: plop templates)
        expect(path, 'no template-only path may be written').not.toMatch(/(^|\/)dot_|(^|\/)_slots\/|_package\.json/);
        expect(text, `${path} contains [object Object]`).not.toContain('[object Object]');
      }
      const manifestFile = frameworks[fw].manifestFile;
      expect(a.has(manifestFile), `${fw} renders ${manifestFile}`).toBe(true);
      const deps = dependenciesOf(s);
      if (manifestFile === 'package.json') {
        const pkg = JSON.parse(a.get('package.json')!);
        expect(pkg.dependencies).toEqual(Object.fromEntries(deps.prod.map((d) => [d.name, d.version])));
        expect(pkg.devDependencies ?? {}).toEqual(Object.fromEntries(deps.dev.map((d) => [d.name, d.version])));
      } else {
        const pins = (text: string | undefined) => (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.startsWith('-'));
        expect(pins(a.get('requirements.txt')).sort()).toEqual(deps.prod.map((d) => d.spec).sort());
        expect(pins(a.get('requirements-dev.txt')).sort()).toEqual(deps.dev.map((d) => d.spec).sort());
      }
    });

    it.each(variants)('%s: .env.example lists exactly the selection’s env vars (CONTRACT)', async (_label, input) => {
      const s = resolveSelection(input);
      const text = (await render(s, { version: '0.0.0-test' })).get('.env.example');
      expect(text, '.env.example is generated').toBeDefined();
      const listed = text!.split('\n').map((l) => /^(?:#\s?)?([A-Z][A-Z0-9_]*)=/.exec(l)?.[1]).filter((n): n is string => n !== undefined);
      expect([...new Set(listed)].sort()).toEqual(envOf(s).map((v) => v.name).sort());
    });
  });
});
