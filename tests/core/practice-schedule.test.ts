import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PracticeAttempt } from '../../src/core/practice-schedule.js';
import {
  attemptWeakness,
  countDue,
  createOrderKey,
  DAY_MS,
  dueOrderKey,
  expectedRecall,
  isDue,
  rateAttempt,
  schedulePractice,
  scheduleQuestion,
} from '../../src/core/practice-schedule.js';
import { questionPool, selectQuestions } from '../../src/core/select-questions.js';
import type { SessionEvent } from '../../src/core/session.js';
import { startSession, step } from '../../src/core/session.js';
import { summarizeAnswer, summarizeSession } from '../../src/core/session-summary.js';
import type { Transcript, TranscriptItem } from '../../src/core/transcript-schema.js';
import { loadMiniSet, makeMiniTranscript } from '../support/fixture-sets.js';

// define-alignment: three key points, two hints.
const base = makeMiniTranscript().items[0] as TranscriptItem;
const answered = (fields: Partial<TranscriptItem>): TranscriptItem => ({
  ...base,
  shownAt: '2026-11-20T10:00:00.000Z',
  finishedAt: '2026-11-20T10:01:00.000Z',
  answer: 'an answer',
  keyPointsTouched: [0, 1, 2],
  ...fields,
});
const hint = { index: 0, text: 'h', at: '2026-11-20T10:00:10.000Z', atSec: 10 };

describe('rateAttempt (the README rule) and attemptWeakness', () => {
  it.each([
    ['all key points, no hints, in time', {}, 'easy', 0],
    ['all key points, rated 5', { selfRating: 5 }, 'easy', 0],
    ['all key points, rated 4', { selfRating: 4 }, 'good', (0 + 0 + 0 + 1 / 4) / 4],
    ['all key points, rated 3', { selfRating: 3 }, 'good', (0 + 0 + 0 + 2 / 4) / 4],
    ['two of three key points, rated 4', { keyPointsTouched: [0, 1], selfRating: 4 }, 'good', (0 + 0 + 1 / 3 + 1 / 4) / 4],
    ['two of three key points', { keyPointsTouched: [0, 1] }, 'hard', (0 + 0 + 1 / 3) / 3],
    [
      'the candidate corrected the marks to all three: corrections win',
      { keyPointsTouched: [0], keyPointsCorrected: [0, 1, 2] },
      'easy',
      0,
    ],
    ['the candidate corrected the marks down to one', { keyPointsCorrected: [0] }, 'again', (0 + 0 + 2 / 3) / 3],
    ['one hint', { hintsUsed: [hint] }, 'good', (0 + 0.5 + 0) / 3],
    ['two hints', { hintsUsed: [hint, { ...hint, index: 1 }] }, 'hard', (0 + 1 + 0) / 3],
    ['one of three key points', { keyPointsTouched: [0] }, 'again', (0 + 0 + 2 / 3) / 3],
    [
      'one of three key points, rated 5: the self-rating has the last word',
      { keyPointsTouched: [0], selfRating: 5 },
      'easy',
      (0 + 0 + 2 / 3 + 0) / 4,
    ],
    ['all key points, rated 2', { selfRating: 2 }, 'hard', (0 + 0 + 0 + 3 / 4) / 4],
    ['all key points, rated 1', { selfRating: 1 }, 'again', (0 + 0 + 0 + 1) / 4],
    ['timed out', { timedOut: true }, 'hard', (1 + 0 + 0) / 3],
    ['into overtime', { overtimeMs: 5000 }, 'hard', (1 + 0 + 0) / 3],
    ['skipped', { skipped: true, answer: '' }, 'again', 1],
    ['skipped, rated 5', { skipped: true, answer: '', selfRating: 5 }, 'again', 1],
    ['empty', { answer: '  \n' }, 'again', 1],
  ] as const)('%s', (_name, fields, rating, weakness) => {
    const item = answered(fields as Partial<TranscriptItem>);
    expect(rateAttempt(summarizeAnswer(item, 0))).toBe(rating);
    expect(attemptWeakness(summarizeAnswer(item, 0))).toBeCloseTo(weakness, 6);
  });

  it('a question without key points is judged on the rest', () => {
    const item = answered({ question: { ...base.question, keyPoints: [] }, keyPointsTouched: [] });
    expect(rateAttempt(summarizeAnswer(item, 0))).toBe('easy');
    expect(rateAttempt(summarizeAnswer({ ...item, selfRating: 4 }, 0))).toBe('good');
    expect(attemptWeakness(summarizeAnswer({ ...item, selfRating: 4 }, 0))).toBeCloseTo(0.25 / 3, 6);
  });
});

