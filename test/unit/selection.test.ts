import { describe, expect, it } from 'vitest';
import { features } from '../../src/catalog/index.js';
import { UserError } from '../../src/engine/errors.js';
import { resolveSelection, type SelectionInput } from '../../src/engine/selection.js';

function failure(input: SelectionInput): UserError {
  try {
    resolveSelection(input);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error(`expected resolveSelection to refuse ${JSON.stringify(input)}`);
}

describe('resolveSelection', () => {
  it('returns features in canonical (catalog/middleware) order whatever the input order', () => {
    const sel = resolveSelection({ name: 'x', framework: 'fastify', features: ['rbac', 'cors', 'auth-jwt', 'logging', 'https'] });
    expect(sel.features).toEqual(['logging', 'https', 'cors', 'auth-jwt', 'rbac']);
    const catalogOrder = features.map((f) => f.id);
    expect(sel.features).toEqual(catalogOrder.filter((id) => sel.features.includes(id)));
  });

  it('drops duplicates and blanks, trims ids', () => {
    const sel = resolveSelection({ name: 'x', framework: 'express', features: [' cors', 'cors', '', 'headers '] });
    expect(sel.features).toEqual(['headers', 'cors']);
  });

  it('keeps name and framework', () => {
    const sel = resolveSelection({ name: 'my-api', framework: 'fastapi', features: [] });
    expect(sel).toEqual({ name: 'my-api', framework: 'fastapi', features: [], options: {} });
  });

  it('unknown feature: error names it and suggests the closest id', () => {
    const err = failure({ name: 'x', framework: 'fastify', features: ['cors', 'rate-limt'] });
    expect(err.message).toContain('"rate-limt"');
    expect(err.message).toContain('did you mean "rate-limit"');
    expect(err.hint).toContain('auth-jwt');
    expect(failure({ name: 'x', framework: 'fastify', features: ['jwt-auth'] }).message).toMatch(/unknown feature "jwt-auth"/);
  });

  it('unknown framework: error names it, suggests, lists the valid ones', () => {
    const err = failure({ name: 'x', framework: 'fastfy', features: [] });
    expect(err.message).toContain('unknown framework "fastfy"');
    expect(err.message).toContain('"fastify"');
    expect(err.hint).toMatch(/fastify.*express.*fastapi/);
  });

  it('rbac without an auth feature is refused and the hint shows how to add one', () => {
    const err = failure({ name: 'x', framework: 'fastify', features: ['rbac'] });
    expect(err.message).toMatch(/rbac/);
    expect(err.message).toMatch(/auth-jwt|auth-apikey/);
    expect(err.hint).toMatch(/--features rbac,auth-/);
    expect(resolveSelection({ name: 'x', framework: 'fastify', features: ['rbac', 'auth-apikey'] }).features).toEqual(['auth-apikey', 'rbac']);
    expect(resolveSelection({ name: 'x', framework: 'fastify', features: ['rbac', 'auth-jwt'] }).features).toEqual(['auth-jwt', 'rbac']);
  });

  it('fills option defaults for selected features only', () => {
    const sel = resolveSelection({ name: 'x', framework: 'fastify', features: ['rate-limit', 'auth-jwt'] });
    expect(sel.options).toEqual({ 'rate-limit': { store: 'memory' }, 'auth-jwt': { provider: 'local' } });
    expect(resolveSelection({ name: 'x', framework: 'fastify', features: ['cors'] }).options).toEqual({});
  });

  it('accepts an option by flag or by feature.option', () => {
    expect(resolveSelection({ name: 'x', framework: 'fastify', features: ['rate-limit'], options: { 'rate-limit-store': 'redis' } }).options)
      .toEqual({ 'rate-limit': { store: 'redis' } });
    expect(resolveSelection({ name: 'x', framework: 'fastapi', features: ['auth-jwt'], options: { 'auth-jwt.provider': 'oidc' } }).options)
      .toEqual({ 'auth-jwt': { provider: 'oidc' } });
  });

  it('ignores undefined option values (flags not given)', () => {
    const sel = resolveSelection({ name: 'x', framework: 'fastify', features: [], options: { 'rate-limit-store': undefined } });
    expect(sel.options).toEqual({});
  });

  it('a bad option value lists the choices', () => {
    const err = failure({ name: 'x', framework: 'fastify', features: ['rate-limit'], options: { 'rate-limit-store': 'mongo' } });
    expect(err.message).toContain('--rate-limit-store');
    expect(err.message).toContain('memory, redis');
    expect(err.message).toContain('"mongo"');
  });

  it('an option for an unselected feature is refused', () => {
    const err = failure({ name: 'x', framework: 'fastify', features: ['cors'], options: { 'auth-provider': 'oidc' } });
    expect(err.message).toContain('--auth-provider');
    expect(err.message).toContain('"auth-jwt"');
  });

  it('an unknown option key is refused', () => {
    expect(failure({ name: 'x', framework: 'fastify', features: [], options: { 'cache-store': 'x' } }).message).toContain('unknown option "cache-store"');
  });

  it('every feature resolves alone or with its requirement on every framework it claims', () => {
    for (const f of features) {
      for (const fw of f.frameworks) {
        const list = [f.id, ...(f.requires ?? []), ...(f.requiresOneOf ? [f.requiresOneOf[0]!] : [])];
        expect(() => resolveSelection({ name: 'x', framework: fw, features: list })).not.toThrow();
      }
    }
  });
});
