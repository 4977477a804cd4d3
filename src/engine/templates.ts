import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The templates folder ships next to dist/ in the package and next to src/ in
 * the repository; walk up from this module until it appears.
 */
export function templatesRoot(): string {
  // Template authors (and rampart's upgrade tests) can point at a working copy.
  const override = process.env.RAMPART_TEMPLATES_DIR;
  if (override) return override;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'shared'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('rampart: templates folder not found next to the installed package');
    dir = parent;
  }
}

export interface TemplateFile {
  /** Path relative to the layer folder, with `/` separators. */
  path: string;
  absolute: string;
}

/**
 * Every file below `dir` (empty when it does not exist), sorted for
 * deterministic output. A scaffold lists some forty layer folders: paths are
 * built by concatenation (path.join and path.relative, which normalise every
 * path, made up most of the listing's cost), and a missing folder is one
 * failed readdir rather than an existsSync before it.
 */
export function listFiles(dir: string): TemplateFile[] {
  const out: TemplateFile[] = [];
  const walk = (absolute: string, prefix: string): void => {
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      if (prefix === '' && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(`${absolute}/${entry.name}`, `${path}/`);
      else if (entry.isFile()) out.push({ path, absolute: `${absolute}/${entry.name}` });
    }
  };
  walk(dir, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export const readText = (file: string): string => readFileSync(file, 'utf8');
