import { describe, expect, it } from 'vitest';
import { optionValuesOf, withFeatures, withoutFeatures } from '../../src/engine/evolve.js';
import { resolveSelection } from '../../src/engine/selection.js';

const project = (features: string[], options: Record<string, string> = {}) =>
  resolveSelection({ name: 'svc', framework: 'express', features, options });

describe('withFeatures', () => {
  it('adds in middleware order and keeps the project’s options', () => {
    const current = project(['rate-limit'], { 'rate-limit-store': 'redis' });
    const { selection, notes } = withFeatures(current, ['cors', 'logging'], optionValuesOf(current, {}), false);
    expect(selection.features).toEqual(['logging', 'cors', 'rate-limit']);
    expect(selection.options).toEqual({ 'rate-limit': { store: 'redis' } });
    expect(notes).toEqual([]);
  });

  it('takes new option values and defaults for new features', () => {
    const current = project([]);
    const { selection } = withFeatures(current, ['auth-jwt', 'rate-limit'], optionValuesOf(current, { 'auth-jwt.provider': 'oidc' }), false);
    expect(selection.options).toEqual({ 'rate-limit': { store: 'memory' }, 'auth-jwt': { provider: 'oidc' } });
  });

  it('says a feature is already there', () => {
    const current = project(['cors']);
    expect(withFeatures(current, ['cors'], {}, false).notes).toEqual(['cors is already in this project']);
  });

  it('names the missing requirement, or adds it when allowed', () => {
    const current = project([]);
    expect(() => withFeatures(current, ['rbac'], {}, false)).toThrow(/rbac needs an authentication feature \(auth-jwt or auth-apikey\)/);
    const { selection, notes } = withFeatures(current, ['rbac'], {}, true);
    expect(selection.features).toEqual(['auth-jwt', 'rbac']);
    expect(notes).toEqual(['rbac needs an authentication feature (auth-jwt or auth-apikey): adding auth-jwt']);
    expect(withFeatures(project(['auth-apikey']), ['rbac'], {}, false).selection.features).toEqual(['auth-apikey', 'rbac']);
  });

  it('refuses unknown features and an empty list', () => {
    expect(() => withFeatures(project([]), ['corz'], {}, true)).toThrow(/did you mean "cors"/);
    expect(() => withFeatures(project([]), [], {}, true)).toThrow(/name at least one feature/);
  });
});

describe('withoutFeatures', () => {
  it('removes features and their options', () => {
    const current = project(['cors', 'rate-limit'], { 'rate-limit-store': 'redis' });
    const { selection } = withoutFeatures(current, ['rate-limit'], optionValuesOf(current, {}));
    expect(selection.features).toEqual(['cors']);
    expect(selection.options).toEqual({});
  });

  it('says a feature is not there', () => {
    expect(withoutFeatures(project(['cors']), ['headers'], {}).notes).toEqual(['headers is not in this project']);
  });

  it('refuses to leave rbac without authentication, and says what to run', () => {
    expect(() => withoutFeatures(project(['auth-jwt', 'rbac']), ['auth-jwt'], {})).toThrow(/rbac needs auth-jwt or auth-apikey/);
    expect(withoutFeatures(project(['auth-jwt', 'auth-apikey', 'rbac']), ['auth-jwt'], {}).selection.features).toEqual(['auth-apikey', 'rbac']);
  });
});
