import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

/** The dependency policy is part of the code: these files are what enforces it. */
describe('supply chain', () => {
  it('pins every dependency to an exact version', () => {
    const pkg = JSON.parse(read('package.json')) as Record<string, Record<string, string> | undefined>;
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    expect(Object.keys(all).length).toBeGreaterThan(0);
    for (const [name, version] of Object.entries(all)) expect([name, version]).toEqual([name, expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
  });

  it('never runs install scripts of dependencies and saves exact versions', () => {
    const npmrc = read('.npmrc');
    expect(npmrc).toMatch(/^ignore-scripts=true$/m);
    expect(npmrc).toMatch(/^save-exact=true$/m);
  });

  it('installs from the lockfile only and audits dependencies in CI', () => {
    const ci = read('.github/workflows/ci.yml');
    expect(ci).toMatch(/run: npm ci$/m);
    expect(ci).not.toMatch(/npm install/);
    expect(ci).toMatch(/run: npm audit --audit-level=high$/m);
    expect(read('Dockerfile')).toMatch(/^RUN npm ci\b/m);
  });

  it('has Dependabot update npm packages, GitHub Actions and the base image', () => {
    const dependabot = read('.github/dependabot.yml');
    for (const ecosystem of ['npm', 'github-actions', 'docker']) expect(dependabot).toContain(`package-ecosystem: ${ecosystem}`);
  });
});