const at = (day: number) => Date.parse('2026-11-01T12:00:00Z') + day * DAY_MS;
type Rated = PracticeAttempt['rating'];
const attempt = (day: number, rating: Rated, weakness = rating === 'again' ? 0.8 : 0.1): PracticeAttempt => ({
  key: 'mini/q',
  sessionId: `s${day}`,
  at: at(day),
  index: 0,
  answer: summarizeAnswer(base, 0),
  rating,
  weakness,
});

describe('scheduleQuestion: FSRS replayed over the answers (fuzz off, days not minutes)', () => {
  it.each([
    ['one Good answer: due three days later', [attempt(0, 'good')], 3],
    ['one Easy answer: eight days', [attempt(0, 'easy')], 8],
    ['one Again answer: the next day', [attempt(0, 'again')], 1],
    ['one Hard answer: two days', [attempt(0, 'hard')], 2],
  ])('%s', (_name, attempts, dueDay) => {
    expect(scheduleQuestion('mini/q', attempts).dueAt).toBe(at(dueDay));
  });

  it('good answers in a row push the wait out; Again brings it back and counts a lapse', () => {
    const good = scheduleQuestion('mini/q', [attempt(0, 'good'), attempt(3, 'good'), attempt(14, 'good')]);
    const lapsed = scheduleQuestion('mini/q', [attempt(0, 'good'), attempt(3, 'good'), attempt(14, 'again')]);
    expect(good.dueAt - at(14)).toBeGreaterThan(11 * DAY_MS);
    expect(lapsed.dueAt - at(14)).toBeLessThanOrEqual(2 * DAY_MS);
    expect(lapsed.lapses).toBe(1);
    expect(good.stability).toBeGreaterThan(lapsed.stability);
  });

  it('expected recall falls with time and is 0 for a question never answered', () => {
    const schedule = scheduleQuestion('mini/q', [attempt(0, 'good')]);
    expect(expectedRecall(schedule, at(0))).toBeCloseTo(1, 6);
    expect(expectedRecall(schedule, at(3))).toBeGreaterThan(expectedRecall(schedule, at(30)));
    expect(expectedRecall(undefined, at(3))).toBe(0);
  });

  it('weakness is the mean over the latest three answers', () => {
    const schedule = scheduleQuestion('mini/q', [
      attempt(0, 'again', 1),
      attempt(1, 'good', 0.2),
      attempt(2, 'good', 0.1),
      attempt(3, 'good', 0),
    ]);
    expect(schedule.weakness).toBeCloseTo(0.1, 6);
  });
});

describe('the order keys (compared element by element, higher first)', () => {
  const now = at(10);
  const againYesterday = scheduleQuestion('k', [attempt(9, 'again', 0.8)]); // due at day 10: due now, 0 days over
  const goodLongAgo = scheduleQuestion('k', [attempt(1, 'good', 0)]); // due at day 4: six days over
  const dueSoon = scheduleQuestion('k', [attempt(9.5, 'good')]); // due at day 12.5
  const easyYesterday = scheduleQuestion('k', [attempt(9, 'easy', 0)]); // due at day 17
  it.each([
    ['due: never answered, between due and not yet due', undefined, [1]],
    ['due: due now, no days over', againYesterday, [2, 0, 0.8]],
    ['due: six days over', goodLongAgo, [2, 6 * DAY_MS, 0]],
    ['due: not due for two and a half days', dueSoon, [0, -2.5 * DAY_MS]],
  ] as const)('%s', (_name, schedule, key) => {
    expect(dueOrderKey(schedule, now)).toEqual(key);
  });

  it('weakest: answered questions by weakness (then the more overdue), never-answered last', () => {
    const key = createOrderKey('weakest', [], now)({ set: { id: 'mini' }, question: { id: 'q' } });
    expect(key).toEqual([0]);
    expect(isDue(againYesterday, now)).toBe(true);
    expect(isDue(easyYesterday, now)).toBe(false);
    expect(isDue(undefined, now)).toBe(false);
  });
});

