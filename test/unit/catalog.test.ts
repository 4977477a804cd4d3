import { existsSync, readdirSync } from 'node:fs';
import { listFiles } from '../../src/engine/templates.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { features, frameworks, npmVersions, pypiVersions } from '../../src/catalog/index.js';
import type { Feature, FeatureDependencies, FrameworkId } from '../../src/catalog/types.js';
import { byPackageName, dependenciesOf, envOf } from '../../src/engine/context.js';
import { resolveSelection, type Selection } from '../../src/engine/selection.js';

const templates = join(import.meta.dirname, '..', '..', 'templates');
const frameworkIds = Object.keys(frameworks) as FrameworkId[];
/** Templates are written framework by framework; only check frameworks whose skeleton exists. */
const withBase = frameworkIds.filter((fw) => existsSync(join(templates, fw, 'base')));
const withoutBase = frameworkIds.filter((fw) => !withBase.includes(fw));

const depGroups = (feature: Feature, fw: FrameworkId): FeatureDependencies[] => {
  const entry = feature.dependencies?.[fw];
  if (entry === undefined) return [];
  return Array.isArray(entry) ? [...entry] : [entry as FeatureDependencies];
};

/** Every combination of option values of the given features. */
function optionCombos(list: readonly Feature[]): Record<string, string>[] {
  let combos: Record<string, string>[] = [{}];
  for (const f of list) {
    for (const o of f.options ?? []) {
      combos = combos.flatMap((c) => o.choices.map((ch) => ({ ...c, [o.flag]: ch.value })));
    }
  }
  return combos;
}

