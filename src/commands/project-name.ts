import validate from 'validate-npm-package-name';

/** npm's naming rules; returns why a name is refused, or undefined when it is fine. */
export function projectNameProblem(name: string): string | undefined {
  const result = validate(name);
  if (result.validForNewPackages) return undefined;
  const reason = [...(result.errors ?? []), ...(result.warnings ?? [])][0] ?? 'invalid name';
  return `invalid project name "${name}": ${reason}`;
}
