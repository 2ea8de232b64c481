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
// Codes by position in these lists: a change of a list changes SESSION_RECORD_VERSION's meaning, so bump it.
const STATUS_CODES: readonly SessionStatus[] = SESSION_STATUSES;
const END_REASON_CODES: readonly EndReason[] = END_REASONS;
const MODE_CODES: readonly SessionMode[] = MODES;

// The file: a head line (format, versions, a table of the strings that repeat from session to
// session: set and category names, question ids, set paths), then one line per transcript, a JSON
// array by position. Compact on purpose: 10,000 sessions as objects with named keys were 13 MB,
// and reading, decoding and collecting that cost more than the transcripts it saves reading.

/** The index as the text of its file. */
export function serializeSessionIndex(index: SessionIndex): string {
  const strings: string[] = [];
  const refs = new Map<string, number>();
  const ref = (text: string) => {
    let at = refs.get(text);
    if (at === undefined) {
      at = strings.length;
      strings.push(text);
      refs.set(text, at);
    }
    return at;
  };
  const lines = index.entries.map((entry) => {
    const { size, mtimeMs, ctimeMs, ino } = entry.stamp;
    if (entry.record === null) return JSON.stringify([0, entry.name, size, mtimeMs, ctimeMs, ino, entry.problem ?? '']);
    const record = entry.record;
    const { summary } = record;
    return JSON.stringify([
      1,
      entry.name,
      size,
      mtimeMs,
      ctimeMs,
      ino,
      record.id,
      record.startedAt,
      record.endedAt,
      STATUS_CODES.indexOf(record.status),
      record.endReason === null ? -1 : END_REASON_CODES.indexOf(record.endReason),
      MODE_CODES.indexOf(record.mode),
      record.sets.flatMap((set) => [ref(set.id), ref(set.title)]),
      record.setSources === null ? null : record.setSources.map(ref),
      record.category === null ? null : [ref(record.category.setId), ref(record.category.id), ref(record.category.title)],
      record.askedCategories.flatMap((category) => [ref(category.id), ref(category.title)]),
      [
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
      ],
      record.answers.map((answer) => [
        answer.index,
        ref(answer.setId),
        ref(answer.questionId),
        ref(answer.categoryId),
        ref(answer.categoryTitle),
        (answer.shown ? 1 : 0) | (answer.skipped ? 2 : 0) | (answer.empty ? 4 : 0) | (answer.timedOut ? 8 : 0),
        answer.finishedAtMs,
        answer.keyPoints,
        answer.covered,
        answer.overtimeMs,
        answer.selfRating,
        answer.hints,
        answer.timeUsedMs,
        answer.limitSec,
      ]),
    ]);
  });
  const head = JSON.stringify({ format: INDEX_FORMAT, version: SESSION_RECORD_VERSION, transcriptVersion: TRANSCRIPT_VERSION, strings });
  return `${head}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`;
}

/** Thrown inside {@link parseSessionIndex} at the first thing out of shape. */
class Malformed extends Error {
  override name = 'Malformed';
}

/**
 * The text of an index file back to entries, or null when it is not one this version wrote:
 * damaged, cut short, from another version, or edited into another shape. Null means "rebuild",
 * never an error: the index is a cache.
 */
export function parseSessionIndex(text: string): SessionIndex | null {
  // A file cut short loses its last newline.
  if (!text.endsWith('\n')) return null;
  const headEnd = text.indexOf('\n');
  try {
    const head: unknown = JSON.parse(text.slice(0, headEnd));
    if (!isObject(head) || head.format !== INDEX_FORMAT || head.version !== SESSION_RECORD_VERSION) return null;
    if (head.transcriptVersion !== TRANSCRIPT_VERSION || !Array.isArray(head.strings) || !head.strings.every(isString)) return null;
    const strings = head.strings as string[];
    const decoder = new EntryDecoder(strings);
    const entries: SessionIndexEntry[] = [];
    const names = new Set<string>();
    // Line by line: each parsed line is garbage as soon as it is decoded (one parse of the whole
    // file would keep every line alive at once, and the collector would copy them all).
    for (let start = headEnd + 1; start < text.length; ) {
      const end = text.indexOf('\n', start);
      const entry = decoder.entry(JSON.parse(text.slice(start, end)));
      start = end + 1;
      if (names.has(entry.name)) return null;
      names.add(entry.name);
      entries.push(entry);
    }
    return { entries };
  } catch {
    // Not JSON, or JSON of another shape.
    return null;
  }
}

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

function text(value: unknown): string {
  if (typeof value !== 'string') throw new Malformed();
  return value;
}
function num(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Malformed();
  return value;
}
function numOrNull(value: unknown): number | null {
  return value === null ? null : num(value);
}
function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Malformed();
  return value;
}
function code<T>(codes: readonly T[], value: unknown): T {
  const found = codes[num(value)];
  if (found === undefined) throw new Malformed();
  return found;
}
// An answer's row by position (see serializeSessionIndex): what each place must hold.
const ANSWER_NUMBERS = [0, 5, 7, 8, 9, 11, 12] as const;
const ANSWER_STRINGS = [1, 2, 3, 4] as const;
const ANSWER_NUMBERS_OR_NULL = [6, 10, 13] as const;

