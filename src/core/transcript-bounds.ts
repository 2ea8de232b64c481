import { MAX_DURATION_SEC } from './duration.js';
import type { Transcript } from './transcript-schema.js';

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
  const problems: string[] = [];
  const date = (path: string, value: string | null) => {
    if (value !== null && !ISO_DATE.test(value)) problems.push(`${path}: not a date of years 0000 to 9999`);
  };
  const limit = (path: string, value: number | null) => {
    if (value !== null && value > MAX_DURATION_SEC) problems.push(`${path}: more than 24h`);
  };
  const used = (path: string, value: number) => {
    if (value > MAX_TIME_USED_MS) problems.push(`${path}: more than ${MAX_TIME_USED_MS / 3_600_000}h`);
  };
  date('startedAt', transcript.startedAt);
  date('updatedAt', transcript.updatedAt);
  date('endedAt', transcript.endedAt);
  limit('settings.totalLimitSec', transcript.settings.totalLimitSec);
  if (transcript.settings.count > MAX_QUESTIONS) problems.push(`settings.count: more than ${MAX_QUESTIONS}`);
  if (transcript.items.length > MAX_QUESTIONS) problems.push(`items: more than ${MAX_QUESTIONS}`);
  for (const [i, item] of transcript.items.entries()) {
    const attempts = [
      { path: `items.${i}`, attempt: item },
      ...item.followUps.map((attempt, j) => ({ path: `items.${i}.followUps.${j}`, attempt })),
    ];
    for (const { path, attempt } of attempts) {
      limit(`${path}.limitSec`, attempt.limitSec);
      used(`${path}.timeUsedMs`, attempt.timeUsedMs);
      used(`${path}.overtimeMs`, attempt.overtimeMs);
      date(`${path}.shownAt`, attempt.shownAt);
      date(`${path}.finishedAt`, attempt.finishedAt);
    }
    const points = item.question.keyPoints.length;
    const touched = item.keyPointsTouched.find((index) => index >= points);
    if (touched !== undefined) problems.push(`items.${i}.keyPointsTouched: key point ${touched} of a question with ${points}`);
    for (const [j, hint] of item.hintsUsed.entries()) {
      if (hint.index >= item.question.hints.length)
        problems.push(`items.${i}.hintsUsed.${j}.index: hint ${hint.index} of a question with ${item.question.hints.length}`);
      if (hint.atSec * 1000 > MAX_TIME_USED_MS)
        problems.push(`items.${i}.hintsUsed.${j}.atSec: more than ${MAX_TIME_USED_MS / 3_600_000}h`);
      date(`items.${i}.hintsUsed.${j}.at`, hint.at);
    }
  }
  return problems[0] ?? null;
}
