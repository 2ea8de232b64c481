import { describe, expect, it } from 'vitest';
import type { SessionEvent, SessionState } from '../../src/core/session.js';
import { deadlineOf, startSession, step } from '../../src/core/session.js';
import { summarizeTranscript } from '../../src/core/summary.js';
import type { SessionSettings } from '../../src/core/transcript-schema.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';

const T0 = Date.parse('2026-11-25T10:00:00Z');
function newSession(settings: Partial<SessionSettings> = {}, limits: (number | null)[] = [60, 120, null]): SessionState {
  return startSession(makeMiniTranscript({ now: T0, settings, limits }));
}

/** Plays `[secondsAfterT0, event]` pairs through the state machine. */
function play(state: SessionState, events: [number, SessionEvent][]): SessionState {
  return events.reduce((current, [seconds, event]) => step(current, event, T0 + seconds * 1000), state);
}

describe('the session state machine', () => {
  it('runs a whole interview with a hint, a time-out and a skip', () => {
    const end = play(newSession(), [
      [0, { type: 'show' }],
      [5, { type: 'draft', text: 'Outer alignment' }],
      [12, { type: 'hint' }],
      [
        30,
        { type: 'submit', text: 'Outer alignment is about the objective we wrote; a proxy pushed too hard stops tracking it (Goodhart).' },
      ],
      [31, { type: 'rate', index: 0, rating: 4 }],
      [40, { type: 'show' }],
      [100, { type: 'draft', text: 'reward hacking is' }],
      [160, { type: 'timeout', text: 'reward hacking is the policy exploiting its scorer' }],
      [170, { type: 'show' }],
      [200, { type: 'skip', text: '' }],
    ]);
    expect(end.phase).toBe('ended');
    const { transcript } = end;
    expect(transcript.status).toBe('completed');
    expect(transcript.endReason).toBe('finished');
    expect(transcript.endedAt).toBe('2026-11-25T10:03:20.000Z');
    const [first, second, third] = transcript.items;
    expect(first).toMatchObject({
      answer: 'Outer alignment is about the objective we wrote; a proxy pushed too hard stops tracking it (Goodhart).',
      shownAt: '2026-11-25T10:00:00.000Z',
      finishedAt: '2026-11-25T10:00:30.000Z',
      timeUsedMs: 30_000,
      timedOut: false,
      skipped: false,
      hintsUsed: [
        { index: 0, text: 'Think about the gap between what we specify and what we want.', at: '2026-11-25T10:00:12.000Z', atSec: 12 },
      ],
      keyPointsTouched: [0, 1],
      selfRating: 4,
    });
    expect(second).toMatchObject({
      answer: 'reward hacking is the policy exploiting its scorer',
      timedOut: true,
      timeUsedMs: 120_000,
      keyPointsTouched: [1],
    });
    expect(third).toMatchObject({ skipped: true, timeUsedMs: 30_000, limitSec: null });
    expect(summarizeTranscript(transcript)).toEqual({
      total: 3,
      answered: 2,
      skipped: 1,
      timedOut: 1,
      notReached: 0,
      timeUsedMs: 180_000,
      hintsUsed: 1,
      keyPoints: { touched: 3, total: 5 },
      averageRating: 4,
    });
  });

  it('gives each question its deadline, and the session its own when --total is shorter', () => {
    const shown = play(newSession({ totalLimitSec: 100 }), [[0, { type: 'show' }]]);
    expect(deadlineOf(shown)).toEqual({ at: T0 + 60_000, scope: 'question', overtime: false, hardAt: T0 + 60_000 });
    const second = play(shown, [
      [50, { type: 'submit', text: 'a' }],
      [55, { type: 'show' }],
    ]);
    expect(deadlineOf(second)).toEqual({ at: T0 + 105_000, scope: 'session', overtime: false, hardAt: T0 + 105_000 });
  });

  it('ends the session when the total time runs out, keeping the partial answer', () => {
    const end = play(newSession({ totalLimitSec: 90 }), [
      [0, { type: 'show' }],
      [50, { type: 'submit', text: 'a' }],
      [60, { type: 'show' }],
      [101, { type: 'timeout', text: 'half an answer' }],
    ]);
    expect(end.transcript).toMatchObject({ status: 'completed', endReason: 'total-time' });
    expect(end.transcript.items[1]).toMatchObject({ answer: 'half an answer', timedOut: true, timeUsedMs: 40_000 });
    expect(summarizeTranscript(end.transcript).notReached).toBe(1);
  });

  it('never counts more time than the limit, however late the time-out arrives', () => {
    const end = play(newSession(), [
      [0, { type: 'show' }],
      [75, { type: 'timeout', text: '' }],
    ]);
    expect(end.transcript.items[0]?.timeUsedMs).toBe(60_000);
  });

  it('reveals hints in order, one at a time, and no more than there are', () => {
    const state = play(newSession(), [
      [0, { type: 'show' }],
      [1, { type: 'hint' }],
      [2, { type: 'hint' }],
      [3, { type: 'hint' }],
    ]);
    expect(state.transcript.items[0]?.hintsUsed.map((hint) => [hint.index, hint.atSec])).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('ignores hints when hints are off', () => {
    const state = play(newSession({ hints: false }), [
      [0, { type: 'show' }],
      [1, { type: 'hint' }],
    ]);
    expect(state.transcript.items[0]?.hintsUsed).toEqual([]);
  });

  it('stops on an interrupt with the draft saved, and resumes where it stopped', () => {
    const stopped = play(newSession(), [
      [0, { type: 'show' }],
      [20, { type: 'submit', text: 'first' }],
      [25, { type: 'show' }],
      [40, { type: 'draft', text: 'half typed' }],
      [45, { type: 'stop', reason: 'interrupted', text: 'half typed, more' }],
    ]);
    expect(stopped.transcript).toMatchObject({ status: 'interrupted', endReason: 'interrupted', endedAt: '2026-11-25T10:00:45.000Z' });
    expect(stopped.transcript.items[1]).toMatchObject({ answer: 'half typed, more', finishedAt: null, timeUsedMs: 20_000 });

    const resumed = step(startSession(stopped.transcript), { type: 'show' }, T0 + 3_600_000);
    expect(resumed.phase).toBe('answering');
    if (resumed.phase !== 'answering') return;
    expect(resumed.index).toBe(1);
    expect(resumed.transcript).toMatchObject({ status: 'in-progress', endReason: null, endedAt: null });
    // 20 s of the 120 s were used before the break: 100 s remain, from the moment it is shown again.
    expect(deadlineOf(resumed)).toEqual({ at: T0 + 3_700_000, scope: 'question', overtime: false, hardAt: T0 + 3_700_000 });
    expect(resumed.transcript.items[1]?.shownAt).toBe('2026-11-25T10:00:25.000Z');
  });

  it.each<[string, SessionEvent]>([
    ['a draft', { type: 'draft', text: 'x' }],
    ['a hint', { type: 'hint' }],
    ['a submit', { type: 'submit', text: 'x' }],
    ['a rating of an unfinished question', { type: 'rate', index: 0, rating: 3 }],
  ])('ignores %s before any question is shown', (_name, event) => {
    const state = newSession();
    expect(step(state, event, T0)).toBe(state);
  });

  it.each([0, 6, 2.5])('refuses a self-rating of %s', (rating) => {
    const answered = play(newSession(), [
      [0, { type: 'show' }],
      [1, { type: 'submit', text: 'x' }],
    ]);
    expect(step(answered, { type: 'rate', index: 0, rating }, T0).transcript.items[0]?.selfRating).toBeNull();
  });

  it('records time used in the transcript as drafts arrive, for crash safety', () => {
    const state = play(newSession(), [
      [0, { type: 'show' }],
      [7, { type: 'draft', text: 'a' }],
    ]);
    expect(state.transcript.items[0]?.timeUsedMs).toBe(7000);
    expect(state.transcript.updatedAt).toBe('2026-11-25T10:00:07.000Z');
  });
});

describe('follow-up questions', () => {
  const withFollowUps = () => newSession({ followUps: 1 }, [90, 120, null]);

  it("asks a question's follow-up right after its main answer, with a third of its time (at least 45 s)", () => {
    const state = play(withFollowUps(), [
      [0, { type: 'show' }],
      [30, { type: 'submit', text: 'main answer' }],
      [31, { type: 'show' }],
    ]);
    expect(state).toMatchObject({ phase: 'answering', index: 0, part: 0 });
    expect(deadlineOf(state)).toMatchObject({ at: T0 + 31_000 + 45_000, scope: 'question' });
    const done = play(state, [
      [40, { type: 'draft', text: 'I would' }],
      [50, { type: 'submit', text: 'I would probe it with held-out tests.' }],
      [51, { type: 'show' }],
    ]);
    // The second question has no follow-ups in the set: on to question 3 after it.
    expect(done).toMatchObject({ phase: 'answering', index: 1, part: null });
    expect(done.transcript.items[0]?.followUps).toEqual([
      {
        prompt: 'How would you detect inner misalignment?',
        limitSec: 45,
        shownAt: '2026-11-25T10:00:31.000Z',
        finishedAt: '2026-11-25T10:00:50.000Z',
        timeUsedMs: 19_000,
        timedOut: false,
        skipped: false,
        overtimeMs: 0,
        answer: 'I would probe it with held-out tests.',
      },
    ]);
    // Follow-up time counts towards the session, not towards the main answer.
    expect(done.transcript.items[0]?.timeUsedMs).toBe(30_000);
  });

  it('plans follow-ups only as many as asked and as the question has', () => {
    expect(withFollowUps().transcript.items.map((item) => item.followUps.length)).toEqual([1, 0, 0]);
    expect(newSession({ followUps: 0 }).transcript.items[0]?.followUps).toEqual([]);
  });

  it('skips the follow-ups of a skipped question, and has none untimed when the question is untimed', () => {
    const state = play(withFollowUps(), [
      [0, { type: 'show' }],
      [5, { type: 'skip', text: '' }],
      [6, { type: 'show' }],
    ]);
    expect(state).toMatchObject({ phase: 'answering', index: 1, part: null });
    expect(state.transcript.items[0]?.followUps[0]).toMatchObject({ skipped: true, shownAt: null });
    expect(newSession({ followUps: 1 }, [null]).transcript.items[0]?.followUps[0]?.limitSec).toBeNull();
  });

  it('resumes in the middle of a follow-up', () => {
    const stopped = play(withFollowUps(), [
      [0, { type: 'show' }],
      [10, { type: 'submit', text: 'main' }],
      [11, { type: 'show' }],
      [20, { type: 'stop', reason: 'interrupted', text: 'half a follow-up' }],
    ]);
    const resumed = step(startSession(stopped.transcript), { type: 'show' }, T0 + 100_000);
    expect(resumed).toMatchObject({ phase: 'answering', index: 0, part: 0 });
    expect(deadlineOf(resumed)?.at).toBe(T0 + 100_000 + 36_000);
  });
});

describe('overtime', () => {
  it('keeps the answer open past the limit and records how long it ran over', () => {
    const shown = play(newSession({ overtime: true }), [[0, { type: 'show' }]]);
    expect(deadlineOf(shown)).toEqual({ at: T0 + 60_000, scope: 'question', overtime: true, hardAt: null });
    const end = play(shown, [
      [70, { type: 'draft', text: 'still going' }],
      [84, { type: 'submit', text: 'still going, done' }],
    ]);
    expect(end.transcript.items[0]).toMatchObject({ timeUsedMs: 84_000, overtimeMs: 24_000, timedOut: false });
  });

  it('still ends the session at --total: the session limit is hard', () => {
    const shown = play(newSession({ overtime: true, totalLimitSec: 100 }), [[0, { type: 'show' }]]);
    expect(deadlineOf(shown)).toEqual({ at: T0 + 60_000, scope: 'question', overtime: true, hardAt: T0 + 100_000 });
    const end = play(shown, [[130, { type: 'timeout', text: 'cut off' }]]);
    expect(end.transcript).toMatchObject({ status: 'completed', endReason: 'total-time' });
    expect(end.transcript.items[0]).toMatchObject({ timeUsedMs: 100_000, overtimeMs: 40_000, timedOut: true });
  });
});

describe('the candidate confirms the marks', () => {
  const answered = () =>
    play(newSession(), [
      [0, { type: 'show' }],
      [30, { type: 'submit', text: 'Outer alignment is about the objective we wrote down matching what we meant.' }],
    ]);
  it.each([
    ['a correction is kept beside the grader’s marks', [0, 2], [0], [0, 2]],
    ['the same marks again leave no correction', [0], [0], undefined],
    ['numbers that are not points are dropped, duplicates merged', [2, 2, 7, -1], [0], [2]],
    ['none covered', [], [0], []],
  ])('%s', (_name, covered, touched, corrected) => {
    const state = step(answered(), { type: 'confirm', index: 0, covered }, T0 + 40_000);
    expect(state.transcript.items[0]?.keyPointsTouched).toEqual(touched);
    expect(state.transcript.items[0]?.keyPointsCorrected).toEqual(corrected);
  });

  it('an open question cannot be confirmed', () => {
    const state = play(newSession(), [[0, { type: 'show' }]]);
    expect(step(state, { type: 'confirm', index: 0, covered: [1] }, T0 + 1000)).toBe(state);
  });

  it('the summary counts the corrected marks', () => {
    const state = step(answered(), { type: 'confirm', index: 0, covered: [0, 1, 2] }, T0 + 40_000);
    expect(summarizeTranscript(state.transcript).keyPoints).toEqual({ touched: 3, total: 3 });
  });
});