describe('catalog', () => {
  it('feature ids are unique, option flags are unique', () => {
    const ids = features.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const flags = features.flatMap((f) => (f.options ?? []).map((o) => o.flag));
    expect(new Set(flags).size).toBe(flags.length);
    expect(flags).not.toContain('framework');
    expect(flags).not.toContain('features');
  });

  it('framework ids match their keys', () => {
    for (const [key, fw] of Object.entries(frameworks)) expect(fw.id).toBe(key);
  });

  it('features are listed in middleware order: logging < https < headers < cors < rate-limit < auth < rbac', () => {
    const order = (id: string) => {
      const f = features.find((x) => x.id === id);
      expect(f, `feature ${id} missing from the catalog`).toBeDefined();
      return f!.order;
    };
    const chain = ['logging', 'https', 'headers', 'cors', 'rate-limit', 'auth-jwt', 'rbac'];
    for (let i = 1; i < chain.length; i++) expect(order(chain[i - 1]!), `${chain[i - 1]} before ${chain[i]}`).toBeLessThan(order(chain[i]!));
    expect(order('rate-limit')).toBeLessThan(order('auth-apikey'));
    expect(order('auth-apikey')).toBeLessThan(order('rbac'));
    // The exported list itself is in that order (render visits features in list order).
    const orders = features.map((f) => f.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('every requires / requiresOneOf / conflicts names a real feature', () => {
    const ids = new Set(features.map((f) => f.id));
    for (const f of features) {
      for (const other of [...(f.requires ?? []), ...(f.requiresOneOf ?? []), ...(f.conflicts ?? [])]) {
        expect(ids.has(other), `${f.id} names unknown feature ${other}`).toBe(true);
        expect(other).not.toBe(f.id);
      }
    }
  });

  it('every option default is one of its choices, and choices are unique', () => {
    for (const f of features) {
      for (const o of f.options ?? []) {
        const values = o.choices.map((c) => c.value);
        expect(values, `${f.id}.${o.id}`).toContain(o.default);
        expect(new Set(values).size).toBe(values.length);
      }
    }
  });

  it('every dependency named by a framework or a feature has a pinned version', () => {
    const missing: string[] = [];
    for (const fw of frameworkIds) {
      const table = frameworks[fw].language === 'python' ? pypiVersions : npmVersions;
      const names = [
        ...(frameworks[fw].dependencies.prod ?? []),
        ...(frameworks[fw].dependencies.dev ?? []),
        ...features.flatMap((f) => depGroups(f, fw).flatMap((g) => [...(g.prod ?? []), ...(g.dev ?? [])])),
      ];
      for (const name of names) if (!table[name]) missing.push(`${fw}: ${name}`);
    }
    expect(missing).toEqual([]);
  });

  it('pinned versions are exact (no ranges)', () => {
    for (const [name, v] of Object.entries({ ...npmVersions, ...pypiVersions })) {
      expect(v, name).toMatch(/^\d+\.\d+\.\d+([.-][0-9A-Za-z.]+)?$/);
    }
  });

  it('pinned names sort by byPackageName exactly as npm sorts them (localeCompare "en")', () => {
    for (const table of [npmVersions, pypiVersions]) {
      const names = Object.keys(table);
      expect([...names].sort(byPackageName)).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    }
  });

  it('features only declare dependencies for frameworks they support', () => {
    for (const f of features) {
      for (const fw of Object.keys(f.dependencies ?? {})) expect(f.frameworks, `${f.id} deps for ${fw}`).toContain(fw);
    }
  });

  it('dependenciesOf resolves every selection (all features × every option combination)', () => {
    for (const fw of frameworkIds) {
      const list = features.filter((f) => f.frameworks.includes(fw));
      for (const options of optionCombos(list)) {
        const sel = resolveSelection({ name: 'x', framework: fw, features: list.map((f) => f.id), options });
        expect(() => dependenciesOf(sel)).not.toThrow();
      }
    }
  });

  it('env var names are unique in every selection', () => {
    const check = (sel: Selection) => {
      const names = envOf(sel).map((v) => v.name);
      const dupes = names.filter((n, i) => names.indexOf(n) !== i);
      expect(dupes, `${sel.framework} [${sel.features.join(',')}] ${JSON.stringify(sel.options)}`).toEqual([]);
      for (const n of names) expect(n).toMatch(/^[A-Z][A-Z0-9_]*$/);
    };
    for (const fw of frameworkIds) {
      const list = features.filter((f) => f.frameworks.includes(fw));
      for (const options of optionCombos(list)) check(resolveSelection({ name: 'x', framework: fw, features: list.map((f) => f.id), options }));
      check(resolveSelection({ name: 'x', framework: fw, features: [] }));
    }
  });

  it('a required env var has no default; a secret has no default, and no placeholder in .env.example but a URL without credentials', () => {
    for (const f of features) {
      for (const v of f.env ?? []) {
        if (v.required) expect(v.default, `${f.id} ${v.name}`).toBeUndefined();
        if (v.secret) expect(v.default, `${f.id} ${v.name}`).toBeUndefined();
        // A placeholder key that passes its rule (JWT_SECRET's once did) becomes a public
        // key when .env.example is copied as is. Only a URL without credentials may stand there.
        if (v.secret && v.example) {
          const url = new URL(v.example); // throws for anything but a URL
          expect([url.username, url.password], `${f.id} ${v.name}=${v.example}`).toEqual(['', '']);
        }
      }
    }
  });

  it('at least one framework has its templates (otherwise the checks below test nothing)', () => {
    expect(withBase.length).toBeGreaterThan(0);
  });

  describe.each(withBase)('templates for %s (base folder exists)', (fw) => {
    it('every feature that claims this framework has templates for it (framework, language or shared layer)', () => {
      // Git keeps no empty folders: a layer counts only when it holds files.
      const scopes = [fw, frameworks[fw].language, 'shared'];
      const missing = features
        .filter((f) => f.frameworks.includes(fw))
        .filter((f) => !scopes.some((scope) => listFiles(join(templates, scope, 'features', f.id)).length > 0))
        .map((f) => f.id);
      expect(missing, `features with no templates for ${fw}`).toEqual([]);
    });

    it('no template folder for a feature that does not claim this framework (or does not exist)', () => {
      const dir = join(templates, fw, 'features');
      if (!existsSync(dir)) return;
      for (const id of readdirSync(dir)) {
        const f = features.find((x) => x.id === id);
        expect(f, `templates/${fw}/features/${id} has no catalog module`).toBeDefined();
        expect(f!.frameworks, `templates/${fw}/features/${id}`).toContain(fw);
      }
    });
  });

  it.skipIf(withoutBase.length === 0)(`frameworks without templates yet are skipped: ${withoutBase.join(', ') || 'none'}`, () => {
    expect(withoutBase.every((fw) => !existsSync(join(templates, fw, 'base')))).toBe(true);
  });
});
