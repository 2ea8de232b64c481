import type { AnswerColumns } from './answer-columns.js';
import { EMPTY, SKIPPED } from './answer-columns.js';
import { matchCategory } from './catalog.js';
import { formatDay, localDay, startOfLocalDay, weekday } from './local-day.js';
import type { QuestionSchedule } from './practice-schedule.js';
import { expectedRecall, questionKeys } from './practice-schedule.js';
import type { SessionRecord } from './session-summary.js';
import { startedAtMs } from './session-summary.js';
import { sortInOrder } from './sort-in-order.js';
import { mean } from './stats.js';

// Progress you can see, for `stats`: per-category trends, practice days (streak and a calendar),
// what the schedule has due, and how self-ratings compare with coverage. Pure functions over
// compact per-answer records (see {@link answerRecords}), so that a summary index can feed them
// instead of whole transcripts; the clock (`now`) and the time zone are passed in.

/** What progress needs of one finished answer. */
export interface AnswerRecord {
  sessionId: string;
  /** When its session started (ms): the trend's x axis. */
  sessionStartedAt: number;
  /** `set-id/question-id`. */
  key: string;
  setId: string;
  categoryId: string;
  categoryTitle: string;
  /** When the answer was finished (ms): the practice day it counts for. */
  finishedAt: number;
  /** Not skipped, not empty. */
  answered: boolean;
  /** Key points the question lists, and those covered (as the candidate confirmed them; 0 when skipped). */
  keyPoints: number;
  covered: number;
  selfRating: number | null;
}

/** Every finished answer of the sessions' records as a progress record; drafts left open by an interruption do not count. */
export function answerRecords(history: readonly SessionRecord[]): AnswerRecord[] {
  const records: AnswerRecord[] = [];
  const keyOf = questionKeys();
  for (const session of history) {
    const sessionStartedAt = startedAtMs(session);
    for (const answer of session.answers) {
      const finishedAt = answer.finishedAtMs;
      if (finishedAt === null) continue;
      const answered = !answer.skipped && !answer.empty;
      records.push({
        sessionId: session.id,
        sessionStartedAt: Number.isNaN(sessionStartedAt) ? finishedAt : sessionStartedAt,
        key: keyOf(answer.setId, answer.questionId),
        setId: answer.setId,
        categoryId: answer.categoryId,
        categoryTitle: answer.categoryTitle,
        finishedAt,
        answered,
        keyPoints: answer.keyPoints,
        covered: answered ? answer.covered : 0,
        selfRating: answered ? answer.selfRating : null,
      });
    }
  }
  return records;
}

/**
 * Progress records as columns: the finished answers, in order, each figure in a typed array, for
 * the trends, the practice days and the calibration. Made from records ({@link rowsOfRecords}) or
 * from a history's columns ({@link progressRows}), so both give the same figures by the same code.
 */
export interface ProgressRows {
  size: number;
  /** Each row's category (its place in `groups`, which are in order of first appearance). */
  group: Int32Array;
  groups: { setId: string; categoryId: string; title: string }[];
  /** Each row's session id, as a number (its place in `sessionIds`). */
  session: Int32Array;
  sessionIds: string[];
  /** AnswerRecord.sessionStartedAt. */
  sessionStartedAt: Float64Array;
  finishedAt: Float64Array;
  answered: Uint8Array;
  keyPoints: Int32Array;
  /** 0 unless answered. */
  covered: Int32Array;
  /** NaN unless answered and rated. */
  selfRating: Float64Array;
}

function emptyRows(size: number): ProgressRows {
  return {
    size,
    group: new Int32Array(size),
    groups: [],
    session: new Int32Array(size),
    sessionIds: [],
    sessionStartedAt: new Float64Array(size),
    finishedAt: new Float64Array(size),
    answered: new Uint8Array(size),
    keyPoints: new Int32Array(size),
    covered: new Int32Array(size),
    selfRating: new Float64Array(size),
  };
}

