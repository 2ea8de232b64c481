import { countCoveredKeyPoints } from './grade.js';
import { END_REASONS, MODES, SESSION_STATUSES, TRANSCRIPT_VERSION } from './question-enums.js';
import type { SessionSummary } from './summary.js';
import { summarizeTranscript } from './summary.js';
import type { EndReason, SessionMode, SessionStatus, Transcript, TranscriptItem } from './transcript-schema.js';

// A session in a few hundred bytes: what `sessions`, `stats`, `resume` and the practice schedule
// need of a transcript, so that they can work from the summary index (io/session-index.ts)
// instead of reading every transcript on every run. The index is a cache of these records and
// never the truth: a record is a pure function of its (validated, cleaned) transcript, and a
// record of another SESSION_RECORD_VERSION is thrown away and made again.

/** Bumped whenever {@link summarizeSession}'s output changes shape or meaning: older indexes are rebuilt. */
export const SESSION_RECORD_VERSION = 2;

/**
 * One finished or open answer to a main question, as stats and the schedule use it: the inputs of
 * the FSRS rating rule (practice-schedule.ts) and of the per-category figures, without the text.
 */
export interface AnswerRecord {
  /** The question's place in its session (0-based): breaks ties in time. */
  index: number;
  setId: string;
  questionId: string;
  categoryId: string;
  categoryTitle: string;
  /** Whether the question was shown at all (an interrupted session may end first). */
  shown: boolean;
  /** When the answer was finished (ms since the epoch); null for a draft left open. */
  finishedAtMs: number | null;
  /** How many key points the question lists. */
  keyPoints: number;
  /** How many of them the answer covers, as the product counts them (the candidate's corrections first). */
  covered: number;
  skipped: boolean;
  /** The answer is empty or only white space. */
  empty: boolean;
  timedOut: boolean;
  overtimeMs: number;
  selfRating: number | null;
  /** How many hints were revealed. */
  hints: number;
  timeUsedMs: number;
  /** The time limit in seconds; null when untimed. */
  limitSec: number | null;
}

/** A session as the summary index keeps it. */
export interface SessionRecord {
  id: string;
  startedAt: string;
  endedAt: string | null;
  status: SessionStatus;
  endReason: EndReason | null;
  mode: SessionMode;
  sets: { id: string; title: string }[];
  setSources: string[] | null;
  category: { setId: string; id: string; title: string } | null;
  /** The categories its questions came from, in order of first appearance. */
  askedCategories: { id: string; title: string }[];
  summary: SessionSummary;
  answers: AnswerRecord[];
}

/** The record of one main answer. */
export function summarizeAnswer(item: TranscriptItem, index: number): AnswerRecord {
  return {
    index,
    setId: item.question.setId,
    questionId: item.question.id,
    categoryId: item.question.categoryId,
    categoryTitle: item.question.categoryTitle,
    shown: item.shownAt !== null,
    // Validated as an ISO date when read: never NaN here.
    finishedAtMs: item.finishedAt === null ? null : Date.parse(item.finishedAt),
    keyPoints: item.question.keyPoints.length,
    covered: countCoveredKeyPoints(item),
    skipped: item.skipped,
    empty: item.answer.trim() === '',
    timedOut: item.timedOut,
    overtimeMs: item.overtimeMs,
    selfRating: item.selfRating,
    hints: item.hintsUsed.length,
    timeUsedMs: item.timeUsedMs,
    limitSec: item.limitSec,
  };
}

/** A transcript (validated and cleaned, as read back) to its record. Pure. */
export function summarizeSession(transcript: Transcript): SessionRecord {
  const { settings } = transcript;
  const asked = new Map<string, { id: string; title: string }>();
  for (const { question } of transcript.items) {
    const key = `${question.categoryId}\u0000${question.categoryTitle}`;
    if (!asked.has(key)) asked.set(key, { id: question.categoryId, title: question.categoryTitle });
  }
  return {
    id: transcript.id,
    startedAt: transcript.startedAt,
    endedAt: transcript.endedAt,
    status: transcript.status,
    endReason: transcript.endReason,
    mode: settings.mode,
    sets: settings.sets.map((set) => ({ id: set.id, title: set.title })),
    setSources: settings.setSources ?? null,
    category: settings.category,
    askedCategories: [...asked.values()],
    summary: summarizeTranscript(transcript),
    answers: transcript.items.map(summarizeAnswer),
  };
}

