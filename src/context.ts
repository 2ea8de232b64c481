import { UTC_NAMES } from './core/format-date.js';
import { EXIT, reportCommandError } from './exit.js';
import type { Clock } from './io/clock.js';
import { systemClock } from './io/clock.js';
import { resolveDataDir } from './io/data-dir.js';
import type { FileStore } from './io/file-store.js';
import { createNodeFileStore, describeFsError } from './io/file-store.js';
import type { Output, TerminalStream } from './io/output.js';
import { openOutput } from './io/output.js';

/**
 * Everything a command may touch, built once by `cli.ts`. Each command asks only for the part
 * it needs (`Pick<Context, 'stdout' | 'store'>`), so tests hand it fakes.
 */
export interface Context {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream & {
    isTTY?: boolean;
    setRawMode?: (mode: boolean) => unknown;
  };
  env: Record<string, string | undefined>;
  store: FileStore;
  clock: Clock;
  /** The folder transcripts live in: `--data-dir`, else `MOCKPREP_HOME`, else the platform's data folder. */
  dataDir: string;
  /** The stream behind `stdout`, for the full-screen interview and the picker (absent in some tests). */
  terminal?: TerminalStream;
  /**
   * The time zone dates are computed and shown in (`TZ`), or undefined for the process's own. TZ
   * in the process's own environment is that zone already: then this is undefined, and dates
   * come from Date's local time rather than Intl, which costs 20-30 ms to start and about 10 µs
   * a date (with TZ set, 10,000 sessions listed took 8-24% longer, stats a fifth).
   */
  timeZone?: string;
  /** `TZ` as given (undefined when unset): the zone a report names (`stats --json`). */
  timeZoneName?: string;
  /** Cancelled when the process is asked to stop (SIGTERM, SIGHUP, SIGINT outside raw mode). */
  signal: AbortSignal;
}

/** The process-facing parts a run uses; tests pass their own streams and environment. */
export interface CliIo {
  stdout: TerminalStream;
  stderr: TerminalStream;
  stdin: Context['stdin'];
  env: Record<string, string | undefined>;
  /** The clock commands run on (default: the system's); tests pass a fake one. */
  clock?: Context['clock'];
}

/** Set once stdout could not be written; the one line saying so is printed then. */
let outputFailed = false;

/** Whether stdout failed to take the output (a full disk under `> file`): the run then ends with exit 1. */
export function outputHasFailed(): boolean {
  return outputFailed;
}

/**
 * The process's own streams and environment, with stdout's write failures handled once. stdin is
 * made here, at the start, as it always was, unless `readsInput` is false (review and export,
 * which never read it). Made later, an interview whose terminal was closed was seen to exit 0
 * now and then instead of 130 (tests/e2e/pty-answer-box.test.ts, case 4).
 */
export function processIo(options: { readsInput?: boolean } = {}): CliIo {
  // A reader that goes away (`mockprep list | head`, a closed terminal) is not an error of ours:
  // stop writing instead of crashing with EPIPE or EIO. Any other failure to write (ENOSPC under
  // a redirection, EFBIG...) is one line on stderr and exit 1, never a stack trace: what the run
  // does goes on (the interview keeps saving its transcript), its output is lost.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'EIO' || error.code === 'ERR_STREAM_DESTROYED' || outputFailed) return;
    outputFailed = true;
    // Late errors arrive after main returned: the exit code is set here too.
    process.exitCode = EXIT.error;
    process.stderr.write(`mockprep: cannot write the output (${describeFsError(error)})\n`);
  });
  // stderr failing leaves nowhere to say so.
  process.stderr.on('error', () => {});
  const streams = { stdout: process.stdout, stderr: process.stderr, env: process.env };
  if (options.readsInput !== false) return { ...streams, stdin: process.stdin };
  return {
    ...streams,
    // Made only if asked for: the commands that pass readsInput false never are.
    get stdin() {
      return process.stdin;
    },
  };
}

/** The context commands run in: outputs on the streams, the file store, the clock and the data folder. */
export async function createContext(io: CliIo, dataDirFlag: string | undefined, signal = new AbortController().signal): Promise<Context> {
  // Imported statically: small, and whatever loads this builds a context (chalk and env-paths,
  // the costly parts, are loaded by output.ts and data-dir.ts only when wanted).
  const [stdout, stderr] = await Promise.all([openOutput(io.stdout, io.env), openOutput(io.stderr, io.env)]);
  return {
    stdout,
    stderr,
    // A getter, as processIo's may be: reading process.stdin builds the stream.
    get stdin() {
      return io.stdin;
    },
    env: io.env,
    store: createNodeFileStore(),
    clock: io.clock ?? systemClock,
    dataDir: await resolveDataDir(dataDirFlag, io.env),
    signal,
    terminal: io.stdout,
    timeZone: processZone(io.env) ? undefined : io.env.TZ || undefined,
    timeZoneName: io.env.TZ || undefined,
  };
}

/**
 * Whether `env`'s TZ names the zone the process already runs in: this process's own TZ, and not
 * UTC (for which format-date.ts has a path quicker still). Date's local time is then that zone,
 * the same as Intl gives for the name (Node's Date and Intl read the zone from the same ICU data).
 */
function processZone(env: Record<string, string | undefined>): boolean {
  const zone = env.TZ;
  return zone !== undefined && zone !== '' && zone === process.env.TZ && !UTC_NAMES.has(zone);
}

/**
 * How the direct bundles (direct-*.ts) run a command line, as cli.ts `main` would: the plain
 * shape each parsed (`parsed`), run on the process's streams (none of them reads input), an error
 * reported by exit.ts, a failed output ending with exit 1; `parsed` null hands `argv` to the full
 * CLI through `fullCli` (each bundle imports cli.js itself: the build keeps that import external).
 */
export async function runDirectCommand<T>(
  argv: readonly string[],
  io: CliIo | undefined,
  parsed: T | null,
  fullCli: () => Promise<{ main(argv: readonly string[], io?: CliIo): Promise<number> }>,
  run: (parsed: T, io: CliIo) => Promise<number | undefined>,
): Promise<number> {
  if (parsed === null) return (await fullCli()).main(argv, io);
  const streams = io ?? processIo({ readsInput: false });
  let code: number = EXIT.ok;
  try {
    code = (await run(parsed, streams)) ?? EXIT.ok;
  } catch (error) {
    code = await reportCommandError(error, streams);
  }
  // Output that could not be written (a full disk under `> file`) ends the run with exit 1.
  return outputHasFailed() ? Math.max(code, EXIT.error) : code;
}