/** Progress records as {@link ProgressRows}. */
export function rowsOfRecords(records: readonly AnswerRecord[]): ProgressRows {
  const rows = emptyRows(records.length);
  const groups = new Map<string, number>();
  const sessions = new Map<string, number>();
  for (let row = 0; row < records.length; row++) {
    const record = records[row] as AnswerRecord;
    const groupKey = `${record.setId}/${record.categoryId}`;
    let g = groups.get(groupKey);
    if (g === undefined) {
      g = rows.groups.length;
      groups.set(groupKey, g);
      rows.groups.push({ setId: record.setId, categoryId: record.categoryId, title: record.categoryTitle });
    }
    let id = sessions.get(record.sessionId);
    if (id === undefined) {
      id = rows.sessionIds.length;
      sessions.set(record.sessionId, id);
      rows.sessionIds.push(record.sessionId);
    }
    rows.group[row] = g;
    rows.session[row] = id;
    rows.sessionStartedAt[row] = record.sessionStartedAt;
    rows.finishedAt[row] = record.finishedAt;
    rows.answered[row] = record.answered ? 1 : 0;
    rows.keyPoints[row] = record.keyPoints;
    rows.covered[row] = record.covered;
    rows.selfRating[row] = record.selfRating ?? Number.NaN;
  }
  return rows;
}

/** The finished answers of a history's columns as {@link ProgressRows}: what {@link answerRecords} gives, as columns. */
export function progressRows(columns: AnswerColumns): ProgressRows {
  let size = 0;
  for (let row = 0; row < columns.size; row++) if (!Number.isNaN(columns.finishedAt[row])) size++;
  const rows = emptyRows(size);
  // Groups numbered in order of their first finished answer, as records would list them.
  const groupNumber = new Int32Array(columns.groups.length).fill(-1);
  const sessionNumber = new Int32Array(columns.history.length).fill(-1);
  let at = 0;
  for (let row = 0; row < columns.size; row++) {
    const finishedAt = columns.finishedAt[row] as number;
    if (Number.isNaN(finishedAt)) continue;
    const g = columns.group[row] as number;
    if (groupNumber[g] === -1) {
      groupNumber[g] = rows.groups.length;
      const group = columns.groups[g];
      rows.groups.push({ setId: group?.setId ?? '', categoryId: group?.categoryId ?? '', title: group?.finishedTitle ?? '' });
    }
    const s = columns.session[row] as number;
    const first = columns.sessionFirst[s] as number;
    if (sessionNumber[first] === -1) {
      sessionNumber[first] = rows.sessionIds.length;
      rows.sessionIds.push(columns.history[first]?.id ?? '');
    }
    const answered = ((columns.flags[row] as number) & (SKIPPED | EMPTY)) === 0;
    const start = columns.sessionStart[s] as number;
    rows.group[at] = groupNumber[g] as number;
    rows.session[at] = sessionNumber[first] as number;
    rows.sessionStartedAt[at] = Number.isNaN(start) ? finishedAt : start;
    rows.finishedAt[at] = finishedAt;
    rows.answered[at] = answered ? 1 : 0;
    rows.keyPoints[at] = columns.keyPoints[row] as number;
    rows.covered[at] = answered ? (columns.covered[row] as number) : 0;
    rows.selfRating[at] = answered ? (columns.selfRating[row] as number) : Number.NaN;
    at++;
  }
  return rows;
}

/** A category as `-c` names it, found in the history. */
export interface CategoryRef {
  setId: string;
  id: string;
  title: string;
}

/**
 * The category `name` names (its id or title, case-insensitive, or `set-id/category-id`) among
 * the categories the history asked questions of; a usage error with the closest match otherwise.
 */
export function resolveHistoryCategory(history: readonly SessionRecord[], name: string): CategoryRef {
  const known = new Map<string, CategoryRef>();
  for (const session of history) {
    for (const answer of session.answers) {
      const ref = { setId: answer.setId, id: answer.categoryId, title: answer.categoryTitle };
      known.set(`${ref.setId}/${ref.id}`, ref);
    }
  }
  const refs = [...known.values()];
  const ids = [...new Set(refs.map((ref) => ref.id))].sort();
  const list = ids.length > 0 ? ` Categories in your sessions: ${ids.join(', ')}` : '';
  return matchCategory(
    refs,
    (ref) => ref,
    name,
    ids,
    (suggestion) => `no sessions asked questions of category "${name}".${suggestion}${list}`,
  );
}

/**
 * The sessions started at or after `since` (ms), and with `category` only its questions (sessions
 * that asked none of them are left out).
 */
