import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { CliIo } from './context.js';
import { createContext, outputHasFailed, processIo } from './context.js';
import { readDuration } from './core/duration.js';
import { DIFFICULTIES, IMPORT_FORMATS, MODES, ORDERS } from './core/question-enums.js';
import { escapeControls } from './core/sanitize-text.js';
import type { SinceSpec } from './core/since.js';
import { parseSince, SINCE_PROBLEM } from './core/since.js';
import { EXIT, reportCommandError } from './exit.js';

// commander's CLI: the module that picks exit codes (with exit.ts, which review and export share
// when they run without commander: direct-commands.ts). Commands are imported when they run, so
// `--help` and `list` pay for neither the prompts nor the validator (start-up is a feature).

export type { CliIo } from './context.js';
export { EXIT } from './exit.js';

interface GlobalOptions {
  dataDir?: string;
  version?: boolean;
}

const SHELLS_TEXT = 'bash, zsh or fish';

const EXAMPLES = `
Examples:
  $ mockprep                              pick a category and start
  $ mockprep list                         sets and categories, with counts
  $ mockprep list beginner                the questions of one category
  $ mockprep start -c advanced -n 3 -t 4m three questions, 4 minutes each
  $ mockprep init                         write a starter question set to edit
  $ mockprep validate my-questions.yaml   check a question set you wrote
  $ mockprep import list.md -o set.yaml   a question set from a markdown list
  $ mockprep sessions                     your past sessions, newest first
  $ mockprep review latest                the last session, question by question
  $ mockprep export latest -o notes.md    the last session as markdown
  $ mockprep resume                       continue the session you stopped
  $ mockprep grade latest                 the last session, graded by a model
  $ mockprep start --order due            practise what your schedule has due
  $ mockprep start --order weakest        cram your weakest answered questions

Exit codes: 0 done, 1 error, 2 usage error, 130 interrupted.
Transcripts live in --data-dir, else $MOCKPREP_HOME, else the platform's
data folder.
`;

/** Runs mockprep with `argv` (without node and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  let code: number;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    code = EXIT.ok;
  } catch (error) {
    code = await reportError(error, io);
  }
  // Output that could not be written (a full disk under `> file`) ends the run with exit 1.
  return outputHasFailed() ? Math.max(code, EXIT.error) : code;
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

/**
 * Help is wrapped at the terminal's width up to 80 columns: wider lines are hard to read, and
 * at 80 the top-level help is the text the build saves for the launcher (bin/mockprep.cjs).
 */
export const HELP_WIDTH = 80;

