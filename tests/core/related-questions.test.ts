import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import type { Problem } from '../../src/core/problem.js';
import type { Question, QuestionSet } from '../../src/core/question-set-schema.js';
import { relatedQuestionMap } from '../../src/core/related-questions.js';
import type { SelectOptions } from '../../src/core/select-questions.js';
import { questionPool, selectQuestions } from '../../src/core/select-questions.js';
import { checkQuestionSets } from '../../src/io/check-question-sets.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { loadQuestionSets } from '../../src/io/load-question-sets.js';
import { makeTempDir } from '../support/temp-dir.js';

// `related` marks near-duplicates; a session never holds two questions when either names the other.

const q = (id: string, related?: string[]): Question => ({ id, category: 'c', prompt: `Prompt ${id}`, ...(related ? { related } : {}) });
const setOf = (id: string, questions: Question[]): QuestionSet => ({ id, title: id, categories: [{ id: 'c', title: 'C' }], questions });

const alpha = setOf('alpha', [q('a1', ['beta/b1']), q('a2'), q('a3', ['a4']), q('a4')]);
const beta = setOf('beta', [q('b1'), q('b2', ['alpha/a2', 'alpha/a3']), q('b3')]);
const pool = questionPool([alpha, beta]);
const base: SelectOptions = { order: 'in-order', seed: 1, scope: 'all categories' };
const pick = (options: Partial<SelectOptions>) =>
  selectQuestions(pool, { ...base, ...options }).map(({ set, question }) => `${set.id}/${question.id}`);

describe('relatedQuestionMap', () => {
  it('links both ways and across sets, ignoring what is not loaded', () => {
    const map = relatedQuestionMap([alpha, beta]);
    expect([...(map.get('beta/b1') ?? [])]).toEqual(['alpha/a1']);
    expect([...(map.get('alpha/a3') ?? [])].sort()).toEqual(['alpha/a4', 'beta/b2']);
    expect(relatedQuestionMap([alpha]).get('alpha/a1')).toBeUndefined();
  });
});

describe('selectQuestions never draws two near-duplicates', () => {
  it.each<[string, Partial<SelectOptions>, string[]]>([
    // in order: a1 keeps b1 out, a3 keeps a4 and b2 out
    ['in order, four asked', { count: 4 }, ['alpha/a1', 'alpha/a2', 'alpha/a3', 'beta/b3']],
    ['in order, the default count (five, or all that can be drawn)', {}, ['alpha/a1', 'alpha/a2', 'alpha/a3', 'beta/b3']],
  ])('%s', (_name, options, expected) => {
    expect(pick(options)).toEqual(expected);
  });

  it('weakest first: the weakest of a related pair is the one drawn; never-answered questions come last', () => {
    // The shape of weakestOrderKey: [1, weakness] for an answered question, [0] for a new one.
    const weakness: Record<string, number> = { b1: 0.9, a1: 0.8, a4: 0.7 };
    const priority: SelectOptions['priority'] = ({ question }) => {
      const value = weakness[question.id];
      return value === undefined ? [0] : [1, value];
    };
    // b1 keeps its related a1 out; a4 keeps a3 and b2 out; then a new question (a2 or b3, by the seed).
    expect(pick({ order: 'weakest', count: 3, priority })).toEqual([
      'beta/b1',
      'alpha/a4',
      expect.stringMatching(/^(alpha\/a2|beta\/b3)$/),
    ]);
    expect(pick({ order: 'weakest', count: 4, priority })).not.toContain('alpha/a1');
  });

  it('due first: a due question keeps its never-answered near-duplicate out', () => {
    // The shape of dueOrderKey: [2, days over] when due, [1] when new, [0, -days left] when not yet due.
    const keys: Record<string, number[]> = { a4: [2, 3], b1: [0, -1] };
    const priority: SelectOptions['priority'] = ({ question }) => keys[question.id] ?? [1];
    const chosen = pick({ order: 'due', count: 4, priority });
    expect(chosen[0]).toBe('alpha/a4');
    expect(chosen).not.toContain('alpha/a3');
    expect(chosen).not.toContain('beta/b2');
    // b1, not yet due, comes after every new question that can be drawn (a1 is its near-duplicate: one of them).
    expect(chosen.at(-1)).toMatch(/^(beta\/b1|alpha\/a1|alpha\/a2|beta\/b3)$/);
  });

  it.each(Array.from({ length: 40 }, (_, seed) => seed))('random order, seed %i: no related pair in one session', (seed) => {
    const chosen = new Set(pick({ order: 'random', seed, count: 4 }));
    const map = relatedQuestionMap([alpha, beta]);
    for (const key of chosen) for (const other of map.get(key) ?? []) expect(chosen.has(other), `${key} with ${other}`).toBe(false);
    expect(chosen.size).toBe(4);
  });

  it('refuses more questions than can be drawn without near-duplicates, saying why', () => {
    expect(() => pick({ count: 5 })).toThrow(
      new UsageError(
        'all categories has 7 questions, but only 4 can be drawn into one session: 3 questions are near-duplicates of others (related); asked for 5',
      ),
    );
  });

  it('changes nothing in a pool without related questions', () => {
    const plain = questionPool([setOf('plain', [q('p1'), q('p2'), q('p3')])]);
    expect(selectQuestions(plain, { ...base, count: 3 }).map(({ question }) => question.id)).toEqual(['p1', 'p2', 'p3']);
  });
});

