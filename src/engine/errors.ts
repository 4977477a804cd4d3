/**
 * A mistake the user can fix: printed as one line (what is wrong, what to do),
 * exit code 1, never a stack trace. Anything else that escapes is a bug.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