function helpWidth(stream: CliIo['stdout']): number {
  return stream.isTTY && stream.columns && stream.columns > 0 ? Math.min(stream.columns, HELP_WIDTH) : HELP_WIDTH;
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
      getOutHelpWidth: () => helpWidth(io.stdout),
      getErrHelpWidth: () => helpWidth(io.stderr),
      // One line, however commander phrased it ("unknown command" adds a "Did you mean" line).
      // Every error starts with "mockprep:", commander's parsing errors ("error: ...") too.
      outputError: (text, write) => write(`mockprep: ${escapeControls(oneLine(text.replace(/^\s*error:\s*/, '')))}\n`),
    })
    .description('Timed mock interviews in your terminal: a live countdown, hints on request, every word autosaved.')
    .option('--data-dir <dir>', 'where transcripts live (default: $MOCKPREP_HOME or the platform data folder)', parsePathOption)
    .option('-v, --version', 'print the version')
    .addHelpText('after', EXAMPLES)
    .helpCommand(false)
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
      if (!io.stdin.isTTY || !io.stdout.isTTY) {
        program.outputHelp();
        return;
      }
      await withSignals(async (signal) => {
        const ctx = await context(signal);
        const { runPicker } = await import('./commands/picker.js');
        const options = await runPicker(ctx);
        if (!options) throw new ExitWith(EXIT.interrupted);
        const { runStart } = await import('./commands/start.js');
        const transcript = await runStart(options, ctx);
        if (transcript.status === 'interrupted') throw new ExitWith(EXIT.interrupted);
      });
    });

  const context = async (signal?: AbortSignal) => createContext(io, program.opts<GlobalOptions>().dataDir, signal);
  // What list and validate use: they read question sets and print, no data folder, no clock.
  const setsContext = async () => {
    const [{ openOutput }, { createNodeFileStore }] = await Promise.all([import('./io/output.js'), import('./io/file-store.js')]);
    return { stdout: await openOutput(io.stdout, io.env), store: createNodeFileStore() };
  };

  program
    .command('list')
    .description('sets and categories with question counts; with a category, its questions')
    .argument('[category]', 'a category id or title')
    .option('-s, --set <path>', 'a question set file or folder instead of the built-in bank (repeatable)', collect)
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ mockprep list\n  $ mockprep list "AI Workflow & Tools"\n  $ mockprep list --json')
    .action(async (category: string | undefined, options: { set?: string[]; json?: boolean }) => {
      const { runList } = await import('./commands/list.js');
      await runList({ ...options, category }, await setsContext());
    });

  program
    .command('validate')
    .description('check question-set files; prints file:line:col: message for every problem')
    .argument('<path...>', 'question-set files or folders of them')
    .option('--json', 'print JSON')
    .option('--strict', 'treat warnings about key points as errors (exit 1)')
    .addHelpText(
      'after',
      '\nWarnings (exit 0 unless --strict): a one-word keyword that is an everyday\nword, a key point with fewer than 3 keywords, and a keyword the prompt itself\ncontains.\n\nExamples:\n  $ mockprep validate questions/\n  $ mockprep validate --strict a.yaml b.yaml',
    )
    .action(async (paths: string[], options: { json?: boolean; strict?: boolean }) => {
      const { runValidate } = await import('./commands/validate.js');
      const result = await runValidate({ paths, json: options.json, strict: options.strict }, { ...(await setsContext()), workers: true });
      if (!result.valid) throw new ExitWith(EXIT.error);
    });

  program
    .command('start')
    .description('a timed mock interview, one question at a time')
    .option('-c, --category <name>', 'category id or title (default: every category)')
    .option('-s, --set <path>', 'a question set file or folder instead of the built-in bank (repeatable)', collect)
    .option('-n, --count <n>', `how many questions (default: 5)`, parseIntegerOption(1, 1000))
    .option('-t, --time <duration>', "time per question: 90s, 3m, 1m30s or off (default: each question's own, else 3m)", parseTimeOption)
    .option('--total <duration>', 'time for the whole session (answering time)', parseDurationOption)
    .addOption(new Option('--difficulty <level>', 'only questions of this difficulty').choices(DIFFICULTIES))
    .option('--tag <tag>', 'only questions with this tag (e.g. anthropic)')
    .option('-q, --question <id>', 'only this question: set-id/question-id, or its id (repeatable; stats prints them)', collectText)
    .addOption(
      new Option(
        '--order <order>',
        'random, in-order, due (what your schedule says is due, most overdue first, then new questions) or weakest (answered questions, weakest first; new ones last)',
      )
        .choices(ORDERS)
        .default('random'),
    )
    .option('--seed <n>', 'seed for the random order: same seed, same questions', parseIntegerOption(0, 2 ** 31 - 1))
    .addOption(
      new Option('--mode <mode>', 'practice: hints and feedback after each question; live: a real interview, feedback at the end')
        .choices(MODES)
        .default('practice'),
    )
    .option('--follow-ups <n>', "how many of each question's follow-up questions to ask (0 to turn off)", parseIntegerOption(0, 10), 1)
    .option('--overtime', 'at zero keep answering: the countdown turns into an overtime counter')
    .option('--no-hints', 'no hints')
    .option('--no-review', 'no key points or rating until the end (a straight-through interview)')
    .addOption(
      new Option(
        '--grader <grader>',
        'who suggests the key-point marks: offline (default) or llm, an OpenAI-compatible server you name with MOCKPREP_LLM_*',
      ).choices(['offline', 'llm']),
    )
    .option('--plain', 'line-by-line mode for screen readers and scripts (automatic without a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  $ mockprep start -c beginner -n 3
  $ mockprep start -c "Scenario-Based" -t 4m --no-review
  $ mockprep start --tag anthropic --difficulty hard -t off
  $ printf 'my answer\\n/done\\n' | mockprep start --plain -c beginner -n 1

While answering: Enter starts a new line; Ctrl-S (or a /done line) submits;
Ctrl-T (/hint) reveals a hint; Ctrl-X (/skip) skips; Ctrl-C (/quit) stops,
keeping everything typed.

After an answer the key points are marked, each with the words that earned it;
correct them: a point's number toggles it, Enter accepts (plain mode: a line
/covered 1 3 at the rating prompt sets the covered points, /covered alone none).`,
    )
    .action(async (options: import('./commands/start.js').StartOptions) => {
      await withSignals(async (signal) => {
        const { runStart } = await import('./commands/start.js');
        const transcript = await runStart(options, await context(signal));
        if (transcript.status === 'interrupted') throw new ExitWith(EXIT.interrupted);
      });
    });

  program
    .command('init')
    .description('write a commented starter question set to edit (never over an existing file)')
    .argument('[file]', 'the file to write, or a folder to write it into (default: my-questions.yaml)', parsePathOption)
    .addHelpText('after', '\nExamples:\n  $ mockprep init\n  $ mockprep init sets/backend.yaml')
    .action(async (file: string | undefined) => {
      const { runInit } = await import('./commands/init.js');
      await runInit({ file }, await setsContext());
    });

  program
    .command('import')
    .description('turn markdown lists, CSV/TSV files or Anki text exports into a question set')
    .argument('<file...>', 'the lists to import (.md, .csv, .tsv, or .txt from Anki)')
    .option('-o, --output <file>', 'write the set to this file (default: stdout)', parsePathOption)
    .option('--id <id>', "the set's id (default: made from its title)")
    .option('--title <title>', "the set's title (default: the list's title)")
    .option('--category <title>', 'put every question in this one category')
    .addOption(new Option('--format <format>', 'read the files as this format (default: by name and content)').choices(IMPORT_FORMATS))
    .option('--force', 'replace the -o file if it exists')
    .addHelpText(
      'after',
      '\nExamples:\n  $ mockprep import questions.md -o set.yaml\n  $ mockprep import deck.txt --category Python -o python.yaml\n  $ mockprep import a.csv b.csv --title "Team questions" > team.yaml',
    )
    .action(async (files: string[], options: Omit<import('./commands/import.js').ImportOptions, 'files'>) => {
      const { runImport } = await import('./commands/import.js');
      const ctx = await setsContext();
      const { openOutput } = await import('./io/output.js');
      await runImport({ ...options, files }, { ...ctx, stderr: await openOutput(io.stderr, io.env) });
    });

  program
    .command('schema')
    .description('print the JSON Schema of question sets (draft-07), for editors')
    .option('-o, --output <file>', 'write it to this file instead of stdout', parsePathOption)
    .addHelpText(
      'after',
      '\nExamples:\n  $ mockprep schema -o question-set.schema.json\n\nThen start a set with this line for completion and checks in your editor:\n  # yaml-language-server: $schema=question-set.schema.json',
    )
    .action(async (options: { output?: string }) => {
      const { runSchema } = await import('./commands/schema.js');
      await runSchema(options, await setsContext());
    });

  const SESSION_ARGUMENT = 'a session id (or a unique start of one), or latest';

  program
    .command('sessions')
    .alias('history')
    .description('past sessions, newest first: date, category, answered, time, hints, time-outs, rating, status')
    .option('-c, --category <name>', 'only sessions that asked questions of this category (id or title)')
    .addOption(new Option('--mode <mode>', 'only sessions sat in this mode').choices(MODES))
    .option('-n, --limit <n>', 'only the newest n sessions', parseIntegerOption(1, 1_000_000))
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ mockprep sessions\n  $ mockprep history -n 5\n  $ mockprep sessions --mode live\n  $ mockprep sessions -c beginner --json',
    )
    .action(async (options: import('./commands/sessions.js').SessionsOptions) => {
      const { runSessions } = await import('./commands/sessions.js');
      await runSessions(options, await context());
    });

  program
    .command('review')
    .description('a past session in the terminal, question by question')
    .argument('[id]', `${SESSION_ARGUMENT} (default)`)
    .addHelpText('after', '\nExamples:\n  $ mockprep review\n  $ mockprep review 20261125-1930')
    .action(async (id: string | undefined) => {
      const { runReview } = await import('./commands/review.js');
      await runReview({ session: id }, await context());
    });

  program
    .command('grade')
    .description('grade a saved session with the model (MOCKPREP_LLM_*) and store its marks in the transcript')
    .argument('[id]', `${SESSION_ARGUMENT} (default)`)
    .addHelpText(
      'after',
      '\nThe model grades each answered main question against its key points, with\n' +
        'quoted evidence, feedback and the follow-up it would ask. The offline marks\n' +
        'are kept beside them, and your own corrections still count. It sends what\n' +
        '--grader llm sends (see the README) to MOCKPREP_LLM_BASE_URL (default\n' +
        'http://127.0.0.1:11434/v1, Ollama); MOCKPREP_LLM_MODEL names the model.\n' +
        '\nExamples:\n  $ MOCKPREP_LLM_MODEL=llama3.1 mockprep grade\n  $ mockprep grade 20261125-1930',
    )
    .action(async (id: string | undefined) => {
      const { runGrade } = await import('./commands/grade.js');
      // Ctrl-C while the model reads stops it there, with what was graded already saved.
      await withSignals(async (signal) => {
        await runGrade({ session: id }, await context(signal));
      });
    });

  program
    .command('export')
    .description('a session as a markdown document (or its JSON transcript), to stdout or a file')
    .argument('[id]', `${SESSION_ARGUMENT} (default)`)
    .addOption(new Option('-f, --format <format>', 'md: a document to read; json: the transcript').choices(['md', 'json']).default('md'))
    .option('-o, --output <path>', 'write to this file (or into this folder) instead of stdout', parsePathOption)
    .option('--all', 'every session, one file each, into the folder given with -o')
    .addHelpText(
      'after',
      '\nExamples:\n  $ mockprep export > session.md\n  $ mockprep export latest -o notes.md\n  $ mockprep export 20261125 --format json\n  $ mockprep export --all -o exports/',
    )
    .action(async (id: string | undefined, options: Omit<import('./commands/export.js').ExportOptions, 'session'>) => {
      const { runExport } = await import('./commands/export.js');
      await runExport({ ...options, session: id }, await context());
    });

  program
    .command('resume')
    .description('continue an interrupted session where it stopped, in the same transcript')
    .argument('[id]', `${SESSION_ARGUMENT} (default: the newest session not completed)`)
    .addOption(
      new Option(
        '--grader <grader>',
        'who suggests the key-point marks: offline (default) or llm, an OpenAI-compatible server you name with MOCKPREP_LLM_*',
      ).choices(['offline', 'llm']),
    )
    .option('--plain', 'line-by-line mode for screen readers and scripts (automatic without a terminal)')
    .addHelpText('after', '\nExamples:\n  $ mockprep resume\n  $ mockprep resume 20261125-1930')
    .action(async (id: string | undefined, options: { plain?: boolean; grader?: string }) => {
      await withSignals(async (signal) => {
        const { runResume } = await import('./commands/resume.js');
        const transcript = await runResume({ ...options, session: id }, await context(signal));
        if (transcript.status === 'interrupted') throw new ExitWith(EXIT.interrupted);
      });
    });

  program
    .command('stats')
    .description('progress per category, trends, practice days, what is due, calibration and the five weakest questions')
    .option('-c, --category <name>', 'only this category (id or title)')
    .option('--since <when>', 'only sessions since a date (2026-11-01) or for a span back from now (30d, 2w, 12h, today)', parseSinceOption)
    .addOption(new Option('--mode <mode>', 'only sessions sat in this mode').choices(MODES))
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ mockprep stats\n  $ mockprep stats --since 30d -c beginner\n  $ mockprep stats --mode live --json\n\nDays (streak, calendar, today) are counted in your time zone (TZ).',
    )
    .action(async (options: import('./commands/stats.js').StatsOptions) => {
      const { runStats } = await import('./commands/stats.js');
      await runStats(options, await context());
    });

  program
    .command('completion')
    .description('print a shell script that completes commands, options, categories and session ids')
    .argument('<shell>', SHELLS_TEXT)
    .addHelpText(
      'after',
      `