/** An entry of the index: a file of the sessions folder as it was when read, and what it held. */
export interface SessionIndexEntry {
  /** The file's name in the sessions folder (`<id>.json`). */
  name: string;
  /** What the file system said of it: any change of these means the file is read again. */
  stamp: FileStamp;
  /** Its record, or why it is not a transcript (the same message a full read gives). */
  record: SessionRecord | null;
  problem: string | null;
}

/** Size, modification and change times, inode: a transcript is only ever replaced whole (rename), so its inode changes too. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface SessionIndex {
  entries: SessionIndexEntry[];
}

const INDEX_FORMAT = 'mockprep-session-index';
/** The file's layout (3: a JSON head line, then a table of 64-bit numbers); any other is rebuilt. */
const INDEX_LAYOUT = 3;
// Codes by position in these lists: a change of a list changes SESSION_RECORD_VERSION's meaning, so bump it.
const STATUS_CODES: readonly SessionStatus[] = SESSION_STATUSES;
const END_REASON_CODES: readonly EndReason[] = END_REASONS;
const MODE_CODES: readonly SessionMode[] = MODES;

// The file: a head line of JSON (format, versions, the strings that repeat from session to
// session, the lists of them that sessions share, and each entry's own strings: its file name,
// id, times, problem), padded with spaces to a multiple of 8 bytes; then one row of numbers per
// entry and one per answer, little-endian 64-bit floats, nothing between them. A null number is
// NaN, a null reference -1. Binary on purpose: 10,000 sessions as a JSON line each were read,
// parsed, decoded and collected in about 300 ms, more than the table's whole read; the table is
// checked in one pass and its records are made from it without parsing a thing.

// A session's row: where each number is.
const S_KIND = 0; // 1: a record; 0: a problem
const S_SIZE = 1;
const S_MTIME = 2;
const S_CTIME = 3;
const S_INO = 4;
const S_STATUS = 5;
const S_END_REASON = 6; // -1: null
const S_MODE = 7;
const S_SETS = 8; // a shape: [id, title, id, title...]
const S_SOURCES = 9; // a shape of paths, or -1
const S_CATEGORY = 10; // a shape [setId, id, title], or -1
const S_ASKED = 11; // a shape: [id, title...]
const S_SUMMARY = 12; // ten numbers: total, answered, skipped, timedOut, notReached, timeUsedMs, hintsUsed, touched, keyPoints, averageRating (NaN: null)
const S_ANSWERS = 22; // how many answer rows are this session's (they follow the previous session's)
const SESSION_WIDTH = 23;
// An answer's row.
const A_INDEX = 0;
const A_SET = 1; // the next four: string references
const A_QUESTION = 2;
const A_CATEGORY = 3;
const A_CATEGORY_TITLE = 4;
const A_FLAGS = 5; // shown 1, skipped 2, empty 4, timed out 8
const A_FINISHED = 6; // NaN: null
const A_KEY_POINTS = 7;
const A_COVERED = 8;
const A_OVERTIME = 9;
const A_RATING = 10; // NaN: null
const A_HINTS = 11;
const A_TIME_USED = 12;
const A_LIMIT = 13; // NaN: null
const ANSWER_WIDTH = 14;

/** Where each figure of an answer's row is in the table ({@link tableAnswersOf}); flags: shown 1, skipped 2, empty 4, timed out 8; NaN: null. */
export const ANSWER_ROW = {
  width: ANSWER_WIDTH,
  index: A_INDEX,
  set: A_SET,
  question: A_QUESTION,
  category: A_CATEGORY,
  categoryTitle: A_CATEGORY_TITLE,
  flags: A_FLAGS,
  finished: A_FINISHED,
  keyPoints: A_KEY_POINTS,
  covered: A_COVERED,
  overtime: A_OVERTIME,
  rating: A_RATING,
  hints: A_HINTS,
  timeUsed: A_TIME_USED,
  limit: A_LIMIT,
} as const;