/** A transcript sat through the state machine: each entry answers one question at `day`. */
function sat(id: string, day: number, events: SessionEvent[][]): Transcript {
  let now = at(day);
  let state = startSession({ ...makeMiniTranscript({ now }), id });
  for (const answer of events) {
    now += 1000;
    state = step(state, { type: 'show' }, now);
    for (const event of answer) {
      now += 30_000;
      state = step(state, event, now);
    }
  }
  return state.transcript;
}

describe('start --order due and --order weakest: the orders the schedule gives', () => {
  const mini = loadMiniSet();
  const pool = questionPool([mini]);
  const ordered = (kind: 'due' | 'weakest', history: Transcript[], now: number, count = 3) =>
    selectQuestions(pool, {
      order: kind,
      seed: 1,
      scope: 'the mini set',
      count,
      priority: createOrderKey(kind, history.map(summarizeSession), now),
    }).map((entry) => entry.question.id);
  const order = (history: Transcript[], now: number, count = 3) => ordered('weakest', history, now, count);

  it('weakest: answered questions weakest first, never-answered last; due: due first, then new, then the rest', () => {
    const history = [
      sat('s1', 0, [
        // define-alignment: strong (all three key points, rated 5 below) → not due for a day.
        [
          {
            type: 'submit',
            text: 'outer alignment is the objective we wrote, a goodhart proxy drifts, and more capable systems exploit gaps',
          },
        ],
        // reward-model: timed out → due at once, weak.
        [{ type: 'timeout', text: 'reward hacking' }],
      ]),
    ];
    const rated = step(startSession(history[0] as Transcript), { type: 'rate', index: 0, rating: 5 }, at(0) + 200_000);
    // Weakest: the timed-out answer is the weakest, the strong one next, the never-answered design-eval last,
    // whether or not anything is due (the cram does not follow the schedule).
    expect(order([rated.transcript], at(0.5))).toEqual(['reward-model', 'define-alignment', 'design-eval']);
    expect(order([rated.transcript], at(30))).toEqual(['reward-model', 'define-alignment', 'design-eval']);
    // Due, half a day later: nothing is due yet (Hard: two days; rated 5: Easy, eight days):
    // the new question first, then the soonest due.
    expect(ordered('due', [rated.transcript], at(0.5))).toEqual(['design-eval', 'reward-model', 'define-alignment']);
    expect(countDue(pool, schedulePractice([summarizeSession(rated.transcript)]), at(0.5))).toBe(0);
    // Three days later reward-model is due (a day over): it comes before the new question.
    expect(ordered('due', [rated.transcript], at(3))).toEqual(['reward-model', 'design-eval', 'define-alignment']);
    expect(countDue(pool, schedulePractice([summarizeSession(rated.transcript)]), at(3))).toBe(1);
    // Nine days later both are due: the most overdue first (reward-model by seven days, define-alignment by one).
    expect(ordered('due', [rated.transcript], at(9))).toEqual(['reward-model', 'define-alignment', 'design-eval']);
    expect(countDue(pool, schedulePractice([summarizeSession(rated.transcript)]), at(9))).toBe(2);
  });

  it('a good answer pushes a question back; answering the weak one well brings the other forward', () => {
    const first = sat('s1', 0, [
      [{ type: 'submit', text: 'outer alignment is the objective we wrote; a proxy pushed hard drifts (goodhart)' }],
      [{ type: 'skip', text: '' }],
    ]);
    const second = sat('s2', 1, [
      [{ type: 'submit', text: 'inner alignment is what the network really learns' }],
      [{ type: 'submit', text: 'trained on human preferences from pairwise comparisons; reward hacking exploits its flaws' }],
    ]);
    // After s1 only: reward-model (skipped) is the weakest; the never-answered design-eval is last.
    expect(order([first], at(0.2), 2)).toEqual(['reward-model', 'define-alignment']);
    // After s2 reward-model's good answer halves its weakness (mean of skipped and good), still above
    // define-alignment's (two partial answers): the cram goes by the recent answers, not the latest alone.
    expect(order([first, second], at(1.2))).toEqual(['reward-model', 'define-alignment', 'design-eval']);
    // The schedule goes by the latest: define-alignment (one point of three: Again at day 1) is due at
    // day 2, reward-model (good) later, after the new question.
    expect(ordered('due', [first, second], at(2.1))).toEqual(['define-alignment', 'design-eval', 'reward-model']);
  });

  it('ties are broken by the seed, not by the set order', () => {
    const seeds = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) =>
        selectQuestions(pool, { order: 'weakest', seed, scope: 'x', count: 3, priority: createOrderKey('weakest', [], at(0)) })
          .map((entry) => entry.question.id)
          .join(),
      ),
    );
    expect(seeds.size).toBeGreaterThan(1);
  });
});