Examples:
  $ source <(mockprep completion bash)        in ~/.bashrc
  $ source <(mockprep completion zsh)         in ~/.zshrc, after compinit
  $ mockprep completion fish | source         in ~/.config/fish/config.fish`,
    )
    .action(async (shell: string) => {
      const { runCompletionScript } = await import('./commands/completion.js');
      runCompletionScript(shell, { stdout: (await setsContext()).stdout });
    });

  // What the completion scripts call: `mockprep __complete -- <words up to the cursor>`.
  program
    .command('__complete', { hidden: true })
    .argument('[words...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (words: string[]) => {
      const { completeWords, categoryCandidates } = await import('./commands/completion.js');
      const { stdout, store } = await setsContext();
      const lines = await completeWords(words, {
        program,
        categories: async (sets) => {
          const { loadSetsOption } = await import('./commands/sets-option.js');
          return categoryCandidates(await loadSetsOption(sets, store).catch(() => []));
        },
        sessions: async (dataDir) => {
          const [{ resolveDataDir }, { sessionsDir }] = await Promise.all([import('./io/data-dir.js'), import('./io/session-files.js')]);
          const names = await store.list(sessionsDir(await resolveDataDir(dataDir, io.env))).catch(() => []);
          return names
            .filter((name) => name.endsWith('.json'))
            .map((name) => name.slice(0, -'.json'.length))
            .reverse();
        },
      });
      for (const line of lines) stdout.line(line);
    });

  program
    .command('help')
    .description('show the help of a command (the same as mockprep <command> --help)')
    .argument('[command]', 'a command name')
    .addHelpText('after', '\nExamples:\n  $ mockprep help start\n  $ mockprep help import')
    .action(async (name: string | undefined) => {
      if (name === undefined) program.help();
      const command = program.commands.find((sub) => sub.name() === name || sub.aliases().includes(name as string));
      if (!command) {
        const { closestMatches } = await import('./core/closest-match.js');
        const names = program.commands.filter((sub) => !(sub as unknown as { _hidden?: boolean })._hidden).map((sub) => sub.name());
        const guess = closestMatches(name as string, names, 1)[0];
        program.error(`error: no command '${name}'${guess ? ` (did you mean ${guess}?)` : ''}; the commands: ${names.join(', ')}`, {
          exitCode: EXIT.usage,
          code: 'commander.unknownCommand',
        });
      }
      command?.help();
    });

  return program;
}

/**
 * Runs an interview with SIGTERM, SIGHUP and SIGINT turned into an abort: the session ends
 * with its transcript saved instead of the process dying mid-answer.
 */
async function withSignals(run: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  const signals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
  const onSignal = (name: NodeJS.Signals) => controller.abort(new Error(name));
  for (const name of signals) process.on(name, onSignal);
  try {
    await run(controller.signal);
  } finally {
    for (const name of signals) process.off(name, onSignal);
  }
}

function parseDurationOption(value: string): number {
  const result = readDuration(value);
  if (!result.ok) throw new InvalidArgumentError(durationProblem(result.reason, ''));
  return result.seconds;
}

function durationProblem(reason: 'format' | 'too-long', orOff: string): string {
  return reason === 'too-long' ? 'expected a duration of at most 24h.' : `expected a duration like 90s, 3m or 1m30s${orOff}.`;
}

function parseTimeOption(value: string): {
  text: string;
  seconds: number | null;
} {
  if (value.trim().toLowerCase() === 'off') return { text: 'off', seconds: null };
  const result = readDuration(value);
  if (!result.ok) throw new InvalidArgumentError(durationProblem(result.reason, ', or off'));
  return { text: value.trim(), seconds: result.seconds };
}

/** `stats --since`: a date, a span back from now or `today` (pinned to the clock by the command). */
function parseSinceOption(value: string): SinceSpec {
  const spec = parseSince(value);
  if (!spec) throw new InvalidArgumentError(SINCE_PROBLEM);
  return spec;
}

function collectText(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), parsePathOption(value)];
}

/**
 * A path option: an empty one (`--data-dir "$UNSET"`) is refused rather than read as "the
 * default" or "the current folder", which would put answers somewhere the user did not choose.
 */
function parsePathOption(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a path, not an empty string.');
  return value;
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

async function reportError(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof ExitWith) return error.code;
  if (error instanceof CommanderError) {
    // --help and --version end through here too, with exit code 0; the rest are usage errors.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  return reportCommandError(error, io);
}
