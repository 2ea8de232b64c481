import { stripVTControlCharacters } from 'node:util';
import * as pty from '@lydell/node-pty';
import { BIN, ROOT } from './spawn-cli.js';

export interface PtySession {
  /** Everything the program wrote so far, with terminal escapes removed. */
  text(): string;
  /** Everything the program wrote so far, exactly as written: escapes, colours and all. */
  raw(): string;
  write(data: string): void;
  /** Waits until the output (since `from`, a length of text()) matches. */
  waitFor(pattern: RegExp, options?: { timeoutMs?: number; from?: number }): Promise<void>;
  kill(signal: string): void;
  exited: Promise<{ exitCode: number; signal?: number }>;
}

/** Runs the built CLI in a pseudo-terminal of its own, as a person at a terminal would. */
export function spawnInPty(args: string[], options: { env: Record<string, string>; cols?: number; rows?: number }): PtySession {
  const child = pty.spawn(process.execPath, [BIN, ...args], {
    // node-pty sets TERM to this name: a test's own TERM (dumb, say) must win.
    name: options.env.TERM ?? 'xterm-256color',
    cols: options.cols ?? 100,
    rows: options.rows ?? 30,
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color', ...options.env },
  });
  let raw = '';
  const listeners = new Set<() => void>();
  child.onData((data) => {
    raw += data;
    for (const listener of listeners) listener();
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => child.onExit(resolve));
  const text = () => stripVTControlCharacters(raw);
  return {
    text,
    raw: () => raw,
    write: (data) => child.write(data),
    kill: (signal) => child.kill(signal),
    exited,
    waitFor(pattern, { timeoutMs = 15_000, from = 0 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(text().slice(from))) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
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