/**
 * Index rows back to entries. What repeats from session to session (the sets, their sources, the
 * category, the categories asked) is decoded once per distinct value and shared between records:
 * a history of ten thousand sessions holds a handful of each, and fewer objects is less garbage
 * collection. Records are read, never changed, so sharing is safe.
 */
class EntryDecoder {
  readonly #strings: readonly string[];
  readonly #shared = new Map<string, unknown>();

  constructor(strings: readonly string[]) {
    this.#strings = strings;
  }

  str(value: unknown): string {
    const found = typeof value === 'number' ? this.#strings[value] : undefined;
    if (found === undefined) throw new Malformed();
    return found;
  }

  /** One decoded value per distinct raw value of a kind (`kind` keeps the kinds apart). */
  #once<T>(kind: string, raw: unknown, decode: () => T): T {
    // The raw values are lists of string-table numbers: joined, they name the value.
    const refs = list(raw);
    if (!refs.every((ref) => typeof ref === 'number')) throw new Malformed();
    const key = `${kind}${refs.join(',')}`;
    let found = this.#shared.get(key) as T | undefined;
    if (found === undefined) {
      found = decode();
      this.#shared.set(key, found);
    }
    return found;
  }

  pairs(kind: string, value: unknown): { id: string; title: string }[] {
    return this.#once(kind, value, () => {
      const flat = list(value);
      if (flat.length % 2 !== 0) throw new Malformed();
      const out: { id: string; title: string }[] = [];
      for (let i = 0; i < flat.length; i += 2) out.push({ id: this.str(flat[i]), title: this.str(flat[i + 1]) });
      return out;
    });
  }

  /** Throws {@link Malformed} unless an answer's row holds what {@link answer} reads at each place; makes nothing. */
  checkAnswer(value: unknown): void {
    const answer = list(value);
    for (const at of ANSWER_NUMBERS) num(answer[at]);
    for (const at of ANSWER_STRINGS) this.str(answer[at]);
    for (const at of ANSWER_NUMBERS_OR_NULL) numOrNull(answer[at]);
  }

  /** An answer's row that {@link checkAnswer} has passed, made into its record (nothing checked twice). */
  answer(value: unknown): AnswerRecord {
    const row = value as unknown[];
    const flags = row[5] as number;
    const ref = (at: number) => this.#strings[row[at] as number] as string;
    return {
      index: row[0] as number,
      setId: ref(1),
      questionId: ref(2),
      categoryId: ref(3),
      categoryTitle: ref(4),
      shown: (flags & 1) !== 0,
      skipped: (flags & 2) !== 0,
      empty: (flags & 4) !== 0,
      timedOut: (flags & 8) !== 0,
      finishedAtMs: row[6] as number | null,
      keyPoints: row[7] as number,
      covered: row[8] as number,
      overtimeMs: row[9] as number,
      selfRating: row[10] as number | null,
      hints: row[11] as number,
      timeUsedMs: row[12] as number,
      limitSec: row[13] as number | null,
    };
  }

  entry(value: unknown): SessionIndexEntry {
    const row = list(value);
    const name = text(row[1]);
    const stamp = { size: num(row[2]), mtimeMs: num(row[3]), ctimeMs: num(row[4]), ino: num(row[5]) };
    if (row[0] === 0) return { name, stamp, record: null, problem: text(row[6]) };
    if (row[0] !== 1) throw new Malformed();
    const endReason = num(row[10]);
    const summary = list(row[16]);
    const rawAnswers = list(row[17]);
    for (const raw of rawAnswers) this.checkAnswer(raw);
    let answers: AnswerRecord[] | undefined;
    const decoder = this;
    const record: SessionRecord = {
      id: text(row[6]),
      startedAt: text(row[7]),
      endedAt: row[8] === null ? null : text(row[8]),
      status: code(STATUS_CODES, row[9]),
      endReason: endReason === -1 ? null : code(END_REASON_CODES, endReason),
      mode: code(MODE_CODES, row[11]),
      sets: this.pairs('s', row[12]),
      setSources: row[13] === null ? null : this.#once('p', row[13], () => list(row[13]).map((ref) => this.str(ref))),
      category:
        row[14] === null
          ? null
          : this.#once('c', row[14], () => {
              const category = list(row[14]);
              return { setId: this.str(category[0]), id: this.str(category[1]), title: this.str(category[2]) };
            }),
      askedCategories: this.pairs('a', row[15]),
      summary: {
        total: num(summary[0]),
        answered: num(summary[1]),
        skipped: num(summary[2]),
        timedOut: num(summary[3]),
        notReached: num(summary[4]),
        timeUsedMs: num(summary[5]),
        hintsUsed: num(summary[6]),
        keyPoints: { touched: num(summary[7]), total: num(summary[8]) },
        averageRating: numOrNull(summary[9]),
      },
      // Checked now, made when first read: `sessions` and `resume` never read them.
      get answers() {
        answers ??= rawAnswers.map((raw) => decoder.answer(raw));
        return answers;
      },
    };
    return { name, stamp, record, problem: null };
  }
}