/** A record's answers as the index's table holds them: `count` rows of {@link ANSWER_ROW} from `at` on, strings by reference. */
export interface TableAnswers {
  table: Float64Array;
  strings: readonly string[];
  at: number;
  count: number;
}

/** When the session started (ms): parsed once for a record the index gave, however often asked. */
export function startedAtMs(record: SessionRecord): number {
  return record instanceof TableRecord ? record.startedAtMs() : Date.parse(record.startedAt);
}

/**
 * Whether no two of these records share an id, known without comparing them: every one came from
 * the same index and has its file's name as its id (the index holds each name once).
 */
export function idsKnownUnique(records: readonly SessionRecord[]): boolean {
  const first = records[0];
  if (!(first instanceof TableRecord)) return records.length === 0;
  return records.every((record) => record instanceof TableRecord && record.namedByFile() && record.sameTable(first));
}

/** The answers of a record read from the index, as its table holds them (no object per answer); null for any other record. */
export function tableAnswersOf(record: SessionRecord): TableAnswers | null {
  return record instanceof TableRecord ? record.tableAnswers() : null;
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** The index as the bytes of its file. */
export function serializeSessionIndex(index: SessionIndex): Uint8Array {
  const strings: string[] = [];
  const stringRefs = new Map<string, number>();
  const ref = (text: string) => {
    let at = stringRefs.get(text);
    if (at === undefined) {
      at = strings.length;
      strings.push(text);
      stringRefs.set(text, at);
    }
    return at;
  };
  const shapes: number[][] = [];
  const shapeRefs = new Map<string, number>();
  const shape = (texts: string[]) => {
    const refs = texts.map(ref);
    const key = refs.join(',');
    let at = shapeRefs.get(key);
    if (at === undefined) {
      at = shapes.length;
      shapes.push(refs);
      shapeRefs.set(key, at);
    }
    return at;
  };
  const { entries } = index;
  const answerCount = entries.reduce((sum, entry) => sum + (entry.record?.answers.length ?? 0), 0);
  const body = new DataView(new ArrayBuffer(8 * (entries.length * SESSION_WIDTH + answerCount * ANSWER_WIDTH)));
  let offset = 0;
  const put = (value: number | null) => {
    body.setFloat64(offset, value ?? Number.NaN, true);
    offset += 8;
  };
  const names: string[] = [];
  const ids: (string | null)[] = [];
  const startedAt: (string | null)[] = [];
  const endedAt: (string | null)[] = [];
  const problems: (string | null)[] = [];
  for (const { name, stamp, record, problem } of entries) {
    names.push(name);
    // Null for the usual id, the file's name without `.json`: 10,000 strings fewer to parse and keep.
    ids.push(record === null || record.id === name.slice(0, -5) ? null : record.id);
    startedAt.push(record?.startedAt ?? null);
    endedAt.push(record?.endedAt ?? null);
    problems.push(record === null ? (problem ?? '') : null);
    put(record === null ? 0 : 1);
    put(stamp.size);
    put(stamp.mtimeMs);
    put(stamp.ctimeMs);
    put(stamp.ino);
    if (record === null) {
      offset += 8 * (SESSION_WIDTH - S_STATUS - 1);
      put(0);
      continue;
    }
    const { summary } = record;
    put(STATUS_CODES.indexOf(record.status));
    put(record.endReason === null ? -1 : END_REASON_CODES.indexOf(record.endReason));
    put(MODE_CODES.indexOf(record.mode));
    put(shape(record.sets.flatMap((set) => [set.id, set.title])));
    put(record.setSources === null ? -1 : shape(record.setSources));
    put(record.category === null ? -1 : shape([record.category.setId, record.category.id, record.category.title]));
    put(shape(record.askedCategories.flatMap((category) => [category.id, category.title])));
    for (const value of [
      summary.total,
      summary.answered,
      summary.skipped,
      summary.timedOut,
      summary.notReached,
      summary.timeUsedMs,
      summary.hintsUsed,
      summary.keyPoints.touched,
      summary.keyPoints.total,
      summary.averageRating,
    ]) {
      put(value);
    }
    put(record.answers.length);
  }
  for (const { record } of entries) {
    for (const answer of record?.answers ?? []) {
      put(answer.index);
      put(ref(answer.setId));
      put(ref(answer.questionId));
      put(ref(answer.categoryId));
      put(ref(answer.categoryTitle));
      put((answer.shown ? 1 : 0) | (answer.skipped ? 2 : 0) | (answer.empty ? 4 : 0) | (answer.timedOut ? 8 : 0));
      put(answer.finishedAtMs);
      put(answer.keyPoints);
      put(answer.covered);
      put(answer.overtimeMs);
      put(answer.selfRating);
      put(answer.hints);
      put(answer.timeUsedMs);
      put(answer.limitSec);
    }
  }
  const head = new TextEncoder().encode(
    JSON.stringify({
      format: INDEX_FORMAT,
      layout: INDEX_LAYOUT,
      version: SESSION_RECORD_VERSION,
      transcriptVersion: TRANSCRIPT_VERSION,
      strings,
      shapes,
      names,
      ids,
      startedAt,
      endedAt,
      problems,
    }),
  );
  // Spaces (white space to JSON) and the newline bring the table to a multiple of 8 bytes.
  const headBytes = Math.ceil((head.length + 1) / 8) * 8;
  const bytes = new Uint8Array(headBytes + body.byteLength);
  bytes.set(head);
  bytes.fill(0x20, head.length, headBytes - 1);
  bytes[headBytes - 1] = 0x0a;
  bytes.set(new Uint8Array(body.buffer), headBytes);
  return bytes;
}

/**
 * The index as read back: its entries by position, each made into its record only when asked
 * for. Everything in it was checked when it was read, so nothing it gives can be out of shape.
 */
export interface SessionIndexTable {
  /** How many entries it holds. */
  readonly size: number;
  /** The file name of entry `i`. */
  name(i: number): string;
  /** Whether entry `i` was made from a file with this stamp (size, times, inode). */
  sameStamp(i: number, stamp: FileStamp): boolean;
  /** The stamp entry `i` was made from. */
  stamp(i: number): FileStamp;
  /** The record of entry `i`, made anew (its answers made when first read); null for a problem. */
  record(i: number): SessionRecord | null;
  /** Why entry `i`'s file is not a transcript; null for a record. */
  problem(i: number): string | null;
  /** Entry `i` whole. */
  entry(i: number): SessionIndexEntry;
  /** Every entry, in the file's order. */
  entries(): SessionIndexEntry[];
}

type Loose = Record<string, unknown>;
/** Each entry's own strings, by entry: null where its kind has none (a problem has no id, a record no problem). */
interface EntryText {
  ids: (string | null)[];
  startedAt: (string | null)[];
  endedAt: (string | null)[];
  problems: (string | null)[];
}
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
/** A whole number in [min, below). */
const within = (value: number, min: number, below: number) => Number.isInteger(value) && value >= min && value < below;

/**
 * The bytes of an index file back to its table, or null when it is not one this version wrote:
 * damaged, cut short, from another version or layout, or edited into another shape. Null means
 * "rebuild", never an error: the index is a cache.
 */
export function parseSessionIndex(bytes: Uint8Array): SessionIndexTable | null {
  const newline = bytes.indexOf(0x0a);
  const tableStart = newline + 1;
  if (newline < 0 || tableStart % 8 !== 0 || (bytes.length - tableStart) % 8 !== 0) return null;
  let head: unknown;
  try {
    head = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, newline)));
  } catch {
    return null;
  }
  if (!isObject(head) || head.format !== INDEX_FORMAT || head.layout !== INDEX_LAYOUT || head.version !== SESSION_RECORD_VERSION) {
    return null;
  }
  if (head.transcriptVersion !== TRANSCRIPT_VERSION) return null;
  const { strings, shapes, names, ids, startedAt, endedAt, problems } = head;
  if (!Array.isArray(strings) || !strings.every(isString)) return null;
  // In the folder's order (sorted), each name once: strictly increasing.
  if (!Array.isArray(names) || !names.every((name, i) => typeof name === 'string' && (i === 0 || (names[i - 1] as string) < name)))
    return null;
  const size = names.length;
  const columns = [ids, startedAt, endedAt, problems];
  if (!columns.every((column) => Array.isArray(column) && column.length === size && column.every(isStringOrNull))) return null;
  if (
    !Array.isArray(shapes) ||
    !shapes.every((shape) => Array.isArray(shape) && shape.every((at) => typeof at === 'number' && within(at, 0, strings.length)))
  ) {
    return null;
  }
  const values = (bytes.length - tableStart) / 8;
  const answerCount = (values - size * SESSION_WIDTH) / ANSWER_WIDTH;
  if (!within(answerCount, 0, Number.POSITIVE_INFINITY)) return null;
  const table = readFloats(bytes, tableStart, values);
  const text = { ids, startedAt, endedAt, problems } as EntryText;
  const firstAnswer = checkSessionRows(table, size, shapes as number[][], text);
  if (
    firstAnswer === null ||
    firstAnswer[size] !== answerCount ||
    !checkAnswerRows(table, size * SESSION_WIDTH, answerCount, strings.length)
  )
    return null;
  return new IndexTable(strings as string[], shapes as number[][], names as string[], text, table, firstAnswer);
}

