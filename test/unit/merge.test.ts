import { describe, expect, it } from 'vitest';
import { isStructural, mergeFile, mergePackageJson, mergeText } from '../../src/engine/merge.js';

const clean = (outcome: ReturnType<typeof mergeText>): string => {
  expect(outcome.clean, 'merge should be clean').toBe(true);
  return (outcome as { text: string }).text;
};

describe('mergeText (three-way, by line)', () => {
  const base = ['import a from "a";', '', 'const app = build();', 'app.listen();', ''].join('\n');

  it('keeps the owners’ edit and applies rampart’s change elsewhere', () => {
    const ours = base.replace('app.listen();', 'app.listen(); // tuned by us');
    const theirs = base.replace('import a from "a";', 'import a from "a";\nimport cors from "cors";');
    expect(clean(mergeText(base, ours, theirs))).toBe(
      ['import a from "a";', 'import cors from "cors";', '', 'const app = build();', 'app.listen(); // tuned by us', ''].join('\n'),
    );
  });

  it('is clean when only one side changed', () => {
    const theirs = base.replace('build()', 'build({ logger: true })');
    expect(clean(mergeText(base, base, theirs))).toBe(theirs);
    expect(clean(mergeText(base, theirs, base))).toBe(theirs);
  });

  it('is clean when both made the same change', () => {
    const both = base.replace('build()', 'build(1)');
    expect(clean(mergeText(base, both, both))).toBe(both);
  });

  it('is a conflict when both changed the same line differently', () => {
    const ours = base.replace('const app = build();', 'const app = build({ ours: true });');
    const theirs = base.replace('const app = build();', 'const app = build({ theirs: true });');
    expect(mergeText(base, ours, theirs)).toEqual({ clean: false });
  });
});

describe('mergePackageJson', () => {
  const json = (o: unknown) => `${JSON.stringify(o, null, 2)}\n`;
  const base = {
    name: 'my-api',
    version: '0.1.0',
    scripts: { build: 'tsc', test: 'vitest run' },
    dependencies: { fastify: '5.0.0', zod: '4.0.0' },
    devDependencies: { typescript: '5.9.3' },
  };
  const ours = {
    name: 'my-api',
    version: '1.4.0',
    description: 'ours',
    scripts: { build: 'tsc', test: 'vitest run', deploy: './deploy.sh' },
    dependencies: { fastify: '5.0.0', lodash: '4.17.21', zod: '4.0.0' },
    devDependencies: { typescript: '5.9.3', eslint: '9.0.0' },
    private: true,
  };

  it('adds and bumps what the feature needs, keeps the owners’ deps, scripts, fields and key order', () => {
    const theirs = {
      ...base,
      scripts: { ...base.scripts, 'user:add': 'tsx scripts/user-add.ts' },
      dependencies: { fastify: '5.1.0', jose: '6.0.0', zod: '4.0.0' },
    };
    const merged = JSON.parse(clean(mergePackageJson(json(base), json(ours), json(theirs))));
    expect(Object.keys(merged)).toEqual(['name', 'version', 'description', 'scripts', 'dependencies', 'devDependencies', 'private']);
    expect(merged.version).toBe('1.4.0');
    expect(merged.description).toBe('ours');
    expect(merged.private).toBe(true);
    expect(merged.scripts).toEqual({ build: 'tsc', test: 'vitest run', deploy: './deploy.sh', 'user:add': 'tsx scripts/user-add.ts' });
    expect(merged.dependencies).toEqual({ fastify: '5.1.0', jose: '6.0.0', lodash: '4.17.21', zod: '4.0.0' });
    expect(Object.keys(merged.dependencies)).toEqual(['fastify', 'jose', 'lodash', 'zod']);
    expect(merged.devDependencies).toEqual({ typescript: '5.9.3', eslint: '9.0.0' });
  });

  it('removes what the removed feature brought, but not what the owners added or changed', () => {
    const withFeature = { ...base, scripts: { ...base.scripts, apikey: 'tsx scripts/apikey.ts' }, dependencies: { ...base.dependencies, jose: '6.0.0' } };
    const oursWith = { ...withFeature, scripts: { ...withFeature.scripts, deploy: './deploy.sh' }, dependencies: { ...withFeature.dependencies, lodash: '4.17.21' } };
    const merged = JSON.parse(clean(mergePackageJson(json(withFeature), json(oursWith), json(base))));
    expect(merged.dependencies).toEqual({ fastify: '5.0.0', lodash: '4.17.21', zod: '4.0.0' });
    expect(merged.scripts).toEqual({ build: 'tsc', test: 'vitest run', deploy: './deploy.sh' });
  });

  it('keeps an owners’ script edit that rampart did not change', () => {
    const oursEdited = { ...base, scripts: { ...base.scripts, test: 'vitest run --coverage' } };
    const theirs = { ...base, dependencies: { ...base.dependencies, jose: '6.0.0' } };
    const merged = JSON.parse(clean(mergePackageJson(json(base), json(oursEdited), json(theirs))));
    expect(merged.scripts.test).toBe('vitest run --coverage');
    expect(merged.dependencies.jose).toBe('6.0.0');
  });

  it('invalid JSON on disk is a conflict, not a crash', () => {
    expect(mergePackageJson(json(base), '{ not json', json(base))).toEqual({ clean: false });
  });

  it('mergeFile routes package.json by name, at any depth', () => {
    const theirs = { ...base, dependencies: { ...base.dependencies, jose: '6.0.0' } };
    const merged = JSON.parse(clean(mergeFile('packages/api/package.json', json(base), json(ours), json(theirs))));
    expect(merged.dependencies.lodash).toBe('4.17.21');
    expect(merged.dependencies.jose).toBe('6.0.0');
  });
});

