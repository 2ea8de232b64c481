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
/** The file's layout (4: a JSON head line, then a table of 64-bit numbers); any other is rebuilt. */
const INDEX_LAYOUT = 4;
// Codes by position in these lists: a change of a list changes SESSION_RECORD_VERSION's meaning, so bump it.
const STATUS_CODES: readonly SessionStatus[] = SESSION_STATUSES;
const END_REASON_CODES: readonly EndReason[] = END_REASONS;
const MODE_CODES: readonly SessionMode[] = MODES;

// The file: a head line of JSON (format, versions, the strings that repeat from session to
// session, the lists of them that sessions share, and each entry's own strings: the file names,
// as one string, and by entry only where there is one, an id that is not the file's name, a
// problem, start and end times that the table's milliseconds do not give back as they were),
// padded with spaces to a multiple of 8 bytes; then one row of numbers per entry and one per
// answer, little-endian 64-bit floats, nothing between them. A null number is NaN, a null
// reference -1. Binary on purpose: 10,000 sessions as a JSON line each were read, parsed, decoded
// and collected in about 300 ms, more than the table's whole read; the table is checked in one
// pass and its records are made from it without parsing a thing.
//
// Few strings of their own on purpose too: what a read keeps alive, the collector copies and the
// process touches fresh memory for. Over 10,000 sessions the 30,000 names and times kept as
// strings were 1.8 MB; without them the heap after a read is about 2 MB smaller and 40% fewer
// bytes are promoted (the read itself 55 -> 40 ms).

// A session's row: where each number is.
const S_KIND = 0; // 1: a record; 0: a problem
const S_SIZE = 1;
const S_MTIME = 2;
const S_CTIME = 3;
const S_INO = 4;
const S_STARTED = 5; // ms
const S_ENDED = 6; // ms, NaN: null
const S_STATUS = 7;
const S_END_REASON = 8; // -1: null
const S_MODE = 9;
const S_SETS = 10; // a shape: [id, title, id, title...]
const S_SOURCES = 11; // a shape of paths, or -1
const S_CATEGORY = 12; // a shape [setId, id, title], or -1
const S_ASKED = 13; // a shape: [id, title...]
const S_SUMMARY = 14; // ten numbers: total, answered, skipped, timedOut, notReached, timeUsedMs, hintsUsed, touched, keyPoints, averageRating (NaN: null)
const S_ANSWERS = 24; // how many answer rows are this session's (they follow the previous session's)
const SESSION_WIDTH = 25;
/** What separates the file names in the head: a file name never holds one. */
const NAME_END = '/';
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

/** Whether `iso` is what its milliseconds give back as an ISO string (what mockprep writes): then the table's number alone keeps it. */
function givesBack(ms: number, iso: string): boolean {
  return !Number.isNaN(ms) && new Date(ms).toISOString() === iso;
}

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
  let names = '';
  // By entry, only where there is one: the usual id is the file's name without `.json`, and the
  // usual times are the ISO strings their milliseconds give back.
  const ids: Record<number, string> = {};
  const problems: Record<number, string> = {};
  const times: Record<number, [string, string | null]> = {};
  for (const [i, { name, stamp, record, problem }] of entries.entries()) {
    names += `${name}${NAME_END}`;
    put(record === null ? 0 : 1);
    put(stamp.size);
    put(stamp.mtimeMs);
    put(stamp.ctimeMs);
    put(stamp.ino);
    if (record === null) {
      problems[i] = problem ?? '';
      offset += 8 * (SESSION_WIDTH - S_STARTED - 1);
      put(0);
      continue;
    }
    if (record.id !== name.slice(0, -5)) ids[i] = record.id;
    const started = Date.parse(record.startedAt);
    const ended = record.endedAt === null ? Number.NaN : Date.parse(record.endedAt);
    if (!givesBack(started, record.startedAt) || (record.endedAt !== null && !givesBack(ended, record.endedAt))) {
      times[i] = [record.startedAt, record.endedAt];
    }
    // A time that is no date (only an unchecked record has one) keeps its place: 0, and its string.
    put(Number.isNaN(started) ? 0 : started);
    put(Number.isNaN(ended) && record.endedAt !== null ? 0 : ended);
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
      problems,
      times,
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
  /** Whether entry `i` is the file of session `id` (`<id>.json`), without making its name. */
  isFileOf(i: number, id: string): boolean;
  /** Whether entry `i` was made from a file with this stamp (size, times, inode). */
  sameStamp(i: number, stamp: FileStamp): boolean;
  /** The stamp entry `i` was made from. */
  stamp(i: number): FileStamp;
  /**
   * The record of entry `i`, made anew (its answers made when first read); null for a problem.
   * `id`: the file's name without `.json`, where the caller has it ({@link isFileOf}), used as is.
   */
  record(i: number, id?: string): SessionRecord | null;
  /** Why entry `i`'s file is not a transcript; null for a record. */
  problem(i: number): string | null;
  /** Entry `i` whole. */
  entry(i: number): SessionIndexEntry;
  /** Every entry, in the file's order. */
  entries(): SessionIndexEntry[];
}

