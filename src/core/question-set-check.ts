import { durationProblem } from './duration.js';
import { DIFFICULTIES, ID_PATTERN, KINDS, MAX_EXPANDED_CHARS, MAX_FIELD_CHARS, MAX_ID_CHARS, RELATED_PATTERN } from './question-enums.js';
import type { QuestionSet } from './question-set-schema.js';

// The fast path of loading a question set: a plain check of the set format, giving the value
// the careful road (sanitizeValuesInPlace, the shape limits, then the zod schema of
// question-set-schema.ts) would give, key for key and in the same order. Loading the schema and
// running it over 50,000 questions costs more than parsing their YAML; this check costs a
// fraction of that. It only ever answers "this is the set" or "ask zod": anything unusual (a
// string with control characters to clean, a key it does not know, a value of the wrong type,
// more text than the limit) returns null, and the caller takes the careful road, whose messages
// name the problem. So it may be stricter than the schema, never looser:
// tests/core/question-set-check.test.ts holds it to the schema's output on real sets and on
// mutated ones.

/** Thrown inside the check at the first doubt. */
class AskZod extends Error {
  override name = 'AskZod';
}

type Loose = Record<string, unknown>;

/**
 * The keys each object of a set may have, in the schema's order (its output's order). A key not
 * listed sends the set to zod: a field added to the schema and not here costs speed, never
 * correctness (tests/core/question-set-check.test.ts compares these lists with the schema's).
 */
export const QUESTION_SET_KEYS = {
  set: ['id', 'title', 'description', 'source', 'license', 'categories', 'questions'],
  category: ['id', 'title', 'description'],
  question: [
    'id',
    'category',
    'difficulty',
    'kind',
    'tags',
    'time',
    'prompt',
    'hints',
    'keyPoints',
    'redFlags',
    'followUps',
    'notes',
    'related',
  ],
  keyPoint: ['point', 'keywords'],
} as const;

const ORDER = Object.fromEntries(
  Object.entries(QUESTION_SET_KEYS).map(([name, keys]) => [name, new Map<string, number>(keys.map((key, index) => [key, index]))]),
) as Record<keyof typeof QUESTION_SET_KEYS, Map<string, number>>;

// What sanitizeText would change (its NEEDS_CLEANING): such a string takes the careful road.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NEEDS_CLEANING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

// What the cleaner removes, and the backslash: in a double-quoted YAML scalar it may write any of
// them as an escape (\e, \x1b, \u202e). YAML makes no other character that is not in its source.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CLEANING_OR_ESCAPE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\\]/;

/**
 * Whether YAML `source` may parse to a string the cleaner would change: false means none can, and
 * the check need not search each string (one search of the file instead of 100,000).
 */
export function mayNeedCleaning(source: string): boolean {
  return CLEANING_OR_ESCAPE.test(source);
}

/**
 * One check of one set: counts the text it has seen (keys too, as the shape check does) and
 * trims text fields in place, as the schema's `.trim()` would. Each object is checked where it
 * is and comes back as it is; one whose keys are not in the schema's order comes back as a copy
 * in that order (the schema's output order).
 */
class SetCheck {
  chars = 0;

  /** @param textIsClean no string can hold what the cleaner removes (so none is searched for it) */
  constructor(private readonly textIsClean: boolean) {}

  /** The last duration accepted: sets repeat theirs. */
  private time = '';

