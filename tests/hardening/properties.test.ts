import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DURATION_SEC } from '../../src/core/duration.js';
import type { ParseResult } from '../../src/core/parse-question-set.js';
import { parseQuestionSet, parseQuestionSetBytes } from '../../src/core/parse-question-set.js';
import { DIFFICULTIES, KINDS, MODES, ORDERS, TRANSCRIPT_VERSION } from '../../src/core/question-enums.js';
import { questionSetSchema } from '../../src/core/question-set-schema.js';
import { sanitizeText } from '../../src/core/sanitize-text.js';
import { MAX_TIME_USED_MS } from '../../src/core/transcript-bounds.js';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { END_REASONS, SESSION_STATUSES } from '../../src/core/transcript-schema.js';
import { createTranscriptSaver } from '../../src/interview/transcript-saver.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { isProblem, readSession } from '../../src/io/read-sessions.js';
import { prepareSessionsDir, transcriptPath } from '../../src/io/session-files.js';
import { createFakeClock } from '../support/fake-clock.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { makeTempDir } from '../support/temp-dir.js';

// Fixed seeds: a failure here is reproducible, and the suite is the same run after run. fast-check
// prints the seed and the shrunk counterexample of any failure.
const RUNS = 300;
const SEED = 20261125;

/** What the reader and the loader remove from text: C0/C1 controls except tab and newline, and the bidi overrides. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters under test
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/** Characters that mean something to YAML, to terminals or to UTF-8 decoders: where parsers break. */
const NASTY = [
  ...': -?#&*!|>\'"%@`{}[],\t\n\r\\',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u001b[2J',
  '\u001b]52;c;aGk=\u0007',
  '\u009b',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u202e',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udc00',
  '😀',
  'é',
  '---\n',
  '...\n',
  '&a ',
  '*a',
  '<<: ',
  '!!binary ',
  '!!js/function ',
  '__proto__: ',
];

/** Any text: arbitrary code points (lone surrogates included), graphemes, and the nasty characters. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: fc.constantFrom(...NASTY, 'a', 'b', ' '), maxLength: 12 }),
);

describe('the loader over random mutations of a valid set', () => {
  const valid = readFileSync(MINI_SET_PATH, 'utf8');
  const FILE = 'mutated.yaml';

  type Mutation = (text: string) => string;
  /** A mutation that prints as what it does, so that a failing run's counterexample is readable. */
  const named = (label: string, mutate: Mutation): Mutation => Object.assign(mutate, { [fc.toStringMethod]: () => label });
  const show = (text: string) => JSON.stringify(text);
  const at = (position: number, text: string) => (text.length === 0 ? 0 : position % (text.length + 1));
  const lines = (text: string) => text.split('\n');
  const lineAt = (index: number, all: string[]) => index % all.length;
  const editLines = (edit: (all: string[]) => void) => (text: string) => {
    const all = lines(text);
    edit(all);
    return all.join('\n');
  };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ pos: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }).map(({ pos, len }) =>
      named(`delete ${len} chars at ${pos}`, (text) => {
        const from = at(pos, text);
        return text.slice(0, from) + text.slice(from + len);
      }),
    ),
    fc.record({ pos: fc.nat(), insert: anyText }).map(({ pos, insert }) =>
      named(`insert ${show(insert)} at ${pos}`, (text) => {
        const from = at(pos, text);
        return text.slice(0, from) + insert + text.slice(from);
      }),
    ),
    fc.record({ pos: fc.nat(), len: fc.integer({ min: 1, max: 8 }), insert: anyText }).map(({ pos, len, insert }) =>
      named(`replace ${len} chars at ${pos} with ${show(insert)}`, (text) => {
        const from = at(pos, text);
        return text.slice(0, from) + insert + text.slice(from + len);
      }),
    ),
    fc.nat().map((index) =>
      named(
        `delete line ${index}`,
        editLines((all) => all.splice(lineAt(index, all), 1)),
      ),
    ),
    fc.record({ index: fc.nat(), line: anyText }).map(({ index, line }) =>
      named(
        `insert line ${show(line)} at ${index}`,
        editLines((all) => all.splice(lineAt(index, all), 0, line)),
      ),
    ),
    fc.record({ a: fc.nat(), b: fc.nat() }).map(({ a, b }) =>
      named(
        `swap lines ${a} and ${b}`,
        editLines((all) => {
          const i = lineAt(a, all);
          const j = lineAt(b, all);
          [all[i], all[j]] = [all[j] ?? '', all[i] ?? ''];
        }),
      ),
    ),
    fc.record({ index: fc.nat(), times: fc.integer({ min: 1, max: 4 }) }).map(({ index, times }) =>
      named(
        `duplicate line ${index} ${times} times`,
        editLines((all) => {
          const i = lineAt(index, all);
          all.splice(i, 0, ...Array<string>(times).fill(all[i] ?? ''));
        }),
      ),
    ),
    // Re-indent a line: YAML structure lives in its leading spaces (and tabs are refused there).
    fc.record({ index: fc.nat(), indent: fc.constantFrom('', ' ', '  ', '      ', '\t', ' \t') }).map(({ index, indent }) =>
      named(
        `indent line ${index} with ${show(indent)}`,
        editLines((all) => {
          const i = lineAt(index, all);
          all[i] = indent + (all[i] ?? '').trimStart();
        }),
      ),
    ),
    // A value replaced by a double-quoted string of YAML escapes: valid YAML, control characters
    // once decoded, where cleaning the text and checking it for emptiness must agree.
    fc
      .record({
        index: fc.nat(),
        value: fc.constantFrom('"\\e[2J"', '"\\a"', '"\\e]52;c;aGk=\\a"', '"\\u202e"', '"\\a word"', '"\\x1b[31m red\\t"'),
      })
      .map(({ index, value }) =>
        named(
          `set the value on line ${index} to ${value}`,
          editLines((all) => {
            const i = lineAt(index, all);
            all[i] = (all[i] ?? '').replace(/^(\s*(?:- )?[A-Za-z]+: ).*$/, `$1${value}`);
          }),
        ),
      ),
    fc.nat().map((pos) => named(`truncate at ${pos}`, (text) => text.slice(0, at(pos, text)))),
    fc.constant(named('CRLF line endings', (text) => text.replace(/\n/g, '\r\n'))),
  );

  /** What every result must be: a clean, valid set, or located problems. */
  function checkResult(result: ParseResult, source: string): void {
    if (result.ok) {
      // The set is what the schema allows, and its text is clean: nothing in it can drive a terminal.
      expect(questionSetSchema.safeParse(result.set).success).toBe(true);
      for (const text of stringsIn(result.set)) expect(text).not.toMatch(CONTROL);
      // Key points are copied into transcripts, whose reader requires them trimmed and non-empty.
      for (const question of result.set.questions) {
        for (const keyPoint of question.keyPoints ?? []) {
          for (const text of [keyPoint.point, ...(keyPoint.keywords ?? [])]) {
            expect(text).toBe(text.trim());
            expect(text).not.toBe('');
          }
        }
      }
      expect(result.idAt.line).toBeGreaterThanOrEqual(1);
      expect(result.idAt.col).toBeGreaterThanOrEqual(1);
      return;
    }
    expect(result.problems.length).toBeGreaterThan(0);
    const lineCount = source.split('\n').length;
    for (const problem of result.problems) {
      expect(problem.file).toBe(FILE);
      expect(Number.isInteger(problem.line) && problem.line >= 0).toBe(true);
      expect(Number.isInteger(problem.col) && problem.col >= 0).toBe(true);
      // Located inside the file (or at the line just past its end, where an unclosed thing ends).
      expect(problem.line).toBeLessThanOrEqual(lineCount + 1);
      expect(typeof problem.message).toBe('string');
      expect(problem.message.trim()).not.toBe('');
    }
  }

  it('text mutations: never a throw, only a valid set or located problems', () => {
    let ok = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
        const text = mutations.reduce((current, mutate) => mutate(current), valid);
        const result = parseQuestionSet(text, FILE);
        checkResult(result, text);
        if (result.ok) ok++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Both outcomes were exercised: the mutations are neither all harmless nor all fatal.
    expect(ok).toBeGreaterThan(0);
    expect(ok).toBeLessThan(RUNS);
  });

  it('byte mutations (invalid UTF-8, NUL, a BOM): the same, through parseQuestionSetBytes', () => {
    const bytes = new TextEncoder().encode(valid);
    let ok = 0;
    const byteEdit = fc.record({
      pos: fc.nat(),
      insert: fc.oneof(
        fc.uint8Array({ minLength: 0, maxLength: 4 }),
        fc.constantFrom(
          Uint8Array.of(0xef, 0xbb, 0xbf),
          Uint8Array.of(0xc3),
          Uint8Array.of(0xed, 0xa0, 0x80),
          Uint8Array.of(0xf4, 0x90, 0x80, 0x80),
          Uint8Array.of(0),
        ),
      ),
      remove: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(byteEdit, { minLength: 1, maxLength: 4 }), (edits) => {
        let current = bytes;
        for (const { pos, insert, remove } of edits) {
          const from = pos % (current.length + 1);
          const next = new Uint8Array(current.length - Math.min(remove, current.length - from) + insert.length);
          next.set(current.subarray(0, from));
          next.set(insert, from);
          next.set(current.subarray(from + remove), from + insert.length);
          current = next;
        }
        const result = parseQuestionSetBytes(current, FILE);
        checkResult(result, new TextDecoder().decode(current));
        if (result.ok) ok++;
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
    expect(ok).toBeGreaterThan(0);
    expect(ok).toBeLessThan(RUNS);
  });
});

describe('transcripts: what the writer writes, the reader reads back', () => {
  const isoDate = fc
    .date({ noInvalidDate: true, min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z') })
    .map((date) => date.toISOString());
  // Within what a session can produce (the reader refuses the rest: core/transcript-bounds.ts).
  const seconds = fc.double({ min: 0, max: MAX_TIME_USED_MS / 1000, noNaN: true });
  const positiveSeconds = fc.double({ min: 0, minExcluded: true, max: MAX_DURATION_SEC, noNaN: true });
  const ms = fc.oneof(fc.nat({ max: MAX_TIME_USED_MS }), fc.double({ min: 0, max: MAX_TIME_USED_MS, noNaN: true }));
  // Plain objects, as JSON.parse makes them: the comparisons below check prototypes too.
  const PLAIN = { noNullPrototype: true };
  const orNull = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });

  /**
   * Transcripts whose free text comes from `text`. Key points come from a loaded set, and the
   * loader hands out key points that are clean, trimmed and non-empty (the test above checks it):
   * they are drawn that way here.
   */
  function transcriptOf(text: fc.Arbitrary<string>): fc.Arbitrary<Transcript> {
    const keyPointText = text.map((value) => value.replace(CONTROLS, '').trim()).filter((value) => value !== '');
    const keyPoint = fc.record(
      { point: keyPointText, keywords: fc.array(keyPointText, { maxLength: 3 }) },
      { requiredKeys: ['point'], ...PLAIN },
    );
    const attempt = {
      limitSec: orNull(positiveSeconds),
      shownAt: orNull(isoDate),
      finishedAt: orNull(isoDate),
      timeUsedMs: ms,
      timedOut: fc.boolean(),
      skipped: fc.boolean(),
      overtimeMs: ms,
      answer: fc.oneof(
        text,
        fc.array(text, { maxLength: 6 }).map((parts) => parts.join('\n')),
      ),
    };
    const item = fc
      .record(
        {
          question: fc.record(
            {
              setId: text,
              id: text,
              categoryId: text,
              categoryTitle: text,
              difficulty: orNull(fc.constantFrom(...DIFFICULTIES)),
              kind: orNull(fc.constantFrom(...KINDS)),
              tags: fc.array(text, { maxLength: 3 }),
              prompt: text,
              hints: fc.array(text, { maxLength: 3 }),
              keyPoints: fc.array(keyPoint, { maxLength: 3 }),
              redFlags: fc.array(text, { maxLength: 2 }),
              followUps: fc.array(text, { maxLength: 2 }),
              notes: orNull(text),
            },
            PLAIN,
          ),
          ...attempt,
          hintsUsed: fc.array(fc.record({ index: fc.nat(), text, at: isoDate, atSec: seconds }, PLAIN), { maxLength: 3 }),
          keyPointsTouched: fc.array(fc.nat(), { maxLength: 3 }),
          selfRating: orNull(fc.integer({ min: 1, max: 5 })),
          followUps: fc.array(fc.record({ prompt: text, ...attempt }, PLAIN), { maxLength: 2 }),
        },
        PLAIN,
      )
      .map((drawn) => ({
        ...drawn,
        // Only key points and hints the question has.
        keyPointsTouched: drawn.keyPointsTouched.filter((index) => index < drawn.question.keyPoints.length),
        hintsUsed: drawn.hintsUsed.filter((hint) => hint.index < drawn.question.hints.length),
      }));
    return fc.record(
      {
        version: fc.constant(TRANSCRIPT_VERSION),
        // The reader names a session by its file; the writer's path is built from this id.
        id: fc.stringMatching(/^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$/),
        status: fc.constantFrom(...SESSION_STATUSES),
        endReason: orNull(fc.constantFrom(...END_REASONS)),
        startedAt: isoDate,
        updatedAt: isoDate,
        endedAt: orNull(isoDate),
        settings: fc.record(
          {
            sets: fc.array(fc.record({ id: text, title: text, source: orNull(text), license: orNull(text) }, PLAIN), { maxLength: 2 }),
            category: orNull(fc.record({ setId: text, id: text, title: text }, PLAIN)),
            count: fc.integer({ min: 1, max: 1000 }),
            time: orNull(text),
            totalLimitSec: orNull(positiveSeconds),
            difficulty: orNull(fc.constantFrom(...DIFFICULTIES)),
            tag: orNull(text),
            order: fc.constantFrom(...ORDERS),
            seed: fc.integer(),
            hints: fc.boolean(),
            review: fc.boolean(),
            mode: fc.constantFrom(...MODES),
            followUps: fc.nat({ max: 10 }),
            overtime: fc.boolean(),
          },
          PLAIN,
        ),
        items: fc.array(item, { minLength: 1, maxLength: 3 }),
      },
      PLAIN,
    );
  }

  /** Every string of `value` through `clean`: the reader's contract for text from a file. */
  function mapStrings<T>(value: T, clean: (text: string) => string): T {
    if (typeof value === 'string') return clean(value) as T;
    if (Array.isArray(value)) return value.map((item) => mapStrings(item, clean)) as T;
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, clean)])) as T;
    }
    return value;
  }

  const store = createNodeFileStore();
  const dataDir = makeTempDir();

  /** Writes through the interview's own saver (atomic, mode 0600), then reads back as `sessions` does. */
  async function writeAndRead(transcript: Transcript): Promise<{ onDisk: unknown; read: Transcript }> {
    await prepareSessionsDir(dataDir, store);
    const path = transcriptPath(dataDir, transcript.id);
    const errors: string[] = [];
    const saver = createTranscriptSaver({ store, path, clock: createFakeClock(), onWriteError: (message) => errors.push(message) });
    expect(await saver.save(transcript)).toBe(true);
    saver.dispose();
    expect(errors).toEqual([]);
    const result = await readSession(dataDir, transcript.id, store);
    if (isProblem(result)) throw new Error(`read back failed: ${result.message}`);
    expect(result.path).toBe(path);
    return { onDisk: JSON.parse(readFileSync(path, 'utf8')), read: result.transcript };
  }

  it('text without control characters reads back exactly equal', async () => {
    const cleanText = anyText.map((value) => value.replace(CONTROLS, ''));
    let withNewlines = 0;
    await fc.assert(
      fc.asyncProperty(transcriptOf(cleanText), async (transcript) => {
        const { read } = await writeAndRead(transcript);
        expect(read).toStrictEqual(transcript);
        if (transcript.items.some((item) => item.answer.includes('\n'))) withNewlines++;
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
    expect(withNewlines).toBeGreaterThan(0);
  });

  it('text with control characters: kept verbatim on disk; read back as sanitizeText of what was written', async () => {
    let cleaned = 0;
    await fc.assert(
      fc.asyncProperty(transcriptOf(anyText), async (transcript) => {
        const { onDisk, read } = await writeAndRead(transcript);
        // Nothing typed is lost: the file holds every character of every answer.
        expect(onDisk).toStrictEqual(transcript);
        // What is read back for display holds no control character, and is exactly the written
        // transcript with every string passed through sanitizeText.
        for (const text of stringsIn(read)) expect(text).not.toMatch(CONTROL);
        expect(read).toStrictEqual(mapStrings(transcript, sanitizeText));
        if (stringsIn(transcript).some((text) => CONTROL.test(text))) cleaned++;
      }),
      { seed: SEED + 3, numRuns: RUNS },
    );
    // The property was tested on text that needed cleaning, not only on text that did not.
    expect(cleaned).toBeGreaterThan(RUNS / 4);
  });
});

/** Every string value in parsed data. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
