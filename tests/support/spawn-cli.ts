import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { trackProcess, within } from './deadline.js';
import { childTempDir, makeTempDir } from './temp-dir.js';

export const BIN = fileURLToPath(new URL('../../bin/mockprep.cjs', import.meta.url));
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface SpawnResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

type CliOptions = {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Run as this user and group (the test runs as root): see support/normal-user.ts. */
  user?: { uid: number; gid: number };
};

/** The built binary running without a terminal, its stdin typed a piece at a time by the test. */
export interface CliProcess {
  type(text: string): void;
  /** Types `text` (if any) and closes stdin. */
  end(text?: string): void;
  stdout(): string;
  stderr(): string;
  /** Waits until stdout matches `pattern` `times` times (fails after `timeoutMs`). */
  waitForOutput(pattern: RegExp, times?: number, timeoutMs?: number): Promise<void>;
  /** The exit, or a failure (and SIGKILL) when the process runs longer than `timeoutMs`. */
  exited(timeoutMs?: number): Promise<SpawnResult>;
  /** Sends a signal, as Ctrl-C (SIGINT) or a `kill` would. */
  kill(signal: NodeJS.Signals): void;
}

/** Starts the built binary as a user would (no terminal); it is killed by `killStrayProcesses`. */
export function startCli(args: string[], options: CliOptions = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    // A temp HOME, data folder and TMPDIR unless the test names its own: never the real home folder.
    env: { PATH: process.env.PATH, HOME: makeTempDir(), MOCKPREP_HOME: makeTempDir(), TMPDIR: childTempDir(), ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });
  const untrack = trackProcess(() => child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // A process that exits before reading all its input must not fail the test with EPIPE.
  child.stdin.on('error', () => {});
  const closed = new Promise<SpawnResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      untrack();
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    type: (text) => child.stdin.write(text),
    end: (text = '') => child.stdin.end(text),
    stdout: () => stdout,
    stderr: () => stderr,
    waitForOutput(pattern, times = 1, timeoutMs = 10_000) {
      const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      return new Promise((resolve, reject) => {
        const check = () => {
          if ((stdout.match(global)?.length ?? 0) < times) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern} ×${times} on stdout; so far:\n${stdout}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    exited: (timeoutMs = 10_000) => within(closed, timeoutMs, () => child.kill('SIGKILL')),
    kill: (signal) => {
      child.kill(signal);
    },
  };
}

/** Runs the built binary as a user would (no terminal), feeding `input` on stdin. */
export function spawnCli(args: string[], options: CliOptions & { input?: string } = {}): Promise<SpawnResult> {
  const cli = startCli(args, options);
  cli.end(options.input ?? '');
  return cli.exited(60_000);
}