/** The table's numbers: a view of the bytes where they line up on this machine, else a copy. */
function readFloats(bytes: Uint8Array, start: number, count: number): Float64Array {
  if (LITTLE_ENDIAN && (bytes.byteOffset + start) % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset + start, count);
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, count * 8);
  const floats = new Float64Array(count);
  for (let i = 0; i < count; i++) floats[i] = view.getFloat64(i * 8, true);
  return floats;
}

/**
 * Checks every session row (and that each entry's strings fit its kind); gives where each
 * session's answers start (one more place: the total), or null at the first thing out of shape.
 */
function checkSessionRows(table: Float64Array, size: number, shapes: readonly number[][], text: EntryText): Int32Array | null {
  // Plain arithmetic, as in checkAnswerRows: `v - v === 0` for a finite number, `(v >>> 0) === v`
  // for a whole one from 0 to 2^32 (a reference, a code), `v === -1` for none.
  const firstAnswer = new Int32Array(size + 1);
  const shapeLengths = shapes.map((shape) => shape.length);
  const shapeCount = shapes.length;
  const { ids, startedAt, endedAt, problems } = text;
  let answers = 0;
  for (let i = 0; i < size; i++) {
    const at = i * SESSION_WIDTH;
    firstAnswer[i] = answers;
    // Every number finite, but the average rating, which may be NaN (none).
    for (let k = at; k < at + SESSION_WIDTH; k++) {
      const value = table[k] as number;
      if (value - value !== 0 && !(Number.isNaN(value) && k === at + S_SUMMARY + 9)) return null;
    }
    const kind = table[at + S_KIND];
    const count = table[at + S_ANSWERS] as number;
    if (kind === 0) {
      if (typeof problems[i] !== 'string' || ids[i] !== null || startedAt[i] !== null || endedAt[i] !== null || count !== 0) return null;
      continue;
    }
    if (kind !== 1 || typeof startedAt[i] !== 'string' || problems[i] !== null) return null;
    const status = table[at + S_STATUS] as number;
    const endReason = table[at + S_END_REASON] as number;
    const mode = table[at + S_MODE] as number;
    if (status >>> 0 !== status || status >= STATUS_CODES.length || mode >>> 0 !== mode || mode >= MODE_CODES.length) return null;
    if (endReason !== -1 && (endReason >>> 0 !== endReason || endReason >= END_REASON_CODES.length)) return null;
    const sets = table[at + S_SETS] as number;
    const asked = table[at + S_ASKED] as number;
    const sources = table[at + S_SOURCES] as number;
    const category = table[at + S_CATEGORY] as number;
    // Sets and the categories asked: (id, title) pairs; the category: (set, id, title); the sources: any list.
    if (sets >>> 0 !== sets || sets >= shapeCount || (shapeLengths[sets] as number) % 2 !== 0) return null;
    if (asked >>> 0 !== asked || asked >= shapeCount || (shapeLengths[asked] as number) % 2 !== 0) return null;
    if (sources !== -1 && (sources >>> 0 !== sources || sources >= shapeCount)) return null;
    if (category !== -1 && (category >>> 0 !== category || category >= shapeCount || shapeLengths[category] !== 3)) return null;
    if (count >>> 0 !== count || answers + count >= 2 ** 31) return null;
    answers += count;
  }
  firstAnswer[size] = answers;
  return firstAnswer;
}

