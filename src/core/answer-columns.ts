import type { AnswerRecord, SessionRecord } from './session-summary.js';
import { ANSWER_ROW, idsKnownUnique, startedAtMs, tableAnswersOf } from './session-summary.js';

// The answers of a history as columns: one row per answer record of every session, in the
// history's order (session by session, each session's answers in order), each figure in a typed
// array. `stats` works out every figure (per category, trends, practice days, calibration, the
// FSRS schedule) from these, in passes over numbers, instead of making an object per answer for
// each of them: over 10,000 sessions those objects, and collecting them, were most of its time.
// The functions that take records (computeStats, categoryTrends, schedulePractice...) make their
// columns first and share the same code.

/** A row's flags. */
export const SHOWN = 1;
export const SKIPPED = 2;
export const EMPTY = 4;
export const TIMED_OUT = 8;
/** The answer went into overtime. */
export const OVERTIME = 16;

/** A set's category, as the rows name it: its number is its place in {@link AnswerColumns.groups}. */
export interface ColumnGroup {
  setId: string;
  categoryId: string;
  /** The title of its first shown answer, and of its first finished one (undefined: none yet). */
  shownTitle: string | undefined;
  finishedTitle: string | undefined;
  /** Its first shown row and first finished row (-1: none), for the order groups first appeared in. */
  firstShown: number;
  firstFinished: number;
}

/** A question of a set, as the rows name it: its number is its place in {@link AnswerColumns.questions}. */
export interface ColumnQuestion {
  setId: string;
  questionId: string;
  /** Its first finished row (-1: never finished). */
  firstFinished: number;
}

export interface AnswerColumns {
  history: readonly SessionRecord[];
  /** How many rows. */
  size: number;
  /** Each row's session (its place in `history`) and its place in that session's answers. */
  session: Int32Array;
  place: Int32Array;
  /** The answer's place in its transcript's items (AnswerRecord.index). */
  index: Int32Array;
  /** When the answer was finished (ms); NaN for a draft left open. */
  finishedAt: Float64Array;
  flags: Uint8Array;
  keyPoints: Int32Array;
  covered: Int32Array;
  hints: Int32Array;
  /** The self-rating; NaN for none. */
  selfRating: Float64Array;
  /** Time used ÷ limit; NaN when untimed or skipped. */
  timeShare: Float64Array;
  group: Int32Array;
  groups: ColumnGroup[];
  question: Int32Array;
  questions: ColumnQuestion[];
  /** Per session of `history`: its start (ms, NaN when it is no date), and the first session of `history` with its id. */
  sessionStart: Float64Array;
  sessionFirst: Int32Array;
  /** Whether two sessions of `history` share an id. */
  repeatedIds: boolean;
}

