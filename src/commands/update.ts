import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedArgs } from '../args.js';
import { frameworks } from '../catalog/index.js';
import { applyPlan } from '../engine/apply.js';
import { UserError } from '../engine/errors.js';
import type { Evolution } from '../engine/evolve.js';
import { createManifest, selectionOf, sha256, type Manifest } from '../engine/manifest.js';
import { conflictsOf, isNoop, planUpdate, resolveConflicts, type Plan, type PlanEntry, type Resolution } from '../engine/plan.js';
import { loadPrecompiled, type PrecompiledTemplates } from '../engine/precompiled.js';
import { render, type VirtualTree } from '../engine/render.js';
import { dirtyFiles } from '../tasks/git.js';
import { baseFromHistory } from '../tasks/git-base.js';
import { bold, dim, formatPlan, green, summarize, yellow } from '../ui.js';
import type { CommandContext } from './context.js';
import type { Project } from './project.js';

export interface Change extends Evolution {
  verb: 'add' | 'remove' | 'upgrade';
}

/**
 * The render that produced the manifest's hashes: the old selection with these
 * templates, or — after an upgrade changed the templates — the version kept in
 * the project's git history.
 */
async function previousRender(dir: string, manifest: Manifest, precompiled: PrecompiledTemplates | undefined): Promise<VirtualTree> {
  const previous = await render(selectionOf(manifest), { version: manifest.generator.version, precompiled });
  for (const [path, hash] of [...Object.entries(manifest.files), ...Object.entries(manifest.kept ?? {})]) {
    const text = previous.get(path);
    if (text !== undefined && sha256(text) === hash) continue;
    const disk = join(dir, path);
    if (existsSync(disk) && sha256(readFileSync(disk, 'utf8')) === hash) continue; // untouched: no base needed
    const fromHistory = await baseFromHistory(dir, path, hash);
    if (fromHistory !== undefined) previous.set(path, fromHistory);
  }
  return previous;
}

async function decideConflicts(plan: Plan, args: ParsedArgs, ctx: CommandContext): Promise<Plan> {
  const conflicts = conflictsOf(plan);
  if (conflicts.length === 0) return plan;
  if (args.flags.force) {
    ctx.out(yellow(`--force: overwriting ${conflicts.length} edited file(s): ${conflicts.map((c) => c.path).join(', ')}`));
    return resolveConflicts(plan, () => 'overwrite');
  }
  if (args.flags.yes || !ctx.interactive) {
    throw new UserError(
      `${conflicts.length} file(s) have edits that conflict with this change: ${conflicts.map((c) => c.path).join(', ')}; nothing was written`,
      'see them with --dry-run --diff, then re-run interactively to choose per file, or with --force to overwrite',
    );
  }
  const p = await import('@clack/prompts');
  const decisions = new Map<string, Resolution>();
  for (const entry of conflicts) {
    for (;;) {
      const choice = await p.select<Resolution | 'diff'>({
        message: `${entry.path}: ${entry.reason}`,
        options: [
          { value: 'side', label: `keep mine, write ${entry.path}.rampart-new` },
          { value: 'skip', label: 'keep mine, skip rampart’s change' },
          { value: 'overwrite', label: 'overwrite with rampart’s version' },
          { value: 'diff', label: 'show the diff' },
        ],
      });
      if (p.isCancel(choice)) throw new UserError('cancelled: nothing was written');
      if (choice === 'diff') {
        ctx.out(await formatPlan({ ...plan, entries: [{ ...entry, action: 'update' } satisfies PlanEntry] }, { diff: true }));
        continue;
      }
      decisions.set(entry.path, choice);
      break;
    }
  }
  return resolveConflicts(plan, (entry) => decisions.get(entry.path) ?? 'side');
}

/**
 * add, remove and upgrade: render the new Selection, plan it against the
 * project through its manifest, settle conflicts, apply as one transaction.
 */
export async function updateProject({ dir, manifest }: Project, change: Change, args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const { selection, notes } = change;
  const { version } = ctx;
  const json = Boolean(args.flags.json);
  if (!json) for (const note of notes) ctx.out(dim(note));

  const precompiled = await loadPrecompiled(selection.framework);
  const previous = await previousRender(dir, manifest, precompiled);
  const tree = await render(selection, { version, precompiled });
  const next = createManifest(selection, tree, version);
  let plan = planUpdate(tree, dir, manifest, previous, next);

  const sameSelection = JSON.stringify(selectionOf(manifest)) === JSON.stringify(selection);
  if (isNoop(plan) && sameSelection && manifest.generator.version === version) {
    if (json) ctx.out(JSON.stringify({ ok: true, changed: false, notes }));
    else ctx.out(green(`nothing to do: the project already ${change.verb === 'upgrade' ? 'matches this version' : 'has this selection'}`));
    return 0;
  }

  const dirty = await dirtyFiles(dir);
  if (dirty.length && !args.flags['dry-run']) {
    // Nobody at a prompt (--yes, or no terminal) to see the warning below: refuse instead.
    if ((args.flags.yes || !ctx.interactive) && !args.flags['allow-dirty']) {
      throw new UserError(`git has ${dirty.length} uncommitted change(s) in this project`, 'commit or stash them first, or pass --allow-dirty');
    }
    if (!json) ctx.out(yellow(`warning: ${dirty.length} uncommitted change(s); commit first to review rampart's changes with git diff`));
  }

  if (args.flags['dry-run']) {
    if (json) ctx.out(JSON.stringify({ ok: true, dryRun: true, selection, plan: plan.entries.filter((e) => e.action !== 'skip').map(({ path, action, reason }) => ({ path, action, reason })) }, null, 2));
    else ctx.out(`${bold('Plan')} ${dim('(dry run: nothing written)')}\n${await formatPlan(plan, { diff: Boolean(args.flags.diff) })}`);
    return conflictsOf(plan).length ? 1 : 0;
  }
  plan = await decideConflicts(plan, args, ctx);
  await applyPlan(plan, { aborted: ctx.aborted, ...(ctx.stepDelayMs ? { stepDelayMs: ctx.stepDelayMs } : {}) });

  const counts = summarize(plan);
  if (json) {
    ctx.out(JSON.stringify({ ok: true, changed: true, selection, plan: plan.entries.filter((e) => e.action !== 'skip').map(({ path, action, reason }) => ({ path, action, reason })) }, null, 2));
    return 0;
  }
  ctx.out(await formatPlan(plan));
  ctx.out(
    `${green('✔')} ${change.verb === 'upgrade' ? `upgraded to create-rampart ${version}` : `features: ${selection.features.join(', ') || 'none'}`} ${dim(
      `(${counts.create} created, ${counts.update} updated, ${counts.merge} merged, ${counts.delete} deleted)`,
    )}`,
  );
  for (const kept of plan.entries.filter((e) => e.action === 'keep')) ctx.out(yellow(`  ${kept.path}: ${kept.reason}`));
  const depsChanged = plan.entries.some((e) => /(^|\/)(package\.json|requirements[^/]*\.txt)$/.test(e.path) && e.action !== 'skip' && e.action !== 'keep');
  if (depsChanged) ctx.out(dim(frameworks[selection.framework].language === 'python' ? 'dependencies changed: pip install -r requirements-dev.txt' : 'dependencies changed: run npm install'));
  return 0;
}