/** Checks every answer row: numbers where numbers go (NaN only where null may be), references to strings the head holds. */
function checkAnswerRows(table: Float64Array, start: number, count: number, strings: number): boolean {
  // Plain arithmetic, no calls: 20,000 rows are checked before the loop is ever optimized.
  // `v - v === 0` holds for finite numbers only; `(v >>> 0) === v` for whole numbers from 0 to 2^32.
  const end = start + count * ANSWER_WIDTH;
  for (let at = start; at < end; at += ANSWER_WIDTH) {
    for (let k = 0; k < ANSWER_WIDTH; k++) {
      const value = table[at + k] as number;
      if (value - value !== 0 && !(Number.isNaN(value) && (k === A_FINISHED || k === A_RATING || k === A_LIMIT))) return false;
    }
    for (let k = at + A_SET; k <= at + A_CATEGORY_TITLE; k++) {
      const ref = table[k] as number;
      if (ref >>> 0 !== ref || ref >= strings) return false;
    }
  }
  return true;
}

/**
 * A number read from the table as the engine keeps a whole number that fits 31 bits: unboxed in
 * the object it is stored in. Read from a Float64Array as is, each number becomes a 16-byte heap
 * number of its own (measured: 10,000 records were 1.4 KB each, half of it heap numbers).
 */
