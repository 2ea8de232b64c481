import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { measureData } from '../../src/core/data-shape.js';
import { MAX_DEPTH, MAX_EXPANDED_CHARS } from '../../src/core/parse-question-set.js';
import { parseSetQuickly } from '../../src/core/parse-question-set-quickly.js';
import { MAX_ID_CHARS } from '../../src/core/question-enums.js';
import { checkQuestionSetQuickly, mayNeedCleaning, QUESTION_SET_KEYS } from '../../src/core/question-set-check.js';
import { categorySchema, keyPointSchema, questionSchema, questionSetSchema } from '../../src/core/question-set-schema.js';
import { sanitizeValuesInPlace } from '../../src/core/sanitize-text.js';
import { checkReferences } from '../../src/core/set-references.js';
import { MINI_SET_PATH, REALBANK_PATH, WIDE_SET_PATH } from '../support/fixture-sets.js';

// The quick set check (core/question-set-check.ts) stands in for the careful road's cleaning,
// shape limits and zod schema when a set loads. Whenever it answers, its answer must be exactly
// the schema's output, keys in the same order (the build writes sets out as JSON); it declines
// (null) exactly when the schema refuses the data or when the data has text the cleaner would
// change (those sets take the careful road, which cleans them) or a key holding undefined.

/** Parsed YAML, to be edited in place. */
// biome-ignore lint/suspicious/noExplicitAny: the tests break sets field by field
type Json = any;

// biome-ignore lint/suspicious/noControlCharactersInRegex: what the cleaner removes
const NEEDS_CLEANING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Whether the data must take the careful road even if the schema accepts it: a string value (not
 * a key) the cleaner would change, or a key that holds undefined (which YAML never makes).
 */
function needsCarefulRoad(value: unknown): boolean {
  if (typeof value === 'string') return NEEDS_CLEANING.test(value);
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.some(needsCarefulRoad);
  if (value !== null && typeof value === 'object') return Object.values(value).some(needsCarefulRoad);
  return false;
}

/** The careful road over parsed data, short of locating problems: shape limits, cleaning, zod. */
function carefulRoad(data: unknown): { ok: true; set: unknown } | { ok: false } {
  const shape = measureData(data, { chars: MAX_EXPANDED_CHARS, depth: MAX_DEPTH });
  if (shape.chars > MAX_EXPANDED_CHARS || shape.depth > MAX_DEPTH) return { ok: false };
  const result = questionSetSchema.safeParse(sanitizeValuesInPlace(data));
  return result.success ? { ok: true, set: result.data } : { ok: false };
}

/** The quick check agrees with the careful road; returns whether it answered. */
function expectAgreement(data: unknown): 'answered' | 'declined' {
  const careful = carefulRoad(structuredClone(data));
  const quick = checkQuestionSetQuickly(structuredClone(data));
  // Told that no string needs cleaning (when none does), the check answers the same.
  if (!needsCarefulRoad(data)) expect(checkQuestionSetQuickly(structuredClone(data), { textIsClean: true })).toEqual(quick);
  if (careful.ok && !needsCarefulRoad(data)) {
    expect(quick, 'the schema accepts clean data the quick check declined').not.toBeNull();
    expect(JSON.stringify(quick)).toBe(JSON.stringify(careful.set));
    return 'answered';
  }
  expect(quick, careful.ok ? 'text to clean must take the careful road' : 'the schema refuses what the quick check accepted').toBeNull();
  return 'declined';
}

const SETS = [
  MINI_SET_PATH,
  WIDE_SET_PATH,
  REALBANK_PATH,
  ...readdirSync(join(dirname(MINI_SET_PATH), '..', '..', '..', 'questions'))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join(dirname(MINI_SET_PATH), '..', '..', '..', 'questions', name)),
];
const parsed = (path: string): Json => loadYaml(readFileSync(path, 'utf8'), { schema: CORE_SCHEMA });

/** Every field of the format, each optional one there, some text to trim, keys out of order. */
const FULL: Json = {
  title: ' Full set ',
  id: 'full',
  description: 'Every field.\n',
  source: 'Tests',
  license: 'CC BY 4.0',
  categories: [
    { id: 'a', title: 'A', description: 'First' },
    { title: 'B\t', id: 'b' },
  ],
  questions: [
    {
      id: 'q1',
      category: 'a',
      difficulty: 'hard',
      kind: 'open-ended',
      tags: ['x', ' y'],
      time: '1m30s',
      prompt: 'Why?\n',
      hints: ['h'],
      keyPoints: [{ point: 'p', keywords: ['k1', 'k2', 'k3 '] }, { keywords: ['a'], point: 'q' }, { point: 'r' }],
      redFlags: ['rf'],
      followUps: ['fu'],
      notes: 'n',
      related: ['q2', 'other/q9'],
    },
    { prompt: 'How?', category: 'b', id: 'q2', time: '3m', related: ['q1'] },
  ],
};

