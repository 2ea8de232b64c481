import type { Clock } from './io/clock.js';
import type { FileStore } from './io/file-store.js';
import type { Output } from './io/output.js';

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
  /** Cancelled when the process is asked to stop (SIGTERM, SIGHUP, SIGINT outside raw mode). */
  signal: AbortSignal;
}
