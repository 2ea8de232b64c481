import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { durationProblem } from '../../src/core/duration.js';
import { parseQuestionSet } from '../../src/core/parse-question-set.js';
import { buildQuestionSetJsonSchema, renderQuestionSetJsonSchema, SCHEMA_FILE } from '../../src/core/question-set-json-schema.js';
import { DURATION_PATTERN } from '../../src/core/question-set-schema.js';
import { renderStarterSet } from '../../src/core/starter-set.js';
import { REALBANK_PATH } from '../support/fixture-sets.js';
import { ROOT } from '../support/spawn-cli.js';

const schema = buildQuestionSetJsonSchema();
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(schema);
const SHARED = dirname(dirname(REALBANK_PATH));

function ajvErrors(data: unknown): string[] {
  validate(data);
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.keyword}`);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(dir, name));
}

describe('the JSON Schema of question sets', () => {
  it('is draft-07, and the file the package ships is exactly what the loader schema generates (npm run schema rewrites it)', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(readFileSync(join(ROOT, SCHEMA_FILE), 'utf8')).toBe(renderQuestionSetJsonSchema());
  });

  it('describes every field, and lists the allowed values of every enum', () => {
    const undescribed: string[] = [];
    const walk = (node: Record<string, unknown>, path: string) => {
      const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [key, child] of Object.entries(properties ?? {})) {
        if (typeof child.description !== 'string' || child.description.length < 10) undescribed.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      const items = node.items as Record<string, unknown> | undefined;
      if (items) {
        if (typeof items.description !== 'string') undescribed.push(`${path}[]`);
        walk(items, `${path}[]`);
      }
    };
    walk(schema, 'set');
    expect(undescribed).toEqual([]);
    const questions = (schema.properties as Record<string, { items: { properties: Record<string, { enum?: string[] }> } }>).questions;
    const question = questions?.items.properties ?? {};
    expect(question.difficulty?.enum).toEqual(['easy', 'medium', 'hard']);
    expect(question.kind?.enum).toEqual(['conceptual', 'technical', 'design', 'scenario', 'behavioral', 'open-ended']);
  });

  it('accepts every set the loader accepts: built-in sets, fixtures, the real set in ../shared, the init starter', () => {
    const files = [
      ...yamlFiles(join(ROOT, 'questions')),
      ...yamlFiles(join(ROOT, 'tests/fixtures/sets')),
      join(SHARED, 'realbank/data-science-theory.yaml'),
      join(ROOT, 'tests/fixtures/bad/bom.yaml'),
      join(ROOT, 'tests/fixtures/bad/crlf.yaml'),
    ];
    expect(files.length).toBeGreaterThanOrEqual(6);
    const texts = [
      ...files.map((file) => [file, readFileSync(file, 'utf8')]),
      ['starter', renderStarterSet({ id: 'x', title: 'X', schemaRef: 's.json' })],
    ];
    for (const [file, text] of texts) {
      expect(parseQuestionSet(text as string, file as string).ok, file).toBe(true);
      expect(ajvErrors(parseYaml((text as string).replace(/^\uFEFF/, ''))), file).toEqual([]);
    }
  });

  // Each mistake JSON Schema can express: the loader's message and the validator's finding.
  const HEAD = 'id: demo\ntitle: Demo\ncategories:\n  - id: basics\n    title: Basics\nquestions:\n';
  const Q = '  - id: q1\n    category: basics\n    prompt: What is alignment?\n';
  it.each([
    [
      'an unknown key',
      `${HEAD}${Q}    hint: [x]\n`,
      /unknown key "hint" in questions\[0\] \(q1\) \(did you mean "hints"\?\)/,
      '/questions/0 additionalProperties',
    ],
    ['a missing required key', `${HEAD}  - id: q1\n    category: basics\n`, /missing required key "prompt"/, '/questions/0 required'],
    ['a wrong type', `${HEAD}${Q}    tags: anthropic\n`, /tags must be a list, not text/, '/questions/0/tags type'],
    [
      'a value outside an enum',
      `${HEAD}${Q}    difficulty: hardest\n`,
      /difficulty must be one of easy, medium, hard/,
      '/questions/0/difficulty enum',
    ],
    ['a kind outside the enum', `${HEAD}${Q}    kind: trivia\n`, /kind must be one of conceptual/, '/questions/0/kind enum'],
    [
      'an id with a space',
      `${HEAD}  - id: q 1\n    category: basics\n    prompt: P\n`,
      /questions\[0\] \(q 1\)\.id must be letters, digits/,
      '/questions/0/id pattern',
    ],
    ['a duration without a unit', `${HEAD}${Q}    time: "90"\n`, /time must be a duration like 90s/, '/questions/0/time pattern'],
    ['a zero duration', `${HEAD}${Q}    time: 0m\n`, /time must be a duration like 90s/, '/questions/0/time pattern'],
    [
      'an empty prompt',
      `${HEAD}  - id: q1\n    category: basics\n    prompt: ""\n`,
      /prompt must not be empty/,
      '/questions/0/prompt minLength',
    ],
    [
      'a prompt of spaces',
      `${HEAD}  - id: q1\n    category: basics\n    prompt: "   "\n`,
      /prompt must not be empty/,
      '/questions/0/prompt pattern',
    ],
    [
      'no categories',
      `id: demo\ntitle: Demo\ncategories: []\nquestions:\n${Q}`,
      /categories must list at least one category/,
      '/categories minItems',
    ],
    ['a list instead of a set', '- id: demo\n', /a question set must be a map/, '/ type'],
  ])('%s: the loader and the JSON Schema both refuse it', (_, text, loaderMessage, ajvFinding) => {
    const result = parseQuestionSet(text, 'set.yaml');
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toContainEqual(expect.stringMatching(loaderMessage));
    expect(ajvErrors(parseYaml(text))).toContain(ajvFinding);
  });

  // The bad fixtures: those that are YAML fail the JSON Schema for the loader's reason; the rest
  // never reach a schema (their YAML does not parse); cross-references are the loader's alone.
  const BAD = join(ROOT, 'tests/fixtures/bad');
  it.each([
    ['unknown-keys.yaml', ['/categories/0 additionalProperties', '/questions/0 additionalProperties']],
    ['wrong-types.yaml', ['/questions/0/prompt type', '/questions/0/tags type', '/questions/0/hints type', '/questions/0/difficulty enum']],
    ['empty-set.yaml', ['/categories minItems', '/questions minItems']],
    ['list.yaml', ['/ type']],
  ])('bad fixture %s fails the JSON Schema where the loader points', (name, findings) => {
    const text = readFileSync(join(BAD, name), 'utf8');
    expect(parseQuestionSet(text, name).ok).toBe(false);
    const errors = ajvErrors(parseYaml(text));
    for (const finding of findings) expect(errors).toContain(finding);
  });

  it.each(['alias-bomb.yaml', 'syntax-error.yaml', 'tabs.yaml', 'duplicate-ids.yaml'])(
    'bad fixture %s is not YAML a schema can be applied to, for the loader either',
    (name) => {
      const text = readFileSync(join(BAD, name), 'utf8');
      expect(parseQuestionSet(text, name).ok).toBe(false);
      expect(() => parseYaml(text, { maxAliasCount: 200, uniqueKeys: true })).toThrow();
    },
  );

  it.each([
    ['undeclared-category.yaml', /is not declared under categories/],
    ['escape-only-key-point.yaml', /must not be empty/],
  ])('bad fixture %s passes the JSON Schema: only the loader sees it (documented in the schema comment)', (name, loaderMessage) => {
    const text = readFileSync(join(BAD, name), 'utf8');
    const result = parseQuestionSet(text, name);
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toContainEqual(expect.stringMatching(loaderMessage));
    expect(ajvErrors(parseYaml(text))).toEqual([]);
  });

  it('every built-in set starts with the schema line, and it resolves from the file to the shipped schema', () => {
    const sets = yamlFiles(join(ROOT, 'questions'));
    expect(sets.length).toBeGreaterThan(0);
    for (const file of sets) {
      const first = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
      const ref = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1];
      expect(ref, file).toBeDefined();
      expect(resolve(dirname(file), ref ?? ''), file).toBe(join(ROOT, SCHEMA_FILE));
    }
  });

  it('says what only mockprep validate checks', () => {
    expect(schema.$comment).toMatch(/unique ids and declared categories/);
  });

  it("its duration pattern accepts exactly the form readDuration accepts (the 24h cap is the loader's)", () => {
    const pattern = new RegExp(DURATION_PATTERN, 'u');
    const part = fc.oneof(fc.constantFrom('', ' ', '0', '00', '1', '9', '10', '90', 'h', 'm', 's', 'H', 'M', 'S', 'x', ':', '1.5'));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        const text = parts.join('');
        expect(pattern.test(text), JSON.stringify(text)).toBe(durationProblem(text) !== 'format');
      }),
      { numRuns: 3000 },
    );
    for (const text of ['90s', '3m', '1m30s', '1h', ' 2M ']) expect(pattern.test(text)).toBe(true);
    for (const text of ['', '0s', '90', 'm', '1s1m', '1.5m']) expect(pattern.test(text)).toBe(false);
  });
});