describe('checkQuestionSetQuickly', () => {
  it('knows every key of every object of the schema, in its order (a field added there must be added here)', () => {
    const shapes = { set: questionSetSchema, category: categorySchema, question: questionSchema, keyPoint: keyPointSchema } as const;
    for (const [name, schema] of Object.entries(shapes)) {
      expect([name, ...QUESTION_SET_KEYS[name as keyof typeof shapes]]).toEqual([name, ...Object.keys(schema.shape)]);
    }
  });

  it('gives the schema’s value for every real set: the built-in bank, the realbank, the fixtures', () => {
    expect(SETS.length).toBeGreaterThanOrEqual(6);
    for (const path of SETS) expect(expectAgreement(parsed(path)), path).toBe('answered');
  });

  it('gives the schema’s value for a set with every field, text to trim and keys out of order', () => {
    expect(expectAgreement(FULL)).toBe('answered');
    // Out of order in, schema order out (the build writes the bank as JSON).
    expect(Object.keys(checkQuestionSetQuickly(structuredClone(FULL)) ?? {})).toEqual(QUESTION_SET_KEYS.set);
  });

  it.each([
    ['text with an escape sequence (the cleaner’s)', (s: Json) => (s.questions[0].prompt = 'Why\u001b[2J?')],
    ['a bidi override in a keyword', (s: Json) => (s.questions[0].keyPoints[0].keywords[0] = '\u202eabc')],
    ['a carriage return in notes', (s: Json) => (s.questions[0].notes = 'a\r\nb')],
    ['an unknown key', (s: Json) => (s.questions[0].extra = 1)],
    ['a key with no value', (s: Json) => (s.questions[0].notes = undefined)],
    ['an empty prompt once trimmed', (s: Json) => (s.questions[0].prompt = ' \n ')],
    ['an id too long', (s: Json) => (s.id = 'a'.repeat(MAX_ID_CHARS + 1))],
    ['a bad duration', (s: Json) => (s.questions[0].time = '25h')],
    ['no categories', (s: Json) => (s.categories = [])],
    ['a related entry with two slashes', (s: Json) => (s.questions[0].related = ['a/b/c'])],
  ])('declines %s', (_name, damage) => {
    const set = structuredClone(FULL);
    damage(set);
    expect(checkQuestionSetQuickly(set)).toBeNull();
  });

  it('declines a set whose text passes the careful road’s expansion limit (it counts keys too)', () => {
    const set = structuredClone(FULL);
    const long = 'x'.repeat(60_000);
    const chars = JSON.stringify(FULL).length;
    set.questions[0].hints = Array.from({ length: Math.ceil((MAX_EXPANDED_CHARS - chars) / long.length) + 1 }, () => long);
    expect(carefulRoad(structuredClone(set)).ok).toBe(false);
    expect(expectAgreement(set)).toBe('declined');
    // The control: the same set just under the limit is answered.
    set.questions[0].hints.length = Math.floor((MAX_EXPANDED_CHARS - chars) / long.length) - 1;
    expect(expectAgreement(set)).toBe('answered');
  });

  it('never answers differently from the careful road on mutated sets', () => {
    const values = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -3, max: 7 }),
      fc.double(),
      fc.string({ maxLength: 6 }),
      fc.string({
        unit: fc.constantFrom('a', ' ', '\t', '\n', '\u00a0', '\u2028', '\ufeff', '\u001b', '\u0085', '\u202e', '-', '.', '/', '_'),
        maxLength: 5,
      }),
      fc.constantFrom('easy', 'medium', 'design', 'behavioral', '90s', '1h', '24h', '0s', '3M', ' 3m', 'q1', 'q2', 'a', 'b', 'x/y'),
      fc.constantFrom('x'.repeat(MAX_ID_CHARS), 'x'.repeat(MAX_ID_CHARS + 1), 'x'.repeat(64 * 1024), ` ${'x'.repeat(64 * 1024)} `),
      fc.constant([]),
      fc.constant({}),
      fc.constant(['a']),
      fc.constant([' a ', 'b']),
      fc.constant({ point: 'p' }),
      fc.constant({ id: 'c', title: 'C' }),
    );
    const bases = [FULL, parsed(MINI_SET_PATH), parsed(WIDE_SET_PATH)];
    /** Every path to a value of a set, as a list of keys. */
    const pathsOf = (base: Json) => {
      const paths: (string | number)[][] = [];
      const walk = (value: unknown, path: (string | number)[]) => {
        paths.push(path);
        if (Array.isArray(value)) for (const [i, entry] of value.entries()) walk(entry, [...path, i]);
        else if (value && typeof value === 'object') for (const [key, entry] of Object.entries(value)) walk(entry, [...path, key]);
      };
      walk(base, []);
      return paths;
    };
    const allPaths = bases.map(pathsOf);
    const answers = { answered: 0, declined: 0 };
    const edit = fc.tuple(fc.nat(), values, fc.constantFrom('set', 'delete', 'add-key', 'reorder'));
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(edit, { minLength: 1, maxLength: 3 }), (which, edits) => {
        const copy = structuredClone(bases[which]);
        const paths = allPaths[which] ?? [];
        for (const [index, shared, how] of edits) {
          // A copy: the constants of `values` are shared between runs.
          const value = structuredClone(shared);
          const path = paths[index % paths.length] ?? [];
          if (path.length === 0) continue;
          let parent = copy;
          for (const key of path.slice(0, -1)) parent = parent?.[key];
          // An earlier edit may have replaced what this path went through.
          if (parent === null || typeof parent !== 'object') continue;
          const last = path.at(-1) as string | number;
          if (how === 'add-key' && !Array.isArray(parent)) parent[String(value).slice(0, 8) || 'k'] = value;
          else if (how === 'delete') {
            if (Array.isArray(parent)) parent.splice(Number(last), 1);
            else delete parent[last];
          } else if (how === 'reorder' && !Array.isArray(parent) && last in parent) {
            const entry = parent[last];
            delete parent[last];
            parent[last] = entry;
          } else parent[last] = value;
        }
        answers[expectAgreement(copy)]++;
      }),
      { seed: 17, numRuns: 1500 },
    );
    // The mutations reach both answers, so both directions were tested.
    expect(answers.answered).toBeGreaterThan(100);
    expect(answers.declined).toBeGreaterThan(100);
  });
});

