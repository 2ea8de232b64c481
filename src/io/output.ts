import type { ChalkInstance } from 'chalk';

/** Where a command prints: a stream plus what we know about it (colours, width). */
export interface Output {
  write(text: string): void;
  /** Writes `text` and a newline. */
  line(text?: string): void;
  readonly isTTY: boolean;
  /** Terminal width, or 80 when not a terminal (or when the terminal reports 0). */
  readonly columns: number;
  readonly rows: number;
  readonly color: ChalkInstance;
  /** The stream itself, for the few writers that draw on it (a spinner). */
  readonly stream: WritableLike;
}

/**
 * A process's output stream as the full-screen interview and the picker draw on it: when it is a
 * terminal it has a size and emits `resize`.
 */
export type TerminalStream = NodeJS.WritableStream & {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
};

export interface WritableLike {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/**
 * The colour level for a stream: NO_COLOR (non-empty) turns colours off, FORCE_COLOR forces
 * them, otherwise only terminals get colour. chalk 5 alone ignores NO_COLOR, hence this.
 */
export function colorLevel(stream: Pick<WritableLike, 'isTTY'>, env: Record<string, string | undefined>): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM?.includes('256')) return 2;
  return 1;
}

/**
 * Styles that leave text as it is, shaped like chalk (callable, chainable): what output without
 * colour uses, so that it does not load chalk at all.
 */
export const NO_COLOR: ChalkInstance = (() => {
  const plain = (...texts: unknown[]) => texts.join(' ');
  const styles: ChalkInstance = new Proxy(plain, {
    // Not a thenable (`then` is undefined): it can be returned from an async function.
    get: (_target, name) => (name === 'level' ? 0 : name === 'then' || typeof name === 'symbol' ? undefined : styles),
  }) as unknown as ChalkInstance;
  return styles;
})();

/** The styles for a stream: chalk at the stream's colour level, or NO_COLOR without loading chalk. */
export async function loadColor(stream: Pick<WritableLike, 'isTTY'>, env: Record<string, string | undefined>): Promise<ChalkInstance> {
  const level = colorLevel(stream, env);
  if (level === 0) return NO_COLOR;
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}

/** An output on `stream`, in colour when the stream and the environment want it. */
export async function openOutput(stream: WritableLike, env: Record<string, string | undefined>): Promise<Output> {
  return createOutput(stream, await loadColor(stream, env));
}

/** An output on `stream`; `color` comes from `loadColor` (no colour when left out). */
export function createOutput(stream: WritableLike, color: ChalkInstance = NO_COLOR): Output {
  return {
    write: (text) => {
      stream.write(text);
    },
    line: (text = '') => {
      stream.write(`${text}\n`);
    },
    get isTTY() {
      return Boolean(stream.isTTY);
    },
    get columns() {
      return stream.isTTY && stream.columns && stream.columns > 0 ? stream.columns : 80;
    },
    get rows() {
      return stream.isTTY && stream.rows && stream.rows > 0 ? stream.rows : 24;
    },
    color,
    stream,
  };
}
