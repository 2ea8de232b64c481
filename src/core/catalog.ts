import { closestMatches } from './closest-match.js';
import { UsageError } from './errors.js';
import type { Category, Difficulty, Question, QuestionSet } from './question-set-schema.js';

/** A category of one loaded set, with its questions in set order. */
export interface CategoryEntry {
  set: QuestionSet;
  category: Category;
  questions: Question[];
}

/** Every category of every set, in the order the sets and their categories are written. */
export function listCategories(sets: readonly QuestionSet[]): CategoryEntry[] {
  return sets.flatMap((set) =>
    set.categories.map((category) => ({
      set,
      category,
      questions: set.questions.filter((question) => question.category === category.id),
    })),
  );
}

/** How many questions of each difficulty (questions without one count as `unrated`). */
export function difficultyMix(questions: readonly Question[]): Record<Difficulty | 'unrated', number> {
  const mix = { easy: 0, medium: 0, hard: 0, unrated: 0 };
  for (const question of questions) mix[question.difficulty ?? 'unrated']++;
  return mix;
}

/**
 * Finds a category by id or title (case-insensitive), or as `set-id/category-id` when two sets
 * share a category id. An unknown name is a usage error naming the closest and listing all.
 */
export function resolveCategory(sets: readonly QuestionSet[], name: string): CategoryEntry {
  const entries = listCategories(sets);
  const wanted = name.trim().toLowerCase();
  const matches = entries.filter(
    ({ set, category }) =>
      category.id.toLowerCase() === wanted ||
      category.title.toLowerCase() === wanted ||
      `${set.id}/${category.id}`.toLowerCase() === wanted,
  );
  const [first, second] = matches;
  if (first && !second) return first;
  if (first && second) {
    const qualified = matches.map(({ set, category }) => `${set.id}/${category.id}`);
    throw new UsageError(`category "${name}" is in more than one set; name one of: ${qualified.join(', ')}`);
  }
  const names = entries.map(({ category }) => category.id);
  const titleToId = new Map(entries.map(({ category }) => [category.title, category.id]));
  const byTitle = closestMatches(name, [...titleToId.keys()]).map((title) => titleToId.get(title) ?? title);
  const guesses = [...new Set([...closestMatches(name, names), ...byTitle])].slice(0, 3);
  const suggestion = guesses.length > 0 ? ` Did you mean ${guesses.map((guess) => `"${guess}"`).join(' or ')}?` : '';
  throw new UsageError(`unknown category "${name}".${suggestion} Categories: ${names.join(', ')}`);
}
