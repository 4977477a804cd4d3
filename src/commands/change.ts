import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ParsedArgs } from '../args.js';
import { features as catalogFeatures } from '../catalog/index.js';
import { applyPlan, recoverInterrupted } from '../engine/apply.js';
import { UserError } from '../engine/errors.js';
import { createManifest, readManifest, selectionOf, sha256, type Manifest } from '../engine/manifest.js';
import { conflictsOf, isNoop, planUpdate, resolveConflicts, type Plan, type PlanEntry, type Resolution } from '../engine/plan.js';
import { render, type VirtualTree } from '../engine/render.js';
import { findFeature, resolveSelection, unknownFeatureError, type Selection } from '../engine/selection.js';
import { dirtyFiles } from '../tasks/git.js';
import { baseFromHistory } from '../tasks/git-base.js';
import { bold, dim, formatPlan, green, red, summarize, yellow } from '../ui.js';
import { version } from '../version.js';
import type { CommandContext } from './context.js';

type Verb = 'add' | 'remove' | 'upgrade' | 'status';

function requestedFeatures(args: ParsedArgs, verb: Verb): string[] {
  const ids = args.positionals.flatMap((p) => p.split(',')).map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new UserError(`name at least one feature: rampart ${verb} <feature…>`, 'see "rampart list"');
  for (const id of ids) if (!findFeature(id)) throw unknownFeatureError(id);
  return ids;
}

/** The options the user gave on this command line, merged over the project's. */
function mergedOptions(manifest: Manifest, args: ParsedArgs): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [feature, values] of Object.entries(manifest.options)) {
    for (const [option, value] of Object.entries(values)) out[`${feature}.${option}`] = value;
  }
  for (const feature of catalogFeatures) {
    for (const option of feature.options ?? []) {
      const given = args.options[option.flag];
      if (given !== undefined) out[`${feature.id}.${option.id}`] = given;
    }
  }
  return out;
}

/** Drops options of features that are not (or no longer) selected. */
function optionsFor(features: string[], options: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => features.includes(key.split('.')[0]!)));
}

async function nextSelection(verb: Verb, manifest: Manifest, args: ParsedArgs, ctx: CommandContext): Promise<{ selection: Selection; notes: string[] }> {
  const current = selectionOf(manifest);
  const notes: string[] = [];
  if (verb === 'upgrade') return { selection: current, notes };
  const ids = requestedFeatures(args, verb);
  const options = mergedOptions(manifest, args);
  if (verb === 'add') {
    const fresh = ids.filter((id) => !current.features.includes(id));
    for (const id of ids.filter((i) => current.features.includes(i))) notes.push(`${id} is already in this project`);
    const wanted = [...current.features, ...fresh];
    for (const id of fresh) {
      const feature = findFeature(id)!;
      const missing = [
        ...(feature.requires ?? []).filter((r) => !wanted.includes(r)),
        ...(feature.requiresOneOf && !feature.requiresOneOf.some((r) => wanted.includes(r)) ? [feature.requiresOneOf[0]!] : []),
      ];
      for (const need of missing) {
        const phrase = feature.requiresOneOf?.includes(need) ? `an authentication feature (${feature.requiresOneOf.join(' or ')})` : `"${need}"`;
        if (!args.flags.yes) {
          throw new UserError(`${id} needs ${phrase}`, `run: rampart add ${need} ${id} (or pass --yes to add ${need} too)`);
        }
        notes.push(`${id} needs ${phrase}: adding ${need}`);
        wanted.push(need);
      }
    }
    return { selection: resolveSelection({ name: current.name, framework: current.framework, features: wanted, options: optionsFor(wanted, options) }), notes };
  }
  // remove
  for (const id of ids) if (!current.features.includes(id)) notes.push(`${id} is not in this project`);
  const left = current.features.filter((f) => !ids.includes(f));
  for (const id of left) {
    const feature = findFeature(id)!;
    if (feature.requiresOneOf && !feature.requiresOneOf.some((r) => left.includes(r))) {
      throw new UserError(`${id} needs ${feature.requiresOneOf.join(' or ')}`, `remove ${id} too: rampart remove ${[...ids, id].join(' ')}`);
    }
    for (const r of feature.requires ?? []) {
      if (!left.includes(r)) throw new UserError(`${id} needs ${r}`, `remove ${id} too: rampart remove ${[...ids, id].join(' ')}`);
    }
  }
  void ctx;
  return { selection: resolveSelection({ name: current.name, framework: current.framework, features: left, options: optionsFor(left, options) }), notes };
}

/**
 * The render that produced the manifest's hashes: the old selection with these
 * templates, or — after an upgrade changed the templates — the version kept in
 * the project's git history.
 */
async function previousRender(dir: string, manifest: Manifest): Promise<VirtualTree> {
  const previous = render(selectionOf(manifest), { version: manifest.generator.version });
  for (const [path, hash] of Object.entries(manifest.files)) {
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
  if (!ctx.interactive || args.flags.yes) {
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
        ctx.out(formatPlan({ ...plan, entries: [{ ...entry, action: 'update' } satisfies PlanEntry] }, { diff: true }));
        continue;
      }
      decisions.set(entry.path, choice);
      break;
    }
  }
  return resolveConflicts(plan, (entry) => decisions.get(entry.path) ?? 'side');
}