describe('mayNeedCleaning', () => {
  it('is true for any YAML whose strings the cleaner would change, however they are written', () => {
    const units = [
      'a',
      ' ',
      '\\',
      'e',
      'x',
      '1',
      'b',
      '[',
      'u',
      '2',
      '0',
      '\u001b',
      '\u009b',
      '\u202e',
      '\r',
      '\t',
      '\n',
      '\u0085',
      '"',
      "'",
      '#',
    ];
    const text = fc.string({ unit: fc.constantFrom(...units), maxLength: 10 });
    const styles = [
      (value: string) => `title: ${value}`,
      (value: string) => `title: "${value}"`,
      (value: string) => `title: '${value}'`,
      (value: string) => `title: |\n  ${value}`,
      (value: string) => `title: ${JSON.stringify(value)}`,
      (value: string) => `tags: [${value}]`,
    ];
    let parsedSome = 0;
    fc.assert(
      fc.property(text, fc.nat(styles.length - 1), (value, style) => {
        const source = (styles[style] as (value: string) => string)(value);
        let data: unknown;
        try {
          data = loadYaml(source, { schema: CORE_SCHEMA });
        } catch {
          return;
        }
        parsedSome++;
        if (!mayNeedCleaning(source)) expect(needsCarefulRoad(data)).toBe(false);
      }),
      { seed: 17, numRuns: 3000 },
    );
    expect(parsedSome).toBeGreaterThan(1000);
    // The control: escapes that make such characters are seen.
    expect(needsCarefulRoad(loadYaml('title: "a\\e[2J"', { schema: CORE_SCHEMA }))).toBe(true);
    expect(mayNeedCleaning('title: "a\\e[2J"')).toBe(true);
  });
});

describe('parseSetQuickly', () => {
  it('answers with a set only for text the careful road accepts, and leaves references to it', () => {
    const text = readFileSync(MINI_SET_PATH, 'utf8');
    expect(parseSetQuickly(text).kind).toBe('set');
    // A duplicate question id is the schema's to accept and the references check's to refuse.
    const duplicate = text.replace('id: reward-model', 'id: define-alignment');
    const unsure = parseSetQuickly(duplicate);
    expect(unsure.kind).toBe('unsure');
    expect(checkReferences(loadYaml(duplicate, { schema: CORE_SCHEMA })).length).toBeGreaterThan(0);
    // Text to clean: js-yaml's data, for zod to judge after the cleaner.
    expect(parseSetQuickly(text.replace('title: Mini set', 'title: "Mini \\e[2J set"')).kind).toBe('unsure');
    // Syntax errors and anchors: the careful road parses the file itself.
    expect(parseSetQuickly(`${text}\n  - [unclosed`).kind).toBe('refused');
    expect(parseSetQuickly(text.replace('title: Basics', 'title: &é Basics')).kind).toBe('refused');
  });
});