export function narrowRecords(
  history: readonly SessionRecord[],
  options: { since?: number; category?: Pick<CategoryRef, 'setId' | 'id'> },
): SessionRecord[] {
  const { since, category } = options;
  if (since === undefined && !category) return [...history];
  return history.flatMap((session) => {
    if (since !== undefined && !(startedAtMs(session) >= since)) return [];
    if (!category) return [session];
    // Each answer keeps its place in the session (`index`): the transcript's items, unfiltered.
    const answers = session.answers.filter((answer) => answer.setId === category.setId && answer.categoryId === category.id);
    return answers.length === 0 ? [] : [{ ...session, answers }];
  });
}

// ---------------------------------------------------------------------------------------------
// Trends

/** How many of a category's latest sessions its trend shows. */
export const TREND_SESSIONS = 12;
/** The least change (5 points of coverage) that counts as improving or slipping. */
export const TREND_THRESHOLD = 0.05;

/** One session of a category's trend. */
export interface TrendPoint {
  sessionId: string;
  startedAt: string;
  /** Key points covered ÷ listed over its finished questions of the category (skipped: none covered); null when they list none. */
  coverage: number | null;
  /** Mean self-rating (1–5) of its rated answers in the category; null when none was rated. */
  rating: number | null;
}

export type TrendDirection = 'improving' | 'steady' | 'slipping';

export interface CategoryTrend {
  setId: string;
  categoryId: string;
  categoryTitle: string;
  /** Every session that finished a question of the category; `points` holds the latest {@link TREND_SESSIONS}. */
  sessions: number;
  points: TrendPoint[];
  /** The first and last values shown (of the points that have one). */
  coverage: { first: number; last: number } | null;
  rating: { first: number; last: number } | null;
  /** By the rule of {@link trendDirection}; null with fewer than four sessions to judge. */
  direction: TrendDirection | null;
  /** The later half's mean score minus the earlier half's (0–1 scale). */
  change: number | null;
}

/** Per category (sorted by title), its latest sessions' coverage and self-rating, and whether it improves. */
export function categoryTrends(records: readonly AnswerRecord[]): CategoryTrend[] {
  return trendsOf(rowsOfRecords(records));
}

/** {@link categoryTrends} over rows. */
export function trendsOf(rows: ProgressRows): CategoryTrend[] {
  // Each category's sessions, in order of their first answer: per session its sums, in the rows' order.
  type Sessions = { id: number[]; start: number[]; listed: number[]; covered: number[]; ratingSum: number[]; ratings: number[] };
  const groups: Sessions[] = rows.groups.map(() => ({ id: [], start: [], listed: [], covered: [], ratingSum: [], ratings: [] }));
  const slotOf = rows.groups.map(() => new Map<number, number>());
  // Rows come session by session: the slot of the row before is nearly always this one's.
  const lastSession = new Int32Array(rows.groups.length).fill(-1);
  const lastSlot = new Int32Array(rows.groups.length);
  for (let row = 0; row < rows.size; row++) {
    const g = rows.group[row] as number;
    const id = rows.session[row] as number;
    const sessions = groups[g] as Sessions;
    let slot: number;
    if (lastSession[g] === id) slot = lastSlot[g] as number;
    else {
      const found = (slotOf[g] as Map<number, number>).get(id);
      if (found === undefined) {
        slot = sessions.id.length;
        (slotOf[g] as Map<number, number>).set(id, slot);
        sessions.id.push(id);
        sessions.start.push(rows.sessionStartedAt[row] as number);
        sessions.listed.push(0);
        sessions.covered.push(0);
        sessions.ratingSum.push(0);
        sessions.ratings.push(0);
      } else slot = found;
      lastSession[g] = id;
      lastSlot[g] = slot;
    }
    sessions.listed[slot] = (sessions.listed[slot] as number) + (rows.keyPoints[row] as number);
    sessions.covered[slot] = (sessions.covered[slot] as number) + (rows.covered[row] as number);
    const rating = rows.selfRating[row] as number;
    if (!Number.isNaN(rating)) {
      sessions.ratingSum[slot] = (sessions.ratingSum[slot] as number) + rating;
      sessions.ratings[slot] = (sessions.ratings[slot] as number) + 1;
    }
  }
  return rows.groups
    .map((group, g) => {
      const sessions = groups[g] as Sessions;
      const idOf = (slot: number) => rows.sessionIds[sessions.id[slot] as number] ?? '';
      // Sessions in time order (by start, then id), and a point made for the latest few alone.
      const order = Int32Array.from(sessions.id, (_, slot) => slot);
      sortInOrder(order, (a, b) => (sessions.start[a] as number) - (sessions.start[b] as number) || (idOf(a) < idOf(b) ? -1 : 1));
      const points = Array.from(order.subarray(Math.max(0, order.length - TREND_SESSIONS)), (slot) => {
        const listed = sessions.listed[slot] as number;
        const ratings = sessions.ratings[slot] as number;
        return {
          sessionId: idOf(slot),
          startedAt: new Date(sessions.start[slot] as number).toISOString(),
          coverage: listed === 0 ? null : (sessions.covered[slot] as number) / listed,
          rating: ratings === 0 ? null : (sessions.ratingSum[slot] as number) / ratings,
        };
      });
      const { direction, change } = trendDirection(points);
      return {
        setId: group.setId,
        categoryId: group.categoryId,
        categoryTitle: group.title,
        sessions: sessions.id.length,
        points,
        coverage: firstAndLast(points.map((point) => point.coverage)),
        rating: firstAndLast(points.map((point) => point.rating)),
        direction,
        change,
      };
    })
    .sort((a, b) => a.categoryTitle.localeCompare(b.categoryTitle) || a.setId.localeCompare(b.setId));
}

