import { isAbsolute, normalize, sep } from 'node:path';

/**
 * True for a relative path that stays inside the project: `src/app.ts`, not
 * `../x`, `/etc/x` or ''. rampart.json and the journal are files in the
 * project that anyone can edit (or commit); paths read from them are only
 * written or deleted when this holds.
 */
export function isProjectPath(path: unknown): path is string {
  if (typeof path !== 'string' || path === '' || path.includes('\0') || isAbsolute(path)) return false;
  const normal = normalize(path);
  return normal !== '.' && normal !== '..' && !normal.startsWith(`..${sep}`);
}
