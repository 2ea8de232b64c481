import type { Card, Grade as FsrsGrade } from 'ts-fsrs';
import { fsrs, generatorParameters, Rating, State } from 'ts-fsrs';
import type { AnswerColumns } from './answer-columns.js';
import { answerAt, answerColumns, EMPTY, OVERTIME, rowsBy, SKIPPED, sessionIdAt, TIMED_OUT } from './answer-columns.js';
import type { AnswerRecord, SessionRecord } from './session-summary.js';
import { sortInOrder } from './sort-in-order.js';

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
  /** How many attempts there are (`attempts.length`, without making them). */
  attemptCount: number;
  /** The latest `count` attempts, oldest first: only these are made, where the attempts are made when read. */
  latestAttempts(count: number): PracticeAttempt[];
  /** When FSRS says the question is next due (ms). */
  dueAt: number;
  /** When it was last answered (ms): the last attempt's time; 0 when never. */
  lastAt: number;
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

/**
 * {@link questionKey} for many answers: each question's key made once (by set, then by question)
 * and handed out again, not a new string per answer.
 */
export function questionKeys(): (setId: string, questionId: string) => string {
  const bySet = new Map<string, Map<string, string>>();
  return (setId, questionId) => {
    let ids = bySet.get(setId);
    if (!ids) {
      ids = new Map();
      bySet.set(setId, ids);
    }
    let key = ids.get(questionId);
    if (key === undefined) {
      key = questionKey({ setId, id: questionId });
      ids.set(questionId, key);
    }
    return key;
  };
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
/** The rating of each FSRS grade (the inverse of {@link FSRS_RATING}). */
const RATING_OF_GRADE: PracticeRating[] = [];
for (const [rating, grade] of Object.entries(FSRS_RATING)) RATING_OF_GRADE[grade] = rating as PracticeRating;

const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

// ts-fsrs's long-term steps (FSRSAlgorithm: next_state, forgetting_curve, next_interval, with
// short-term steps and fuzz off, as set up above), restated over plain copies of its parameters
// in the same operations and the same order, so the numbers are the same to the last bit. Its own
// methods read every parameter through a Proxy: most of a replay's time (7 µs an answer over
// 20,000 answers; now well under 1). tests/core/practice-schedule-replay.test.ts holds the replay
// to ts-fsrs `next` over random histories.
// Each parameter, and each product or power of parameters alone, is a constant worked out once
// (a parameter read through a function call was a tenth of a cold replay); the steps below take
// them in the order ts-fsrs takes them.
const W = Array.from(scheduler.parameters.w);
const w = (i: number) => W[i] as number;
const S_MIN = 1e-3;
const S_MAX = 36500;
const DECAY = -w(20);
const FACTOR = roundTo8(Math.exp(DECAY ** -1 * Math.log(0.9)) - 1);
const INTERVAL_MODIFIER = scheduler.interval_modifier;
const MAXIMUM_INTERVAL = scheduler.parameters.maximum_interval;
const W4 = w(4);
const W5 = w(5);
const NEG_W6 = -w(6);
const W7 = w(7);
const ONE_MINUS_W7 = 1 - w(7);
const W11 = w(11);
const NEG_W12 = -w(12);
const W13 = w(13);
const W14 = w(14);
const EXP_W8 = Math.exp(w(8));
const NEG_W9 = -w(9);
const W10 = w(10);
const W15 = w(15);
const W16 = w(16);

/** A value rounded to 8 decimals, as ts-fsrs rounds (roundTo(value, 8)). */
function roundTo8(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}
const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);
const forgettingCurve = (elapsedDays: number, stability: number) => roundTo8((1 + (FACTOR * elapsedDays) / stability) ** DECAY);
const initDifficulty = (g: FsrsGrade) => roundTo8(W4 - Math.exp((g - 1) * W5) + 1);
const nextInterval = (stability: number) => Math.round(Math.min(Math.max(1, Math.round(stability * INTERVAL_MODIFIER)), MAXIMUM_INTERVAL));
const W7_EASY_DIFFICULTY = W7 * initDifficulty(Rating.Easy);