describe('questions not yet due (--order due)', () => {
  it('come soonest due first', () => {
    const now = at(10);
    const later = dueOrderKey(scheduleQuestion('a', [attempt(9.5, 'good', 0.4)]), now);
    const sooner = dueOrderKey(scheduleQuestion('b', [attempt(9.05, 'good', 0)]), now);
    const pool = [
      { key: 'later', score: later },
      { key: 'sooner', score: sooner },
      { key: 'new', score: dueOrderKey(undefined, now) },
    ];
    const chosen = selectQuestions(
      pool.map(({ key }) => ({ set: loadMiniSet(), question: { id: key, category: 'basics', prompt: key }, categoryTitle: 'x' })),
      { order: 'due', seed: 1, scope: 'x', priority: (entry) => pool.find((p) => p.key === entry.question.id)?.score ?? [] },
    );
    expect(chosen.map((entry) => entry.question.id)).toEqual(['new', 'sooner', 'later']);
  });
});

describe('the schedule is replayed from the transcripts alone', () => {
  const ratings: Rated[] = ['again', 'hard', 'good', 'easy'];
  const history = (rated: { day: number; rating: Rated; q: number }[]): Transcript[] =>
    rated.map(({ day, rating, q }, n) => {
      const transcript = makeMiniTranscript({ now: at(day) });
      const items = transcript.items.map((item, index) =>
        index === q
          ? answered({
              ...item,
              finishedAt: new Date(at(Math.floor(day))).toISOString(),
              skipped: rating === 'again',
              answer: rating === 'again' ? '' : 'x',
              selfRating: rating === 'hard' ? 2 : rating === 'good' ? 4 : rating === 'easy' ? 5 : null,
            })
          : { ...item, finishedAt: null },
      );
      return { ...transcript, id: `s${String(n).padStart(2, '0')}`, items };
    });

  it('any file order gives the same schedule (ties in time included)', () => {
    fc.assert(
      fc.property(
        fc
          .array(
            fc.record({ day: fc.integer({ min: 0, max: 30 }), rating: fc.constantFrom(...ratings), q: fc.integer({ min: 0, max: 2 }) }),
            {
              minLength: 1,
              maxLength: 12,
            },
          )
          .chain((rated) => fc.tuple(fc.constant(history(rated)), fc.shuffledSubarray(history(rated), { minLength: rated.length }))),
        ([inOrder, shuffled]) => {
          const view = (transcripts: Transcript[]) =>
            [...schedulePractice(transcripts.map(summarizeSession)).values()]
              .map((s) => [s.key, s.dueAt, s.stability, s.difficulty, s.lapses].join())
              .sort();
          expect(view(shuffled)).toEqual(view(inOrder));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives the latest attempts alone as the whole list ends, whether or not the list was made first', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ day: fc.integer({ min: 0, max: 30 }), rating: fc.constantFrom(...ratings), q: fc.integer({ min: 0, max: 2 }) }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.integer({ min: 0, max: 14 }),
        (rated, count) => {
          const records = history(rated).map(summarizeSession);
          // Asked before the whole list is made (the list is then made afresh), and after.
          for (const schedule of schedulePractice(records).values()) {
            const latest = schedule.latestAttempts(count);
            expect(schedule.attemptCount).toBe(schedule.attempts.length);
            expect(latest).toEqual(count === 0 ? [] : schedule.attempts.slice(-count));
            expect(schedule.latestAttempts(count)).toEqual(latest);
          }
          const attempts = [...schedulePractice(records).values()].flatMap((schedule) => schedule.attempts);
          const byAttempts = scheduleQuestion('mini/q', attempts);
          expect(byAttempts.attemptCount).toBe(attempts.length);
          expect(byAttempts.latestAttempts(count)).toEqual(count === 0 ? [] : attempts.slice(-count));
        },
      ),
      { numRuns: 100 },
    );
  });
});