const small = (value: number) => ((value | 0) === value ? value | 0 : value);
const orNullSmall = (value: number) => (Number.isNaN(value) ? null : small(value));

/**
 * The table read back. What repeats from session to session (the sets, their sources, the
 * category, the categories asked) is made once per shape and kind, and shared between records:
 * a history of ten thousand sessions holds a handful of each. Records are read, never changed,
 * so sharing is safe.
 */
class IndexTable implements SessionIndexTable {
  readonly size: number;
  readonly #strings: readonly string[];
  readonly #shapes: readonly number[][];
  readonly #names: readonly string[];
  readonly #text: EntryText;
  readonly #table: Float64Array;
  readonly #firstAnswer: Int32Array;
  readonly #answerStart: number;
  /** What each shape was made into, by kind: sets, sources, category, categories asked. */
  readonly #made: unknown[][] = [[], [], [], []];

  constructor(
    strings: readonly string[],
    shapes: readonly number[][],
    names: readonly string[],
    text: EntryText,
    table: Float64Array,
    firstAnswer: Int32Array,
  ) {
    this.size = names.length;
    this.#strings = strings;
    this.#shapes = shapes;
    this.#names = names;
    this.#text = text;
    this.#table = table;
    this.#firstAnswer = firstAnswer;
    this.#answerStart = names.length * SESSION_WIDTH;
  }

  name(i: number): string {
    return this.#names[i] as string;
  }

  sameStamp(i: number, stamp: FileStamp): boolean {
    const table = this.#table;
    const at = i * SESSION_WIDTH;
    return (
      table[at + S_SIZE] === stamp.size &&
      table[at + S_MTIME] === stamp.mtimeMs &&
      table[at + S_CTIME] === stamp.ctimeMs &&
      table[at + S_INO] === stamp.ino
    );
  }

