import { countCoveredKeyPoints, coveredKeyPoints } from './grade.js';
import type { PracticeAttempt, QuestionSchedule } from './practice-schedule.js';
import {
  collectAttempts,
  compareAttempts,
  keyPointCoverage,
  ranOutOfTime,
  scheduleQuestion,
  WEAKNESS_WINDOW,
} from './practice-schedule.js';
import { isAnswered } from './summary.js';
import type { AskedQuestion, Transcript, TranscriptItem } from './transcript-schema.js';

/** Progress in one category over every session that asked its questions. */
export interface CategoryStats {
  setId: string;
  categoryId: string;
  categoryTitle: string;
  /** Sessions that asked at least one of its questions. */
  sessions: number;
  /** Questions finished (answered, timed out or skipped); drafts left open by an interruption do not count. */
  asked: number;
  /** Finished with an answer (not skipped, not empty). */
  answered: number;
  /** Median of time used ÷ limit over the timed answers; null when none was timed. */
  medianTimeShare: number | null;
  hintsPerQuestion: number | null;
  /** Share of finished questions that timed out or ran into overtime. */
  timeOutRate: number | null;
  averageRating: number | null;
  /** Key points touched ÷ key points listed, over the answered questions that list some. */
  keyPointCoverage: number | null;
}

/** A question that needs work, with what its answers show. */
export interface WeakQuestion {
  key: string;
  question: AskedQuestion;
  attempts: number;
  weakness: number;
  /** How many answers the figures below are over: the latest ones (the same window as the weakness). */
  recentAnswers: number;
  keyPointCoverage: number | null;
  averageRating: number | null;
  /** Of the recent answers: timed out, ran into overtime, skipped; hints revealed in all of them. */
  timedOut: number;
  overtime: number;
  hintsUsed: number;
  skipped: number;
  /** The key points its latest answer (not skipped) missed; every point when all were skipped. */
  missedKeyPoints: string[];
  lastAt: string;
  dueAt: string;
}

export interface PracticeStats {
  sessions: number;
  categories: CategoryStats[];
  weakest: WeakQuestion[];
}

/**
 * Progress per category and the weakest questions, from every session read (completed or not:
 * an interrupted session's finished answers count).
 */
export function computeStats(
  transcripts: readonly Transcript[],
  options: { weakest?: number; schedules?: ReadonlyMap<string, QuestionSchedule> } = {},
): PracticeStats {
  return {
    sessions: transcripts.length,
    categories: categoryStats(transcripts),
    weakest: weakestQuestions(transcripts, options.weakest ?? 5, options.schedules),
  };
}

