import fc from 'fast-check';
import type { Card, Grade } from 'ts-fsrs';
import { createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { PracticeRating } from '../../src/core/practice-schedule.js';
import { DAY_MS, replayCard } from '../../src/core/practice-schedule.js';

// replayCard takes ts-fsrs's algorithm steps for one grade instead of calling `next` (which
// works out all four grades and copies the card at every step). These cases hold it to the
// card `next` gives, field for field, over random histories.

const reference = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));
const GRADE: Record<PracticeRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };
const ratings: PracticeRating[] = ['again', 'hard', 'good', 'easy'];

function referenceCard(attempts: { at: number; rating: PracticeRating }[]): Card | null {
  let card: Card | null = null;
  for (const attempt of attempts) {
    const at = new Date(attempt.at);
    card = reference.next(card ?? createEmptyCard(at), at, GRADE[attempt.rating]).card;
  }
  return card;
}

/** Answers in time order: gaps from none (the same moment) to a year, at any hour. */
const histories = fc
  .array(fc.record({ gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 * DAY_MS })), rating: fc.constantFrom(...ratings) }), {
    minLength: 1,
    maxLength: 40,
  })
  .chain((steps) =>
    fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }).map((start) => {
      let at = start;
      return steps.map((step) => {
        at += step.gapMs;
        return { at, rating: step.rating };
      });
    }),
  );

describe('replayCard', () => {
  it('gives the card ts-fsrs next gives, field for field, over random histories', () => {
    fc.assert(
      fc.property(histories, (attempts) => {
        expect(replayCard(attempts)).toEqual(referenceCard(attempts));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees on the expected recall it leads to, at any later time', () => {
    fc.assert(
      fc.property(histories, fc.integer({ min: 0, max: 800 * DAY_MS }), (attempts, laterMs) => {
        const mine = replayCard(attempts);
        const theirs = referenceCard(attempts);
        const at = new Date((attempts.at(-1)?.at ?? 0) + laterMs);
        expect(mine && reference.get_retrievability(mine, at, false)).toBe(theirs && reference.get_retrievability(theirs, at, false));
      }),
      { numRuns: 200 },
    );
  });

  it('counts lapses after the first answer only, and crosses UTC midnight as a day', () => {
    const midnight = Date.parse('2026-03-01T00:00:00Z');
    const attempts: { at: number; rating: PracticeRating }[] = [
      { at: midnight - 60_000, rating: 'again' },
      { at: midnight + 60_000, rating: 'again' },
      { at: midnight + 120_000, rating: 'good' },
    ];
    const card = replayCard(attempts);
    expect(card?.lapses).toBe(1);
    expect(card?.reps).toBe(3);
    expect(card?.elapsed_days).toBe(0);
    expect(card).toEqual(referenceCard(attempts));
    expect(replayCard(attempts.slice(0, 2))?.elapsed_days).toBe(1);
  });

  it('has no card for a question never answered', () => {
    expect(replayCard([])).toBeNull();
  });
});