function nextDifficulty(d: number, g: FsrsGrade): number {
  const delta = NEG_W6 * (g - 3);
  const next = d + roundTo8((delta * (10 - d)) / 9);
  return clamp(roundTo8(W7_EASY_DIFFICULTY + ONE_MINUS_W7 * next), 1, 10);
}

/** The stability after grade `g`, from difficulty `d`, stability `s` and the recall then; the first answer's when `first`. */
function nextStability(first: boolean, d: number, s: number, recall: number, g: FsrsGrade): number {
  if (first) return Math.max(w(g - 1), 0.1);
  if (g === Rating.Again) {
    const afterFail = roundTo8(clamp(W11 * d ** NEG_W12 * ((s + 1) ** W13 - 1) * Math.exp((1 - recall) * W14), S_MIN, S_MAX));
    // ts-fsrs: s / e^(w17 × w18), both 0 with short-term steps off: s itself.
    return clamp(roundTo8(s), S_MIN, afterFail);
  }
  return recalledStability(s, recallGrowth(d, s, recall), g);
}

/**
 * The part of the stability after a recall (Hard, Good, Easy) that does not depend on the grade:
 * worked out once a step for the three grades. The products are taken in ts-fsrs's order
 * (left to right), so {@link recalledStability} gives its numbers to the last bit.
 */
function recallGrowth(d: number, s: number, recall: number): number {
  return EXP_W8 * (11 - d) * s ** NEG_W9 * (Math.exp((1 - recall) * W10) - 1);
}

/** The stability after recall grade `g` (Hard, Good or Easy), from {@link recallGrowth}. */
function recalledStability(s: number, growth: number, g: FsrsGrade): number {
  const hardPenalty = g === Rating.Hard ? W15 : 1;
  const easyBound = g === Rating.Easy ? W16 : 1;
  return roundTo8(clamp(s * (1 + growth * hardPenalty * easyBound), S_MIN, S_MAX));
}

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
  // The mean of the parts known, summed in this order (time, hints, key points, rating).
  let sum = (ranOutOfTime(answer) ? 1 : 0) + Math.min(answer.hints, 2) / 2;
  let parts = 2;
  if (coverage !== null) {
    sum += 1 - coverage;
    parts += 1;
  }
  if (answer.selfRating !== null) {
    sum += (5 - answer.selfRating) / 4;
    parts += 1;
  }
  return sum / parts;
}

/** Time order; ties by session id, then by place in the session: the same whatever order the files came in. */
export function compareAttempts(
  a: Pick<PracticeAttempt, 'at' | 'sessionId' | 'index'>,
  b: Pick<PracticeAttempt, 'at' | 'sessionId' | 'index'>,
): number {
  return compareInTime(a.at, a.sessionId, a.index, b.at, b.sessionId, b.index);
}

/** {@link compareAttempts} over the three values of each answer. */
function compareInTime(atA: number, sessionA: string, indexA: number, atB: number, sessionB: string, indexB: number): number {
  if (atA !== atB) return atA - atB;
  if (sessionA !== sessionB) return sessionA < sessionB ? -1 : 1;
  return indexA - indexB;
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
  const at = Float64Array.from(attempts, (attempt) => attempt.at);
  const grades = Uint8Array.from(attempts, (attempt) => FSRS_RATING[attempt.rating]);
  return replayRows(
    at,
    grades,
    Int32Array.from(attempts, (_, i) => i),
  );
}

