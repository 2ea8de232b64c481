import type { AnswerColumns, ColumnGroup } from './answer-columns.js';
import { answerColumns, EMPTY, OVERTIME, SHOWN, SKIPPED, TIMED_OUT } from './answer-columns.js';
import { coveredKeyPoints } from './grade.js';
import type { PracticeAttempt, QuestionSchedule } from './practice-schedule.js';
import { keyPointCoverage, scheduleColumns, WEAKNESS_WINDOW } from './practice-schedule.js';
import type { AnswerRecord, SessionRecord } from './session-summary.js';
import { isAnswered } from './summary.js';
import type { AskedQuestion, TranscriptItem } from './transcript-schema.js';

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
 * an interrupted session's finished answers count). Over the sessions' records (see
 * core/session-summary.ts), which is what the summary index keeps.
 */
export function computeStats(
  history: readonly SessionRecord[],
  options: { weakest?: number; schedules?: ReadonlyMap<string, QuestionSchedule> } = {},
): PracticeStats {
  return columnStats(answerColumns(history), options);
}

/** {@link computeStats} over the history's columns. */
export function columnStats(
  columns: AnswerColumns,
  options: { weakest?: number; schedules?: ReadonlyMap<string, QuestionSchedule> } = {},
): PracticeStats {
  return {
    sessions: columns.history.length,
    categories: columnCategoryStats(columns),
    weakest: weakestOf(options.schedules ?? scheduleColumns(columns), options.weakest ?? 5),
  };
}

/** Per category (each set's category with a shown answer), in one pass over the rows, summing in the rows' order. */
function columnCategoryStats(columns: AnswerColumns): CategoryStats[] {
  const { groups, flags, session, sessionFirst, finishedAt } = columns;
  const count = groups.length;
  const sessions = new Int32Array(count);
  // A session's rows are together: a group counts a session when its row before was another session's.
  // Where two sessions share an id, by the id's first session, in a set per group.
  const lastSession = new Int32Array(count).fill(-1);
  const seen = columns.repeatedIds ? groups.map(() => new Set<number>()) : null;
  const asked = new Int32Array(count);
  const withText = new Int32Array(count);
  const ratings = new Int32Array(count);
  const ratingSum = new Float64Array(count);
  const pointsListed = new Float64Array(count);
  const pointsTouched = new Float64Array(count);
  const hints = new Float64Array(count);
  const ranOut = new Int32Array(count);
  const timeShares: number[][] = groups.map(() => []);
  for (let row = 0; row < columns.size; row++) {
    const flag = flags[row] as number;
    if ((flag & SHOWN) === 0) continue;
    const g = columns.group[row] as number;
    const id = sessionFirst[session[row] as number] as number;
    if (seen) {
      const ids = seen[g] as Set<number>;
      if (!ids.has(id)) {
        ids.add(id);
        sessions[g] = (sessions[g] as number) + 1;
      }
    } else if (lastSession[g] !== id) {
      lastSession[g] = id;
      sessions[g] = (sessions[g] as number) + 1;
    }
    if (Number.isNaN(finishedAt[row])) continue;
    asked[g] = (asked[g] as number) + 1;
    const keyPoints = columns.keyPoints[row] as number;
    if ((flag & (SKIPPED | EMPTY)) === 0) {
      withText[g] = (withText[g] as number) + 1;
      if (keyPoints > 0) {
        pointsListed[g] = (pointsListed[g] as number) + keyPoints;
        pointsTouched[g] = (pointsTouched[g] as number) + (columns.covered[row] as number);
      }
    }
    const share = columns.timeShare[row] as number;
    if (!Number.isNaN(share)) (timeShares[g] as number[]).push(share);
    const rating = columns.selfRating[row] as number;
    if (!Number.isNaN(rating)) {
      ratingSum[g] = (ratingSum[g] as number) + rating;
      ratings[g] = (ratings[g] as number) + 1;
    }
    hints[g] = (hints[g] as number) + (columns.hints[row] as number);
    if ((flag & (TIMED_OUT | OVERTIME)) !== 0) ranOut[g] = (ranOut[g] as number) + 1;
  }
  return inFirstOrder(groups, (group) => group.firstShown)
    .map((g) => {
      const group = groups[g] as ColumnGroup;
      const answers = asked[g] as number;
      return {
        setId: group.setId,
        categoryId: group.categoryId,
        categoryTitle: group.shownTitle ?? '',
        sessions: sessions[g] as number,
        asked: answers,
        answered: withText[g] as number,
        medianTimeShare: median(timeShares[g] as number[]),
        hintsPerQuestion: ratio(hints[g] as number, answers),
        timeOutRate: ratio(ranOut[g] as number, answers),
        averageRating: ratings[g] === 0 ? null : (ratingSum[g] as number) / (ratings[g] as number),
        keyPointCoverage: ratio(pointsTouched[g] as number, pointsListed[g] as number),
      };
    })
    .sort((a, b) => a.categoryTitle.localeCompare(b.categoryTitle) || a.setId.localeCompare(b.setId));
}

