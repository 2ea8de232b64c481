import { runStats } from './commands/stats.js';
import type { CliIo } from './context.js';
import { createContext, runDirectCommand } from './context.js';

// `stats` and `stats --json` from a bundle of their own, as direct-commands.ts does for review
// and export: the launcher (bin/mockprep.cjs) requires it without commander, the other commands
// or Node's ES module loader. Anything else (-c, --since, --mode, help, a mistake) goes to the
// full CLI (cli.ts), which parses and answers it as always. What runs is the same either way:
// runStats, in the context cli.ts builds, errors reported by exit.ts.

/** The options of a plain `stats` command line, or null when `argv` is not one. */
export function parseDirectStats(argv: readonly string[]): { json?: true } | null {
  const [command, ...rest] = argv;
  if (command !== 'stats') return null;
  if (rest.length === 0) return {};
  return rest.length === 1 && rest[0] === '--json' ? { json: true } : null;
}

/** Runs mockprep with `argv` and returns the exit code, as cli.ts `main` does. */
export async function main(argv: readonly string[], io?: CliIo): Promise<number> {
  return runDirectCommand(
    argv,
    io,
    parseDirectStats(argv),
    () => import('./cli.js'),
    async (options, streams) => {
      await runStats(options, await createContext(streams, undefined));
      return undefined;
    },
  );
}
