/**
 * Errors the user can act on. `cli.ts` alone turns them into one line on stderr and an exit
 * code; anything else that escapes a command is an internal error.
 */
export class MockprepError extends Error {
  override name = 'MockprepError';
  /** Exit code the CLI uses for this error. */
  readonly exitCode: number = 1;
  /** Extra lines printed after the message (e.g. a list of problems). */
  readonly details: readonly string[];

  constructor(message: string, options: { details?: readonly string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details ?? [];
  }
}

/** Bad command-line input: an unknown category, a bad duration, too many questions. Exit 2. */
export class UsageError extends MockprepError {
  override name = 'UsageError';
  override readonly exitCode = 2;
}

/** A question set (or several) failed to load; `problems` are `file:line:col: message` lines. */
export class QuestionSetError extends MockprepError {
  override name = 'QuestionSetError';
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(message, { details: problems });
  }
}

/**
 * The session ran to its end but its transcript could not be written: the answers were printed
 * to the terminal instead. Exit 1, so that a script can tell; `transcript` is the session as it ended.
 */
export class TranscriptNotSavedError extends MockprepError {
  override name = 'TranscriptNotSavedError';
  constructor(
    readonly path: string,
    readonly transcript: unknown,
  ) {
    super(`the transcript could not be written to ${path}; your answers are printed above`);
  }
}

/**
 * The run was stopped by a signal (Ctrl-C, SIGTERM) after every answer was in: the transcript is
 * complete and saved, and the exit code is 130 all the same, as for any interrupted run.
 */
export class InterruptedError extends MockprepError {
  override name = 'InterruptedError';
  override readonly exitCode = 130;
}
