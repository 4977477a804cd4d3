import { loadExeca } from './exec.js';

/** True when `dir` is already inside a git work tree (then we never nest a repository). */
export async function insideWorkTree(dir: string): Promise<boolean> {
  const execa = await loadExeca();
  const result = await execa('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, reject: false });
  return result.exitCode === 0 && result.stdout.trim() === 'true';
}

/** git init + one initial commit; works without a configured git identity. */
export async function initRepository(dir: string, message: string): Promise<void> {
  const execa = await loadExeca();
  await execa('git', ['init', '--quiet', '--initial-branch=main'], { cwd: dir });
  await execa('git', ['add', '--all'], { cwd: dir });
  const hasIdentity = (await execa('git', ['config', 'user.email'], { cwd: dir, reject: false })).exitCode === 0;
  const identity = hasIdentity ? [] : ['-c', 'user.name=rampart', '-c', 'user.email=rampart@localhost'];
  await execa('git', [...identity, 'commit', '--quiet', '--no-verify', '-m', message], { cwd: dir });
}

/** Files with uncommitted changes in `dir` (empty outside a repository). */
export async function dirtyFiles(dir: string): Promise<string[]> {
  const execa = await loadExeca();
  const result = await execa('git', ['status', '--porcelain'], { cwd: dir, reject: false });
  if (result.exitCode !== 0) return [];
  return result.stdout.split('\n').filter(Boolean);
}
