/**
 * execa, loaded on first use. Bundled it is ~250 KB of JavaScript that every
 * process would compile at start-up; a `--no-git --no-install` scaffold, and
 * most other commands, never spawn anything and so never load it.
 */
export const loadExeca = async (): Promise<typeof import('execa').execa> => (await import('execa')).execa;