/** A session's score for the trend: its coverage, else (no key points) its self-rating on 0–1. */
function trendScore(point: TrendPoint): number | null {
  if (point.coverage !== null) return point.coverage;
  return point.rating === null ? null : ratingShare(point.rating);
}

/**
 * Improving, steady or slipping: the mean score of the later half of the sessions shown against
 * the earlier half (the middle one left out when odd), where a session's score is its key-point
 * coverage (its self-rating on 0–1 when its questions list no key points). A change of
 * {@link TREND_THRESHOLD} or more either way counts; fewer than four scored sessions: null.
 */
export function trendDirection(points: readonly TrendPoint[]): { direction: TrendDirection | null; change: number | null } {
  const scores = points.flatMap((point) => {
    const score = trendScore(point);
    return score === null ? [] : [score];
  });
  if (scores.length < 4) return { direction: null, change: null };
  const half = Math.floor(scores.length / 2);
  const change = (mean(scores.slice(-half)) ?? 0) - (mean(scores.slice(0, half)) ?? 0);
  const direction = change >= TREND_THRESHOLD - 1e-9 ? 'improving' : change <= -TREND_THRESHOLD + 1e-9 ? 'slipping' : 'steady';
  return { direction, change };
}

function firstAndLast(values: readonly (number | null)[]): { first: number; last: number } | null {
  const present = values.filter((value): value is number => value !== null);
  const first = present[0];
  const last = present.at(-1);
  return first === undefined || last === undefined ? null : { first, last };
}

// ---------------------------------------------------------------------------------------------
// Practice days

/** The calendar's length in weeks. */
export const HEATMAP_WEEKS = 12;

export interface PracticeDays {
  /** Today in the user's zone, `2026-11-25`. */
  today: string;
  /**
   * Days in a row with a finished answer, up to today; a day without practice yet today does not
   * break it (the streak counts up to yesterday until the day is over).
   */
  streak: number;
  /** Whether today already counts in the streak. */
  practisedToday: boolean;
  longestStreak: number;
  /** Days with practice in the calendar's span. */
  activeDays: number;
  /**
   * The calendar: {@link HEATMAP_WEEKS} weeks, Monday to Sunday, the last one holding today.
   * `weeks[w][d]` is how many answers were finished that day (d: 0 Monday … 6 Sunday); null after today.
   */
  heatmap: { from: string; weeks: (number | null)[][] };
}

/** Streak and calendar from the answers' finishing times, in `timeZone`, at `now`. */
export function practiceDays(records: readonly AnswerRecord[], now: number, timeZone: string | undefined): PracticeDays {
  return practiceDaysOf(rowsOfRecords(records), now, timeZone);
}

