import { createInterface } from 'node:readline';
import type { Clock } from '../io/clock.js';

export type ReadResult = { kind: 'line'; line: string } | { kind: 'eof' } | { kind: 'timeout' } | { kind: 'aborted' };

export interface LineReader {
  /** The next line; or `timeout` at `until` (ms since the epoch), `eof`, or `aborted` when the signal fires. */
  read(options: { until: number | null; signal: AbortSignal }): Promise<ReadResult>;
  /** Puts a line back to be read next. */
  unread(line: string): void;
  close(): void;
}

/** Reads an input stream line by line, with deadlines from the injected clock (plain mode). */
export function createLineReader(input: NodeJS.ReadableStream, clock: Clock): LineReader {
  const queue: string[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  const rl = createInterface({
    input,
    terminal: false,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  rl.on('line', (line) => {
    queue.push(line);
    wake?.();
  });
  rl.on('close', () => {
    ended = true;
    wake?.();
  });

  return {
    async read({ until, signal }) {
      for (;;) {
        if (queue.length > 0) return { kind: 'line', line: queue.shift() ?? '' };
        if (ended) return { kind: 'eof' };
        if (signal.aborted) return { kind: 'aborted' };
        const remaining = until === null ? null : until - clock.now();
        if (remaining !== null && remaining <= 0) return { kind: 'timeout' };
        const waiter = new AbortController();
        const onAbort = () => waiter.abort();
        signal.addEventListener('abort', onAbort, { once: true });
        await new Promise<void>((resolve) => {
          wake = resolve;
          waiter.signal.addEventListener('abort', () => resolve(), {
            once: true,
          });
          if (remaining !== null) clock.sleep(remaining, waiter.signal).then(resolve, () => {});
        });
        wake = null;
        waiter.abort();
        signal.removeEventListener('abort', onAbort);
      }
    },
    unread(line) {
      queue.unshift(line);
    },
    close() {
      rl.close();
    },
  };
}