type Loose = Record<string, unknown>;
/** The entries' own strings, by entry, where they have one: an id other than the file's name, a problem, times as they were written. */
interface EntryText {
  ids: Record<number, string | undefined>;
  problems: Record<number, string | undefined>;
  times: Record<number, [string, string | null] | undefined>;
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
  const { strings, shapes, names, ids, problems, times } = head;
  if (!Array.isArray(strings) || !strings.every(isString)) return null;
  const nameStarts = typeof names === 'string' ? nameStartsOf(names) : null;
  if (nameStarts === null) return null;
  const size = nameStarts.length - 1;
  if (!isObject(ids) || !isObject(problems) || !isObject(times)) return null;
  if (!Object.values(ids).every(isString) || !Object.values(problems).every(isString)) return null;
  if (!Object.values(times).every((pair) => Array.isArray(pair) && pair.length === 2 && isString(pair[0]) && isStringOrNull(pair[1])))
    return null;
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
  const text = { ids, problems, times } as EntryText;
  const firstAnswer = checkSessionRows(table, size, shapes as number[][], text);
  if (
    firstAnswer === null ||
    firstAnswer[size] !== answerCount ||
    !checkAnswerRows(table, size * SESSION_WIDTH, answerCount, strings.length)
  )
    return null;
  return new IndexTable(strings as string[], shapes as number[][], names as string, nameStarts, text, table, firstAnswer);
}

/**
 * Where each file name of the head's `names` starts, and one place more (entry i's name runs from
 * `starts[i]` to its separator, at `starts[i + 1] - 1`), or null unless they are in the folder's
 * order (sorted), each once: strictly increasing, none empty.
 */
