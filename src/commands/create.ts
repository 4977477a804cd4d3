import { accessSync, constants, existsSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { features, frameworks } from '../catalog/index.js';
import type { ParsedArgs } from '../args.js';
import { applyToNewDirectory, sweepAbandoned } from '../engine/apply-new.js';
import { applyPlan, recoverInterrupted } from '../engine/apply.js';
import { UserError } from '../engine/errors.js';
import { createManifest } from '../engine/manifest.js';
import { conflictsOf, existingEntries, planCreate, resolveConflicts } from '../engine/plan.js';
import { loadPrecompiled } from '../engine/precompiled.js';
import { render } from '../engine/render.js';
import { resolveSelection, type Selection } from '../engine/selection.js';
import { askCreate } from '../prompts/create.js';
import { initRepository, insideWorkTree } from '../tasks/git.js';
import { detectPackageManager, installDependencies, packageManagers, type PackageManager } from '../tasks/install.js';
import { bold, cyan, dim, formatPlan, green, summarize, yellow } from '../ui.js';
import { featureList } from './feature-list.js';
import { projectNameProblem } from './project-name.js';
import type { CommandContext } from './context.js';

function parseFeatures(value: string | undefined, framework: string | undefined, useDefaults: boolean): string[] | undefined {
  if (value === undefined) {
    if (!useDefaults) return undefined;
    return features.filter((f) => f.recommended && (!framework || f.frameworks.some((fw) => fw === framework))).map((f) => f.id);
  }
  const ids = featureList([value]);
  // An empty value is more likely an unset shell variable than a wish for no features.
  if (ids.length === 0) throw new UserError('--features is empty', 'pass a comma list of features, all or none');
  if (ids.length > 1 && (ids.includes('all') || ids.includes('none'))) {
    throw new UserError(`--features ${value}: all and none stand alone`, 'pass all, none, or a comma list of features');
  }
  if (ids[0] === 'none') return [];
  if (ids[0] === 'all') return features.filter((f) => !framework || f.frameworks.some((fw) => fw === framework)).map((f) => f.id);
  return ids;
}

function parsePm(value: string | undefined): PackageManager | undefined {
  if (value === undefined) return undefined;
  const pm = packageManagers.find((m) => m === value);
  if (!pm) throw new UserError(`--pm must be one of ${packageManagers.join(', ')} (got "${value}")`);
  return pm;
}

/** `.` means "here": the folder is the current one and the package takes its name. */
function targetOf(name: string, cwd: string): { dir: string; packageName: string } {
  const dir = resolve(cwd, name);
  return { dir, packageName: name === '.' ? basename(dir) : basename(name) === name ? name : basename(dir) };
}

function assertWritable(dir: string): void {
  let probe = dir;
  while (!existsSync(probe)) probe = dirname(probe);
  try {
    accessSync(probe, constants.W_OK);
  } catch {
    throw new UserError(`cannot write to ${probe}: permission denied`, 'choose a directory you can write to');
  }
}

export async function create(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const { flags } = args;
  const { version } = ctx;
  if (args.positionals.length > 1) throw new UserError(`expected one project name, got ${args.positionals.length}: ${args.positionals.join(' ')}`);
  const interactive = !flags.yes && !flags.json && ctx.interactive;
  const pmFlag = parsePm(flags.pm);
  const detectedPm = detectPackageManager();
  let name = args.positionals[0];
  let framework = flags.framework;
  let featureIds = parseFeatures(flags.features, framework, Boolean(flags.yes));
  let optionValues: Record<string, string | undefined> = args.options;
  let pm = pmFlag ?? detectedPm;
  let git = !flags['no-git'];
  let install = !flags['no-install'];

  if (name !== undefined && name !== '.') {
    const problem = projectNameProblem(basename(name));
    if (problem) throw new UserError(problem, 'use lower case letters, digits and dashes, e.g. my-api');
  }
  if (framework !== undefined) resolveSelection({ name: 'x', framework, features: [] });

  if (interactive) {
    const answers = await askCreate({
      ...(name !== undefined && { name }),
      ...(framework !== undefined && { framework }),
      ...(featureIds !== undefined && { features: featureIds }),
      options: optionValues,
      ...(pmFlag !== undefined && { pm: pmFlag }),
      ...(flags['no-git'] && { git: false }),
      ...(flags['no-install'] && { install: false }),
      detectedPm,
    });
    ({ name, framework, features: featureIds, pm, git, install } = answers);
    optionValues = answers.options;
  } else {
    if (name === undefined) throw new UserError('missing project name', 'pass it as the first argument: create-rampart my-api');
    if (framework === undefined) {
      if (!flags.yes) throw new UserError('missing --framework (fastify, express or fastapi)', 'pass --framework, or --yes for the recommended answers');
      framework = 'fastify';
      featureIds = parseFeatures(flags.features, framework, true);
    }
    if (featureIds === undefined) throw new UserError('missing --features (a,b | all | none)', 'pass --features, or --yes for the recommended set');
  }

  const target = targetOf(name!, ctx.cwd);
  const selection: Selection = resolveSelection({ name: target.packageName, framework: framework!, features: featureIds!, options: optionValues });

  // What a killed earlier run left: a journal inside the directory, or a staging sibling of it.
  recoverInterrupted(target.dir);
  sweepAbandoned(target.dir);
  const existing = existingEntries(target.dir);
  if (existing.length > 0 && !flags.force) {
    throw new UserError(
      `directory ${relative(ctx.cwd, target.dir) || '.'} is not empty`,
      'choose another name, or pass --force (nothing of yours is deleted)',
    );
  }
  assertWritable(target.dir);

  const tree = await render(selection, { version, precompiled: await loadPrecompiled(selection.framework) });
  const manifest = createManifest(selection, tree, version);
  let plan = planCreate(tree, target.dir, manifest);
  // With --force into a folder that has files of its own, rampart never replaces them.
  const conflicts = conflictsOf(plan);
  plan = resolveConflicts(plan, () => 'side');

  if (flags['dry-run']) {
    if (flags.json) ctx.out(JSON.stringify({ ok: true, dryRun: true, dir: target.dir, selection, plan: plan.entries.map(({ path, action, reason }) => ({ path, action, reason })) }, null, 2));
    else ctx.out(`${bold('Plan')} for ${target.dir} ${dim('(dry run: nothing written)')}\n${await formatPlan(plan, { diff: Boolean(flags.diff) })}`);
    return 0;
  }

  // A new directory is written whole and renamed into place; an existing one (empty, or with --force) gets the journaled apply.
  const apply = !existsSync(target.dir) && existsSync(dirname(target.dir)) ? applyToNewDirectory : applyPlan;
  await apply(plan, { aborted: ctx.aborted, ...(ctx.stepDelayMs ? { stepDelayMs: ctx.stepDelayMs } : {}) });

  const counts = summarize(plan);
  const language = frameworks[selection.framework].language;
  const result: Record<string, unknown> = { ok: true, dir: target.dir, selection, files: plan.entries.length, conflicts: conflicts.map((c) => c.path) };
  if (!flags.json) {
    ctx.out(`${green('✔')} ${bold(selection.name)}: ${selection.framework} with ${selection.features.length ? selection.features.join(', ') : 'no optional feature'}`);
    ctx.out(dim(`  ${counts.create} files created${counts.merge ? `, ${counts.merge} merged` : ''}`));
    for (const c of conflicts) ctx.out(yellow(`  ! ${c.path} already existed: kept yours, wrote ours as ${c.path}.rampart-new`));
  }

  if (git) {
    if (await insideWorkTree(target.dir)) {
      result.git = 'skipped: already inside a git repository';
    } else {
      const done = await ctx.progress('Initialising git');
      try {
        await initRepository(target.dir, `Initial commit from create-rampart ${version}`);
        done('Git repository initialised');
        result.git = 'initialised';
      } catch (error) {
        done(`git init failed: ${(error as Error).message.split('\n')[0]}`, false);
        result.git = 'failed';
      }
    }
  }
  if (install) {
    const done = await ctx.progress('Installing dependencies');
    const outcome = await installDependencies(target.dir, language, pm);
    done(outcome.ok ? 'Dependencies installed' : `Install failed (${outcome.error}); the project is complete, run "${outcome.command}" later`, outcome.ok);
    result.install = outcome;
  }

  if (flags.json) {
    ctx.out(JSON.stringify(result, null, 2));
    return 0;
  }
  const rel = relative(ctx.cwd, target.dir);
  const cd = rel.startsWith('..') ? target.dir : rel;
  const steps =
    language === 'python'
      ? [...(install ? [] : ['python3 -m venv .venv && .venv/bin/pip install -r requirements-dev.txt']), 'cp .env.example .env   # then fill in the secrets', '.venv/bin/python -m pytest', '.venv/bin/python -m app']
      : [...(install ? [] : [`${pm} install`]), 'cp .env.example .env   # then fill in the secrets', `${pm} test`, `${pm} run dev`];
  ctx.out(`\n${bold('Next steps')}\n${[...(cd ? [`cd ${cd}`] : []), ...steps].map((s) => `  ${cyan(s)}`).join('\n')}`);
  ctx.out(dim(`\nSECURITY.md lists each control and the test that proves it. Add a control later with: npx rampart add <feature>`));
  return 0;
}
