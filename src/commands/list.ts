import { features, frameworks } from '../catalog/index.js';
import { bold, dim } from '../ui.js';

export function listCatalog(json: boolean): string {
  const fws = Object.values(frameworks);
  if (json) {
    return JSON.stringify(
      {
        frameworks: fws.map(({ id, title, hint, language }) => ({ id, title, hint, language })),
        features: features.map((f) => ({
          id: f.id,
          title: f.title,
          hint: f.hint,
          frameworks: f.frameworks,
          recommended: f.recommended,
          requires: f.requires ?? [],
          requiresOneOf: f.requiresOneOf ?? [],
          options: (f.options ?? []).map((o) => ({ id: o.id, flag: `--${o.flag}`, default: o.default, choices: o.choices.map((c) => c.value) })),
        })),
      },
      null,
      2,
    );
  }
  const width = Math.max(...features.map((f) => f.id.length));
  const lines = [bold('Frameworks'), ...fws.map((f) => `  ${f.id.padEnd(width)}  ${f.hint}`), '', bold('Features')];
  for (const f of features) {
    const support = fws.map((fw) => (f.frameworks.includes(fw.id) ? fw.id : dim(`no ${fw.id}`))).join(' ');
    lines.push(`  ${f.id.padEnd(width)}  ${f.hint}${f.recommended ? dim(' (recommended)') : ''}`);
    lines.push(`  ${' '.repeat(width)}  ${dim('frameworks:')} ${support}`);
    if (f.requiresOneOf) lines.push(`  ${' '.repeat(width)}  ${dim('needs one of:')} ${f.requiresOneOf.join(', ')}`);
    for (const o of f.options ?? []) {
      lines.push(`  ${' '.repeat(width)}  ${dim(`--${o.flag}`)} ${o.choices.map((c) => (c.value === o.default ? `${c.value} (default)` : c.value)).join(' | ')}`);
    }
  }
  return lines.join('\n');
}
