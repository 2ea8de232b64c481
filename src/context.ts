import type { Clock } from './io/clock.js';
import type { FileStore } from './io/file-store.js';
import type { Output, TerminalStream } from './io/output.js';

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
  /** The time zone dates are shown in (`TZ`), or undefined for the system's. */
  timeZone?: string;
  /** Cancelled when the process is asked to stop (SIGTERM, SIGHUP, SIGINT outside raw mode). */
  signal: AbortSignal;
}
