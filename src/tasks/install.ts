import { loadExeca } from './exec.js';
import type { Language } from '../catalog/types.js';

export const packageManagers = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type PackageManager = (typeof packageManagers)[number];

/** The package manager that launched us (`npm create`, `pnpm create`, …), npm otherwise. */
export function detectPackageManager(userAgent = process.env.npm_config_user_agent ?? ''): PackageManager {
  const name = userAgent.split('/')[0];
  return packageManagers.find((pm) => pm === name) ?? 'npm';
}

export interface InstallOutcome {
  ok: boolean;
  command: string;
  error?: string;
}

/** Installs the project's dependencies; failure (offline, say) is reported, never thrown. */
export async function installDependencies(dir: string, language: Language, pm: PackageManager): Promise<InstallOutcome> {
  const execa = await loadExeca();
  const [file, args]: [string, string[]] =
    language === 'python'
      ? ['sh', ['-c', 'python3 -m venv .venv && .venv/bin/pip install --quiet -r requirements.txt -r requirements-dev.txt']]
      : [pm, ['install']];
  const command = language === 'python' ? 'python3 -m venv .venv && .venv/bin/pip install -r requirements-dev.txt' : `${pm} install`;
  const result = await execa(file, args, { cwd: dir, reject: false, all: true });
  if (result.exitCode === 0) return { ok: true, command };
  const lastLine = (result.all ?? '').trim().split('\n').filter(Boolean).at(-1) ?? result.shortMessage;
  return { ok: false, command, error: lastLine };
}