describe('.env.example keyed merge', () => {
  const base = ['# Port to listen on.', 'PORT=3000', '', '# Log level', 'LOG_LEVEL=info', ''].join('\n');

  it('adds the feature’s variables with their comments and keeps the owners’ entries, values and comments', () => {
    const ours = ['# Port to listen on.', 'PORT=8080', '', '# our own thing', 'SENTRY_DSN=', '# Log level', 'LOG_LEVEL=info', ''].join('\n');
    const theirs = ['# Port to listen on.', 'PORT=3000', '', '# Log level', 'LOG_LEVEL=info', '', '# Allowed origins', 'CORS_ORIGINS=', ''].join('\n');
    const text = clean(mergeFile('.env.example', base, ours, theirs));
    expect(text).toBe(['# Port to listen on.', 'PORT=8080', '', '# our own thing', 'SENTRY_DSN=', '# Log level', 'LOG_LEVEL=info', '', '# Allowed origins', 'CORS_ORIGINS=', ''].join('\n'));
  });

  it('drops a variable rampart no longer writes unless the owners changed it', () => {
    const withCors = `${base}CORS_ORIGINS=\nCORS_CREDENTIALS=false\n`;
    const ours = `${base}CORS_ORIGINS=https://app.example.com\nCORS_CREDENTIALS=false\n`;
    const text = clean(mergeFile('.env.example', withCors, ours, base));
    expect(text).toContain('CORS_ORIGINS=https://app.example.com');
    expect(text).not.toContain('CORS_CREDENTIALS');
    expect(text).toContain('PORT=3000');
  });

  it('takes rampart’s new default where the owners kept the old one', () => {
    const theirs = base.replace('LOG_LEVEL=info', 'LOG_LEVEL=warn');
    expect(clean(mergeFile('.env.example', base, base, theirs))).toContain('LOG_LEVEL=warn');
  });
});

describe('requirements.txt keyed merge', () => {
  const base = ['# runtime', 'fastapi==0.110.0', 'uvicorn[standard]==0.29.0', ''].join('\n');

  it('bumps and adds rampart’s pins, keeps the owners’ packages and comments', () => {
    const ours = ['# runtime', 'fastapi==0.110.0', 'uvicorn[standard]==0.29.0', '# ours: for the reports', 'pandas>=2.0', ''].join('\n');
    const theirs = ['# runtime', 'fastapi==0.115.0', 'uvicorn[standard]==0.29.0', 'PyJWT[crypto]==2.9.0', ''].join('\n');
    const text = clean(mergeFile('requirements.txt', base, ours, theirs));
    expect(text.split('\n')).toEqual(['# runtime', 'fastapi==0.115.0', 'uvicorn[standard]==0.29.0', '# ours: for the reports', 'pandas>=2.0', 'PyJWT[crypto]==2.9.0', '']);
  });

  it('removes a pin of a removed feature but keeps a pin the owners changed; applies to requirements-dev.txt too', () => {
    const withJwt = `${base}PyJWT[crypto]==2.9.0\nargon2-cffi==23.1.0\n`;
    const ours = `${base}PyJWT[crypto]==2.10.0\nargon2-cffi==23.1.0\n`;
    const text = clean(mergeFile('requirements-dev.txt', withJwt, ours, base));
    expect(text).toContain('PyJWT[crypto]==2.10.0');
    expect(text).not.toContain('argon2-cffi');
    expect(text).toContain('fastapi==0.110.0');
  });

  it('matches package names case-insensitively', () => {
    const ours = base.replace('fastapi==0.110.0', 'FastAPI==0.110.0');
    const theirs = base.replace('fastapi==0.110.0', 'fastapi==0.115.0');
    const text = clean(mergeFile('requirements.txt', base, ours, theirs));
    expect(text.match(/fastapi/gi)).toHaveLength(1);
  });
});

describe('isStructural', () => {
  it('names exactly the dependency and env files', () => {
    for (const p of ['package.json', 'sub/package.json', '.env.example', 'requirements.txt', 'requirements-dev.txt']) expect(isStructural(p), p).toBe(true);
    for (const p of ['package-lock.json', 'src/app.ts', '.env', 'requirements.in', 'my-package.json']) expect(isStructural(p), p).toBe(false);
  });
});
