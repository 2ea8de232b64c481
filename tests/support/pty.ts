import { stripVTControlCharacters } from 'node:util';
import * as pty from '@lydell/node-pty';
import { trackProcess, within } from './deadline.js';
import { BIN, ROOT } from './spawn-cli.js';
import { childTempDir, makeTempDir } from './temp-dir.js';

export interface PtySession {
  /** Everything the program wrote so far, with terminal escapes removed. */
  text(): string;
  /** Everything the program wrote so far, exactly as written: escapes, colours and all. */
  raw(): string;
  write(data: string): void;
  /** Waits until the output (since `from`, a length of text()) matches. */
  waitFor(pattern: RegExp | ((text: string) => boolean), options?: { timeoutMs?: number; from?: number }): Promise<void>;
  kill(signal: string): void;
  exited: Promise<{ exitCode: number; signal?: number }>;
  /** The exit, or a failure (and SIGKILL) when the process runs longer than `timeoutMs`. */
  exit(timeoutMs?: number): Promise<{ exitCode: number; signal?: number }>;
  /** The terminal's device (/dev/pts/N), to resize it from outside the way a window does. */
  device: string;
  /** Closes the terminal the way closing its window does: the master side goes, SIGHUP follows. */
  close(): void;
}

export interface PtyOptions {
  env: Record<string, string>;
  cols?: number;
  rows?: number;
  /**
   * A shell command run in the terminal before the program starts: node-pty itself turns a size
   * of 0 into 80×24, so `stty cols 0 rows 0` is how a terminal reporting 0 columns is made.
   */
  setup?: string;
  /** A file the program's stdout is redirected to (its stdin and stderr stay on the terminal). */
  stdoutTo?: string;
  /** A file the program's stderr is redirected to. */
  stderrTo?: string;
  /** Run this shell script in the terminal instead of the CLI (`mockprep` in it is the built binary). */
  script?: string;
}

/**
 * Runs the built CLI in a pseudo-terminal of its own, as a person at a terminal would: directly,
 * or through `sh` when there is a `setup` command or a redirection. It is killed by
 * `killStrayProcesses` if still running.
 */
export function spawnInPty(args: string[], options: PtyOptions): PtySession {
  const shell = options.setup !== undefined || options.stdoutTo !== undefined || options.stderrTo !== undefined;
  const redirect = `${options.stdoutTo ? ' > "$MOCKPREP_TEST_STDOUT"' : ''}${options.stderrTo ? ' 2> "$MOCKPREP_TEST_STDERR"' : ''}`;
  const script = `${options.setup ? `${options.setup}; ` : ''}exec "$@"${redirect}`;
  const [file, argv] =
    options.script !== undefined
      ? ['/bin/sh', ['-c', `mockprep() { "${process.execPath}" "${BIN}" "$@"; }\n${options.script}`]]
      : shell
        ? ['/bin/sh', ['-c', script, 'sh', process.execPath, BIN, ...args]]
        : [process.execPath, [BIN, ...args]];
  const child = pty.spawn(file, argv, {
    // node-pty sets TERM to this name: a test's own TERM (dumb, say) must win.
    name: options.env.TERM ?? 'xterm-256color',
    cols: options.cols ?? 100,
    rows: options.rows ?? 30,
    cwd: ROOT,
    // A temp HOME and TMPDIR unless the test names its own: never the real home folder.
    env: {
      PATH: process.env.PATH ?? '',
      TERM: 'xterm-256color',
      HOME: makeTempDir(),
      TMPDIR: childTempDir(),
      ...(options.stdoutTo ? { MOCKPREP_TEST_STDOUT: options.stdoutTo } : {}),
      ...(options.stderrTo ? { MOCKPREP_TEST_STDERR: options.stderrTo } : {}),
      ...options.env,
    },
  });
  const untrack = trackProcess(() => child.kill('SIGKILL'));
  let raw = '';
  const listeners = new Set<() => void>();
  child.onData((data) => {
    raw += data;
    for (const listener of listeners) listener();
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) =>
    child.onExit((result) => {
      untrack();
      resolve(result);
    }),
  );
  const text = () => stripVTControlCharacters(raw);
  return {
    text,
    raw: () => raw,
    write: (data) => child.write(data),
    kill: (signal) => child.kill(signal),
    exited,
    exit: (timeoutMs = 15_000) => within(exited, timeoutMs, () => child.kill('SIGKILL')),
    device: (child as unknown as { ptsName: string }).ptsName,
    close: () => (child as unknown as { destroy(): void }).destroy(),
    waitFor(pattern, { timeoutMs = 15_000, from = 0 } = {}) {
      const matches = typeof pattern === 'function' ? pattern : (since: string) => pattern.test(since);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!matches(text().slice(from))) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; the screen so far:\n${text().slice(-2000)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

/** Accepts the key-point checklist of the review screen as it stands (Enter), once it is drawn. */
export async function confirmChecklist(session: PtySession, options: { from?: number; timeoutMs?: number } = {}): Promise<void> {
  // Matched without white space: a narrow terminal breaks the line anywhere.
  await session.waitFor((text) => /correctsamark·Enteraccepts/.test(text.replace(/\s+/g, '')), options);
  session.write('\r');
}
