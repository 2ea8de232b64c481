import { runExport } from './commands/export.js';
import { runReview } from './commands/review.js';
import { runSessions } from './commands/sessions.js';
import type { CliIo } from './context.js';
import { createContext, runDirectCommand } from './context.js';

// `review` and `export` read a session and print it, in about the time Node takes to start: the
// launcher (bin/mockprep.cjs) sends them here, to a bundle of their own that holds neither
// commander nor the other commands (scripts/build.js). Only the plain shapes of their arguments
// are taken (a session id, -o <path>, -f md|json, --all); anything else (help, an option spelled
// another way, a mistake) goes to the full CLI (cli.ts), which parses and answers it as always.
// `sessions` (`history`) comes here too when given nothing or only `--json` (its options with
// values stay commander's to check): export reads sessions through its code, so it is in this
// bundle already. (`stats` is not: importing it from here split this bundle into shared chunks,
// and review paid more for loading them than stats saved.)
// What runs is the same either way: the command's run function, in the context cli.ts builds,
// its errors reported by the same code (exit.ts).

/** A command line this module runs itself: what commander would have parsed from it. */
export type DirectCommand =
  | { command: 'sessions'; options: { json?: true } }
  | { command: 'review'; session?: string }
  | { command: 'export'; session?: string; options: { format: 'md' | 'json'; output?: string; all?: true } };

/**
 * The command `argv` asks for, when it is one of the plain shapes this module takes; null for
 * anything else (the full CLI parses it). A value is taken only where commander would read the
 * same from it: no token of its own that starts with `-`, no empty path, no option given twice.
 */
export function parseDirectCommand(argv: readonly string[]): DirectCommand | null {
  const [command, ...rest] = argv;
  if (command === 'sessions' || command === 'history') {
    if (rest.length === 0) return { command: 'sessions', options: {} };
    return rest.length === 1 && rest[0] === '--json' ? { command: 'sessions', options: { json: true } } : null;
  }
  if (command === 'review') {
    if (rest.length > 1 || rest.some((token) => token.startsWith('-'))) return null;
    return rest[0] === undefined ? { command } : { command, session: rest[0] };
  }
  if (command !== 'export') return null;
  let session: string | undefined;
  let format: 'md' | 'json' | undefined;
  let output: string | undefined;
  let all = false;
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] as string;
    if (token === '-o' || token === '--output' || token === '-f' || token === '--format') {
      const value = rest[++i];
      if (value === undefined || value.startsWith('-')) return null;
      if (token === '-o' || token === '--output') {
        // An empty path is commander's to refuse (cli.ts parsePathOption).
        if (output !== undefined || value.trim() === '') return null;
        output = value;
      } else {
        if (format !== undefined || (value !== 'md' && value !== 'json')) return null;
        format = value;
      }
    } else if (token === '--all') {
      if (all) return null;
      all = true;
    } else if (token.startsWith('-') || session !== undefined) {
      return null;
    } else {
      session = token;
    }
  }
  const options = { format: format ?? 'md', ...(output === undefined ? {} : { output }), ...(all ? { all: true as const } : {}) };
  return session === undefined ? { command, options } : { command, session, options };
}

/**
 * Runs mockprep with `argv` and returns the exit code, as cli.ts `main` does: review and export
 * (and sessions) in their plain shapes here, everything else through the full CLI.
 */
export async function main(argv: readonly string[], io?: CliIo): Promise<number> {
  return runDirectCommand(
    argv,
    io,
    parseDirectCommand(argv),
    () => import('./cli.js'),
    async (direct, streams) => {
      const ctx = await createContext(streams, undefined);
      // All imported statically: this module exists for them, and its bundle is one file.
      if (direct.command === 'review') await runReview({ session: direct.session }, ctx);
      else if (direct.command === 'export') await runExport({ ...direct.options, session: direct.session }, ctx);
      else await runSessions(direct.options, ctx);
      return undefined;
    },
  );
}
