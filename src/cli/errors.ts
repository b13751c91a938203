/**
 * A failure the user can fix: printed as one line, never as a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    /** 1: the input or the rule file is wrong; 2: the command line itself is wrong. */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
