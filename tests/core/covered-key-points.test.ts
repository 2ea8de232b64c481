import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCoveredKeyPoints, coveredKeyPoints } from '../../src/core/grade.js';

const item = (total: number, touched: number[], corrected: number[] | null) => ({
  question: { keyPoints: Array.from({ length: total }, (_, i) => ({ point: `point ${i}` })) },
  keyPointsTouched: touched,
  keyPointsCorrected: corrected,
});

describe('countCoveredKeyPoints', () => {
  it('is the length of coveredKeyPoints for any marks: out of order, repeated, out of range, corrected or not', () => {
    const marks = fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 12 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), marks, fc.option(marks, { nil: null }), (total, touched, corrected) => {
        const answer = item(total, touched, corrected) as Parameters<typeof coveredKeyPoints>[0];
        expect(countCoveredKeyPoints(answer)).toBe(coveredKeyPoints(answer).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts the corrections when there are any, and marks past the last key point not at all', () => {
    expect(countCoveredKeyPoints(item(3, [0, 1, 2], [1]) as never)).toBe(1);
    expect(countCoveredKeyPoints(item(3, [0, 2, 5, 7], null) as never)).toBe(2);
    expect(countCoveredKeyPoints(item(3, [2, 2, 0], null) as never)).toBe(2);
  });
});
