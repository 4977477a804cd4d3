import { features, frameworks } from '../catalog/index.js';
import type { FrameworkId } from '../catalog/types.js';
import { isFrameworkId, resolveSelection } from '../engine/selection.js';
import { packageManagers, type PackageManager } from '../tasks/install.js';
import { projectNameProblem } from '../commands/project-name.js';

export interface Answers {
  name: string;
  framework: FrameworkId;
  features: string[];
  options: Record<string, string>;
  pm: PackageManager;
  git: boolean;
  install: boolean;
}

export interface Known {
  name?: string;
  framework?: string;
  features?: string[];
  options: Record<string, string | undefined>;
  pm?: PackageManager;
  git?: boolean;
  install?: boolean;
  detectedPm: PackageManager;
}

export class PromptCancelled extends Error {
  override name = 'PromptCancelled';
}

/** A prompt's answer; @clack/prompts answers Ctrl-C with its cancel symbol. */
function answered<T>(value: T): Exclude<T, symbol> {
  if (typeof value === 'symbol') throw new PromptCancelled('cancelled');
  return value as Exclude<T, symbol>;
}

/** Asks only what the flags did not answer; returns a complete set of answers. */
export async function askCreate(known: Known): Promise<Answers> {
  // The prompt library (~100 KB) is loaded only when there is something to ask.
  const p = await import('@clack/prompts');
  p.intro('rampart: an API that is secure from its first commit');

  const name =
    known.name ??
    answered(
      await p.text({
        message: 'Project name',
        placeholder: 'my-api',
        defaultValue: 'my-api',
        validate: (value) => projectNameProblem(value || 'my-api'),
      }),
    );

  const framework =
    known.framework !== undefined && isFrameworkId(known.framework)
      ? known.framework
      : answered(
          await p.select<FrameworkId>({
            message: 'Framework',
            options: Object.values(frameworks).map((f) => ({ value: f.id, label: f.title, hint: f.hint })),
          }),
        );

  let chosen: string[] | undefined = known.features;
  for (;;) {
    if (chosen === undefined) {
      const available = features.filter((f) => f.frameworks.includes(framework));
      chosen = answered(
        await p.multiselect<string>({
          message: 'Security controls (space to toggle, enter to confirm)',
          options: available.map((f) => ({ value: f.id, label: f.title, hint: f.hint })),
          initialValues: available.filter((f) => f.recommended).map((f) => f.id),
          required: false,
        }),
      );
    }
    try {
      resolveSelection({ name, framework, features: chosen });
      break;
    } catch (error) {
      if (known.features !== undefined) throw error;
      p.log.warn((error as Error).message);
      chosen = undefined;
    }
  }

  const options: Record<string, string> = {};
  for (const feature of features) {
    for (const option of feature.options ?? []) {
      const given = known.options[option.flag];
      if (given !== undefined) options[option.flag] = given;
      else if (chosen.includes(feature.id)) {
        options[option.flag] = answered(
          await p.select<string>({
            message: option.title,
            initialValue: option.default,
            options: option.choices.map((c) => ({ value: c.value, label: c.label, ...(c.hint ? { hint: c.hint } : {}) })),
          }),
        );
      }
    }
  }

  const language = frameworks[framework].language;
  const pm =
    known.pm ??
    (language === 'python'
      ? known.detectedPm
      : answered(
          await p.select<PackageManager>({
            message: 'Package manager',
            initialValue: known.detectedPm,
            options: packageManagers.map((m) => ({ value: m, label: m })),
          }),
        ));
  const git = known.git ?? answered(await p.confirm({ message: 'Initialise a git repository?', initialValue: true }));
  const install =
    known.install ??
    answered(await p.confirm({ message: language === 'python' ? 'Create .venv and install dependencies?' : 'Install dependencies?', initialValue: true }));

  return { name, framework, features: chosen, options, pm, git, install };
}
