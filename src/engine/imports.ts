import { dirname, join, normalize } from 'node:path/posix';

// Relative specifiers only: a package import never names a project file.
const JS_SPECIFIER = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
// `from app.security.headers import X`, `from . import tokens`, `import app.metrics`.
const PY_IMPORT = /^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+\(?([^)#\n]*)|import[ \t]+([\w.]+))/gm;

/**
 * The project paths a source file may import, as candidates: for each import,
 * every file it could resolve to (`../x.js` is `x.ts` in a TypeScript project;
 * a Python module is `m.py` or `m/__init__.py`). Used when a file the owners
 * edited is left in place while the files around it are removed: what it
 * imports has to stay too, or the project no longer builds.
 */
export function importCandidates(path: string, text: string): string[] {
  if (/\.[cm]?[jt]sx?$/.test(path)) {
    return [...text.matchAll(JS_SPECIFIER)].flatMap(([, specifier]) => {
      const target = normalize(join(dirname(path), specifier!));
      const stem = target.replace(/\.[cm]?[jt]sx?$/, '');
      return [target, ...['ts', 'tsx', 'mts', 'js', 'mjs'].map((ext) => `${stem}.${ext}`), `${stem}/index.ts`, `${stem}/index.js`];
    });
  }
  if (path.endsWith('.py')) {
    return [...text.matchAll(PY_IMPORT)].flatMap(([, from, names, plain]) => {
      const module = from ?? plain!;
      const dots = /^\.*/.exec(module)![0].length;
      // Relative imports start from the file's package; absolute ones from the project root.
      let base = '.';
      if (dots > 0) {
        base = dirname(path);
        for (let up = 1; up < dots; up++) base = dirname(base);
      }
      const modulePath = normalize(join(base, module.slice(dots).replaceAll('.', '/')));
      const submodules = (names ?? '').split(',').map((n) => n.trim().split(/\s+/)[0]!).filter((n) => /^\w+$/.test(n));
      return [modulePath, ...submodules.map((n) => join(modulePath, n))].flatMap((m) => [`${m}.py`, `${m}/__init__.py`]);
    });
  }
  return [];
}