function nameStartsOf(names: string): Int32Array | null {
  let count = 0;
  for (let at = names.indexOf(NAME_END); at !== -1; at = names.indexOf(NAME_END, at + 1)) count++;
  if (names.length > 0 && !names.endsWith(NAME_END)) return null;
  const starts = new Int32Array(count + 1);
  let previous = '';
  for (let i = 0, at = 0; i < count; i++) {
    const end = names.indexOf(NAME_END, at);
    // Each compared as a slice of the one string: garbage at once, never kept.
    const name = names.slice(at, end);
    if (name === '' || (i > 0 && !(previous < name))) return null;
    previous = name;
    starts[i] = at;
    at = end + 1;
    starts[i + 1] = at;
  }
  return starts;
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
  const { ids, problems, times } = text;
  // Each entry's own strings belong to an entry of its kind: counted here, compared with how many there are.
  let owned = 0;
  let answers = 0;
  for (let i = 0; i < size; i++) {
    const at = i * SESSION_WIDTH;
    firstAnswer[i] = answers;
    // Every number finite, but the end time and the average rating, which may be NaN (none).
    for (let k = at; k < at + SESSION_WIDTH; k++) {
      const value = table[k] as number;
      if (value - value !== 0 && !(Number.isNaN(value) && (k === at + S_ENDED || k === at + S_SUMMARY + 9))) return null;
    }
    const kind = table[at + S_KIND];
    const count = table[at + S_ANSWERS] as number;
    if (kind === 0) {
      if (problems[i] === undefined || ids[i] !== undefined || times[i] !== undefined || count !== 0) return null;
      owned += 1;
      continue;
    }
    if (kind !== 1 || problems[i] !== undefined) return null;
    const pair = times[i];
    // The end time's string is there where its number is.
    if (pair !== undefined && (pair[1] === null) !== Number.isNaN(table[at + S_ENDED] as number)) return null;
    owned += (ids[i] === undefined ? 0 : 1) + (pair === undefined ? 0 : 1);
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
  // Nothing more: no string of an entry that is not there.
  if (owned !== Object.keys(ids).length + Object.keys(problems).length + Object.keys(times).length) return null;
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
  readonly #names: string;
  readonly #nameStarts: Int32Array;
  readonly #text: EntryText;
  readonly #table: Float64Array;
  readonly #firstAnswer: Int32Array;
  readonly #answerStart: number;
  /** What each shape was made into, by kind: sets, sources, category, categories asked. */
  readonly #made: unknown[][] = [[], [], [], []];

  constructor(
    strings: readonly string[],
    shapes: readonly number[][],
    names: string,
    nameStarts: Int32Array,
    text: EntryText,
    table: Float64Array,
    firstAnswer: Int32Array,
  ) {
    this.size = nameStarts.length - 1;
    this.#strings = strings;
    this.#shapes = shapes;
    this.#names = names;
    this.#nameStarts = nameStarts;
    this.#text = text;
    this.#table = table;
    this.#firstAnswer = firstAnswer;
    this.#answerStart = this.size * SESSION_WIDTH;
  }

  name(i: number): string {
    return this.#names.slice(this.#nameStarts[i], (this.#nameStarts[i + 1] as number) - 1);
  }

  isFileOf(i: number, id: string): boolean {
    const start = this.#nameStarts[i] as number;
    return (
      (this.#nameStarts[i + 1] as number) - 1 - start === id.length + 5 &&
      this.#names.startsWith(id, start) &&
      this.#names.startsWith('.json', start + id.length)
    );
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

  record(i: number, id?: string): SessionRecord | null {
    return this.#table[i * SESSION_WIDTH + S_KIND] === 0 ? null : this.#record(i, id);
  }

  problem(i: number): string | null {
    return this.#text.problems[i] ?? null;
  }

  /** When entry `i`'s session started (ms). */
  startedAtMs(i: number): number {
    const pair = this.#text.times[i];
    // A start its number does not give back is parsed as a record's would be (NaN where it is no date).
    return pair === undefined ? (this.#table[i * SESSION_WIDTH + S_STARTED] as number) : Date.parse(pair[0]);
  }

  /** When entry `i`'s session started, as its transcript says (ISO), made anew. */
  startedAt(i: number): string {
    return this.#text.times[i]?.[0] ?? new Date(this.#table[i * SESSION_WIDTH + S_STARTED] as number).toISOString();
  }

  /** When entry `i`'s session ended, as its transcript says (null: open), made anew. */
  endedAt(i: number): string | null {
    const pair = this.#text.times[i];
    if (pair !== undefined) return pair[1];
    const ms = this.#table[i * SESSION_WIDTH + S_ENDED] as number;
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }

  entry(i: number): SessionIndexEntry {
    return { name: this.name(i), stamp: this.stamp(i), record: this.record(i), problem: this.problem(i) };
  }

  entries(): SessionIndexEntry[] {
    return Array.from({ length: this.size }, (_, i) => this.entry(i));
  }

  /** `id`: entry `i`'s file name without `.json`, where the caller holds it already ({@link isFileOf}): no string of its own. */
  #record(i: number, id: string | undefined): SessionRecord {
    const table = this.#table;
    const at = i * SESSION_WIDTH;
    const endReason = table[at + S_END_REASON] as number;
    const sources = table[at + S_SOURCES] as number;
    const category = table[at + S_CATEGORY] as number;
    return new TableRecord(
      this.#text.ids[i] ?? id ?? this.name(i).slice(0, -5),
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
    return this.#text.ids[i] === undefined;
  }

  /** Entry `i`'s answers, as rows. */
  answerRows(i: number): TableAnswers {
    const first = this.#firstAnswer[i] as number;
    const count = (this.#firstAnswer[i + 1] as number) - first;
    return { table: this.#table, strings: this.#strings, at: this.#answerStart + first * ANSWER_WIDTH, count };
  }

  /** Entry `i`'s answers, made. */
  answersOf(i: number): AnswerRecord[] {
    const table = this.#table;
    const strings = this.#strings;
    const first = this.#firstAnswer[i] as number;
    const count = (this.#firstAnswer[i + 1] as number) - first;
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
 * read them); its summary and times each time they are read (stats reads no summary and only the
 * start's milliseconds, and a listing reads each once and lets it go): `summary`, `answers`,
 * `startedAt` and `endedAt` are own, enumerable properties like every other, so a copy
 * (`{...record}`) or a comparison sees them, but each is one getter shared by every record, so
 * that records keep one shape (an object literal with a getter of its own was 1.4 KB a record, in
 * the engine's slow form) and the collector carries fewer objects. Its place in the table gives
 * everything else.
 */
class TableRecord implements SessionRecord {
  declare readonly id: string;
  declare readonly startedAt: string;
  declare readonly endedAt: string | null;
  declare readonly status: SessionStatus;
  declare readonly endReason: EndReason | null;
  declare readonly mode: SessionMode;
  declare readonly sets: { id: string; title: string }[];
  declare readonly setSources: string[] | null;
  declare readonly category: { setId: string; id: string; title: string } | null;
  declare readonly askedCategories: { id: string; title: string }[];
  declare readonly summary: SessionSummary;
  declare readonly answers: AnswerRecord[];
  readonly #table: IndexTable;
  readonly #at: number;
  #answers: AnswerRecord[] | null = null;

  // Made in the order of a record's keys (summarizeSession's), getters in their places.
  constructor(
    id: string,
    status: SessionStatus,
    endReason: EndReason | null,
    mode: SessionMode,
    sets: { id: string; title: string }[],
    setSources: string[] | null,
    category: { setId: string; id: string; title: string } | null,
    askedCategories: { id: string; title: string }[],
    table: IndexTable,
    at: number,
  ) {
    this.#table = table;
    this.#at = at;
    const self = this as { -readonly [K in keyof SessionRecord]: SessionRecord[K] };
    self.id = id;
    // One defineProperty each: Object.defineProperties took twice as long (about 1 µs a record more).
    Object.defineProperty(this, 'startedAt', TableRecord.#startedAt);
    Object.defineProperty(this, 'endedAt', TableRecord.#endedAt);
    self.status = status;
    self.endReason = endReason;
    self.mode = mode;
    self.sets = sets;
    self.setSources = setSources;
    self.category = category;
    self.askedCategories = askedCategories;
    Object.defineProperty(this, 'summary', TableRecord.#summary);
    Object.defineProperty(this, 'answers', TableRecord.#answersProperty);
  }

  tableAnswers(): TableAnswers {
    return this.#table.answerRows(this.#at);
  }

  startedAtMs(): number {
    return this.#table.startedAtMs(this.#at);
  }

  /** Whether its id is its file's name (the usual case), not one of its own. */
  namedByFile(): boolean {
    return this.#table.namedByFile(this.#at);
  }

  sameTable(other: TableRecord): boolean {
    return this.#table === other.#table;
  }

  static readonly #startedAt = lazyProperty(function (this: TableRecord) {
    return this.#table.startedAt(this.#at);
  });

  static readonly #endedAt = lazyProperty(function (this: TableRecord) {
    return this.#table.endedAt(this.#at);
  });

  static readonly #summary = lazyProperty(function (this: TableRecord) {
    return this.#table.summaryOf(this.#at);
  });

  static readonly #answersProperty = lazyProperty(function (this: TableRecord) {
    this.#answers ??= this.#table.answersOf(this.#at);
    return this.#answers;
  });
}

/** An own, enumerable property read through `get`: one descriptor shared by every record. */
function lazyProperty(get: () => unknown): PropertyDescriptor {
  return { enumerable: true, get };
}