/** {@link replayCard} over rows of columns: the answers `rows` names, in that order, each finished at `at[row]` with FSRS grade `grades[row]`. */
function replayRows(at: Float64Array, grades: Uint8Array, rows: Int32Array): Card | null {
  if (rows.length === 0) return null;
  let stability = 0;
  let difficulty = 0;
  let lapses = 0;
  let lastAt = 0;
  let elapsedDays = 0;
  let scheduledDays = 0;
  let dueAt = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    const finishedAt = at[row] as number;
    const grade = grades[row] as FsrsGrade;
    const first = i === 0;
    // ts-fsrs counts elapsed time in whole UTC calendar days (dateDiffInDays).
    const days = first ? 0 : Math.floor(finishedAt / DAY_MS) - Math.floor(lastAt / DAY_MS);
    const recall = first ? 0 : forgettingCurve(days, stability);
    // The intervals of the lower grades bound the chosen one (each grade at least a day past the one below).
    // After the first answer, the three recall grades share one growth term.
    const growth = first ? 0 : recallGrowth(difficulty, stability, recall);
    const againStability = nextStability(first, difficulty, stability, recall, Rating.Again);
    const hardStability = first
      ? nextStability(true, difficulty, stability, recall, Rating.Hard)
      : recalledStability(stability, growth, Rating.Hard);
    const hardInterval = nextInterval(hardStability);
    let interval = Math.min(nextInterval(againStability), hardInterval);
    let chosen = againStability;
    if (grade >= Rating.Hard) {
      interval = Math.max(hardInterval, interval + 1);
      chosen = hardStability;
    }
    if (grade >= Rating.Good) {
      chosen = first ? nextStability(true, difficulty, stability, recall, Rating.Good) : recalledStability(stability, growth, Rating.Good);
      interval = Math.max(nextInterval(chosen), interval + 1);
    }
    if (grade === Rating.Easy) {
      chosen = first ? nextStability(true, difficulty, stability, recall, Rating.Easy) : recalledStability(stability, growth, Rating.Easy);
      interval = Math.max(nextInterval(chosen), interval + 1);
    }
    if (i > 0 && grade === Rating.Again) lapses += 1;
    difficulty = first ? clamp(initDifficulty(grade), 1, 10) : nextDifficulty(difficulty, grade);
    stability = chosen;
    elapsedDays = days;
    scheduledDays = interval;
    lastAt = finishedAt;
    dueAt = finishedAt + interval * DAY_MS;
  }
  return {
    due: new Date(dueAt),
    stability,
    difficulty,
    elapsed_days: elapsedDays,
    scheduled_days: scheduledDays,
    reps: rows.length,
    lapses,
    learning_steps: 0,
    state: State.Review,
    last_review: new Date(lastAt),
  };
}

/** Replays FSRS over a question's answers (oldest first). */
export function scheduleQuestion(key: string, attempts: readonly PracticeAttempt[]): QuestionSchedule {
  const own = [...attempts];
  return scheduleRows(
    key,
    Float64Array.from(own, (attempt) => attempt.at),
    Uint8Array.from(own, (attempt) => FSRS_RATING[attempt.rating]),
    Float64Array.from(own, (attempt) => attempt.weakness),
    Int32Array.from(own, (_, i) => i),
    (from) => (from === 0 ? own : own.slice(from)),
  );
}

/**
 * A question's schedule from its answers' rows (oldest first): the card FSRS replays, the
 * weakness over the latest {@link WEAKNESS_WINDOW}, and the attempts made by `makeAttempts(from)`
 * (those of rows `from` on) the first time they are read.
 */
function scheduleRows(
  key: string,
  at: Float64Array,
  grades: Uint8Array,
  weakness: Float64Array,
  rows: Int32Array,
  makeAttempts: (from: number) => PracticeAttempt[],
): QuestionSchedule {
  const from = Math.max(0, rows.length - WEAKNESS_WINDOW);
  let sum = 0;
  for (let i = from; i < rows.length; i++) sum += weakness[rows[i] as number] as number;
  const lastAt = rows.length === 0 ? 0 : (at[rows[rows.length - 1] as number] as number);
  const weak = rows.length === from ? 0 : sum / (rows.length - from);
  return new RowSchedule(key, replayRows(at, grades, rows), weak, lastAt, rows.length, makeAttempts);
}

/** The schedule of every question answered at least once in the history (records: see core/session-summary.ts). */
export function schedulePractice(history: readonly SessionRecord[]): Map<string, QuestionSchedule> {
  return scheduleColumns(answerColumns(history));
}

/**
 * {@link schedulePractice} over the history's columns: each question's finished rows in the
 * schedule's order, replayed; its attempts made as objects only when asked for (stats asks for
 * the weakest few). The questions in the order of their first finished answer in the history.
 */
