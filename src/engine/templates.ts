import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
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

/** Every file below `dir` (empty when it does not exist), sorted for deterministic output. */
export function listFiles(dir: string): TemplateFile[] {
  if (!existsSync(dir)) return [];
  const out: TemplateFile[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const absolute = join(current, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else if (entry.isFile()) out.push({ path: relative(dir, absolute).split(sep).join('/'), absolute });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export const readText = (file: string): string => readFileSync(file, 'utf8');
