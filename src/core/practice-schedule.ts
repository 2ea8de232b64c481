import { coveredKeyPoints } from './grade.js';
import type { Transcript, TranscriptItem } from './transcript-schema.js';

// Which questions need practice, from the history of past sessions. The same measure ranks the
// weakest questions in `stats` and orders `start --order weakest`.
//
// The rule (also in the README):
// - An answer is *poor* when it was skipped, empty, timed out or ran over its limit, rated 1 or 2,
//   touched fewer than half of the question's key points, or needed two hints or more. Any other
//   finished answer is *good*.
// - Spaced repetition: a poor answer makes the question due at once; each good answer in a row
//   doubles the wait before it is due again (1 day after the first, then 2, 4, 8...).
// - Order: questions never answered first; then those due, weakest first; then those not yet
//   due, the soonest due first, a weak question counting up to a day sooner.

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The wait after the first good answer in a row; each further good answer doubles it. */
export const FIRST_INTERVAL_MS = DAY_MS;
/** How many of a question's latest answers its weakness is averaged over: recent practice counts, old mistakes fade. */
export const WEAKNESS_WINDOW = 3;

export type Grade = 'good' | 'poor';

/** One finished answer to a question, from a past session. */
export interface PracticeAttempt {
  /** `set-id/question-id`. */
  key: string;
  sessionId: string;
  /** When the answer was finished (ms). */
  at: number;
  item: TranscriptItem;
  grade: Grade;
  weakness: number;
}

/** A question's place in the schedule, from all its answers. */
export interface QuestionSchedule {
  key: string;
  attempts: PracticeAttempt[];
  /** When the question is next due (ms): at once after a poor answer. */
  dueAt: number;
  /** The current wait; 0 after a poor answer. */
  intervalMs: number;
  /** Good answers in a row, most recent last. */
  streak: number;
  /** 0 (nothing to work on) to 1 (skipped or empty every time), over the latest {@link WEAKNESS_WINDOW} answers. */
  weakness: number;
}

/** `set-id/question-id`: a question's identity across sessions. */
export function questionKey(question: { setId: string; id: string }): string {
  return `${question.setId}/${question.id}`;
}

/** Share of the question's key points the answer touched; null when the question lists none. */
export function keyPointCoverage(item: Pick<TranscriptItem, 'question' | 'keyPointsTouched' | 'keyPointsCorrected'>): number | null {
  const total = item.question.keyPoints.length;
  return total === 0 ? null : coveredKeyPoints(item).length / total;
}

/** Whether the answer ran out of time: timed out, or went into overtime. */
export function ranOutOfTime(item: Pick<TranscriptItem, 'timedOut' | 'overtimeMs'>): boolean {
  return item.timedOut || item.overtimeMs > 0;
}

/** Good or poor, by the rule at the top of this file. */
export function gradeAttempt(item: TranscriptItem): Grade {
  const coverage = keyPointCoverage(item);
  const poor =
    item.skipped ||
    item.answer.trim() === '' ||
    ranOutOfTime(item) ||
    (item.selfRating !== null && item.selfRating <= 2) ||
    (coverage !== null && coverage < 0.5) ||
    item.hintsUsed.length >= 2;
  return poor ? 'poor' : 'good';
}

/**
 * How much an answer shows the question needs work, 0 to 1: 1 when skipped or empty, otherwise
 * the mean of what is known of it: key points missed, self-rating below 5, running out of time,
 * hints used (two or more count fully).
 */
export function attemptWeakness(item: TranscriptItem): number {
  if (item.skipped || item.answer.trim() === '') return 1;
  const coverage = keyPointCoverage(item);
  const parts = [ranOutOfTime(item) ? 1 : 0, Math.min(item.hintsUsed.length, 2) / 2];
  if (coverage !== null) parts.push(1 - coverage);
  if (item.selfRating !== null) parts.push((5 - item.selfRating) / 4);
  return parts.reduce((sum, part) => sum + part, 0) / parts.length;
}

/** Every finished answer in the history, per question, oldest first. Unfinished drafts do not count. */
export function collectAttempts(transcripts: readonly Transcript[]): Map<string, PracticeAttempt[]> {
  const byKey = new Map<string, PracticeAttempt[]>();
  for (const transcript of transcripts) {
    for (const item of transcript.items) {
      if (item.finishedAt === null) continue;
      const at = Date.parse(item.finishedAt);
      if (Number.isNaN(at)) continue;
      const key = questionKey(item.question);
      const attempt: PracticeAttempt = {
        key,
        sessionId: transcript.id,
        at,
        item,
        grade: gradeAttempt(item),
        weakness: attemptWeakness(item),
      };
      const list = byKey.get(key);
      if (list) list.push(attempt);
      else byKey.set(key, [attempt]);
    }
  }
  for (const list of byKey.values()) list.sort((a, b) => a.at - b.at);
  return byKey;
}

/** Runs the spaced-repetition rule over a question's answers (oldest first). */
export function scheduleQuestion(key: string, attempts: readonly PracticeAttempt[]): QuestionSchedule {
  let intervalMs = 0;
  let dueAt = Number.NEGATIVE_INFINITY;
  let streak = 0;
  for (const attempt of attempts) {
    if (attempt.grade === 'good') {
      intervalMs = intervalMs === 0 ? FIRST_INTERVAL_MS : intervalMs * 2;
      streak++;
    } else {
      intervalMs = 0;
      streak = 0;
    }
    dueAt = attempt.at + intervalMs;
  }
  const recent = attempts.slice(-WEAKNESS_WINDOW);
  const weakness = recent.length === 0 ? 0 : recent.reduce((sum, attempt) => sum + attempt.weakness, 0) / recent.length;
  return { key, attempts: [...attempts], dueAt, intervalMs, streak, weakness };
}

/** The schedule of every question answered at least once in the history. */
export function schedulePractice(transcripts: readonly Transcript[]): Map<string, QuestionSchedule> {
  const schedules = new Map<string, QuestionSchedule>();
  for (const [key, attempts] of collectAttempts(transcripts)) schedules.set(key, scheduleQuestion(key, attempts));
  return schedules;
}

/**
 * How much a question needs practice at `now`, higher first: 3 for never answered; from 2 to
 * under 3 when due, by weakness; under 1 when not yet due, higher the sooner it is due, a weak
 * question counting up to a day sooner (of two questions due about the same time, the weaker
 * comes first).
 */
export function practicePriority(schedule: QuestionSchedule | undefined, now: number): number {
  if (!schedule || schedule.attempts.length === 0) return 3;
  if (now >= schedule.dueAt) return 2 + 0.99 * schedule.weakness;
  const daysLeft = (schedule.dueAt - now) / DAY_MS;
  return 1 / (2 + daysLeft - schedule.weakness);
}

/** A priority function for `selectQuestions({ order: 'weakest' })` over this history. */
export function createPracticePriority(
  transcripts: readonly Transcript[],
  now: number,
): (entry: { set: { id: string }; question: { id: string } }) => number {
  const schedules = schedulePractice(transcripts);
  return (entry) => practicePriority(schedules.get(questionKey({ setId: entry.set.id, id: entry.question.id })), now);
}
