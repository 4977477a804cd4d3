import type { Plan, PlanEntry } from './engine/plan.js';

const useColor = (): boolean => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
const paint = (code: number) => (text: string): string => (useColor() ? `\u001b[${code}m${text}\u001b[39m` : text);
export const green = paint(32);
export const yellow = paint(33);
export const red = paint(31);
export const cyan = paint(36);
export const dim = (text: string): string => (useColor() ? `\u001b[2m${text}\u001b[22m` : text);
export const bold = (text: string): string => (useColor() ? `\u001b[1m${text}\u001b[22m` : text);

const label: Record<PlanEntry['action'], (t: string) => string> = {
  create: green,
  update: cyan,
  merge: cyan,
  skip: dim,
  conflict: red,
  delete: yellow,
  keep: yellow,
};

/**
 * One line per file that changes (skips are counted, not listed). The diff
 * library is loaded only when diffs are asked for: a scaffold never shows one.
 */
export async function formatPlan(plan: Plan, options: { diff?: boolean } = {}): Promise<string> {
  const createPatch = options.diff ? (await import('diff')).createPatch : undefined;
  const lines: string[] = [];
  let skipped = 0;
  for (const entry of plan.entries) {
    if (entry.action === 'skip') {
      skipped++;
      continue;
    }
    lines.push(`  ${label[entry.action](entry.action.padEnd(8))} ${entry.path}${entry.action === 'create' ? '' : dim(`  (${entry.reason})`)}`);
    if (createPatch && entry.action !== 'keep') {
      const patch = createPatch(entry.path, entry.current ?? '', entry.action === 'delete' ? '' : (entry.content ?? ''), 'on disk', 'after');
      lines.push(patch.split('\n').slice(2).map((l) => `    ${l}`).join('\n'));
    }
  }
  if (skipped) lines.push(dim(`  ${skipped} file${skipped === 1 ? '' : 's'} already up to date`));
  return lines.join('\n');
}

export function summarize(plan: Plan): Record<PlanEntry['action'], number> {
  const counts = { create: 0, update: 0, merge: 0, skip: 0, conflict: 0, delete: 0, keep: 0 };
  for (const e of plan.entries) counts[e.action]++;
  return counts;
}