function status(dir: string, manifest: Manifest, ctx: CommandContext, json: boolean): number {
  const selection = selectionOf(manifest);
  const files = Object.entries(manifest.files).map(([path, hash]) => {
    const disk = join(dir, path);
    const state = !existsSync(disk) ? 'missing' : sha256(readFileSync(disk, 'utf8')) === hash ? 'unchanged' : 'edited';
    return { path, state };
  });
  const full = render(selection, { version });
  const wiring = selection.features.map((id) => {
    // A feature's footprint: what the render has with it that it lacks without it.
    const without = render({ ...selection, features: selection.features.filter((f) => f !== id) }, { version });
    const problems: string[] = [];
    for (const [path, text] of full) {
      if (path === 'rampart.json') continue;
      const other = without.get(path);
      if (other === text) continue;
      const disk = join(dir, path);
      if (!existsSync(disk)) {
        problems.push(`${path} is missing`);
        continue;
      }
      if (other === undefined) continue; // the feature's own file: present is enough
      const have = new Set(readFileSync(disk, 'utf8').split('\n').map((l) => l.trim()));
      const otherLines = new Set(other.split('\n').map((l) => l.trim()));
      const added = text.split('\n').map((l) => l.trim()).filter((l) => l && !otherLines.has(l));
      const lost = added.filter((l) => !have.has(l));
      if (lost.length) problems.push(`${path} lacks ${lost.length} line(s) it adds, e.g. "${lost[0]}"`);
    }
    return { feature: id, intact: problems.length === 0, problems };
  });
  if (json) {
    ctx.out(JSON.stringify({ ok: true, framework: selection.framework, features: selection.features, options: selection.options, generator: manifest.generator, files, wiring }, null, 2));
    return 0;
  }
  ctx.out(`${bold(selection.name)}: ${selection.framework}, made by create-rampart ${manifest.generator.version}${manifest.generator.version === version ? '' : dim(` (this is ${version}: rampart upgrade)`)}`);
  ctx.out(`${bold('Features')}`);
  for (const w of wiring) {
    ctx.out(`  ${w.intact ? green('✔') : red('✖')} ${w.feature}${w.intact ? dim('  wiring intact') : ''}`);
    for (const problem of w.problems) ctx.out(`      ${yellow(problem)}`);
  }
  const edited = files.filter((f) => f.state !== 'unchanged');
  ctx.out(`${bold('Files')} ${dim(`${files.length} generated, ${edited.length} edited or missing since`)}`);
  for (const f of edited) ctx.out(`  ${f.state === 'edited' ? yellow('edited ') : red('missing')} ${f.path}`);
  return 0;
}

export async function change(verb: Verb, args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const dir = resolve(ctx.cwd, args.flags.cwd ?? '.');
  if (recoverInterrupted(dir)) ctx.out(yellow('an interrupted rampart change was found and rolled back: the project is as it was before it'));
  const manifest = readManifest(dir);
  const json = Boolean(args.flags.json);
  if (verb === 'status') return status(dir, manifest, ctx, json);

  const { selection, notes } = await nextSelection(verb, manifest, args, ctx);
  if (!json) for (const note of notes) ctx.out(dim(note));

  const previous = await previousRender(dir, manifest);
  const tree = render(selection, { version });
  const next = createManifest(selection, tree, version);
  let plan = planUpdate(tree, dir, manifest, previous, next);

  const sameSelection = JSON.stringify(selectionOf(manifest)) === JSON.stringify(selection);
  if (isNoop(plan) && sameSelection && manifest.generator.version === version) {
    if (json) ctx.out(JSON.stringify({ ok: true, changed: false, notes }));
    else ctx.out(green(`nothing to do: the project already ${verb === 'upgrade' ? 'matches this version' : 'has this selection'}`));
    return 0;
  }

  const dirty = await dirtyFiles(dir);
  if (dirty.length && !args.flags['dry-run']) {
    if (args.flags.yes && !args.flags['allow-dirty']) {
      throw new UserError(`git has ${dirty.length} uncommitted change(s) in this project`, 'commit or stash them first, or pass --allow-dirty');
    }
    if (!json) ctx.out(yellow(`warning: ${dirty.length} uncommitted change(s); commit first to review rampart's changes with git diff`));
  }

  if (args.flags['dry-run']) {
    if (json) ctx.out(JSON.stringify({ ok: true, dryRun: true, selection, plan: plan.entries.filter((e) => e.action !== 'skip').map(({ path, action, reason }) => ({ path, action, reason })) }, null, 2));
    else ctx.out(`${bold('Plan')} ${dim('(dry run: nothing written)')}\n${formatPlan(plan, { diff: Boolean(args.flags.diff) })}`);
    return conflictsOf(plan).length ? 1 : 0;
  }
  plan = await decideConflicts(plan, args, ctx);
  await applyPlan(plan, { aborted: ctx.aborted, ...(ctx.stepDelayMs ? { stepDelayMs: ctx.stepDelayMs } : {}) });

  const counts = summarize(plan);
  if (json) {
    ctx.out(JSON.stringify({ ok: true, changed: true, selection, plan: plan.entries.filter((e) => e.action !== 'skip').map(({ path, action, reason }) => ({ path, action, reason })) }, null, 2));
    return 0;
  }
  ctx.out(formatPlan(plan));
  ctx.out(
    `${green('✔')} ${verb === 'upgrade' ? `upgraded to create-rampart ${version}` : `features: ${selection.features.join(', ') || 'none'}`} ${dim(
      `(${counts.create} created, ${counts.update} updated, ${counts.merge} merged, ${counts.delete} deleted)`,
    )}`,
  );
  for (const kept of plan.entries.filter((e) => e.action === 'keep')) ctx.out(yellow(`  ${kept.path}: ${kept.reason}`));
  const depsChanged = plan.entries.some((e) => /(^|\/)(package\.json|requirements[^/]*\.txt)$/.test(e.path) && e.action !== 'skip' && e.action !== 'keep');
  if (depsChanged) ctx.out(dim(selection.framework === 'fastapi' ? 'dependencies changed: pip install -r requirements-dev.txt' : 'dependencies changed: run npm install'));
  return 0;
}
