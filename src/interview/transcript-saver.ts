import type { Transcript } from '../core/transcript-schema.js';
import type { Clock } from '../io/clock.js';
import type { FileStore } from '../io/file-store.js';
import { describeFsError } from '../io/file-store.js';
import { serializeTranscript } from '../io/session-files.js';

export interface TranscriptSaver {
  /** Writes the transcript now (after any write in flight). Resolves false when the write failed. */
  save(transcript: Transcript): Promise<boolean>;
  /** Writes the transcript within `throttleMs`, coalescing changes: for drafts typed key by key. */
  saveSoon(transcript: Transcript): void;
  /** True while the newest transcript is not on disk because the last write failed. */
  readonly unsaved: boolean;
  /** Stops the pending timer (the session is over). */
  dispose(): void;
}

/**
 * Saves a session's transcript atomically after every change that matters, and the draft in
 * progress at most `throttleMs` after it changes. A failed write (disk full, folder made
 * read-only) warns once and is retried on the next save: the interview goes on.
 */
export function createTranscriptSaver(options: {
  store: Pick<FileStore, 'writeAtomic'>;
  path: string;
  clock: Clock;
  throttleMs?: number;
  onWriteError(message: string): void;
  onRecovered?(): void;
}): TranscriptSaver {
  const throttleMs = options.throttleMs ?? 2000;
  let latest: Transcript | null = null;
  let timer: AbortController | null = null;
  let chain: Promise<boolean> = Promise.resolve(true);
  let failing = false;

  const write = (transcript: Transcript): Promise<boolean> => {
    latest = null;
    // Writes are chained so an older transcript can never be renamed over a newer one.
    chain = chain.then(async () => {
      try {
        await options.store.writeAtomic(options.path, serializeTranscript(transcript), { mode: 0o600 });
        if (failing) options.onRecovered?.();
        failing = false;
        return true;
      } catch (error) {
        if (!failing)
          options.onWriteError(
            `could not save the transcript (${describeFsError(error)}); your answers are kept in memory and saving will be retried`,
          );
        failing = true;
        latest ??= transcript;
        return false;
      }
    });
    return chain;
  };

  const cancelTimer = () => {
    timer?.abort();
    timer = null;
  };

  return {
    save(transcript) {
      cancelTimer();
      return write(transcript);
    },
    saveSoon(transcript) {
      latest = transcript;
      if (timer) return;
      const controller = new AbortController();
      timer = controller;
      options.clock.sleep(throttleMs, controller.signal).then(
        () => {
          timer = null;
          if (latest) void write(latest);
        },
        () => {},
      );
    },
    get unsaved() {
      return failing;
    },
    dispose: cancelTimer,
  };
}