/** {@link practiceDays} over rows. */
export function practiceDaysOf(rows: ProgressRows, now: number, timeZone: string | undefined): PracticeDays {
  const counts = new Map<number, number>();
  for (let row = 0; row < rows.size; row++) {
    const day = localDay(rows.finishedAt[row] as number, timeZone);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const today = localDay(now, timeZone);
  const practisedToday = counts.has(today);
  let streak = 0;
  for (let day = practisedToday ? today : today - 1; counts.has(day); day--) streak++;
  let longestStreak = 0;
  for (const day of counts.keys()) {
    if (counts.has(day - 1)) continue;
    let length = 0;
    while (counts.has(day + length)) length++;
    longestStreak = Math.max(longestStreak, length);
  }
  const from = today - weekday(today) - (HEATMAP_WEEKS - 1) * 7;
  const weeks: (number | null)[][] = [];
  let activeDays = 0;
  for (let week = 0; week < HEATMAP_WEEKS; week++) {
    const column: (number | null)[] = [];
    for (let d = 0; d < 7; d++) {
      const day = from + week * 7 + d;
      const count = day > today ? null : (counts.get(day) ?? 0);
      if (count) activeDays++;
      column.push(count);
    }
    weeks.push(column);
  }
  return {
    today: formatDay(today),
    streak,
    practisedToday,
    longestStreak,
    activeDays,
    heatmap: { from: formatDay(from), weeks },
  };
}

// ---------------------------------------------------------------------------------------------
// What is due

export interface DueSummary {
  /** Questions answered at least once (the ones the schedule knows). */
  questions: number;
  /** Due now (overdue included). */
  now: number;
  /** Due by the end of today, in the user's zone (now included). */
  today: number;
  /** Due by the end of the seventh day from today (today included). */
  week: number;
  /** FSRS's expected recall at `now`, the mean over the questions answered; null when none was. */
  expectedRecall: number | null;
}

/** What the schedules have due at `now`, and the set's expected recall. */
export function dueSummary(schedules: Iterable<QuestionSchedule>, now: number, timeZone: string | undefined): DueSummary {
  const today = localDay(now, timeZone);
  const endOfToday = startOfLocalDay(today + 1, timeZone);
  const endOfWeek = startOfLocalDay(today + 7, timeZone);
  let questions = 0;
  let dueNow = 0;
  let dueToday = 0;
  let dueWeek = 0;
  let recall = 0;
  for (const schedule of schedules) {
    if (schedule.card === null) continue;
    questions++;
    if (schedule.dueAt <= now) dueNow++;
    if (schedule.dueAt < endOfToday) dueToday++;
    if (schedule.dueAt < endOfWeek) dueWeek++;
    recall += expectedRecall(schedule, now);
  }
  return { questions, now: dueNow, today: dueToday, week: dueWeek, expectedRecall: questions === 0 ? null : recall / questions };
}

// ---------------------------------------------------------------------------------------------
// Calibration

/** A gap smaller than this (10 points) either way counts as in line. */
export const CALIBRATION_THRESHOLD = 0.1;

export interface Calibration {
  /** Answers that have both a self-rating and key points (skipped ones have neither). */
  answers: number;
  /** Mean self-rating on 0–1: 1 → 0, 2 → 0.25, 3 → 0.5, 4 → 0.75, 5 → 1. */
  rating: number | null;
  /** Mean key-point coverage of the same answers. */
  coverage: number | null;
  /** rating − coverage: above 0 you rate yourself higher than your coverage. */
  gap: number | null;
  verdict: 'above' | 'below' | 'in line' | null;
}

/** A self-rating 1–5 on the 0–1 scale of coverage: (rating − 1) ÷ 4. */
export function ratingShare(rating: number): number {
  return (rating - 1) / 4;
}

/** Whether self-ratings run above or below key-point coverage, over the answers that have both. */
export function calibration(records: readonly AnswerRecord[]): Calibration {
  return calibrationOf(rowsOfRecords(records));
}

/** {@link calibration} over rows: the means summed in the rows' order. */
export function calibrationOf(rows: ProgressRows): Calibration {
  let answers = 0;
  let ratingSum = 0;
  let coverageSum = 0;
  for (let row = 0; row < rows.size; row++) {
    const rating = rows.selfRating[row] as number;
    const keyPoints = rows.keyPoints[row] as number;
    if (rows.answered[row] === 0 || Number.isNaN(rating) || keyPoints <= 0) continue;
    answers++;
    ratingSum += ratingShare(rating);
    coverageSum += (rows.covered[row] as number) / keyPoints;
  }
  if (answers === 0) return { answers: 0, rating: null, coverage: null, gap: null, verdict: null };
  const rating = ratingSum / answers;
  const coverage = coverageSum / answers;
  const gap = rating - coverage;
  const verdict = gap >= CALIBRATION_THRESHOLD ? 'above' : gap <= -CALIBRATION_THRESHOLD ? 'below' : 'in line';
  return { answers, rating, coverage, gap, verdict };
}
