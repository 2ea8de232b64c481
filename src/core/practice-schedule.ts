import type { Card, Grade as FsrsGrade } from 'ts-fsrs';
import { fsrs, generatorParameters, Rating, State } from 'ts-fsrs';
import type { AnswerRecord, SessionRecord } from './session-summary.js';

// Which questions need practice, from the history of past sessions. The same schedule ranks the
// weakest questions in `stats`, counts what is due, and orders `start --order due` and `weakest`.
//
// The schedule is FSRS (ts-fsrs, fuzz off so it is deterministic), replayed from the sessions'
// records (core/session-summary.ts: what the summary index keeps of each transcript) in time order
// on every run: the transcripts stay the only truth, there is no second database.
// Each finished answer becomes an FSRS rating (also in the README):
// - Again: skipped or empty; or, without a self-rating, fewer than half the key points covered.
// - Otherwise the self-rating has the last word when given: 1 Again, 2 Hard, 3 and 4 Good, 5 Easy.
// - Without one: Hard when it timed out or ran over, needed two hints or more, or covered under
//   three quarters of the key points; Easy when it covered every key point with no hint, in time;
//   Good otherwise (a question with no key points counts as covered).
// Ties in time are broken by session id and then by the question's place in the session, so any
// file order gives the same schedule.
export const DAY_MS = 24 * 60 * 60 * 1000;
/** How many of a question's latest answers its weakness is averaged over: recent practice counts, old mistakes fade. */
export const WEAKNESS_WINDOW = 3;

/** An FSRS rating, by the rule at the top of this file. */
export type PracticeRating = 'again' | 'hard' | 'good' | 'easy';

/** One finished answer to a question, from a past session. */
export interface PracticeAttempt {
  /** `set-id/question-id`. */
  key: string;
  sessionId: string;
  /** When the answer was finished (ms). */
  at: number;
  /** The question's place in its session: breaks ties in time. */
  index: number;
  answer: AnswerRecord;
  rating: PracticeRating;
  weakness: number;
}

/** A question's place in the schedule, from all its answers. */
export interface QuestionSchedule {
  key: string;
  attempts: PracticeAttempt[];
  /** When FSRS says the question is next due (ms). */
  dueAt: number;
  /** FSRS memory state after the last answer: stability in days, difficulty 1 to 10. */
  stability: number;
  difficulty: number;
  /** Times rated Again after the first answer. */
  lapses: number;
  /** The FSRS card, to ask for the expected recall at a given time (see {@link expectedRecall}). */
  card: Card | null;
  /** 0 (nothing to work on) to 1 (skipped or empty every time), over the latest {@link WEAKNESS_WINDOW} answers. */
  weakness: number;
}

/** `set-id/question-id`: a question's identity across sessions. */
export function questionKey(question: { setId: string; id: string }): string {
  return `${question.setId}/${question.id}`;
}

/** What the rating rule and the weakness read of an answer. */
export type RatedAnswer = Pick<
  AnswerRecord,
  'skipped' | 'empty' | 'timedOut' | 'overtimeMs' | 'selfRating' | 'hints' | 'keyPoints' | 'covered'
>;

/** Share of the question's key points the answer touched; null when the question lists none. */
export function keyPointCoverage(answer: Pick<AnswerRecord, 'keyPoints' | 'covered'>): number | null {
  return answer.keyPoints === 0 ? null : answer.covered / answer.keyPoints;
}

/** Whether the answer ran out of time: timed out, or went into overtime. */
export function ranOutOfTime(answer: Pick<AnswerRecord, 'timedOut' | 'overtimeMs'>): boolean {
  return answer.timedOut || answer.overtimeMs > 0;
}

/** The FSRS rating of a finished answer, by the rule at the top of this file. */
export function rateAttempt(answer: RatedAnswer): PracticeRating {
  if (answer.skipped || answer.empty) return 'again';
  if (answer.selfRating !== null) {
    if (answer.selfRating <= 1) return 'again';
    if (answer.selfRating === 2) return 'hard';
    return answer.selfRating >= 5 ? 'easy' : 'good';
  }
  const coverage = keyPointCoverage(answer) ?? 1;
  if (coverage < 0.5) return 'again';
  if (ranOutOfTime(answer) || answer.hints >= 2 || coverage < 0.75) return 'hard';
  return coverage === 1 && answer.hints === 0 ? 'easy' : 'good';
}

