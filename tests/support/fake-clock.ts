import type { Clock } from '../../src/io/clock.js';
import { systemClock } from '../../src/io/clock.js';

/** A clock that only moves when told: `advance(ms)` wakes every sleeper whose time has come. */
export interface FakeClock extends Clock {
  advance(ms: number): Promise<void>;
  set(ms: number): void;
  /** How many sleeps are waiting. */
  readonly pending: number;
}

export function createFakeClock(start = Date.parse('2026-11-25T10:00:00Z')): FakeClock {
  let now = start;
  const sleepers: { at: number; resolve: () => void }[] = [];
  const flush = async () => {
    // Let promise chains run so that code woken by one sleeper can start the next.
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const sleeper = { at: now + ms, resolve };
        sleepers.push(sleeper);
        signal?.addEventListener(
          'abort',
          () => {
            sleepers.splice(sleepers.indexOf(sleeper), 1);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    },
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers[0];
        if (!next || next.at > target) break;
        sleepers.shift();
        now = next.at;
        next.resolve();
        await flush();
      }
      now = target;
      await flush();
    },
    set(ms) {
      now = ms;
    },
    get pending() {
      return sleepers.length;
    },
  };
}

/**
 * A clock that runs at real speed from `start` (sleeps are real): for whole CLI runs whose
 * schedule depends on the date (due, streaks), where a clock that never moves would stall the
 * interview's countdown.
 */
export function createShiftedClock(start: number): Clock {
  const offset = start - Date.now();
  return { now: () => Date.now() + offset, sleep: systemClock.sleep };
}
