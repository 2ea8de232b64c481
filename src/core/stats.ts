import { coveredKeyPoints } from './grade.js';
import type { PracticeAttempt, QuestionSchedule } from './practice-schedule.js';
import {
  collectAttempts,
  compareAttempts,
  keyPointCoverage,
  questionKeys,
  ranOutOfTime,
  scheduleQuestion,
  WEAKNESS_WINDOW,
} from './practice-schedule.js';
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
  return {
    sessions: history.length,
    categories: categoryStats(history),
    weakest: weakestQuestions(history, options.weakest ?? 5, options.schedules),
  };
}

/** Finished with an answer: not skipped, not empty. */
function answered(answer: AnswerRecord): boolean {
  return !answer.skipped && !answer.empty;
}

export function categoryStats(history: readonly SessionRecord[]): CategoryStats[] {
  type Group = { title: string; setId: string; categoryId: string; sessions: Set<string>; answers: AnswerRecord[] };
  const groups = new Map<string, Group>();
  // The group of the answer before is nearly always this one's: looked up only when it is not.
  let group: Group | undefined;
  for (const session of history) {
    for (const answer of session.answers) {
      if (!answer.shown) continue;
      if (group === undefined || group.setId !== answer.setId || group.categoryId !== answer.categoryId) {
        const key = `${answer.setId}/${answer.categoryId}`;
        group = groups.get(key);
        if (!group) {
          group = { title: answer.categoryTitle, setId: answer.setId, categoryId: answer.categoryId, sessions: new Set(), answers: [] };
          groups.set(key, group);
        }
      }
      group.sessions.add(session.id);
      if (answer.finishedAtMs !== null) group.answers.push(answer);
    }
  }
  return [...groups.values()]
    .map((group) => {
      // One pass over the category's answers (ten thousand, in a long history), summing in the
      // answers' order as separate filters and reductions would.
      const answers = group.answers;
      const timeShares: number[] = [];
      let withText = 0;
      let ratings = 0;
      let ratingSum = 0;
      let pointsListed = 0;
      let pointsTouched = 0;
      let hints = 0;
      let ranOut = 0;
      for (const answer of answers) {
        if (answered(answer)) {
          withText += 1;
          if (answer.keyPoints > 0) {
            pointsListed += answer.keyPoints;
            pointsTouched += answer.covered;
          }
        }
        if (!answer.skipped && answer.limitSec !== null) timeShares.push(answer.timeUsedMs / (answer.limitSec * 1000));
        if (answer.selfRating !== null) {
          ratingSum += answer.selfRating;
          ratings += 1;
        }
        hints += answer.hints;
        if (ranOutOfTime(answer)) ranOut += 1;
      }
      return {
        setId: group.setId,
        categoryId: group.categoryId,
        categoryTitle: group.title,
        sessions: group.sessions.size,
        asked: answers.length,
        answered: withText,
        medianTimeShare: median(timeShares),
        hintsPerQuestion: ratio(hints, answers.length),
        timeOutRate: ratio(ranOut, answers.length),
        averageRating: ratings === 0 ? null : ratingSum / ratings,
        keyPointCoverage: ratio(pointsTouched, pointsListed),
      };
    })
    .sort((a, b) => a.categoryTitle.localeCompare(b.categoryTitle) || a.setId.localeCompare(b.setId));
}

/** The `count` questions with the highest weakness (over 0), weakest first; ties go to the most recently practised. */
export function weakestQuestions(
  history: readonly SessionRecord[],
  count: number,
  /** The schedule of this same history when the caller has it already (FSRS replay is the costly part). */
  known?: ReadonlyMap<string, QuestionSchedule>,
): WeakQuestion[] {
  const schedules: QuestionSchedule[] = known ? [...known.values()] : [];
  if (!known) for (const [key, attempts] of collectAttempts(history)) schedules.push(scheduleQuestion(key, attempts));
  return schedules
    .filter((schedule) => schedule.weakness > 0)
    .sort((a, b) => b.weakness - a.weakness || lastAt(b) - lastAt(a) || a.key.localeCompare(b.key))
    .slice(0, count)
    .flatMap((schedule) => {
      const latest = schedule.attempts.at(-1);
      return latest ? [describeWeakQuestion(schedule, latest)] : [];
    });
}

/**
 * A weak question's figures, from its records. Its words (the prompt, the key points missed) are
 * not in the records: the question here names the set, the question and its category, with no
 * text, and {@link weakQuestionWords} fills them in from the transcripts (see commands/stats.ts).
 */
function describeWeakQuestion(schedule: QuestionSchedule, latest: PracticeAttempt): WeakQuestion {
  const all = schedule.attempts;
  const recent = all.slice(-WEAKNESS_WINDOW).map((attempt) => attempt.answer);
  const coverages = recent.flatMap((answer) => {
    const coverage = keyPointCoverage(answer);
    return coverage === null || answer.skipped ? [] : [coverage];
  });
  return {
    key: schedule.key,
    question: questionWithoutWords(latest.answer),
    attempts: all.length,
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

/**
 * Where each question's latest `window` finished answers are (session id and place in its
 * items), oldest first, in the schedule's order (time, then session id, then place): the answers
 * {@link weakQuestionWords} reads. Only the questions of `keys`.
 */
export function latestAnswerPlaces(
  history: readonly SessionRecord[],
  keys: ReadonlySet<string>,
  window: number,
): Map<string, { sessionId: string; index: number }[]> {
  const found = new Map<string, { sessionId: string; index: number; at: number }[]>();
  const keyOf = questionKeys();
  for (const session of history) {
    for (const answer of session.answers) {
      if (answer.finishedAtMs === null) continue;
      const key = keyOf(answer.setId, answer.questionId);
      if (!keys.has(key)) continue;
      const list = found.get(key) ?? [];
      list.push({ sessionId: session.id, index: answer.index, at: answer.finishedAtMs });
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