/** The history's answers as columns (one pass). */
export function answerColumns(history: readonly SessionRecord[]): AnswerColumns {
  // A record from the index gives its table's rows, read here without an object per answer.
  const tables = history.map(tableAnswersOf);
  let size = 0;
  for (let s = 0; s < history.length; s++) size += tables[s]?.count ?? (history[s] as SessionRecord).answers.length;
  const columns: AnswerColumns = {
    history,
    size,
    session: new Int32Array(size),
    place: new Int32Array(size),
    index: new Int32Array(size),
    finishedAt: new Float64Array(size),
    flags: new Uint8Array(size),
    keyPoints: new Int32Array(size),
    covered: new Int32Array(size),
    hints: new Int32Array(size),
    selfRating: new Float64Array(size),
    timeShare: new Float64Array(size),
    group: new Int32Array(size),
    groups: [],
    question: new Int32Array(size),
    questions: [],
    sessionStart: new Float64Array(history.length),
    sessionFirst: new Int32Array(history.length),
    repeatedIds: false,
  };
  const groupsBySet = new Map<string, Map<string, number>>();
  const questionsBySet = new Map<string, Map<string, number>>();
  // Which session first had each id; not looked for where the index says every id is its own file's.
  const firstById = new Map<string, number>();
  const unique = idsKnownUnique(history);
  let lastGroup = -1;
  let lastQuestion = -1;
  // A row's category and question, numbered (the ones of the row before are often this one's: looked up only when not).
  const name = (row: number, setId: string, questionId: string, categoryId: string, categoryTitle: string) => {
    const flag = columns.flags[row] as number;
    const finished = !Number.isNaN(columns.finishedAt[row]);
    let g = lastGroup;
    const known = g === -1 ? undefined : (columns.groups[g] as ColumnGroup);
    if (known === undefined || known.setId !== setId || known.categoryId !== categoryId) {
      g = numberOf(groupsBySet, setId, categoryId, columns.groups.length);
      if (g === columns.groups.length) {
        columns.groups.push({ setId, categoryId, shownTitle: undefined, finishedTitle: undefined, firstShown: -1, firstFinished: -1 });
      }
      lastGroup = g;
    }
    const group = columns.groups[g] as ColumnGroup;
    if ((flag & SHOWN) !== 0 && group.firstShown === -1) {
      group.firstShown = row;
      group.shownTitle = categoryTitle;
    }
    if (finished && group.firstFinished === -1) {
      group.firstFinished = row;
      group.finishedTitle = categoryTitle;
    }
    columns.group[row] = g;
    let q = lastQuestion;
    const same = q === -1 ? undefined : (columns.questions[q] as ColumnQuestion);
    if (same === undefined || same.setId !== setId || same.questionId !== questionId) {
      q = numberOf(questionsBySet, setId, questionId, columns.questions.length);
      if (q === columns.questions.length) columns.questions.push({ setId, questionId, firstFinished: -1 });
      lastQuestion = q;
    }
    const question = columns.questions[q] as ColumnQuestion;
    if (finished && question.firstFinished === -1) question.firstFinished = row;
    columns.question[row] = q;
  };
  const R = ANSWER_ROW;
  let row = 0;
  for (let s = 0; s < history.length; s++) {
    const session = history[s] as SessionRecord;
    columns.sessionStart[s] = startedAtMs(session);
    const first = unique ? undefined : firstById.get(session.id);
    if (first === undefined) {
      if (!unique) firstById.set(session.id, s);
      columns.sessionFirst[s] = s;
    } else {
      columns.sessionFirst[s] = first;
      columns.repeatedIds = true;
    }
    const rows = tables[s];
    if (rows) {
      const { table, strings } = rows;
      for (let p = 0, at = rows.at; p < rows.count; p++, row++, at += R.width) {
        const skipped = ((table[at + R.flags] as number) & SKIPPED) !== 0;
        const limit = table[at + R.limit] as number;
        columns.session[row] = s;
        columns.place[row] = p;
        columns.index[row] = table[at + R.index] as number;
        columns.finishedAt[row] = table[at + R.finished] as number;
        columns.flags[row] = (table[at + R.flags] as number) | ((table[at + R.overtime] as number) > 0 ? OVERTIME : 0);
        columns.keyPoints[row] = table[at + R.keyPoints] as number;
        columns.covered[row] = table[at + R.covered] as number;
        columns.hints[row] = table[at + R.hints] as number;
        columns.selfRating[row] = table[at + R.rating] as number;
        columns.timeShare[row] = !skipped && !Number.isNaN(limit) ? (table[at + R.timeUsed] as number) / (limit * 1000) : Number.NaN;
        name(
          row,
          strings[table[at + R.set] as number] as string,
          strings[table[at + R.question] as number] as string,
          strings[table[at + R.category] as number] as string,
          strings[table[at + R.categoryTitle] as number] as string,
        );
      }
      continue;
    }
    const answers = session.answers;
    for (let p = 0; p < answers.length; p++, row++) {
      const answer = answers[p] as AnswerRecord;
      columns.session[row] = s;
      columns.place[row] = p;
      columns.index[row] = answer.index;
      columns.finishedAt[row] = answer.finishedAtMs ?? Number.NaN;
      columns.flags[row] =
        (answer.shown ? SHOWN : 0) |
        (answer.skipped ? SKIPPED : 0) |
        (answer.empty ? EMPTY : 0) |
        (answer.timedOut ? TIMED_OUT : 0) |
        (answer.overtimeMs > 0 ? OVERTIME : 0);
      columns.keyPoints[row] = answer.keyPoints;
      columns.covered[row] = answer.covered;
      columns.hints[row] = answer.hints;
      columns.selfRating[row] = answer.selfRating ?? Number.NaN;
      columns.timeShare[row] = !answer.skipped && answer.limitSec !== null ? answer.timeUsedMs / (answer.limitSec * 1000) : Number.NaN;
      name(row, answer.setId, answer.questionId, answer.categoryId, answer.categoryTitle);
    }
  }
  return columns;
}

/** The number of (`outer`, `inner`) in `numbers`, given `next` (the count so far) when it is new. */
function numberOf(numbers: Map<string, Map<string, number>>, outer: string, inner: string, next: number): number {
  let byInner = numbers.get(outer);
  if (!byInner) {
    byInner = new Map();
    numbers.set(outer, byInner);
  }
  const found = byInner.get(inner);
  if (found !== undefined) return found;
  byInner.set(inner, next);
  return next;
}

/** The row's answer record. */
export function answerAt(columns: AnswerColumns, row: number): AnswerRecord {
  return (columns.history[columns.session[row] as number] as SessionRecord).answers[columns.place[row] as number] as AnswerRecord;
}

/** The row's session id. */
export function sessionIdAt(columns: AnswerColumns, row: number): string {
  return (columns.history[columns.session[row] as number] as SessionRecord).id;
}

/**
 * The rows of each number of `of` (a row → number column, -1: none), grouped: `rows` holds them
 * number by number, in row order, number n's from `start[n]` to `start[n + 1]`.
 */
export function rowsBy(of: Int32Array, count: number, keep: (row: number) => boolean): { start: Int32Array; rows: Int32Array } {
  const start = new Int32Array(count + 1);
  for (let row = 0; row < of.length; row++) {
    if (!keep(row)) continue;
    const n = (of[row] as number) + 1;
    start[n] = (start[n] as number) + 1;
  }
  for (let n = 0; n < count; n++) start[n + 1] = (start[n + 1] as number) + (start[n] as number);
  const rows = new Int32Array(start[count] as number);
  const fill = start.slice(0, count);
  for (let row = 0; row < of.length; row++) {
    if (!keep(row)) continue;
    const n = of[row] as number;
    const at = fill[n] as number;
    rows[at] = row;
    fill[n] = at + 1;
  }
  return { start, rows };
}
