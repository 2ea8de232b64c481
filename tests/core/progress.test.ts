import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { localDay, parseDay, startOfLocalDay, weekday } from '../../src/core/local-day.js';
import type { PracticeAttempt } from '../../src/core/practice-schedule.js';
import { DAY_MS, scheduleQuestion } from '../../src/core/practice-schedule.js';
import type { AnswerRecord, TrendPoint } from '../../src/core/progress.js';
import {
  answerRecords,
  calibration,
  categoryTrends,
  dueSummary,
  narrowRecords,
  practiceDays,
  ratingShare,
  resolveHistoryCategory,
  trendDirection,
} from '../../src/core/progress.js';
import { summarizeAnswer, summarizeSession } from '../../src/core/session-summary.js';
import { parseSince, resolveSince } from '../../src/core/since.js';
import { sparkline } from '../../src/core/sparkline.js';
import type { Transcript, TranscriptItem } from '../../src/core/transcript-schema.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';

describe('sparkline', () => {
  it.each([
    ['the eight heights on a 0–1 scale', [0, 0.13, 0.26, 0.38, 0.51, 0.63, 0.76, 1], 0, 1, '▁▂▃▄▅▆▇█'],
    ['a fixed scale: flat and high stays high', [0.9, 0.9, 0.9], 0, 1, '███'],
    ['ratings on 1–5', [1, 3, 5], 1, 5, '▁▅█'],
    ['a gap for a missing value', [0.5, null, 1], 0, 1, '▅·█'],
    ['out of range is clamped', [-1, 2], 0, 1, '▁█'],
    ['none', [], 0, 1, ''],
  ] as const)('%s', (_name, values, min, max, expected) => {
    expect(sparkline(values, min, max)).toBe(expected);
  });
});

