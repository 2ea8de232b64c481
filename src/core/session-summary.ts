import { coveredKeyPoints } from './grade.js';
import { TRANSCRIPT_VERSION } from './question-enums.js';
import type { SessionSummary } from './summary.js';
import { summarizeTranscript } from './summary.js';
import type { EndReason, SessionMode, SessionStatus, Transcript, TranscriptItem } from './transcript-schema.js';

// A session in a few hundred bytes: what `sessions`, `stats`, `resume` and the practice schedule
// need of a transcript, so that they can work from the summary index (io/session-index.ts)
// instead of reading every transcript on every run. The index is a cache of these records and
// never the truth: a record is a pure function of its (validated, cleaned) transcript, and a
// record of another SESSION_RECORD_VERSION is thrown away and made again.

/** Bumped whenever {@link summarizeSession}'s output changes shape or meaning: older indexes are rebuilt. */
export const SESSION_RECORD_VERSION = 1;

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
  /** When the answer was finished (ISO); null for a draft left open. */
  finishedAt: string | null;
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
    finishedAt: item.finishedAt,
    keyPoints: item.question.keyPoints.length,
    covered: coveredKeyPoints(item).length,
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

/** The index as the text of its file (one entry a line, so that a damaged one is easy to see). */
export function serializeSessionIndex(index: SessionIndex): string {
  const head = JSON.stringify({ format: INDEX_FORMAT, version: SESSION_RECORD_VERSION, transcriptVersion: TRANSCRIPT_VERSION });
  return `${head}\n${index.entries.map((entry) => JSON.stringify(entry)).join('\n')}\n`;
}

/**
 * The text of an index file back to entries, or null when it is not one this version wrote:
 * damaged, cut short, from another version, or edited into another shape. Null means "rebuild",
 * never an error: the index is a cache.
 */
export function parseSessionIndex(text: string): SessionIndex | null {
  const lines = text.split('\n');
  // A file cut short loses its last newline: the last line is then incomplete.
  if (lines.pop() !== '') return null;
  let head: unknown;
  try {
    head = JSON.parse(lines[0] ?? '');
  } catch {
    return null;
  }
  if (!isObject(head) || head.format !== INDEX_FORMAT || head.version !== SESSION_RECORD_VERSION) return null;
  if (head.transcriptVersion !== TRANSCRIPT_VERSION) return null;
  const entries: SessionIndexEntry[] = [];
  const names = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    let entry: unknown;
    try {
      entry = JSON.parse(lines[i] ?? '');
    } catch {
      return null;
    }
    if (!isIndexEntry(entry) || names.has(entry.name)) return null;
    names.add(entry.name);
    entries.push(entry);
  }
  return { entries };
}

// The shape checks: a hand-edited index must not crash a listing (it is rebuilt instead).

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const orNull =
  <T>(check: (value: unknown) => value is T) =>
  (value: unknown): value is T | null =>
    value === null || check(value);
const isIdTitle = (value: unknown): boolean => isObject(value) && isString(value.id) && isString(value.title);
const STATUSES: readonly unknown[] = ['in-progress', 'completed', 'interrupted'];
const MODES: readonly unknown[] = ['practice', 'live'];

function isIndexEntry(value: unknown): value is SessionIndexEntry {
  if (!isObject(value) || !isString(value.name) || !isObject(value.stamp)) return false;
  const { stamp } = value;
  if (!isNumber(stamp.size) || !isNumber(stamp.mtimeMs) || !isNumber(stamp.ctimeMs) || !isNumber(stamp.ino)) return false;
  if (value.record === null) return isString(value.problem);
  return value.problem === null && isSessionRecord(value.record);
}

function isSessionRecord(value: unknown): value is SessionRecord {
  if (!isObject(value)) return false;
  const { summary, category, setSources } = value;
  return (
    isString(value.id) &&
    isString(value.startedAt) &&
    orNull(isString)(value.endedAt) &&
    STATUSES.includes(value.status) &&
    orNull(isString)(value.endReason) &&
    MODES.includes(value.mode) &&
    Array.isArray(value.sets) &&
    value.sets.every(isIdTitle) &&
    (setSources === null || (Array.isArray(setSources) && setSources.every(isString))) &&
    (category === null || (isIdTitle(category) && isString((category as Loose).setId))) &&
    Array.isArray(value.askedCategories) &&
    value.askedCategories.every(isIdTitle) &&
    isObject(summary) &&
    ['total', 'answered', 'skipped', 'timedOut', 'notReached', 'timeUsedMs', 'hintsUsed'].every((key) => isNumber(summary[key])) &&
    isObject(summary.keyPoints) &&
    isNumber(summary.keyPoints.touched) &&
    isNumber(summary.keyPoints.total) &&
    orNull(isNumber)(summary.averageRating) &&
    Array.isArray(value.answers) &&
    value.answers.every(isAnswerRecord)
  );
}

function isAnswerRecord(value: unknown): value is AnswerRecord {
  return (
    isObject(value) &&
    isNumber(value.index) &&
    isString(value.setId) &&
    isString(value.questionId) &&
    isString(value.categoryId) &&
    isString(value.categoryTitle) &&
    isBoolean(value.shown) &&
    orNull(isString)(value.finishedAt) &&
    isNumber(value.keyPoints) &&
    isNumber(value.covered) &&
    isBoolean(value.skipped) &&
    isBoolean(value.empty) &&
    isBoolean(value.timedOut) &&
    isNumber(value.overtimeMs) &&
    orNull(isNumber)(value.selfRating) &&
    isNumber(value.hints) &&
    isNumber(value.timeUsedMs) &&
    orNull(isNumber)(value.limitSec)
  );
}