const FSRS_RATING: Record<PracticeRating, FsrsGrade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

/** FSRS's probability (0 to 1) that the question would be recalled at `now`; 0 when never answered. */
export function expectedRecall(schedule: QuestionSchedule | undefined, now: number): number {
  if (!schedule?.card) return 0;
  return scheduler.get_retrievability(schedule.card, new Date(now), false);
}

/**
 * How much an answer shows the question needs work, 0 to 1: 1 when skipped or empty, otherwise
 * the mean of what is known of it: key points missed, self-rating below 5, running out of time,
 * hints used (two or more count fully).
 */
export function attemptWeakness(answer: RatedAnswer): number {
  if (answer.skipped || answer.empty) return 1;
  const coverage = keyPointCoverage(answer);
  const parts = [ranOutOfTime(answer) ? 1 : 0, Math.min(answer.hints, 2) / 2];
  if (coverage !== null) parts.push(1 - coverage);
  if (answer.selfRating !== null) parts.push((5 - answer.selfRating) / 4);
  return parts.reduce((sum, part) => sum + part, 0) / parts.length;
}

/** Every finished answer in the history, per question, oldest first. Unfinished drafts do not count. */
export function collectAttempts(history: readonly SessionRecord[]): Map<string, PracticeAttempt[]> {
  const byKey = new Map<string, PracticeAttempt[]>();
  for (const session of history) {
    for (const answer of session.answers) {
      if (answer.finishedAtMs === null) continue;
      const key = questionKey({ setId: answer.setId, id: answer.questionId });
      const attempt: PracticeAttempt = {
        key,
        sessionId: session.id,
        at: answer.finishedAtMs,
        index: answer.index,
        answer,
        rating: rateAttempt(answer),
        weakness: attemptWeakness(answer),
      };
      const list = byKey.get(key);
      if (list) list.push(attempt);
      else byKey.set(key, [attempt]);
    }
  }
  for (const list of byKey.values()) list.sort(compareAttempts);
  return byKey;
}

/** Time order; ties by session id, then by place in the session: the same whatever order the files came in. */
export function compareAttempts(
  a: Pick<PracticeAttempt, 'at' | 'sessionId' | 'index'>,
  b: Pick<PracticeAttempt, 'at' | 'sessionId' | 'index'>,
): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.sessionId !== b.sessionId) return a.sessionId < b.sessionId ? -1 : 1;
  return a.index - b.index;
}

/**
 * FSRS over a question's answers (oldest first): the card ts-fsrs's `next` would give, field for
 * field (tests/core/practice-schedule-replay.test.ts compares the two over random histories).
 * `next` works out the card for all four grades at every step and copies the card and its dates
 * several times over, to offer a preview; a replay needs one grade, so this takes the same steps
 * through ts-fsrs's own algorithm (its memory state, forgetting curve and intervals) and makes one
 * card at the end: a tenth of the time over a long history. Long-term scheduling only (short-term
 * steps off), fuzz off, as {@link scheduler} is set up.
 */
export function replayCard(attempts: readonly Pick<PracticeAttempt, 'at' | 'rating'>[]): Card | null {
  if (attempts.length === 0) return null;
  let stability = 0;
  let difficulty = 0;
  let lapses = 0;
  let lastAt = 0;
  let elapsedDays = 0;
  let scheduledDays = 0;
  let dueAt = 0;
  for (const [i, attempt] of attempts.entries()) {
    const grade = FSRS_RATING[attempt.rating];
    // ts-fsrs counts elapsed time in whole UTC calendar days (dateDiffInDays).
    const days = i === 0 ? 0 : Math.floor(attempt.at / DAY_MS) - Math.floor(lastAt / DAY_MS);
    const memory = i === 0 ? null : { difficulty, stability };
    const recall = memory === null ? undefined : scheduler.forgetting_curve(days, stability);
    const next = (g: FsrsGrade) => scheduler.next_state(memory, days, g, recall);
    // The intervals of the lower grades bound the chosen one (each grade at least a day past the one below).
    const again = next(Rating.Again);
    const hard = next(Rating.Hard);
    const hardInterval = scheduler.next_interval(hard.stability, days);
    let interval = Math.min(scheduler.next_interval(again.stability, days), hardInterval);
    let state = again;
    if (grade >= Rating.Hard) {
      interval = Math.max(hardInterval, interval + 1);
      state = hard;
    }
    if (grade >= Rating.Good) {
      state = next(Rating.Good);
      interval = Math.max(scheduler.next_interval(state.stability, days), interval + 1);
    }
    if (grade === Rating.Easy) {
      state = next(Rating.Easy);
      interval = Math.max(scheduler.next_interval(state.stability, days), interval + 1);
    }
    if (i > 0 && grade === Rating.Again) lapses += 1;
    stability = state.stability;
    difficulty = state.difficulty;
    elapsedDays = days;
    scheduledDays = interval;
    lastAt = attempt.at;
    dueAt = attempt.at + interval * DAY_MS;
  }
  return {
    due: new Date(dueAt),
    stability,
    difficulty,
    elapsed_days: elapsedDays,
    scheduled_days: scheduledDays,
    reps: attempts.length,
    lapses,
    learning_steps: 0,
    state: State.Review,
    last_review: new Date(lastAt),
  };
}