  stamp(i: number): FileStamp {
    const table = this.#table;
    const at = i * SESSION_WIDTH;
    return {
      size: table[at + S_SIZE] as number,
      mtimeMs: table[at + S_MTIME] as number,
      ctimeMs: table[at + S_CTIME] as number,
      ino: table[at + S_INO] as number,
    };
  }

  record(i: number): SessionRecord | null {
    return this.#table[i * SESSION_WIDTH + S_KIND] === 0 ? null : this.#record(i);
  }

  problem(i: number): string | null {
    return this.#text.problems[i] ?? null;
  }

  entry(i: number): SessionIndexEntry {
    return { name: this.name(i), stamp: this.stamp(i), record: this.record(i), problem: this.problem(i) };
  }

  entries(): SessionIndexEntry[] {
    return Array.from({ length: this.size }, (_, i) => this.entry(i));
  }

  #record(i: number): SessionRecord {
    const table = this.#table;
    const at = i * SESSION_WIDTH;
    const endReason = table[at + S_END_REASON] as number;
    const sources = table[at + S_SOURCES] as number;
    const category = table[at + S_CATEGORY] as number;
    const first = this.#firstAnswer[i] as number;
    const count = small(table[at + S_ANSWERS] as number);
    return new TableRecord(
      this.#text.ids[i] ?? (this.#names[i] as string).slice(0, -5),
      this.#text.startedAt[i] as string,
      this.#text.endedAt[i] ?? null,
      STATUS_CODES[table[at + S_STATUS] as number] as SessionStatus,
      endReason === -1 ? null : (END_REASON_CODES[endReason] as EndReason),
      MODE_CODES[table[at + S_MODE] as number] as SessionMode,
      this.#pairs(0, table[at + S_SETS] as number),
      sources === -1 ? null : this.#once(1, sources, (refs) => refs.map((ref) => this.#strings[ref] as string)),
      category === -1
        ? null
        : this.#once(2, category, ([setId, id, title]) => ({
            setId: this.#strings[setId as number] as string,
            id: this.#strings[id as number] as string,
            title: this.#strings[title as number] as string,
          })),
      this.#pairs(3, table[at + S_ASKED] as number),
      this,
      i,
      first,
      count,
    );
  }

  /** The summary of entry `i`'s session, made. */
  summaryOf(i: number): SessionSummary {
    const table = this.#table;
    const at = i * SESSION_WIDTH;
    return {
      total: small(table[at + S_SUMMARY] as number),
      answered: small(table[at + S_SUMMARY + 1] as number),
      skipped: small(table[at + S_SUMMARY + 2] as number),
      timedOut: small(table[at + S_SUMMARY + 3] as number),
      notReached: small(table[at + S_SUMMARY + 4] as number),
      timeUsedMs: small(table[at + S_SUMMARY + 5] as number),
      hintsUsed: small(table[at + S_SUMMARY + 6] as number),
      keyPoints: { touched: small(table[at + S_SUMMARY + 7] as number), total: small(table[at + S_SUMMARY + 8] as number) },
      averageRating: orNullSmall(table[at + S_SUMMARY + 9] as number),
    };
  }

  namedByFile(i: number): boolean {
    return this.#text.ids[i] === null;
  }

  /** The `count` answers from the table's answer `first` on, as rows. */
  answerRows(first: number, count: number): TableAnswers {
    return { table: this.#table, strings: this.#strings, at: this.#answerStart + first * ANSWER_WIDTH, count };
  }

  /** The `count` answers from the table's answer `first` on, made. */
  answersOf(first: number, count: number): AnswerRecord[] {
    const table = this.#table;
    const strings = this.#strings;
    const out: AnswerRecord[] = new Array(count);
    for (let j = 0; j < count; j++) {
      const at = this.#answerStart + (first + j) * ANSWER_WIDTH;
      const flags = table[at + A_FLAGS] as number;
      out[j] = {
        index: small(table[at + A_INDEX] as number),
        setId: strings[table[at + A_SET] as number] as string,
        questionId: strings[table[at + A_QUESTION] as number] as string,
        categoryId: strings[table[at + A_CATEGORY] as number] as string,
        categoryTitle: strings[table[at + A_CATEGORY_TITLE] as number] as string,
        shown: (flags & 1) !== 0,
        finishedAtMs: orNullSmall(table[at + A_FINISHED] as number),
        keyPoints: small(table[at + A_KEY_POINTS] as number),
        covered: small(table[at + A_COVERED] as number),
        skipped: (flags & 2) !== 0,
        empty: (flags & 4) !== 0,
        timedOut: (flags & 8) !== 0,
        overtimeMs: small(table[at + A_OVERTIME] as number),
        selfRating: orNullSmall(table[at + A_RATING] as number),
        hints: small(table[at + A_HINTS] as number),
        timeUsedMs: small(table[at + A_TIME_USED] as number),
        limitSec: orNullSmall(table[at + A_LIMIT] as number),
      };
    }
    return out;
  }

  /** One value per shape and kind (the kinds are kept apart: a shape may serve as sets and as categories asked). */
  #once<T>(kind: 0 | 1 | 2 | 3, shape: number, make: (refs: readonly number[]) => T): T {
    const made = this.#made[kind] as (T | undefined)[];
    let found = made[shape];
    if (found === undefined) {
      found = make(this.#shapes[shape] ?? []);
      made[shape] = found;
    }
    return found;
  }

  #pairs(kind: 0 | 3, shape: number): { id: string; title: string }[] {
    return this.#once(kind, shape, (refs) => {
      const out: { id: string; title: string }[] = [];
      for (let k = 0; k < refs.length; k += 2)
        out.push({ id: this.#strings[refs[k] as number] as string, title: this.#strings[refs[k + 1] as number] as string });
      return out;
    });
  }
}

