import { MAX_DURATION_SEC } from './duration.js';
import type { FollowUpAnswer, Transcript, TranscriptItem } from './transcript-schema.js';

// What the schema's types let through but no session can produce: a limit of 1e308 seconds, a
// year 271822, four of one key point touched. A transcript edited by hand (or damaged) with such
// values is refused on read, like any damaged file, instead of being shown as `2.77e+301h`.

/** The longest time an answer may have used, in ms: overtime and untimed answers run past 24h only by mistake. */
export const MAX_TIME_USED_MS = 7 * MAX_DURATION_SEC * 1000;
/** At most this many questions in a session (the most `-n` asks for). */
export const MAX_QUESTIONS = 1000;

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)$/;

/** Where the first out-of-bounds value is and what is wrong with it (`items.2.limitSec: more than 24h`), or null. */
export function checkTranscriptBounds(transcript: Transcript): string | null {
  // In the order of the file, the first problem only; a path is written only for a problem
  // (every read checks every transcript, and nearly all have none).
  if (notDate(transcript.startedAt)) return dateProblem('startedAt');
  if (notDate(transcript.updatedAt)) return dateProblem('updatedAt');
  if (notDate(transcript.endedAt)) return dateProblem('endedAt');
  const { settings, items } = transcript;
  if (settings.totalLimitSec !== null && settings.totalLimitSec > MAX_DURATION_SEC) return 'settings.totalLimitSec: more than 24h';
  if (settings.count > MAX_QUESTIONS) return `settings.count: more than ${MAX_QUESTIONS}`;
  if (items.length > MAX_QUESTIONS) return `items: more than ${MAX_QUESTIONS}`;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as TranscriptItem;
    const problem = attemptProblem(item, i, -1) ?? followUpsProblem(item.followUps, i) ?? pointsAndHintsProblem(item, i);
    if (problem !== null) return problem;
  }
  return null;
}

const HOURS_USED = MAX_TIME_USED_MS / 3_600_000;

function notDate(value: string | null): boolean {
  return value !== null && !ISO_DATE.test(value);
}

function dateProblem(path: string): string {
  return `${path}: not a date of years 0000 to 9999`;
}

/** An answer's problem: item `i`'s own (`j` < 0) or its follow-up `j`'s. */
function attemptProblem(attempt: TranscriptItem | FollowUpAnswer, i: number, j: number): string | null {
  const path = () => (j < 0 ? `items.${i}` : `items.${i}.followUps.${j}`);
  if (attempt.limitSec !== null && attempt.limitSec > MAX_DURATION_SEC) return `${path()}.limitSec: more than 24h`;
  if (attempt.timeUsedMs > MAX_TIME_USED_MS) return `${path()}.timeUsedMs: more than ${HOURS_USED}h`;
  if (attempt.overtimeMs > MAX_TIME_USED_MS) return `${path()}.overtimeMs: more than ${HOURS_USED}h`;
  if (notDate(attempt.shownAt)) return dateProblem(`${path()}.shownAt`);
  if (notDate(attempt.finishedAt)) return dateProblem(`${path()}.finishedAt`);
  return null;
}

function followUpsProblem(followUps: readonly FollowUpAnswer[], i: number): string | null {
  for (let j = 0; j < followUps.length; j++) {
    const problem = attemptProblem(followUps[j] as FollowUpAnswer, i, j);
    if (problem !== null) return problem;
  }
  return null;
}

function pointsAndHintsProblem(item: TranscriptItem, i: number): string | null {
  const points = item.question.keyPoints.length;
  for (const index of item.keyPointsTouched) {
    if (index >= points) return `items.${i}.keyPointsTouched: key point ${index} of a question with ${points}`;
  }
  const hints = item.question.hints.length;
  for (let j = 0; j < item.hintsUsed.length; j++) {
    const hint = item.hintsUsed[j] as TranscriptItem['hintsUsed'][number];
    if (hint.index >= hints) return `items.${i}.hintsUsed.${j}.index: hint ${hint.index} of a question with ${hints}`;
    if (hint.atSec * 1000 > MAX_TIME_USED_MS) return `items.${i}.hintsUsed.${j}.atSec: more than ${HOURS_USED}h`;
    if (notDate(hint.at)) return dateProblem(`items.${i}.hintsUsed.${j}.at`);
  }
  return null;
}
