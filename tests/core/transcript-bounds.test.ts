import { describe, expect, it } from 'vitest';
import { checkTranscriptBounds } from '../../src/core/transcript-bounds.js';
import type { Transcript, TranscriptItem } from '../../src/core/transcript-schema.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';

// Every bound by its path, and, where several values are out of bounds, the first in the order
// of the file: the transcript's dates, its settings, then each item (its own answer, its
// follow-ups, its key points touched, its hints).

const at = '2026-11-20T10:00:00.000Z';
const base = makeMiniTranscript({ now: Date.parse(at) });
const withItem = (changes: Partial<TranscriptItem>, index = 0): Transcript => ({
  ...base,
  items: base.items.map((item, i) => (i === index ? { ...item, ...changes } : item)),
});
const followUp = {
  prompt: 'Why?',
  limitSec: 60,
  shownAt: at,
  finishedAt: at,
  timeUsedMs: 1000,
  timedOut: false,
  skipped: false,
  overtimeMs: 0,
  answer: 'a',
};
const hint = { index: 0, text: 'h', at, atSec: 1 };

describe('checkTranscriptBounds', () => {
  it('finds nothing in a transcript mockprep writes', () => {
    expect(checkTranscriptBounds(base)).toBeNull();
    expect(checkTranscriptBounds(withItem({ followUps: [followUp], hintsUsed: [hint], keyPointsTouched: [0, 1] }))).toBeNull();
  });

  it.each<[string, Transcript, string]>([
    ['a start date', { ...base, startedAt: '+271822-01-01T00:00:00.000Z' }, 'startedAt: not a date of years 0000 to 9999'],
    ['an update date', { ...base, updatedAt: 'Tuesday' }, 'updatedAt: not a date of years 0000 to 9999'],
    ['an end date', { ...base, endedAt: '2026-11-20' }, 'endedAt: not a date of years 0000 to 9999'],
    ['a total limit', { ...base, settings: { ...base.settings, totalLimitSec: 1e308 } }, 'settings.totalLimitSec: more than 24h'],
    ['a count', { ...base, settings: { ...base.settings, count: 1001 } }, 'settings.count: more than 1000'],
    ['an answer limit', withItem({ limitSec: 86_401 }, 1), 'items.1.limitSec: more than 24h'],
    ['time used', withItem({ timeUsedMs: 1e307 }), 'items.0.timeUsedMs: more than 168h'],
    ['overtime', withItem({ overtimeMs: 1e12 }), 'items.0.overtimeMs: more than 168h'],
    ['a shown date', withItem({ shownAt: 'x' }), 'items.0.shownAt: not a date of years 0000 to 9999'],
    ['a finished date', withItem({ finishedAt: 'x' }, 2), 'items.2.finishedAt: not a date of years 0000 to 9999'],
    [
      'a follow-up limit',
      withItem({ followUps: [followUp, { ...followUp, limitSec: 1e9 }] }),
      'items.0.followUps.1.limitSec: more than 24h',
    ],
    [
      'a follow-up date',
      withItem({ followUps: [{ ...followUp, shownAt: 'x' }] }, 1),
      'items.1.followUps.0.shownAt: not a date of years 0000 to 9999',
    ],
    ['a key point touched', withItem({ keyPointsTouched: [0, 7, 9] }), 'items.0.keyPointsTouched: key point 7 of a question with 3'],
    ['a hint index', withItem({ hintsUsed: [hint, { ...hint, index: 5 }] }), 'items.0.hintsUsed.1.index: hint 5 of a question with 2'],
    ['a hint time', withItem({ hintsUsed: [{ ...hint, atSec: 1e12 }] }), 'items.0.hintsUsed.0.atSec: more than 168h'],
    ['a hint date', withItem({ hintsUsed: [{ ...hint, at: 'x' }] }), 'items.0.hintsUsed.0.at: not a date of years 0000 to 9999'],
  ])('names %s out of bounds', (_name, transcript, message) => {
    expect(checkTranscriptBounds(transcript)).toBe(message);
  });

  it('names the first of several in the order of the file', () => {
    const several = (items: Partial<TranscriptItem>[]): Transcript => ({
      ...base,
      items: base.items.map((item, i) => ({ ...item, ...(items[i] ?? {}) })),
    });
    // The item's own answer before its follow-ups, those before key points, those before hints.
    const item = {
      finishedAt: 'x',
      followUps: [{ ...followUp, timeUsedMs: 1e12 }],
      keyPointsTouched: [9],
      hintsUsed: [{ ...hint, index: 9 }],
    };
    expect(checkTranscriptBounds(several([item]))).toBe('items.0.finishedAt: not a date of years 0000 to 9999');
    expect(checkTranscriptBounds(several([{ ...item, finishedAt: at }]))).toBe('items.0.followUps.0.timeUsedMs: more than 168h');
    expect(checkTranscriptBounds(several([{ ...item, finishedAt: at, followUps: [] }]))).toBe(
      'items.0.keyPointsTouched: key point 9 of a question with 3',
    );
    expect(checkTranscriptBounds(several([{ hintsUsed: [{ ...hint, at: 'x', atSec: 1e12 }] }]))).toBe(
      'items.0.hintsUsed.0.atSec: more than 168h',
    );
    // An earlier item before a later one, the dates and settings before any item.
    expect(checkTranscriptBounds(several([{}, { limitSec: 1e9 }, { limitSec: 1e10, shownAt: 'x' }]))).toBe(
      'items.1.limitSec: more than 24h',
    );
    expect(checkTranscriptBounds({ ...several([{ limitSec: 1e9 }]), endedAt: 'x' })).toBe('endedAt: not a date of years 0000 to 9999');
  });
});