/** The numbers of the groups that have a first row by `first` (-1: none), in the order of that row. */
function inFirstOrder(groups: readonly ColumnGroup[], first: (group: ColumnGroup) => number): number[] {
  return groups
    .flatMap((group, g) => (first(group) === -1 ? [] : [g]))
    .sort((a, b) => first(groups[a] as ColumnGroup) - first(groups[b] as ColumnGroup));
}

/** The `count` questions with the highest weakness (over 0), weakest first; ties go to the most recently practised. */
function weakestOf(schedules: ReadonlyMap<string, QuestionSchedule>, count: number): WeakQuestion[] {
  return [...schedules.values()]
    .filter((schedule) => schedule.weakness > 0)
    .sort((a, b) => b.weakness - a.weakness || b.lastAt - a.lastAt || a.key.localeCompare(b.key))
    .slice(0, count)
    .flatMap((schedule) => {
      // Only the latest answers are weighed: the rest are not made.
      const recent = schedule.latestAttempts(WEAKNESS_WINDOW);
      const latest = recent.at(-1);
      return latest ? [describeWeakQuestion(schedule, recent, latest)] : [];
    });
}

/**
 * A weak question's figures, from its records. Its words (the prompt, the key points missed) are
 * not in the records: the question here names the set, the question and its category, with no
 * text, and {@link weakQuestionWords} fills them in from the transcripts (see commands/stats.ts).
 */
function describeWeakQuestion(
  schedule: QuestionSchedule,
  latestAttempts: readonly PracticeAttempt[],
  latest: PracticeAttempt,
): WeakQuestion {
  const recent = latestAttempts.map((attempt) => attempt.answer);
  const coverages = recent.flatMap((answer) => {
    const coverage = keyPointCoverage(answer);
    return coverage === null || answer.skipped ? [] : [coverage];
  });
  return {
    key: schedule.key,
    question: questionWithoutWords(latest.answer),
    attempts: schedule.attemptCount,
    weakness: schedule.weakness,
    recentAnswers: recent.length,
    keyPointCoverage: mean(coverages),
    averageRating: mean(recent.flatMap((answer) => (answer.selfRating === null ? [] : [answer.selfRating]))),
    timedOut: recent.filter((answer) => answer.timedOut).length,
    overtime: recent.filter((answer) => !answer.timedOut && answer.overtimeMs > 0).length,
    missedKeyPoints: [],
    hintsUsed: recent.reduce((sum, answer) => sum + answer.hints, 0),
    skipped: recent.filter((answer) => answer.skipped).length,
    lastAt: new Date(latest.at).toISOString(),
    dueAt: new Date(Number.isFinite(schedule.dueAt) ? schedule.dueAt : latest.at).toISOString(),
  };
}

/** The question an answer record names, without its texts (as many key points, each with no words). */
function questionWithoutWords(answer: AnswerRecord): AskedQuestion {
  return {
    setId: answer.setId,
    id: answer.questionId,
    categoryId: answer.categoryId,
    categoryTitle: answer.categoryTitle,
    difficulty: null,
    kind: null,
    tags: [],
    prompt: '',
    hints: [],
    keyPoints: Array.from({ length: answer.keyPoints }, () => ({ point: '' })),
    redFlags: [],
    followUps: [],
    notes: null,
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

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numbers natively (the values are finite: no NaN to place).
  const sorted = Float64Array.from(values).sort();
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
