import { loadExeca } from './exec.js';
import { sha256 } from '../engine/manifest.js';

/**
 * When the templates changed since a file was written (an upgrade), the base of
 * its three-way merge can no longer be re-rendered. The project's history
 * usually still has it (create commits the pristine render): find the version
 * whose hash is the one the manifest recorded.
 */
export async function baseFromHistory(dir: string, path: string, hash: string, depth = 30): Promise<string | undefined> {
  const execa = await loadExeca();
  const log = await execa('git', ['log', `-${depth}`, '--format=%H', '--', path], { cwd: dir, reject: false });
  if (log.exitCode !== 0) return undefined;
  for (const commit of log.stdout.split('\n').filter(Boolean)) {
    const show = await execa('git', ['show', `${commit}:${path}`], { cwd: dir, reject: false, stripFinalNewline: false });
    if (show.exitCode === 0 && sha256(show.stdout) === hash) return show.stdout;
  }
  return undefined;
}