export function scheduleColumns(columns: AnswerColumns): Map<string, QuestionSchedule> {
  const { finishedAt, size } = columns;
  const grades = new Uint8Array(size);
  const weakness = new Float64Array(size);
  // The rule and the weakness read each row through one object, filled from the columns.
  const answer: RatedAnswer = {
    skipped: false,
    empty: false,
    timedOut: false,
    overtimeMs: 0,
    selfRating: null,
    hints: 0,
    keyPoints: 0,
    covered: 0,
  };
  for (let row = 0; row < size; row++) {
    if (Number.isNaN(finishedAt[row])) continue;
    const flags = columns.flags[row] as number;
    const rating = columns.selfRating[row] as number;
    answer.skipped = (flags & SKIPPED) !== 0;
    answer.empty = (flags & EMPTY) !== 0;
    answer.timedOut = (flags & TIMED_OUT) !== 0;
    // Only whether it went into overtime counts (ranOutOfTime).
    answer.overtimeMs = (flags & OVERTIME) !== 0 ? 1 : 0;
    answer.selfRating = Number.isNaN(rating) ? null : rating;
    answer.hints = columns.hints[row] as number;
    answer.keyPoints = columns.keyPoints[row] as number;
    answer.covered = columns.covered[row] as number;
    grades[row] = FSRS_RATING[rateAttempt(answer)];
    weakness[row] = attemptWeakness(answer);
  }
  const { start, rows } = rowsBy(columns.question, columns.questions.length, (row) => !Number.isNaN(finishedAt[row]));
  // compareAttempts's order, then the history's (its sort was stable).
  const compare = (a: number, b: number) =>
    compareInTime(
      finishedAt[a] as number,
      sessionIdAt(columns, a),
      columns.index[a] as number,
      finishedAt[b] as number,
      sessionIdAt(columns, b),
      columns.index[b] as number,
    ) || a - b;
  const order = columns.questions.flatMap((question, q) => (question.firstFinished === -1 ? [] : [q]));
  order.sort((a, b) => (columns.questions[a]?.firstFinished ?? 0) - (columns.questions[b]?.firstFinished ?? 0));
  const schedules = new Map<string, QuestionSchedule>();
  for (const q of order) {
    const question = columns.questions[q] as { setId: string; questionId: string };
    const own = rows.subarray(start[q] as number, start[q + 1] as number);
    sortInOrder(own, compare);
    const key = questionKey({ setId: question.setId, id: question.questionId });
    const schedule = scheduleRows(key, finishedAt, grades, weakness, own, (from) =>
      Array.from(own.subarray(from), (row) => ({
        key,
        sessionId: sessionIdAt(columns, row),
        at: finishedAt[row] as number,
        index: columns.index[row] as number,
        answer: answerAt(columns, row),
        rating: RATING_OF_GRADE[grades[row] as number] as PracticeRating,
        weakness: weakness[row] as number,
      })),
    );
    schedules.set(key, schedule);
  }
  return schedules;
}

/** A schedule whose attempts are made the first time they are read. */
class RowSchedule implements QuestionSchedule {
  declare readonly attempts: PracticeAttempt[];
  readonly dueAt: number;
  readonly lastAt: number;
  readonly stability: number;
  readonly difficulty: number;
  readonly lapses: number;

  readonly #makeAttempts: (from: number) => PracticeAttempt[];
  #attempts: PracticeAttempt[] | undefined;

  constructor(
    readonly key: string,
    readonly card: Card | null,
    readonly weakness: number,
    lastAt: number,
    readonly attemptCount: number,
    makeAttempts: (from: number) => PracticeAttempt[],
  ) {
    this.dueAt = card ? card.due.getTime() : Number.NEGATIVE_INFINITY;
    this.lastAt = lastAt;
    this.stability = card?.stability ?? 0;
    this.difficulty = card?.difficulty ?? 0;
    this.lapses = card?.lapses ?? 0;
    this.#makeAttempts = makeAttempts;
    Object.defineProperty(this, 'attempts', {
      enumerable: true,
      get: () => {
        this.#attempts ??= this.#makeAttempts(0);
        return this.#attempts;
      },
    });
  }

  latestAttempts(count: number): PracticeAttempt[] {
    const from = Math.max(0, this.attemptCount - count);
    return this.#attempts ? this.#attempts.slice(from) : this.#makeAttempts(from);
  }
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
