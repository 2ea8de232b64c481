import { matchCategory } from './catalog.js';
import { formatDay, localDay, startOfLocalDay, weekday } from './local-day.js';
import type { QuestionSchedule } from './practice-schedule.js';
import { expectedRecall, questionKeys } from './practice-schedule.js';
import type { SessionRecord } from './session-summary.js';
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
    const sessionStartedAt = Date.parse(session.startedAt);
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
    if (since !== undefined && !(Date.parse(session.startedAt) >= since)) return [];
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
  type Group = { setId: string; categoryId: string; title: string; sessions: Map<string, AnswerRecord[]> };
  const groups = new Map<string, Group>();
  // Records come session by session: the group and the list of the record before are nearly
  // always this one's, and looking them up for each of 20,000 records showed.
  let group: Group | undefined;
  let list: AnswerRecord[] | undefined;
  let listSession = '';
  for (const record of records) {
    if (group === undefined || group.setId !== record.setId || group.categoryId !== record.categoryId) {
      const key = `${record.setId}/${record.categoryId}`;
      group = groups.get(key);
      if (!group) {
        group = { setId: record.setId, categoryId: record.categoryId, title: record.categoryTitle, sessions: new Map() };
        groups.set(key, group);
      }
      list = undefined;
    }
    if (list === undefined || listSession !== record.sessionId) {
      list = group.sessions.get(record.sessionId);
      if (!list) {
        list = [];
        group.sessions.set(record.sessionId, list);
      }
      listSession = record.sessionId;
    }
    list.push(record);
  }
  return [...groups.values()]
    .map((group) => {
      // Sessions in time order (by start, then id), and a point made for the latest few alone.
      const latest = [...group.sessions.entries()]
        .sort(([idA, listA], [idB, listB]) => sessionStart(listA) - sessionStart(listB) || (idA < idB ? -1 : 1))
        .slice(-TREND_SESSIONS);
      const points = latest.map(([sessionId, list]) => sessionPoint(sessionId, list));
      const { direction, change } = trendDirection(points);
      return {
        setId: group.setId,
        categoryId: group.categoryId,
        categoryTitle: group.title,
        sessions: group.sessions.size,
        points,
        coverage: firstAndLast(points.map((point) => point.coverage)),
        rating: firstAndLast(points.map((point) => point.rating)),
        direction,
        change,
      };
    })
    .sort((a, b) => a.categoryTitle.localeCompare(b.categoryTitle) || a.setId.localeCompare(b.setId));
}

/** When a session of a trend started: its answers all carry it. */
function sessionStart(list: readonly AnswerRecord[]): number {
  return list[0]?.sessionStartedAt ?? 0;
}

function sessionPoint(sessionId: string, list: readonly AnswerRecord[]): TrendPoint {
  const listed = list.reduce((sum, record) => sum + record.keyPoints, 0);
  const covered = list.reduce((sum, record) => sum + record.covered, 0);
  const ratings = list.flatMap((record) => (record.selfRating === null ? [] : [record.selfRating]));
  return {
    sessionId,
    startedAt: new Date(sessionStart(list)).toISOString(),
    coverage: listed === 0 ? null : covered / listed,
    rating: mean(ratings),
  };
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
  const counts = new Map<number, number>();
  for (const record of records) {
    const day = localDay(record.finishedAt, timeZone);
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
  const both = records.filter((record) => record.answered && record.selfRating !== null && record.keyPoints > 0);
  if (both.length === 0) return { answers: 0, rating: null, coverage: null, gap: null, verdict: null };
  const rating = mean(both.map((record) => ratingShare(record.selfRating ?? 1))) ?? 0;
  const coverage = mean(both.map((record) => record.covered / record.keyPoints)) ?? 0;
  const gap = rating - coverage;
  const verdict = gap >= CALIBRATION_THRESHOLD ? 'above' : gap <= -CALIBRATION_THRESHOLD ? 'below' : 'in line';
  return { answers: both.length, rating, coverage, gap, verdict };
}
