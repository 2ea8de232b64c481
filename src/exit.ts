import { MockprepError } from './core/errors.js';
import { escapeControls } from './core/sanitize-text.js';
import type { TerminalStream } from './io/output.js';
import { openOutput } from './io/output.js';

// Exit codes, and an error turned into one red line and its code. cli.ts (commander's parsing
// errors, the interview's interrupts) and direct-commands.ts (review and export without
// commander) both end through here, so an error reads the same whichever parsed the arguments.

export const EXIT = { ok: 0, error: 1, usage: 2, interrupted: 130 } as const;

/** One line on stderr for an error a command threw, and the exit code it stands for. */
export async function reportCommandError(
  error: unknown,
  io: { stderr: TerminalStream; env: Record<string, string | undefined> },
): Promise<number> {
  const stderr = await openOutput(io.stderr, io.env);
  const debug = Boolean(io.env.DEBUG?.split(',').some((name) => name.trim() === 'mockprep' || name.trim() === '*'));
  // Messages quote names, ids and library text from outside: shown through escapeControls, always.
  if (error instanceof MockprepError) {
    stderr.line(stderr.color.red(`mockprep: ${escapeControls(error.message)}`));
    for (const detail of error.details) stderr.line(escapeControls(detail));
    if (debug && error.stack) stderr.line(error.stack);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.line(stderr.color.red(`mockprep: internal error, please report it: ${escapeControls(message)}`));
  stderr.line(debug ? String(error instanceof Error ? error.stack : error) : '(run with DEBUG=mockprep to see the stack trace)');
  return EXIT.error;
}
