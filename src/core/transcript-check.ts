import {
  DIFFICULTIES,
  END_REASONS,
  KINDS,
  MAX_FIELD_CHARS,
  MODES,
  ORDERS,
  SESSION_STATUSES,
  TRANSCRIPT_VERSION,
} from './question-enums.js';
import type { Transcript } from './transcript-schema.js';

// The fast path of reading a transcript back: a plain check of the exact shape mockprep writes,
// building the same value the zod schema (transcript-schema.ts) would give, key for key and in
// the same order. Zod's schemas cost 60-100 ms to build and warm on every run, more than reading
// the transcript; this check costs a fraction of a millisecond. It only ever answers "this is the
// value" or "ask zod": anything unusual (a key point to trim, a key it does not know, a number
// out of range) returns null, and the caller validates with zod, whose messages name the
// problem. So it may be stricter than the schema, never looser: tests/core/transcript-check.test.ts
// holds it to the schema's output on every fixture and on mutated ones.

/** Thrown inside the check at the first doubt. */
class AskZod extends Error {
  override name = 'AskZod';
}

type Loose = Record<string, unknown>;

function object(value: unknown): Loose {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AskZod();
  return value as Loose;
}
function string(value: unknown): string {
  if (typeof value !== 'string') throw new AskZod();
  return value;
}
function isoDate(value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new AskZod();
  return value;
}
function number(value: unknown, min = Number.NEGATIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) throw new AskZod();
  return value;
}
function positive(value: unknown): number {
  const checked = number(value);
  if (checked <= 0) throw new AskZod();
  return checked;
}
function integer(value: unknown, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) throw new AskZod();
  return value;
}
function boolean(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new AskZod();
  return value;
}
function nullable<T>(check: (value: unknown) => T): (value: unknown) => T | null {
  return (value) => (value === null ? null : check(value));
}
function array<T>(check: (value: unknown) => T): (value: unknown) => T[] {
  return (value) => {
    if (!Array.isArray(value)) throw new AskZod();
    // A loop, not map: map skips holes, which the schema reads as undefined.
    const out: T[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = check(value[i]);
    return out;
  };
}
function oneOf<T extends string>(values: readonly T[]): (value: unknown) => T {
  return (value) => {
    if (!values.includes(value as T)) throw new AskZod();
    return value as T;
  };
}
/**
 * The keys each object of a transcript may have, as the schema's shapes list them. A key not
 * listed sends the transcript to zod: a field added to the schema and not here costs speed,
 * never data (tests/core/transcript-check.test.ts compares these lists with the schema's).
 */
export const TRANSCRIPT_KEYS = {
  transcript: ['version', 'id', 'status', 'endReason', 'startedAt', 'updatedAt', 'endedAt', 'settings', 'items'],
  settings: [
    'sets',
    'setSources',
    'category',
    'count',
    'time',
    'totalLimitSec',
    'difficulty',
    'tag',
    'order',
    'seed',
    'hints',
    'review',
    'mode',
    'followUps',
    'overtime',
  ],
  set: ['id', 'title', 'source', 'license'],
  category: ['setId', 'id', 'title'],
  item: [
    'question',
    'limitSec',
    'shownAt',
    'finishedAt',
    'timeUsedMs',
    'timedOut',
    'skipped',
    'overtimeMs',
    'answer',
    'hintsUsed',
    'keyPointsTouched',
    'keyPointEvidence',
    'keyPointsCorrected',
    'selfRating',
    'offlineKeyPoints',
    'llmFeedback',
    'llmFollowUp',
    'followUps',
  ],
  followUp: ['prompt', 'limitSec', 'shownAt', 'finishedAt', 'timeUsedMs', 'timedOut', 'skipped', 'overtimeMs', 'answer'],
  question: [
    'setId',
    'id',
    'categoryId',
    'categoryTitle',
    'difficulty',
    'kind',
    'tags',
    'prompt',
    'hints',
    'keyPoints',
    'redFlags',
    'followUps',
    'notes',
  ],
  hint: ['index', 'text', 'at', 'atSec'],
  keyPoint: ['point', 'keywords'],
} as const;

const KNOWN = Object.fromEntries(Object.entries(TRANSCRIPT_KEYS).map(([name, keys]) => [name, new Set<string>(keys)])) as Record<
  keyof typeof TRANSCRIPT_KEYS,
  Set<string>
>;

/** The object, when it has no key outside `keys`. */
function known(value: unknown, keys: Set<string>): Loose {
  const raw = object(value);
  for (const key in raw) if (!keys.has(key)) throw new AskZod();
  return raw;
}

/** A key point's text as the set schema leaves it: already trimmed, not empty, bounded (anything else: zod trims or refuses). */
function keyPointText(value: unknown): string {
  const text = string(value);
  if (text.length === 0 || text.length > MAX_FIELD_CHARS || text.trim() !== text) throw new AskZod();
  return text;
}

// Each checker made once, not on every call: every read checks every transcript.
const strings = array(string);
const indexes = array((value) => integer(value, 0));
const difficulty = nullable(oneOf(DIFFICULTIES));
const kind = nullable(oneOf(KINDS));
const optionalString = nullable(string);
const optionalPositive = nullable(positive);
const optionalDate = nullable(isoDate);
const keyPointTexts = array(keyPointText);
const keyPoints = array(keyPoint);
const hintUses = array(hintUse);
const evidence = array(optionalString);
const selfRating = nullable((entry) => integer(entry, 1, 5));
const followUpAnswers = array(followUpAnswer);
const itemList = array(item);
const status = oneOf(SESSION_STATUSES);
const endReason = nullable(oneOf(END_REASONS));
const order = oneOf(ORDERS);
const mode = oneOf(MODES);
const sessionSets = array((entry) => {
  const set = known(entry, KNOWN.set);
  return { id: string(set.id), title: string(set.title), source: optionalString(set.source), license: optionalString(set.license) };
});
const sessionCategory = nullable((entry) => {
  const category = known(entry, KNOWN.category);
  return { setId: string(category.setId), id: string(category.id), title: string(category.title) };
});

function keyPoint(value: unknown) {
  const raw = known(value, KNOWN.keyPoint);
  const out: { point: string; keywords?: string[] } = { point: keyPointText(raw.point) };
  if (raw.keywords !== undefined) out.keywords = keyPointTexts(raw.keywords);
  return out;
}

function askedQuestion(value: unknown) {
  const raw = known(value, KNOWN.question);
  return {
    setId: string(raw.setId),
    id: string(raw.id),
    categoryId: string(raw.categoryId),
    categoryTitle: string(raw.categoryTitle),
    difficulty: difficulty(raw.difficulty),
    kind: kind(raw.kind),
    tags: strings(raw.tags),
    prompt: string(raw.prompt),
    hints: strings(raw.hints),
    keyPoints: keyPoints(raw.keyPoints),
    redFlags: strings(raw.redFlags),
    followUps: strings(raw.followUps),
    notes: optionalString(raw.notes),
  };
}

function hintUse(value: unknown) {
  const raw = known(value, KNOWN.hint);
  return { index: integer(raw.index, 0), text: string(raw.text), at: isoDate(raw.at), atSec: number(raw.atSec, 0) };
}

/** The fields every answer has, in the schema's order. */
function attempt(raw: Loose) {
  return {
    limitSec: optionalPositive(raw.limitSec),
    shownAt: optionalDate(raw.shownAt),
    finishedAt: optionalDate(raw.finishedAt),
    timeUsedMs: number(raw.timeUsedMs, 0),
    timedOut: boolean(raw.timedOut),
    skipped: boolean(raw.skipped),
    overtimeMs: raw.overtimeMs === undefined ? 0 : number(raw.overtimeMs, 0),
    answer: string(raw.answer),
  };
}

function followUpAnswer(value: unknown) {
  const raw = known(value, KNOWN.followUp);
  return { prompt: string(raw.prompt), ...attempt(raw) };
}

function item(value: unknown) {
  const raw = known(value, KNOWN.item);
  const out: Loose = { question: askedQuestion(raw.question), ...attempt(raw) };
  out.hintsUsed = hintUses(raw.hintsUsed);
  out.keyPointsTouched = indexes(raw.keyPointsTouched);
  if (raw.keyPointEvidence !== undefined) out.keyPointEvidence = evidence(raw.keyPointEvidence);
  if (raw.keyPointsCorrected !== undefined) out.keyPointsCorrected = indexes(raw.keyPointsCorrected);
  out.selfRating = selfRating(raw.selfRating);
  if (raw.offlineKeyPoints !== undefined) out.offlineKeyPoints = indexes(raw.offlineKeyPoints);
  if (raw.llmFeedback !== undefined) out.llmFeedback = string(raw.llmFeedback);
  if (raw.llmFollowUp !== undefined) out.llmFollowUp = string(raw.llmFollowUp);
  out.followUps = raw.followUps === undefined ? [] : followUpAnswers(raw.followUps);
  return out;
}

function settings(value: unknown) {
  const raw = known(value, KNOWN.settings);
  const out: Loose = {
    sets: sessionSets(raw.sets),
  };
  if (raw.setSources !== undefined) out.setSources = strings(raw.setSources);
  out.category = sessionCategory(raw.category);
  out.count = integer(raw.count, 1);
  out.time = optionalString(raw.time);
  out.totalLimitSec = optionalPositive(raw.totalLimitSec);
  out.difficulty = difficulty(raw.difficulty);
  out.tag = optionalString(raw.tag);
  out.order = order(raw.order);
  out.seed = integer(raw.seed);
  out.hints = boolean(raw.hints);
  out.review = boolean(raw.review);
  out.mode = raw.mode === undefined ? 'practice' : mode(raw.mode);
  out.followUps = raw.followUps === undefined ? 0 : integer(raw.followUps, 0);
  out.overtime = raw.overtime === undefined ? false : boolean(raw.overtime);
  return out;
}

/**
 * The transcript the schema would make of `data` (a new value: `data` is left as it is), or null
 * when the schema must decide (and name the problem, if there is one).
 */
export function checkTranscriptQuickly(data: unknown): Transcript | null {
  try {
    const raw = known(data, KNOWN.transcript);
    if (raw.version !== TRANSCRIPT_VERSION) return null;
    const items = itemList(raw.items);
    if (items.length === 0) return null;
    return {
      version: TRANSCRIPT_VERSION,
      id: string(raw.id),
      status: status(raw.status),
      endReason: endReason(raw.endReason),
      startedAt: isoDate(raw.startedAt),
      updatedAt: isoDate(raw.updatedAt),
      endedAt: optionalDate(raw.endedAt),
      settings: settings(raw.settings),
      items,
    } as Transcript;
  } catch (error) {
    if (error instanceof AskZod) return null;
    throw error;
  }
}
