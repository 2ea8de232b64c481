import { runValidate } from './commands/validate.js';
import type { CliIo } from './context.js';
import { runDirectCommand } from './context.js';
import { EXIT } from './exit.js';
import { createNodeFileStore } from './io/file-store.js';
import { openOutput } from './io/output.js';

// `validate` in its plain shape (paths, with --json and --strict) from a bundle of its own, as
// direct-commands.ts does for review and export: the launcher (bin/mockprep.cjs) requires it
// without commander, the other commands or Node's ES module loader. Anything else it is given
// (help, an option of another spelling, a path that starts with `-`, a mistake) goes to the full
// CLI (cli.ts), which parses and answers it as always. What runs is the same either way:
// runValidate, in the context cli.ts gives list and validate, errors reported by exit.ts.

/** The options of a plain `validate` command line: what commander would have parsed from it. */
export interface DirectValidate {
  paths: string[];
  json?: true;
  strict?: true;
}

/**
 * The paths and options `argv` gives validate, when it is `validate` with one path or more and
 * nothing but --json and --strict (each once) beside them; null for anything else.
 */
export function parseDirectValidate(argv: readonly string[]): DirectValidate | null {
  const [command, ...rest] = argv;
  if (command !== 'validate') return null;
  const parsed: DirectValidate = { paths: [] };
  for (const token of rest) {
    if (token === '--json' && !parsed.json) parsed.json = true;
    else if (token === '--strict' && !parsed.strict) parsed.strict = true;
    // Options, `-` and `--`, and the empty path are commander's to read.
    else if (token === '' || token.startsWith('-')) return null;
    else parsed.paths.push(token);
  }
  return parsed.paths.length > 0 ? parsed : null;
}

/** Runs mockprep with `argv` and returns the exit code, as cli.ts `main` does. */
export async function main(argv: readonly string[], io?: CliIo): Promise<number> {
  return runDirectCommand(
    argv,
    io,
    parseDirectValidate(argv),
    () => import('./cli.js'),
    async (options, streams) => {
      const result = await runValidate(options, {
        stdout: await openOutput(streams.stdout, streams.env),
        store: createNodeFileStore(),
        workers: true,
      });
      return result.valid ? EXIT.ok : EXIT.error;
    },
  );
}