/**
 * A record the table made. Its answers are made when first read (`sessions` and `resume` never
 * read them), and its summary each time it is read (stats never reads it, and a listing reads it
 * once and lets it go): `summary` and `answers` are own, enumerable properties like every other,
 * so a copy (`{...record}`) or a comparison sees them, but each is one getter shared by every
 * record, so that records keep one shape (an object literal with a getter of its own was 1.4 KB a
 * record, in the engine's slow form) and the collector carries fewer objects.
 */
class TableRecord implements SessionRecord {
  declare readonly summary: SessionSummary;
  declare readonly answers: AnswerRecord[];
  readonly #table: IndexTable;
  readonly #at: number;
  readonly #first: number;
  readonly #count: number;
  #answers: AnswerRecord[] | null = null;
  #startedAtMs: number | undefined;

  constructor(
    readonly id: string,
    readonly startedAt: string,
    readonly endedAt: string | null,
    readonly status: SessionStatus,
    readonly endReason: EndReason | null,
    readonly mode: SessionMode,
    readonly sets: { id: string; title: string }[],
    readonly setSources: string[] | null,
    readonly category: { setId: string; id: string; title: string } | null,
    readonly askedCategories: { id: string; title: string }[],
    table: IndexTable,
    at: number,
    first: number,
    count: number,
  ) {
    this.#table = table;
    this.#at = at;
    this.#first = first;
    this.#count = count;
    Object.defineProperty(this, 'summary', TableRecord.#summaryProperty);
    Object.defineProperty(this, 'answers', TableRecord.#answersProperty);
  }

  tableAnswers(): TableAnswers {
    return this.#table.answerRows(this.#first, this.#count);
  }

  startedAtMs(): number {
    this.#startedAtMs ??= Date.parse(this.startedAt);
    return this.#startedAtMs;
  }

  /** Whether its id is its file's name (the usual case), not one of its own. */
  namedByFile(): boolean {
    return this.#table.namedByFile(this.#at);
  }

  sameTable(other: TableRecord): boolean {
    return this.#table === other.#table;
  }

  static readonly #summaryProperty: PropertyDescriptor = {
    enumerable: true,
    get(this: TableRecord) {
      return this.#table.summaryOf(this.#at);
    },
  };

  static readonly #answersProperty: PropertyDescriptor = {
    enumerable: true,
    get(this: TableRecord) {
      this.#answers ??= this.#table.answersOf(this.#first, this.#count);
      return this.#answers;
    },
  };
}
