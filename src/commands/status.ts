import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedArgs } from '../args.js';
import { selectionOf, sha256 } from '../engine/manifest.js';
import { loadPrecompiled } from '../engine/precompiled.js';
import { render } from '../engine/render.js';
import { bold, dim, green, red, yellow } from '../ui.js';
import type { CommandContext } from './context.js';
import { openProject } from './project.js';

/**
 * Which features, which files the owners edited, and whether each feature's
 * wiring is still in place: a feature's footprint is what the render has with
 * it that it lacks without it, and each of those lines must still be on disk.
 * Exits 1 when a feature's wiring is not intact.
 */
export async function status(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const { dir, manifest } = openProject(args, ctx);
  const { version } = ctx;
  const json = Boolean(args.flags.json);
  const selection = selectionOf(manifest);
  const files = Object.entries(manifest.files).map(([path, hash]) => {
    const disk = join(dir, path);
    const state = !existsSync(disk) ? 'missing' : sha256(readFileSync(disk, 'utf8')) === hash ? 'unchanged' : 'edited';
    return { path, state };
  });
  // Left in place when their feature was removed: the owners' now, but worth knowing about.
  const kept = Object.keys(manifest.kept ?? {}).filter((path) => existsSync(join(dir, path)));
  const precompiled = await loadPrecompiled(selection.framework);
  const full = await render(selection, { version, precompiled });
  const wiring: { feature: string; intact: boolean; problems: string[] }[] = [];
  for (const id of selection.features) {
    // A feature's footprint: what the render has with it that it lacks without it.
    const without = await render({ ...selection, features: selection.features.filter((f) => f !== id) }, { version, precompiled });
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
    wiring.push({ feature: id, intact: problems.length === 0, problems });
  }
  // A control that is no longer wired in is a security regression: exit 1, so CI can run status as a check.
  const broken = wiring.some((w) => !w.intact);
  if (json) {
    ctx.out(JSON.stringify({ ok: !broken, framework: selection.framework, features: selection.features, options: selection.options, generator: manifest.generator, files, kept, wiring }, null, 2));
    return broken ? 1 : 0;
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
  if (kept.length > 0) {
    ctx.out(`${bold('Left in place')} ${dim(`${kept.length} file(s) no longer generated, kept because you edited them (or a kept file imports them)`)}`);
    for (const path of kept) ctx.out(`  ${dim('kept   ')} ${path}`);
  }
  return broken ? 1 : 0;
}

