import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { Context } from './context.js';
import { MockprepError } from './core/errors.js';

// The only module that picks an exit code. Commands are imported when they run, so `--help`
// and `list` pay for neither the prompts nor the validator (start-up is a feature).

export const EXIT = { ok: 0, error: 1, usage: 2, interrupted: 130 } as const;

/** The process-facing parts `main` uses; tests pass their own streams and environment. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stdin: Context['stdin'];
  env: Record<string, string | undefined>;
}

interface GlobalOptions {
  dataDir?: string;
  version?: boolean;
}

const EXAMPLES = `
Examples:
  $ mockprep                                   pick a category and start (in a terminal)
  $ mockprep list                              sets and categories with question counts
  $ mockprep list beginner                     the questions of one category
  $ mockprep start -c advanced -n 3 -t 4m      three advanced questions, 4 minutes each
  $ mockprep validate my-questions.yaml        check a question set you wrote

Exit codes: 0 done, 1 error, 2 usage error, 130 interrupted.
Transcripts live in --data-dir, else $MOCKPREP_HOME, else the platform's data folder.
`;

/** Runs mockprep with `argv` (without node and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return await reportError(error, io);
  }
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** Thrown by actions to end with an exit code after they printed everything themselves. */
class ExitWith extends Error {
  override name = 'ExitWith';
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command('mockprep');
  // Configure the root before .command() creates subcommands: commander copies these settings
  // to a subcommand only when it is created.
  program
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // One line, however commander phrased it ("unknown command" adds a "Did you mean" line).
      outputError: (text, write) => write(`${text.trim().replace(/\s*\n\s*/g, ' ')}\n`),
    })
    .description('Timed mock interviews in your terminal: a live countdown, hints on request, every word autosaved.')
    .option('--data-dir <dir>', 'where transcripts live (default: $MOCKPREP_HOME or the platform data folder)')
    .option('-v, --version', 'print the version')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .usage('[options] [command]')
    .argument('[command]')
    .action(async (command: string | undefined) => {
      if (command !== undefined) {
        const { closestMatches } = await import('./core/closest-match.js');
        const names = program.commands.flatMap((sub) => [sub.name(), ...sub.aliases()]);
        const guess = closestMatches(command, names, 1)[0];
        program.error(`error: unknown command '${command}'${guess ? ` (did you mean ${guess}?)` : ''}; see mockprep --help`, {
          exitCode: EXIT.usage,
          code: 'commander.unknownCommand',
        });
      }
      const globals = program.opts<GlobalOptions>();
      if (globals.version) {
        io.stdout.write(`${await readVersion()}\n`);
        return;
      }
      program.outputHelp();
    });

  const context = async (): Promise<Context> => createContext(io, program.opts<GlobalOptions>());

  program
    .command('list')
    .description('sets and categories with question counts; with a category, its questions')
    .argument('[category]', 'a category id or title')
    .option('-s, --set <path>', 'a question set file or folder instead of the built-in bank (repeatable)', collect)
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ mockprep list\n  $ mockprep list "AI Workflow & Tools"\n  $ mockprep list --json')
    .action(async (category: string | undefined, options: { set?: string[]; json?: boolean }) => {
      const { runList } = await import('./commands/list.js');
      await runList({ ...options, category }, await context());
    });

  program
    .command('validate')
    .description('check question-set files; prints file:line:col: message for every problem')
    .argument('<path...>', 'question-set files or folders of them')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ mockprep validate questions/\n  $ mockprep validate a.yaml b.yaml')
    .action(async (paths: string[], options: { json?: boolean }) => {
      const { runValidate } = await import('./commands/validate.js');
      const result = await runValidate({ paths, json: options.json }, await context());
      if (!result.valid) throw new ExitWith(EXIT.error);
    });

  return program;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A commander parser for a whole number in a range. */
export function parseIntegerOption(min: number, max: number): (value: string) => number {
  return (value) => {
    const trimmed = value.trim();
    const number = /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    return number;
  };
}

async function readVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function createContext(io: CliIo, globals: GlobalOptions): Promise<Context> {
  const [{ createOutput }, { createNodeFileStore }, { systemClock }, { resolveDataDir }] = await Promise.all([
    import('./io/output.js'),
    import('./io/file-store.js'),
    import('./io/clock.js'),
    import('./io/data-dir.js'),
  ]);
  return {
    stdout: createOutput(io.stdout, io.env),
    stderr: createOutput(io.stderr, io.env),
    stdin: io.stdin,
    env: io.env,
    store: createNodeFileStore(),
    clock: systemClock,
    dataDir: resolveDataDir(globals.dataDir, io.env),
    signal: new AbortController().signal,
  };
}

async function reportError(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof ExitWith) return error.code;
  if (error instanceof CommanderError) {
    // --help and --version end through here too, with exit code 0; the rest are usage errors.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const { createOutput } = await import('./io/output.js');
  const stderr = createOutput(io.stderr, io.env);
  const debug = Boolean(io.env.DEBUG?.split(',').some((name) => name.trim() === 'mockprep' || name.trim() === '*'));
  if (error instanceof MockprepError) {
    stderr.line(stderr.color.red(`mockprep: ${error.message}`));
    for (const detail of error.details) stderr.line(detail);
    if (debug && error.stack) stderr.line(error.stack);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.line(stderr.color.red(`mockprep: internal error, please report it: ${message}`));
  stderr.line(debug ? String(error instanceof Error ? error.stack : error) : '(run with DEBUG=mockprep to see the stack trace)');
  return EXIT.error;
}
