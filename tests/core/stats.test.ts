import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/core/format-date.js';
import type { SessionEvent } from '../../src/core/session.js';
import { startSession, step } from '../../src/core/session.js';
import { summarizeSession } from '../../src/core/session-summary.js';
import { computeStats, median } from '../../src/core/stats.js';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';

/** Sits a mini-set session through the state machine; each step is [ms to wait, event]. */
function sit(id: string, start: string, steps: [number, SessionEvent][], limits: (number | null)[] = [60, 120, null]): Transcript {
  let now = Date.parse(start);
  let state = startSession({ ...makeMiniTranscript({ now, limits }), id });
  for (const [wait, event] of steps) {
    now += wait;
    state = step(state, event, now);
  }
  return state.transcript;
}

// define-alignment (basics, limit 60 s, 3 key points), reward-model (basics, 120 s, 2), design-eval (systems, untimed, 2).
const strong = sit('a', '2026-11-20T10:00:00Z', [
  [0, { type: 'show' }],
  [
    30_000,
    {
      type: 'submit',
      text: 'Outer alignment is about the objective we wrote, a proxy pushed hard drifts (Goodhart), and more capable systems exploit the gaps faster.',
    },
  ],
  [0, { type: 'rate', index: 0, rating: 5 }],
  [0, { type: 'show' }],
  [
    60_000,
    {
      type: 'submit',
      text: 'It learns human preferences from pairwise comparisons of answers; reward hacking is the policy exploiting its flaws.',
    },
  ],
  [0, { type: 'rate', index: 1, rating: 4 }],
  [0, { type: 'show' }],
  [100_000, { type: 'submit', text: 'Regression tests keep old failures fixed, and a red team attacks it before release.' }],
]);
const weak = sit('b', '2026-11-21T10:00:00Z', [
  [0, { type: 'show' }],
  [10_000, { type: 'hint' }],
  [10_000, { type: 'hint' }],
  [40_000, { type: 'timeout', text: 'Something about proxies drifting from intent.' }],
  [0, { type: 'rate', index: 0, rating: 2 }],
  [0, { type: 'show' }],
  [6_000, { type: 'skip', text: '' }],
  [0, { type: 'show' }],
  [5_000, { type: 'stop', reason: 'interrupted', text: 'a draft' }],
]);

describe('computeStats', () => {
  const stats = computeStats([strong, weak].map(summarizeSession));

  it('counts per category: sessions, finished and answered questions, hints, time-outs, ratings, coverage', () => {
    expect(stats.sessions).toBe(2);
    expect(stats.categories.map((entry) => [entry.categoryTitle, entry.sessions, entry.asked, entry.answered])).toEqual([
      ['Basics', 2, 4, 3],
      // The interrupted draft of design-eval is shown but not finished: its session counts, the draft does not.
      ['Systems Design', 2, 1, 1],
    ]);
    const basics = stats.categories[0];
    // Time used ÷ limit of the timed, not skipped answers: 30/60, 60/120, 60/60.
    expect(basics?.medianTimeShare).toBeCloseTo(0.5, 6);
    expect(basics?.hintsPerQuestion).toBeCloseTo(2 / 4, 6);
    expect(basics?.timeOutRate).toBeCloseTo(1 / 4, 6);
    expect(basics?.averageRating).toBeCloseTo((5 + 4 + 2) / 3, 6);
    // Key points over the answered questions: 3/3, 2/2, and "proxies" touches Goodhart: 1/3.
    expect(basics?.keyPointCoverage).toBeCloseTo(6 / 8, 6);
    // An untimed category has no time share.
    expect(stats.categories[1]?.medianTimeShare).toBeNull();
  });

  it('ranks the weakest questions: skipped, timed out with hints, then the rest; perfect answers are left out', () => {
    expect(stats.weakest.map((entry) => [entry.key, entry.attempts])).toEqual([
      ['mini/reward-model', 2],
      ['mini/define-alignment', 2],
      // design-eval's one answer touched both key points, on time, without hints: nothing to work on.
    ]);
    expect(stats.weakest[1]).toMatchObject({ timedOut: 1, hintsUsed: 2, averageRating: 3.5, skipped: 0 });
    expect(stats.weakest[0]).toMatchObject({ skipped: 1, lastAt: '2026-11-21T10:01:06.000Z' });
  });

  it('keeps to the five weakest, and none from an empty history', () => {
    expect(computeStats([]).weakest).toEqual([]);
    expect(computeStats([]).categories).toEqual([]);
    expect(computeStats([weak, weak, weak, strong].map(summarizeSession), { weakest: 1 }).weakest).toHaveLength(1);
  });
});

describe('median', () => {
  it.each([
    [[], null],
    [[3], 3],
    [[3, 1], 2],
    [[5, 1, 3], 3],
  ])('%j → %j', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('formatDateTime', () => {
  it.each([
    ['2026-11-25T10:05:00Z', {}, '2026-11-25 10:05'],
    ['2026-11-25T10:05:00Z', { timeZone: 'UTC', zone: true }, '2026-11-25 10:05 UTC'],
    ['2026-11-25T23:30:00Z', { timeZone: 'Asia/Tokyo' }, '2026-11-26 08:30'],
    ['2026-11-25T00:30:00Z', { timeZone: 'America/New_York', zone: true }, '2026-11-24 19:30 EST'],
    ['2026-11-25T10:05:00Z', { timeZone: 'Not/AZone' }, expect.stringMatching(/^2026-11-2[45] \d\d:\d5$/)],
    ['not a date', { timeZone: 'UTC' }, 'not a date'],
  ])('%s %j → %s', (iso, options, expected) => {
    expect(formatDateTime(iso, { timeZone: 'UTC', ...options })).toEqual(expected);
  });
});