/** Replays FSRS over a question's answers (oldest first). */
export function scheduleQuestion(key: string, attempts: readonly PracticeAttempt[]): QuestionSchedule {
  const card = replayCard(attempts);
  const recent = attempts.slice(-WEAKNESS_WINDOW);
  const weakness = recent.length === 0 ? 0 : recent.reduce((sum, attempt) => sum + attempt.weakness, 0) / recent.length;
  return {
    key,
    attempts: [...attempts],
    dueAt: card ? card.due.getTime() : Number.NEGATIVE_INFINITY,
    stability: card?.stability ?? 0,
    difficulty: card?.difficulty ?? 0,
    lapses: card?.lapses ?? 0,
    card,
    weakness,
  };
}

/** The schedule of every question answered at least once in the history (records: see core/session-summary.ts). */
export function schedulePractice(history: readonly SessionRecord[]): Map<string, QuestionSchedule> {
  const schedules = new Map<string, QuestionSchedule>();
  for (const [key, attempts] of collectAttempts(history)) schedules.set(key, scheduleQuestion(key, attempts));
  return schedules;
}

/**
 * A question's place in an order, compared element by element, higher first (a missing element
 * counts lowest). Ties keep the order they came in: the seed's shuffle.
 */
export type OrderKey = readonly number[];

/** Whether FSRS says the question is due at `now` (it has been answered, and its due date has come). */
export function isDue(schedule: QuestionSchedule | undefined, now: number): boolean {
  return schedule !== undefined && schedule.card !== null && now >= schedule.dueAt;
}

/**
 * `--order due`: what FSRS says is due, the most overdue first (then the weaker); then the
 * questions never answered; then the rest, the soonest due first.
 */
export function dueOrderKey(schedule: QuestionSchedule | undefined, now: number): OrderKey {
  if (!schedule || schedule.card === null) return [1];
  if (now >= schedule.dueAt) return [2, now - schedule.dueAt, schedule.weakness];
  return [0, now - schedule.dueAt];
}

/**
 * `--order weakest`, a cram that leaves the schedule's meaning alone: the questions answered
 * before, the highest recent weakness first (over the latest {@link WEAKNESS_WINDOW} answers; of
 * two as weak, the more overdue), and the questions never answered last.
 */
export function weakestOrderKey(schedule: QuestionSchedule | undefined, now: number): OrderKey {
  if (!schedule || schedule.attempts.length === 0) return [0];
  return [1, schedule.weakness, now - schedule.dueAt];
}

/** The order key for `selectQuestions({ order })` over this history, for `due` and `weakest`. */
export function createOrderKey(
  order: 'due' | 'weakest',
  history: readonly SessionRecord[],
  now: number,
): (entry: { set: { id: string }; question: { id: string } }) => OrderKey {
  const schedules = schedulePractice(history);
  const key = order === 'due' ? dueOrderKey : weakestOrderKey;
  return (entry) => key(schedules.get(questionKey({ setId: entry.set.id, id: entry.question.id })), now);
}

/** How many of the given questions FSRS says are due at `now`. */
export function countDue(
  entries: readonly { set: { id: string }; question: { id: string } }[],
  schedules: ReadonlyMap<string, QuestionSchedule>,
  now: number,
): number {
  return entries.filter((entry) => isDue(schedules.get(questionKey({ setId: entry.set.id, id: entry.question.id })), now)).length;
}