describe('parseSince and resolveSince', () => {
  const now = Date.parse('2026-11-25T15:30:00Z');
  const today = localDay(now, 'UTC');
  it.each([
    ['2026-11-01', '2026-11-01T00:00:00.000Z'],
    ['30d', '2026-10-26T15:30:00.000Z'],
    ['2w', '2026-11-11T15:30:00.000Z'],
    ['1w3d', '2026-11-15T15:30:00.000Z'],
    ['12h', '2026-11-25T03:30:00.000Z'],
    [' Today ', '2026-11-25T00:00:00.000Z'],
  ])('%s → %s (UTC)', (text, expected) => {
    const spec = parseSince(text);
    expect(spec).not.toBeNull();
    if (spec) expect(new Date(resolveSince(spec, now, 'UTC', today)).toISOString()).toBe(expected);
  });

  it('a date starts at local midnight in the given zone', () => {
    const spec = parseSince('2026-11-01');
    if (!spec) throw new Error('not parsed');
    // New York is UTC-4 on 1 November 2026 (daylight saving ends at 2:00 that night).
    expect(new Date(resolveSince(spec, now, 'America/New_York', today)).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(new Date(resolveSince(spec, now, 'Asia/Tokyo', today)).toISOString()).toBe('2026-10-31T15:00:00.000Z');
  });

  it.each(['', '30', '3m', '0d', 'yesterday', '2026-02-30', '2026-13-01', '26-11-01', '-1d', 'd'])('refuses %j', (text) => {
    expect(parseSince(text)).toBeNull();
  });
});

describe('local days', () => {
  it('count days in the zone, with weekdays Monday 0 to Sunday 6', () => {
    const late = Date.parse('2026-11-25T23:30:00Z');
    expect(localDay(late, 'UTC')).toBe(parseDay('2026-11-25'));
    expect(localDay(late, 'Asia/Tokyo')).toBe(parseDay('2026-11-26'));
    expect(localDay(late, 'America/Los_Angeles')).toBe(parseDay('2026-11-25'));
    expect(weekday(parseDay('2026-11-23') ?? 0)).toBe(0); // a Monday
    expect(weekday(parseDay('2026-11-29') ?? 0)).toBe(6); // a Sunday
  });

  it('a day that loses an hour to daylight saving still starts at its midnight', () => {
    const day = parseDay('2026-03-08') ?? 0; // US clocks go forward at 2:00
    expect(new Date(startOfLocalDay(day, 'America/New_York')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(startOfLocalDay(day + 1, 'America/New_York')).toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });
});

const record = (fields: Partial<AnswerRecord>): AnswerRecord => ({
  sessionId: 's',
  sessionStartedAt: Date.parse('2026-11-20T10:00:00Z'),
  key: 'mini/define-alignment',
  setId: 'mini',
  categoryId: 'basics',
  categoryTitle: 'Basics',
  finishedAt: Date.parse('2026-11-20T10:01:00Z'),
  answered: true,
  keyPoints: 4,
  covered: 2,
  selfRating: 3,
  ...fields,
});

describe('trendDirection (later half against earlier half, 5 points or more)', () => {
  const points = (coverages: (number | null)[], ratings: (number | null)[] = coverages.map(() => null)): TrendPoint[] =>
    coverages.map((coverage, i) => ({ sessionId: `s${i}`, startedAt: '', coverage, rating: ratings[i] ?? null }));
  it.each([
    ['too few sessions', points([0.2, 0.9, 1]), null, null],
    ['improving', points([0.2, 0.3, 0.6, 0.7]), 'improving', 0.4],
    ['slipping', points([0.8, 0.8, 0.5, 0.6]), 'slipping', -0.25],
    ['steady within 5 points', points([0.5, 0.52, 0.53, 0.5]), 'steady', 0.005],
    ['exactly 5 points counts', points([0.5, 0.5, 0.55, 0.55]), 'improving', 0.05],
    ['odd: the middle session is left out', points([0.2, 0.2, 1, 0.4, 0.4]), 'improving', 0.2],
    ['no key points: the self-rating on 0–1', points([null, null, null, null], [2, 2, 4, 5]), 'improving', (0.75 + 1) / 2 - 0.25],
  ] as const)('%s', (_name, list, direction, change) => {
    const result = trendDirection(list);
    expect(result.direction).toBe(direction);
    if (change === null) expect(result.change).toBeNull();
    else expect(result.change).toBeCloseTo(change, 6);
  });
});

describe('categoryTrends', () => {
  it('one point per session in time order (the latest 12), with first and last values', () => {
    const records = Array.from({ length: 15 }, (_, i) => [
      record({
        sessionId: `s${String(i).padStart(2, '0')}`,
        sessionStartedAt: Date.parse('2026-11-01T10:00:00Z') + i * DAY_MS,
        covered: i % 5,
        selfRating: null,
      }),
      record({
        sessionId: `s${String(i).padStart(2, '0')}`,
        sessionStartedAt: Date.parse('2026-11-01T10:00:00Z') + i * DAY_MS,
        key: 'mini/reward-model',
        keyPoints: 4,
        covered: 4,
        selfRating: 4,
      }),
    ])
      .flat()
      .reverse();
    const [basics] = categoryTrends(records);
    expect(basics?.sessions).toBe(15);
    expect(basics?.points).toHaveLength(12);
    expect(basics?.points[0]?.sessionId).toBe('s03');
    // Session 3: 3 of 4 and 4 of 4 covered; its only rating is 4.
    expect(basics?.points[0]).toMatchObject({ coverage: 7 / 8, rating: 4, startedAt: '2026-11-04T10:00:00.000Z' });
    expect(basics?.coverage).toEqual({ first: 7 / 8, last: 8 / 8 });
    expect(basics?.rating).toEqual({ first: 4, last: 4 });
  });

  it('skipped answers count as nothing covered; categories apart, sorted by title', () => {
    const trends = categoryTrends([
      record({ answered: false, covered: 0, selfRating: null }),
      record({ categoryId: 'systems', categoryTitle: 'Systems Design', keyPoints: 0, covered: 0, selfRating: 5 }),
    ]);
    expect(trends.map((trend) => [trend.categoryTitle, trend.points[0]?.coverage, trend.points[0]?.rating])).toEqual([
      ['Basics', 0, null],
      ['Systems Design', null, 5],
    ]);
    expect(trends[0]?.rating).toBeNull();
  });
});

describe('practiceDays: the streak and a 12-week calendar in the user zone', () => {
  const at = (iso: string) => record({ finishedAt: Date.parse(iso) });
  // Wednesday 25 November 2026, 15:00 UTC.
  const now = Date.parse('2026-11-25T15:00:00Z');

  it('counts days in a row up to today, or up to yesterday while today is still open', () => {
    const days = ['2026-11-20', '2026-11-22', '2026-11-23', '2026-11-24'].map((day) => at(`${day}T12:00:00Z`));
    expect(practiceDays(days, now, 'UTC')).toMatchObject({ streak: 3, practisedToday: false, longestStreak: 3, today: '2026-11-25' });
    const withToday = practiceDays([...days, at('2026-11-25T08:00:00Z')], now, 'UTC');
    expect(withToday).toMatchObject({ streak: 4, practisedToday: true, longestStreak: 4 });
    // Nothing yesterday or today: the streak is over.
    expect(practiceDays(days.slice(0, 1), now, 'UTC').streak).toBe(0);
  });

  it('days are the user’s: two days in UTC are one in Tokyo, where today has begun', () => {
    const answers = [at('2026-11-24T16:00:00Z'), at('2026-11-25T14:00:00Z')];
    expect(practiceDays(answers, now, 'UTC')).toMatchObject({ streak: 2, practisedToday: true, today: '2026-11-25' });
    // Tokyo: both on the 25th (01:00 and 23:00); it is already the 26th there.
    expect(practiceDays(answers, now, 'Asia/Tokyo')).toMatchObject({ streak: 1, practisedToday: false, today: '2026-11-26' });
  });

  it('the calendar: 12 Monday-first weeks ending with the current one, answers per day, null after today', () => {
    const days = practiceDays(
      [
        at('2026-11-23T09:00:00Z'),
        at('2026-11-23T10:00:00Z'),
        at('2026-11-25T09:00:00Z'),
        at('2026-09-07T09:00:00Z'),
        at('2026-09-06T09:00:00Z'),
      ],
      now,
      'UTC',
    );
    expect(days.heatmap.from).toBe('2026-09-07');
    expect(days.heatmap.weeks).toHaveLength(12);
    expect(days.heatmap.weeks[0]?.[0]).toBe(1); // Monday 7 September; the Sunday before is outside
    expect(days.heatmap.weeks[11]).toEqual([2, 0, 1, null, null, null, null]);
    expect(days.activeDays).toBe(3);
  });
});

describe('dueSummary', () => {
  const at = (day: number) => Date.parse('2026-11-20T12:00:00Z') + day * DAY_MS;
  const attempt = (day: number, rating: PracticeAttempt['rating']): PracticeAttempt => ({
    key: 'q',
    sessionId: `s${day}`,
    at: at(day),
    index: 0,
    answer: summarizeAnswer(makeMiniTranscript().items[0] as TranscriptItem, 0),
    rating,
    weakness: 0,
  });
  it('due now, by the end of today and within seven days; the mean expected recall', () => {
    const now = at(3); // 2026-11-23 12:00 UTC
    const schedules = [
      scheduleQuestion('a', [attempt(0, 'good')]), // due at day 3, 12:00: now
      scheduleQuestion('b', [attempt(0.2, 'good')]), // due at day 3.2: later today
      scheduleQuestion('c', [attempt(2, 'easy')]), // due at day 10: in the week? day 10 = 11-30: no (the week ends 11-30 00:00)
      scheduleQuestion('d', [attempt(1, 'easy')]), // due at day 9: within 7 days
    ];
    const due = dueSummary(schedules, now, 'UTC');
    expect(due).toMatchObject({ questions: 4, now: 1, today: 2, week: 3 });
    expect(due.expectedRecall).toBeGreaterThan(0.8);
    expect(due.expectedRecall).toBeLessThan(1);
    expect(dueSummary([], now, 'UTC')).toEqual({ questions: 0, now: 0, today: 0, week: 0, expectedRecall: null });
  });
});

describe('calibration: self-rating (1–5 as 0–1) against coverage', () => {
  it.each([
    ['above: rated 5, half covered', [record({ selfRating: 5, covered: 2 })], 'above', 0.5],
    ['below: rated 2, all covered', [record({ selfRating: 2, covered: 4 })], 'below', -0.75],
    ['in line within 10 points', [record({ selfRating: 3, covered: 2 }), record({ selfRating: 4, covered: 3 })], 'in line', 0],
    [
      'unrated, skipped and point-less answers do not count',
      [record({ selfRating: null }), record({ answered: false }), record({ keyPoints: 0 })],
      null,
      null,
    ],
  ] as const)('%s', (_name, records, verdict, gap) => {
    const result = calibration(records);
    expect(result.verdict).toBe(verdict);
    if (gap === null) expect(result.gap).toBeNull();
    else expect(result.gap).toBeCloseTo(gap, 6);
  });

  it('maps 1 → 0, 3 → 0.5, 5 → 1', () => {
    expect([1, 2, 3, 4, 5].map(ratingShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});

describe('narrowing and -c', () => {
  const transcript = (id: string, startedAt: string): Transcript => ({ ...makeMiniTranscript({ now: Date.parse(startedAt) }), id });
  const transcripts = [transcript('a', '2026-11-01T10:00:00Z'), transcript('b', '2026-11-20T10:00:00Z')];
  const history = transcripts.map(summarizeSession);

  it('--since keeps the sessions started then or later; -c keeps the category’s questions', () => {
    expect(narrowRecords(history, { since: Date.parse('2026-11-10T00:00:00Z') }).map((t) => t.id)).toEqual(['b']);
    const basics = narrowRecords(history, { category: { setId: 'mini', id: 'basics' } });
    expect(basics.map((t) => t.answers.map((answer) => answer.questionId))).toEqual([
      ['define-alignment', 'reward-model'],
      ['define-alignment', 'reward-model'],
    ]);
    expect(narrowRecords(history, { category: { setId: 'mini', id: 'nothing' } })).toEqual([]);
  });

  it('finds a category by id or title, case-insensitive; an unknown one names the closest', () => {
    expect(resolveHistoryCategory(history, 'BASICS')).toEqual({ setId: 'mini', id: 'basics', title: 'Basics' });
    expect(resolveHistoryCategory(history, 'systems design').id).toBe('systems');
    expect(() => resolveHistoryCategory(history, 'basic')).toThrow(
      new UsageError(
        'no sessions asked questions of category "basic". Did you mean "basics"? Categories in your sessions: basics, systems',
      ),
    );
  });

  it('answerRecords: finished answers only; corrections count; skipped ones cover nothing and carry no rating', () => {
    const [first] = transcripts;
    if (!first) throw new Error('no history');
    const [a, b, c] = first.items as [TranscriptItem, TranscriptItem, TranscriptItem];
    const finished: Transcript = {
      ...first,
      items: [
        { ...a, finishedAt: '2026-11-01T10:02:00.000Z', answer: 'x', keyPointsTouched: [0], keyPointsCorrected: [0, 2], selfRating: 4 },
        { ...b, finishedAt: '2026-11-01T10:03:00.000Z', skipped: true, keyPointsTouched: [0], selfRating: 5 },
        c,
      ],
    };
    expect(
      answerRecords([summarizeSession(finished)]).map(({ key, answered, keyPoints, covered, selfRating }) => ({
        key,
        answered,
        keyPoints,
        covered,
        selfRating,
      })),
    ).toEqual([
      { key: 'mini/define-alignment', answered: true, keyPoints: 3, covered: 2, selfRating: 4 },
      { key: 'mini/reward-model', answered: false, keyPoints: 2, covered: 0, selfRating: null },
    ]);
    expect(answerRecords(history)).toEqual([]);
  });
});
