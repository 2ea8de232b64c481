import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkTranscriptQuickly, TRANSCRIPT_KEYS } from '../../src/core/transcript-check.js';
import {
  askedQuestionSchema,
  followUpAnswerSchema,
  hintUseSchema,
  sessionSettingsSchema,
  transcriptItemSchema,
  transcriptSchema,
} from '../../src/core/transcript-schema.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';
import { buildSessionFixtures } from '../support/session-fixtures.js';

// The quick transcript check (core/transcript-check.ts) stands in for the zod schema when a
// transcript is read back: whenever it answers, its answer must be exactly the schema's output,
// keys in the same order (an export --format json writes it back); when in doubt it returns null.

/** Parsed JSON, to be edited in place. */
// biome-ignore lint/suspicious/noExplicitAny: the tests break transcripts field by field
type Json = any;

let fixtures: unknown[];
beforeAll(async () => {
  const home = await buildSessionFixtures();
  const dir = join(home, 'sessions');
  fixtures = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => {
      try {
        return [JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown];
      } catch {
        return [];
      }
    });
});

/** The quick check agrees with zod: the same value when it answers, and zod accepts it. */
function expectAgreement(data: unknown) {
  const quick = checkTranscriptQuickly(structuredClone(data));
  const zod = transcriptSchema.safeParse(structuredClone(data));
  if (quick === null) return 'asked zod';
  expect(zod.success).toBe(true);
  expect(JSON.stringify(quick)).toBe(JSON.stringify(zod.data));
  return 'answered';
}

describe('checkTranscriptQuickly', () => {
  it('knows every key of every object of the schema (a field added there must be added here)', () => {
    const shapes = {
      transcript: transcriptSchema,
      settings: sessionSettingsSchema,
      set: sessionSettingsSchema.shape.sets.element,
      category: sessionSettingsSchema.shape.category.unwrap(),
      item: transcriptItemSchema,
      followUp: followUpAnswerSchema,
      question: askedQuestionSchema,
      hint: hintUseSchema,
      keyPoint: askedQuestionSchema.shape.keyPoints.element,
    } as const;
    for (const [name, schema] of Object.entries(shapes)) {
      expect([name, ...TRANSCRIPT_KEYS[name as keyof typeof shapes]]).toEqual([name, ...Object.keys(schema.shape)]);
    }
  });

  it('gives the schema’s value for every transcript mockprep wrote', () => {
    expect(fixtures.length).toBeGreaterThan(3);
    const answers = fixtures.map(expectAgreement);
    // Every valid fixture goes the quick way (the future-version one does not).
    expect(answers.filter((answer) => answer === 'answered').length).toBeGreaterThanOrEqual(fixtures.length - 1);
  });

  it('fills the defaults of fields older transcripts lack, as the schema does', () => {
    const transcript = JSON.parse(JSON.stringify(makeMiniTranscript({ now: Date.parse('2026-11-20T10:00:00Z') }))) as Json;
    delete transcript.settings.mode;
    delete transcript.settings.followUps;
    delete transcript.settings.overtime;
    for (const item of transcript.items) {
      delete item.overtimeMs;
      delete item.followUps;
    }
    expect(expectAgreement(transcript)).toBe('answered');
  });

  it.each([
    ['a key point to trim', (t: Json) => (t.items[0].question.keyPoints[0].point = ' padded ')],
    ['an unknown key in a key point', (t: Json) => (t.items[0].question.keyPoints[0].extra = 1)],
    ['a rating of 6', (t: Json) => (t.items[0].selfRating = 6)],
    ['no items', (t: Json) => (t.items = [])],
    ['a bad date', (t: Json) => (t.startedAt = 'yesterday')],
    ['an infinite time', (t: Json) => (t.items[0].timeUsedMs = Number.POSITIVE_INFINITY)],
    ['version 2', (t: Json) => (t.version = 2)],
  ])('asks zod when there is %s', (_name, damage) => {
    const transcript = JSON.parse(JSON.stringify(makeMiniTranscript({ now: 0 })));
    damage(transcript);
    expect(checkTranscriptQuickly(transcript)).toBeNull();
  });

  it('never answers differently from zod on mutated transcripts', () => {
    const base = JSON.parse(JSON.stringify(makeMiniTranscript({ now: Date.parse('2026-11-20T10:00:00Z') })));
    const values = fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.boolean(),
      fc.integer({ min: -3, max: 7 }),
      fc.double({ noNaN: false }),
      fc.string({ maxLength: 6 }),
      fc.constant(' x '),
      fc.constant('2026-11-20T10:00:00Z'),
      fc.constant([]),
      fc.constant({}),
      fc.constant(['a']),
    );
    // Every path to a value in the transcript, as a list of keys.
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(value)) for (const [i, entry] of value.entries()) walk(entry, [...path, i]);
      else if (value && typeof value === 'object') for (const [key, entry] of Object.entries(value)) walk(entry, [...path, key]);
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(paths.length - 1), values, fc.boolean()), { minLength: 1, maxLength: 3 }), (edits) => {
        const copy = structuredClone(base);
        for (const [at, value, addKey] of edits) {
          const path = paths[at] ?? [];
          if (path.length === 0) continue;
          let parent = copy;
          for (const key of path.slice(0, -1)) parent = parent?.[key];
          // An earlier edit may have replaced what this path went through.
          if (parent === null || typeof parent !== 'object') continue;
          const last = path.at(-1) as string | number;
          if (addKey && parent && typeof parent === 'object' && !Array.isArray(parent)) parent.unknownKey = value;
          else if (value === undefined) delete parent[last];
          else parent[last] = value;
        }
        expectAgreement(copy);
      }),
      { seed: 17, numRuns: 800 },
    );
  });
});