  /** The object, when every key it has is one of `order`'s; whether they come in that order. */
  private object(value: unknown, order: Map<string, number>): Loose | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AskZod();
    const raw = value as Loose;
    let last = -1;
    let inOrder = true;
    for (const key in raw) {
      const index = order.get(key);
      // A key present with no value: the schema's handling of it is not worth copying.
      if (index === undefined || raw[key] === undefined) throw new AskZod();
      if (index < last) inOrder = false;
      last = index;
      this.chars += key.length;
    }
    return inOrder ? raw : null;
  }

  /** `raw`, or its copy in the schema's order when `inOrder` is null. */
  private ordered(raw: Loose, inOrder: Loose | null, keys: readonly string[]): Loose {
    if (inOrder !== null) return raw;
    const out: Loose = {};
    for (const key of keys) if (key in raw) out[key] = raw[key];
    return out;
  }

  /** A raw string, as the cleaner would leave it (no change) and counted. */
  private string(value: unknown): string {
    if (typeof value !== 'string' || (!this.textIsClean && NEEDS_CLEANING.test(value))) throw new AskZod();
    this.chars += value.length;
    return value;
  }

  /** A text field: trimmed, not empty, at most MAX_FIELD_CHARS. */
  private text(value: unknown): string {
    const raw = this.string(value);
    const length = raw.length;
    // Printable ASCII at both ends has nothing to trim; anything else asks trim() itself.
    const first = raw.charCodeAt(0);
    const last = raw.charCodeAt(length - 1);
    const text = length > 0 && first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f ? raw : raw.trim();
    if (text.length === 0 || text.length > MAX_FIELD_CHARS) throw new AskZod();
    return text;
  }

  /** Checks and trims the text field `key` of `raw`, if it is there (or must be). */
  private textField(raw: Loose, key: string, required: boolean): void {
    const value = raw[key];
    if (value === undefined && !required) return;
    const text = this.text(value);
    if (text !== value) raw[key] = text;
  }

  private id(value: unknown): void {
    const raw = this.string(value);
    if (raw.length > MAX_ID_CHARS || !ID_PATTERN.test(raw)) throw new AskZod();
  }

  private oneOf(value: unknown, values: readonly string[]): void {
    if (!values.includes(this.string(value))) throw new AskZod();
  }

  private list(value: unknown, min = 0): unknown[] {
    if (!Array.isArray(value) || value.length < min) throw new AskZod();
    return value;
  }

  /** A list of text fields, each trimmed in place. */
  private texts(value: unknown): void {
    if (value === undefined) return;
    const list = this.list(value);
    // Index loops, not map or for-of: holes are read as undefined, as the schema reads them.
    for (let i = 0; i < list.length; i++) {
      const entry = list[i];
      const text = this.text(entry);
      if (text !== entry) list[i] = text;
    }
  }

  private keyPoint(value: unknown): Loose {
    const inOrder = this.object(value, ORDER.keyPoint);
    const raw = value as Loose;
    this.textField(raw, 'point', true);
    this.texts(raw.keywords);
    return this.ordered(raw, inOrder, QUESTION_SET_KEYS.keyPoint);
  }

  private question(value: unknown): Loose {
    const inOrder = this.object(value, ORDER.question);
    const raw = value as Loose;
    this.id(raw.id);
    this.id(raw.category);
    if (raw.difficulty !== undefined) this.oneOf(raw.difficulty, DIFFICULTIES);
    if (raw.kind !== undefined) this.oneOf(raw.kind, KINDS);
    this.texts(raw.tags);
    if (raw.time !== undefined) {
      const time = this.string(raw.time);
      if (time !== this.time) {
        if (durationProblem(time) !== null) throw new AskZod();
        this.time = time;
      }
    }
    this.textField(raw, 'prompt', true);
    this.texts(raw.hints);
    if (raw.keyPoints !== undefined) {
      const keyPoints = this.list(raw.keyPoints);
      for (let i = 0; i < keyPoints.length; i++) {
        const entry = keyPoints[i];
        const checked = this.keyPoint(entry);
        if (checked !== entry) keyPoints[i] = checked;
      }
    }
    this.texts(raw.redFlags);
    this.texts(raw.followUps);
    this.textField(raw, 'notes', false);
    if (raw.related !== undefined) {
      const related = this.list(raw.related);
      for (let i = 0; i < related.length; i++) if (!RELATED_PATTERN.test(this.string(related[i]))) throw new AskZod();
    }
    return this.ordered(raw, inOrder, QUESTION_SET_KEYS.question);
  }

  private category(value: unknown): Loose {
    const inOrder = this.object(value, ORDER.category);
    const raw = value as Loose;
    this.id(raw.id);
    this.textField(raw, 'title', true);
    this.textField(raw, 'description', false);
    return this.ordered(raw, inOrder, QUESTION_SET_KEYS.category);
  }

  set(value: unknown): Loose {
    const inOrder = this.object(value, ORDER.set);
    const raw = value as Loose;
    this.id(raw.id);
    this.textField(raw, 'title', true);
    this.textField(raw, 'description', false);
    this.textField(raw, 'source', false);
    this.textField(raw, 'license', false);
    const categories = this.list(raw.categories, 1);
    for (let i = 0; i < categories.length; i++) {
      const entry = categories[i];
      const checked = this.category(entry);
      if (checked !== entry) categories[i] = checked;
    }
    const questions = this.list(raw.questions, 1);
    for (let i = 0; i < questions.length; i++) {
      const entry = questions[i];
      const checked = this.question(entry);
      if (checked !== entry) questions[i] = checked;
    }
    return this.ordered(raw, inOrder, QUESTION_SET_KEYS.set);
  }
}

/**
 * The set the careful road (cleaning, shape limits, the zod schema) would make of `data`, fresh
 * from its parser, or null when that road must decide (and name the problem, if there is one).
 * Like the cleaner, it works in place: `data` may be changed (text trimmed) and reused.
 * Cross-references (duplicate ids, undeclared categories) are not its business: see
 * set-references.ts. With `textIsClean` (the caller knows no string of the data can hold a
 * character the cleaner removes: see {@link mayNeedCleaning}) the strings are not searched.
 */
export function checkQuestionSetQuickly(data: unknown, options: { textIsClean?: boolean } = {}): QuestionSet | null {
  const check = new SetCheck(options.textIsClean ?? false);
  try {
    const set = check.set(data);
    // The careful road's shape check refuses a set whose text (keys too) passes this.
    return check.chars > MAX_EXPANDED_CHARS ? null : (set as unknown as QuestionSet);
  } catch (error) {
    if (error instanceof AskZod) return null;
    throw error;
  }
}
