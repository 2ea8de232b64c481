import { describe, expect, it } from 'vitest';
import { difficultyMix, listCategories, resolveCategory } from '../../src/core/catalog.js';
import { closestMatches } from '../../src/core/closest-match.js';
import { UsageError } from '../../src/core/errors.js';
import type { QuestionSet } from '../../src/core/question-set-schema.js';
import type { SelectOptions } from '../../src/core/select-questions.js';
import { questionPool, selectQuestions } from '../../src/core/select-questions.js';
import { loadMiniSet } from '../support/fixture-sets.js';

const mini = loadMiniSet();
const other: QuestionSet = {
  id: 'other',
  title: 'Other',
  categories: [{ id: 'basics', title: 'Other Basics' }],
  questions: Array.from({ length: 12 }, (_, i) => ({ id: `o${i}`, category: 'basics', prompt: `Q${i}`, tags: i % 2 ? ['Anthropic'] : [] })),
};

describe('resolveCategory', () => {
  it.each([
    ['basics', 'mini/basics'],
    ['BASICS', 'mini/basics'],
    ['systems design', 'mini/systems'],
    ['mini/systems', 'mini/systems'],
  ])('%s → %s', (name, expected) => {
    const entry = resolveCategory([mini], name);
    expect(`${entry.set.id}/${entry.category.id}`).toBe(expected);
  });

  it.each([
    ['basix', 'unknown category "basix". Did you mean "basics"? Categories: basics, systems'],
    ['Sistems Design', 'unknown category "Sistems Design". Did you mean "systems"? Categories: basics, systems'],
    ['zzz', 'unknown category "zzz". Categories: basics, systems'],
  ])('%s is a usage error naming the closest', (name, message) => {
    expect(() => resolveCategory([mini], name)).toThrow(new UsageError(message));
  });

  it('asks for set/category when two sets share a category id', () => {
    expect(() => resolveCategory([mini, other], 'basics')).toThrow('name one of: mini/basics, other/basics');
    expect(resolveCategory([mini, other], 'other/basics').category.title).toBe('Other Basics');
  });

  it('lists categories with their questions and difficulty mix', () => {
    const entries = listCategories([mini]);
    expect(entries.map((entry) => [entry.category.id, entry.questions.length, difficultyMix(entry.questions)])).toEqual([
      ['basics', 2, { easy: 1, medium: 1, hard: 0, unrated: 0 }],
      ['systems', 1, { easy: 0, medium: 0, hard: 1, unrated: 0 }],
    ]);
  });
});

describe('selectQuestions', () => {
  const pool = questionPool([other]);
  const base: SelectOptions = { order: 'random', seed: 42, scope: 'category "basics"' };
  const ids = (options: Partial<SelectOptions>) => selectQuestions(pool, { ...base, ...options }).map((entry) => entry.question.id);

  it('gives the same questions in the same order for the same seed', () => {
    expect(ids({ count: 6 })).toEqual(ids({ count: 6 }));
    expect(ids({ count: 6 })).not.toEqual(ids({ count: 6, seed: 43 }));
  });

  it('keeps the set order with in-order and defaults to five questions', () => {
    expect(ids({ order: 'in-order' })).toEqual(['o0', 'o1', 'o2', 'o3', 'o4']);
  });

  it('filters by tag case-insensitively', () => {
    expect(ids({ order: 'in-order', tag: 'anthropic', count: 3 })).toEqual(['o1', 'o3', 'o5']);
  });

  it('puts the neediest first with the weakest order', () => {
    expect(ids({ order: 'weakest', count: 2, priority: (entry) => Number(entry.question.id.slice(1)) })).toEqual(['o11', 'o10']);
  });

  it('compares list keys element by element, a missing element lowest (due: [2, over] > [1] > [0, -left])', () => {
    const keys: Record<string, number[]> = { o3: [0, -5], o4: [2, 1], o5: [2, 7], o6: [1], o7: [0, -1] };
    const order = ids({ order: 'due', count: 5, priority: (entry) => keys[entry.question.id] ?? [] });
    expect(order).toEqual(['o5', 'o4', 'o6', 'o7', 'o3']);
  });

  it.each<[string, Partial<SelectOptions>, string]>([
    ['more questions than there are', { count: 13 }, 'category "basics" has only 12 questions; asked for 13'],
    [
      'more than the tag leaves',
      { count: 7, tag: 'anthropic' },
      'category "basics" has only 6 questions (tagged "anthropic"); asked for 7',
    ],
    ['an unknown tag', { tag: 'openai' }, 'unknown tag "openai"; tags in category "basics": anthropic'],
    ['a difficulty with no questions', { difficulty: 'hard' }, 'no hard questions in category "basics"'],
  ])('refuses %s', (_name, options, message) => {
    expect(() => ids(options)).toThrow(new UsageError(message));
  });
});

describe('closestMatches', () => {
  it.each([
    ['hint', ['hints', 'notes'], ['hints']],
    ['medum', ['easy', 'medium', 'hard'], ['medium']],
    ['lst', ['list', 'start', 'validate'], ['list']],
    ['lsit', ['list', 'start', 'validate'], ['list']],
    ['b', ['a'], []],
    ['beg', ['beginner', 'advanced'], ['beginner']],
    ['zzzz', ['list', 'start'], []],
  ])('%s among %j → %j', (input, candidates, expected) => {
    expect(closestMatches(input, candidates)).toEqual(expected);
  });
});