describe('loadQuestionSets checks related entries across sets', () => {
  const head = (id: string) => `id: ${id}\ntitle: T\ncategories:\n  - id: c\n    title: C\nquestions:\n`;
  it.each<[string, string, string[]]>([
    [
      'a question another loaded set lacks',
      '    related: [one/q2x]\n',
      ['two.yaml:10:15: related question "one/q2x" is not in set "one" (did you mean "one/q2"?)'],
    ],
    ['a question another loaded set has', '    related: [one/q2]\n', []],
    ['a set that is not loaded (cannot be checked)', '    related: [elsewhere/q2]\n', []],
  ])('%s', async (_name, related, expected) => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'one.yaml'), `${head('one')}  - id: q2\n    category: c\n    prompt: P\n`);
    writeFileSync(join(dir, 'two.yaml'), `${head('two')}  - id: q1\n    category: c\n    prompt: P\n${related}`);
    const loaded = await loadQuestionSets([dir], createNodeFileStore());
    const shown = (problems: Problem[]) =>
      problems.map((problem) => `${problem.file.slice(dir.length + 1)}:${problem.line}:${problem.col}: ${problem.message}`);
    expect(shown(loaded.problems)).toEqual(expected);
    // validate's set-by-set check (which keeps no set) finds the same, whichever file comes first.
    const checked = await checkQuestionSets([dir], createNodeFileStore());
    expect(shown(checked.problems)).toEqual(expected);
    expect(checked).toMatchObject({ fileCount: 2, setCount: 2, questionCount: 2, setIds: ['one', 'two'] });
    writeFileSync(join(dir, 'one.yaml'), `${head('two')}  - id: q1\n    category: c\n    prompt: P\n${related.replace('one/', 'zero/')}`);
    writeFileSync(join(dir, 'zero.yaml'), `${head('zero')}  - id: q2\n    category: c\n    prompt: P\n`);
    rmSync(join(dir, 'two.yaml'));
    const reversed = await checkQuestionSets([dir], createNodeFileStore());
    expect(shown(reversed.problems)).toEqual(expected.map((line) => line.replaceAll('one', 'zero').replace('two.yaml', 'one.yaml')));
  });

  it('places every broken entry of a file, reading the file once for all of them', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'one.yaml'), `${head('one')}  - id: q2\n    category: c\n    prompt: P\n`);
    const questions = Array.from(
      { length: 30 },
      (_, i) => `  - id: q${i}\n    category: c\n    prompt: P\n    related: [one/q2, one/gone${i}, one/lost${i}]\n`,
    );
    writeFileSync(join(dir, 'two.yaml'), `${head('two')}${questions.join('')}`);
    const store = createNodeFileStore();
    const reads: string[] = [];
    // Read as text (the fast road) or as bytes (the careful one): every read counts.
    const counting = {
      ...store,
      readBytes: (path: string) => {
        reads.push(path);
        return store.readBytes(path);
      },
      readText: (path: string) => {
        reads.push(path);
        return store.readText(path);
      },
    };
    const checked = await checkQuestionSets([dir], counting);
    const places = checked.problems.map((problem) => `${problem.file.slice(dir.length + 1)}:${problem.line}:${problem.col}`);
    // Question i starts on line 7 + 4i; its related list is its fourth line; the broken entries at column 23, and after the first of them.
    expect(places).toEqual(
      Array.from({ length: 30 }, (_, i) => [`two.yaml:${10 + 4 * i}:23`, `two.yaml:${10 + 4 * i}:${33 + String(i).length}`]).flat(),
    );
    expect(reads.filter((path) => path.endsWith('two.yaml'))).toHaveLength(2);
    const loaded = await loadQuestionSets([dir], store);
    expect(loaded.problems.map((problem) => `${problem.file.slice(dir.length + 1)}:${problem.line}:${problem.col}`)).toEqual(places);
  });
});
