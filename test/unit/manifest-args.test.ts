import { afterAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/args.js';
import { isNewer } from '../../src/commands/project.js';
import { projectNameProblem } from '../../src/commands/project-name.js';
import { contextOf } from '../../src/engine/context.js';
import { UserError } from '../../src/engine/errors.js';
import { createManifest, MANIFEST_FILE, readManifest, selectionOf, serializeManifest, sha256 } from '../../src/engine/manifest.js';
import { resolveSelection } from '../../src/engine/selection.js';
import { makeTree, removeTree } from '../fixtures/templates.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTree));

describe('manifest', () => {
  const selection = resolveSelection({ name: 'my-api', framework: 'fastapi', features: ['rate-limit'], options: { 'rate-limit-store': 'redis' } });
  const tree = new Map([['a.txt', 'a\n'], ['b/c.txt', 'c\n']]);

  it('records generator, selection and the SHA-256 of every file; round-trips through disk', () => {
    const m = createManifest(selection, tree, '1.2.3');
    expect(m).toEqual({
      generator: { name: 'create-rampart', version: '1.2.3' },
      name: 'my-api',
      framework: 'fastapi',
      features: ['rate-limit'],
      options: { 'rate-limit': { store: 'redis' } },
      files: { 'a.txt': sha256('a\n'), 'b/c.txt': sha256('c\n') },
    });
    expect(sha256('a\n')).toBe('87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7');
    const dir = makeTree({ [MANIFEST_FILE]: serializeManifest(m) });
    dirs.push(dir);
    expect(readManifest(dir)).toEqual(m);
    expect(selectionOf(readManifest(dir))).toEqual(selection);
  });

  const damaged: [string, string, RegExp][] = [
    ['missing', '', /no rampart\.json in .*not a rampart project/],
    ['not JSON', '{ nope', /rampart\.json is not valid JSON/],
    ['unknown framework', JSON.stringify({ generator: { version: '1' }, name: 'x', framework: 'flask', features: [], options: {}, files: {} }), /framework must be one of/],
    ['bad hash', JSON.stringify({ generator: { version: '1' }, name: 'x', framework: 'fastify', features: [], options: {}, files: { 'a.txt': 'abc' } }), /files\["a\.txt"\] is not a SHA-256/],
    ['features not a list', JSON.stringify({ generator: { version: '1' }, name: 'x', framework: 'fastify', features: 'cors', options: {}, files: {} }), /features must be a list/],
    ['unknown feature', JSON.stringify({ generator: { version: '1' }, name: 'x', framework: 'fastify', features: ['cors', 'zzz'], options: {}, files: {} }), /unknown feature "zzz" \(this rampart knows .*cors/],
    // A hand-edited selection is held to the rules of a new project's flags.
    ['rbac without auth', JSON.stringify({ generator: { version: '1' }, name: 'x', framework: 'fastify', features: ['rbac'], options: {}, files: {} }), /damaged: feature "rbac" needs/],
    ['unknown store', JSON.stringify({ generator: { version: '1' }, name: 'x', framework: 'fastify', features: ['rate-limit'], options: { 'rate-limit': { store: 'mongo' } }, files: {} }), /damaged: --rate-limit-store must be one of memory, redis \(got "mongo"\)/],
    ['option of an unknown kind', JSON.stringify({ generator: { version: '1' }, name: 'x', framework: 'fastify', features: ['cors'], options: { cors: { mode: 'open' } }, files: {} }), /damaged: unknown option "cors\.mode"/],
    ['option value not a string', JSON.stringify({ generator: { version: '1' }, name: 'x', framework: 'fastify', features: ['rate-limit'], options: { 'rate-limit': { store: 1 } }, files: {} }), /damaged: options\["rate-limit"\]\["store"\] is not a string/],
    // upgrade and remove delete files the manifest names: none may lie outside the project.
    ...['../victim.txt', '/etc/passwd', 'src/../../victim.txt', ''].map((path): [string, string, RegExp] => [
      `file path ${JSON.stringify(path)}`,
      JSON.stringify({ generator: { version: '1' }, name: 'x', framework: 'fastify', features: [], options: {}, files: { [path]: sha256('x') } }),
      /files names ".*", which is outside the project/,
    ]),
  ];
  it.each(damaged)('%s → one clear UserError with a way out', (_label, content, message) => {
    const dir = makeTree(content ? { [MANIFEST_FILE]: content } : { 'other.txt': '' });
    dirs.push(dir);
    let error: unknown;
    try {
      readManifest(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(message);
    expect((error as UserError).hint).toBeTruthy();
  });
});

describe('args', () => {
  it('parses flags, short flags, positionals and catalog option flags', () => {
    const a = parse(['my-api', '-f', 'express', '--features', 'cors,rate-limit', '--rate-limit-store', 'redis', '-y', '--no-git', '--dry-run']);
    expect(a.positionals).toEqual(['my-api']);
    expect(a.flags).toMatchObject({ framework: 'express', features: 'cors,rate-limit', yes: true, 'no-git': true, 'dry-run': true });
    expect(a.flags.force).toBeUndefined();
    expect(a.options['rate-limit-store']).toBe('redis');
    expect(a.options['auth-provider']).toBeUndefined();
  });

  it('an unknown option or a missing value is a UserError naming the flag', () => {
    expect(() => parse(['--frameowrk', 'x'])).toThrow(UserError);
    expect(() => parse(['--frameowrk', 'x'])).toThrow(/unknown option --frameowrk/);
    expect(() => parse(['--framework'])).toThrow(/option --framework needs a value/);
    expect(() => parse(['-f'])).toThrow(/--framework needs a value/);
    // Followed by another option, Node's parser calls it ambiguous; it is the same mistake.
    expect(() => parse(['x', '--framework', '--yes'])).toThrow(/^option --framework needs a value$/);
    expect(() => parse(['status', '--cwd', '--json'])).toThrow(/^option --cwd needs a value$/);
  });

  it('a value option given twice is refused, whichever spelling; a repeated switch is harmless', () => {
    expect(() => parse(['x', '--framework', 'express', '-f', 'fastify'])).toThrow(/^option --framework is given twice \("express", "fastify"\)$/);
    expect(() => parse(['add', 'rate-limit', '--rate-limit-store=redis', '--rate-limit-store', 'memory'])).toThrow(/--rate-limit-store is given twice/);
    expect(parse(['x', '-y', '--yes', '--framework', 'express']).flags).toMatchObject({ yes: true, framework: 'express' });
  });
});

describe('project names (npm rules)', () => {
  it.each(['my-api', 'api2', 'a.b', 'x_y'])('accepts %s', (name) => expect(projectNameProblem(name)).toBeUndefined());
  it.each(['My API', '.hidden', '_x', 'node_modules', 'UPPER', 'a'.repeat(215), ''])('refuses %j', (name) => {
    expect(projectNameProblem(name)).toMatch(/^invalid project name/);
  });
});

describe('render context', () => {
  it('title, has.auth and opt.<camel>', () => {
    const ctx = contextOf(resolveSelection({ name: 'my-cool_api', framework: 'fastify', features: ['auth-apikey', 'rate-limit'] }), '1');
    expect(ctx.title).toBe('My Cool Api');
    expect(ctx.has).toMatchObject({ auth: true, authApikey: true, rateLimit: true });
    expect(ctx.has.authJwt).toBeUndefined();
    expect(ctx.opt).toEqual({ rateLimit: { store: 'memory' } });
    expect(contextOf(resolveSelection({ name: 'x', framework: 'fastify', features: ['cors'] }), '1').has.auth).toBe(false);
    for (const v of ctx.env) expect(typeof v.example).toBe('string');
  });
});

describe('isNewer (a project made by a later rampart)', () => {
  it('compares major.minor.patch as numbers', () => {
    expect(isNewer('0.10.0', '0.9.0')).toBe(true);
    expect(isNewer('0.9.0', '0.10.0')).toBe(false);
    expect(isNewer('1.0.0', '0.99.99')).toBe(true);
    expect(isNewer('0.1.0', '0.1.0')).toBe(false);
    expect(isNewer('0.1.1-beta.1', '0.1.0')).toBe(true);
  });
});
