import { PassThrough } from 'node:stream';
// The launcher's way in for review and export (bin/mockprep.cjs); it hands every other command
// line to cli.ts, so each test runs what the binary would run.
import type { CliIo } from '../../src/context.js';
import { main } from '../../src/direct-commands.js';
import type { Clock } from '../../src/io/clock.js';
import { makeTempDir } from './temp-dir.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process with captured output, no terminal, and the given environment; `run`
 * is another way in (a direct bundle's main, or cli.ts's) for tests that compare them.
 */
export async function runCli(
  argv: readonly string[],
  options: {
    env?: Record<string, string | undefined>;
    input?: string;
    clock?: Clock;
    run?: (argv: readonly string[], io: CliIo) => Promise<number>;
  } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end(options.input ?? '');
  const code = await (options.run ?? main)(argv, {
    stdout: sink((chunk) => {
      stdout += chunk;
    }),
    stderr: sink((chunk) => {
      stderr += chunk;
    }),
    stdin,
    env: { NO_COLOR: '1', MOCKPREP_HOME: makeTempDir(), ...options.env },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { code, stdout, stderr };
}

/** A writable that hands every chunk to `collect`, and is not a terminal. */
function sink(collect: (chunk: string) => void): NodeJS.WritableStream {
  const stream = new PassThrough();
  stream.write = (chunk: string | Uint8Array) => {
    collect(String(chunk));
    return true;
  };
  return stream;
}
