import { StringDecoder } from 'node:string_decoder';
import type { Clock } from '../io/clock.js';

export type ReadResult = { kind: 'line'; line: string } | { kind: 'eof' } | { kind: 'timeout' } | { kind: 'aborted' };

export interface LineReader {
  /** The next line; or `timeout` at `until` (ms since the epoch), `eof`, or `aborted` when the signal fires. */
  read(options: { until: number | null; signal: AbortSignal }): Promise<ReadResult>;
  /** Puts a line back to be read next. */
  unread(line: string): void;
  close(): void;
}

/** The longest line kept whole: past it, the rest of that line is dropped (a 600 MB line would not fit in a string). */
export const MAX_LINE_CHARS = 1024 * 1024;

/**
 * Reads an input stream line by line (a line ends at \n, \r\n or \r, as readline reads them),
 * with deadlines from the injected clock (plain mode). A line longer than {@link MAX_LINE_CHARS}
 * keeps its first {@link MAX_LINE_CHARS} characters; `onLongLine` is told, once.
 */
export function createLineReader(input: NodeJS.ReadableStream, clock: Clock, options: { onLongLine?: () => void } = {}): LineReader {
  const queue: string[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  const decoder = new StringDecoder('utf8');
  let partial = '';
  let dropping = false;
  let warned = false;
  let afterCR = false;
  const append = (part: string) => {
    if (dropping) return;
    const room = MAX_LINE_CHARS - partial.length;
    if (part.length <= room) {
      partial += part;
      return;
    }
    partial += part.slice(0, room);
    dropping = true;
    if (!warned) options.onLongLine?.();
    warned = true;
  };
  const emit = () => {
    queue.push(partial);
    partial = '';
    dropping = false;
    wake?.();
  };
  const onText = (chunk: string) => {
    let text = chunk;
    if (afterCR && text.startsWith('\n')) text = text.slice(1);
    afterCR = text.endsWith('\r');
    const parts = text.split(/\r\n|\r|\n/);
    const last = parts.pop() ?? '';
    for (const part of parts) {
      append(part);
      emit();
    }
    append(last);
  };
  const onData = (chunk: string | Buffer) => onText(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  const onEnd = () => {
    if (ended) return;
    onText(decoder.end());
    if (partial !== '' || dropping) emit();
    ended = true;
    wake?.();
  };
  input.on('data', onData);
  input.on('end', onEnd);
  input.on('close', onEnd);
  input.on('error', onEnd);

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
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('close', onEnd);
      input.off('error', onEnd);
      // Paused, stdin no longer keeps the process alive.
      input.pause();
    },
  };
}