export function categoryStats(transcripts: readonly Transcript[]): CategoryStats[] {
  const groups = new Map<string, { title: string; setId: string; categoryId: string; sessions: Set<string>; items: TranscriptItem[] }>();
  for (const transcript of transcripts) {
    for (const item of transcript.items) {
      if (item.shownAt === null) continue;
      const key = `${item.question.setId}/${item.question.categoryId}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          title: item.question.categoryTitle,
          setId: item.question.setId,
          categoryId: item.question.categoryId,
          sessions: new Set(),
          items: [],
        };
        groups.set(key, group);
      }
      group.sessions.add(transcript.id);
      if (item.finishedAt !== null) group.items.push(item);
    }
  }
  return [...groups.values()]
    .map((group) => {
      const items = group.items;
      const answered = items.filter(isAnswered);
      const timed = items.filter((item) => !item.skipped && item.limitSec !== null);
      const ratings = items.flatMap((item) => (item.selfRating === null ? [] : [item.selfRating]));
      const withPoints = answered.filter((item) => item.question.keyPoints.length > 0);
      const pointsListed = withPoints.reduce((sum, item) => sum + item.question.keyPoints.length, 0);
      const pointsTouched = withPoints.reduce((sum, item) => sum + countCoveredKeyPoints(item), 0);
      return {
        setId: group.setId,
        categoryId: group.categoryId,
        categoryTitle: group.title,
        sessions: group.sessions.size,
        asked: items.length,
        answered: answered.length,
        medianTimeShare: median(timed.map((item) => item.timeUsedMs / ((item.limitSec ?? 1) * 1000))),
        hintsPerQuestion: ratio(
          items.reduce((sum, item) => sum + item.hintsUsed.length, 0),
          items.length,
        ),
        timeOutRate: ratio(items.filter(ranOutOfTime).length, items.length),
        averageRating: mean(ratings),
        keyPointCoverage: ratio(pointsTouched, pointsListed),
      };
    })
    .sort((a, b) => a.categoryTitle.localeCompare(b.categoryTitle) || a.setId.localeCompare(b.setId));
}

/** The `count` questions with the highest weakness (over 0), weakest first; ties go to the most recently practised. */
export function weakestQuestions(
  transcripts: readonly Transcript[],
  count: number,
  /** The schedule of these same transcripts when the caller has it already (FSRS replay is the costly part). */
  known?: ReadonlyMap<string, QuestionSchedule>,
): WeakQuestion[] {
  const schedules: QuestionSchedule[] = known ? [...known.values()] : [];
  if (!known) for (const [key, attempts] of collectAttempts(transcripts)) schedules.push(scheduleQuestion(key, attempts));
  return schedules
    .filter((schedule) => schedule.weakness > 0)
    .sort((a, b) => b.weakness - a.weakness || lastAt(b) - lastAt(a) || a.key.localeCompare(b.key))
    .slice(0, count)
    .flatMap((schedule) => {
      const latest = schedule.attempts.at(-1);
      return latest ? [describeWeakQuestion(schedule, latest)] : [];
    });
}

function describeWeakQuestion(schedule: QuestionSchedule, latest: PracticeAttempt): WeakQuestion {
  const all = schedule.attempts;
  const recent = all.slice(-WEAKNESS_WINDOW);
  const words = weakQuestionWords(recent.map((attempt) => attempt.item));
  const coverages = recent.flatMap((attempt) => {
    const coverage = keyPointCoverage(attempt.item);
    return coverage === null || attempt.item.skipped ? [] : [coverage];
  });
  return {
    key: schedule.key,
    question: words.question,
    attempts: all.length,
    weakness: schedule.weakness,
    recentAnswers: recent.length,
    keyPointCoverage: mean(coverages),
    averageRating: mean(recent.flatMap((attempt) => (attempt.item.selfRating === null ? [] : [attempt.item.selfRating]))),
    timedOut: recent.filter((attempt) => attempt.item.timedOut).length,
    overtime: recent.filter((attempt) => !attempt.item.timedOut && attempt.item.overtimeMs > 0).length,
    missedKeyPoints: words.missedKeyPoints,
    hintsUsed: recent.reduce((sum, attempt) => sum + attempt.item.hintsUsed.length, 0),
    skipped: recent.filter((attempt) => attempt.item.skipped).length,
    lastAt: new Date(latest.at).toISOString(),
    dueAt: new Date(Number.isFinite(schedule.dueAt) ? schedule.dueAt : latest.at).toISOString(),
  };
}

/**
 * What a weak question shows in words, from its latest answers (oldest first, the latest last):
 * the latest answer's copy of the question, and the key points the latest answer with text missed.
 */
export function weakQuestionWords(recent: readonly TranscriptItem[]): Pick<WeakQuestion, 'question' | 'missedKeyPoints'> {
  const last = recent.at(-1);
  if (!last) throw new Error('weakQuestionWords: no answer');
  return { question: last.question, missedKeyPoints: missedKeyPoints(recent) };
}

function missedKeyPoints(recent: readonly TranscriptItem[]): string[] {
  const item = [...recent].reverse().find(isAnswered) ?? recent.at(-1);
  if (!item) return [];
  const covered = isAnswered(item) ? new Set(coveredKeyPoints(item)) : new Set<number>();
  return item.question.keyPoints.flatMap((point, index) => (covered.has(index) ? [] : [point.point]));
}

/**
 * Where each question's latest `window` finished answers are (session id and place in its
 * items), oldest first, in the schedule's order (time, then session id, then place): the answers
 * {@link weakQuestionWords} reads. Only the questions of `keys`.
 */
export function latestAnswerPlaces(
  transcripts: readonly Transcript[],
  keys: ReadonlySet<string>,
  window: number,
): Map<string, { sessionId: string; index: number }[]> {
  const found = new Map<string, { sessionId: string; index: number; at: number }[]>();
  for (const transcript of transcripts) {
    for (const [index, item] of transcript.items.entries()) {
      if (item.finishedAt === null) continue;
      const key = `${item.question.setId}/${item.question.id}`;
      if (!keys.has(key)) continue;
      const at = Date.parse(item.finishedAt);
      if (Number.isNaN(at)) continue;
      const list = found.get(key) ?? [];
      list.push({ sessionId: transcript.id, index, at });
      found.set(key, list);
    }
  }
  const places = new Map<string, { sessionId: string; index: number }[]>();
  for (const [key, list] of found) {
    // The schedule's own order, so that these are the answers it weighed.
    list.sort(compareAttempts);
    places.set(
      key,
      list.slice(-window).map(({ sessionId, index }) => ({ sessionId, index })),
    );
  }
  return places;
}

function lastAt(schedule: QuestionSchedule): number {
  return schedule.attempts.at(-1)?.at ?? 0;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The mean, or null for no values. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
