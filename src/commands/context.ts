/** What a command may use of the outside world; the CLI provides it, tests can fake it. */
export interface CommandContext {
  /**
   * rampart's own version (recorded in rampart.json, compared by upgrade). Given
   * by the CLI rather than imported, so that cli.js and the commands' chunk share
   * no module: one ES module fewer to load for every command.
   */
  version: string;
  cwd: string;
  /** A person at the terminal (asked lazily: finding out creates the stdin stream). */
  readonly interactive: boolean;
  out(line: string): void;
  /** Starts a progress indicator (a spinner on a terminal); call the returned function with the final message. */
  progress(message: string): Promise<(final: string, ok?: boolean) => void>;
  /** True once the user pressed Ctrl-C: long operations roll back and stop. */
  aborted(): boolean;
  stepDelayMs?: number;
}
