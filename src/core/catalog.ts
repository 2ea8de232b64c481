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
  const ids = entries.map(({ category }) => category.id);
  return matchCategory(
    entries,
    ({ set, category }) => ({ setId: set.id, id: category.id, title: category.title }),
    name,
    ids,
    (suggestion) => `unknown category "${name}".${suggestion} Categories: ${ids.join(', ')}`,
  );
}

/**
 * The one of `items` whose category `name` names: its id or title (case-insensitive) or
 * `set-id/category-id`. Names in more than one set are a usage error listing the qualified names;
 * no match is a usage error worded by `unknown` from the suggestion (" Did you mean …?", the
 * closest of `ids` and of the titles, or '').
 */
export function matchCategory<T>(
  items: readonly T[],
  refOf: (item: T) => { setId: string; id: string; title: string },
  name: string,
  ids: readonly string[],
  unknown: (suggestion: string) => string,
): T {
  const wanted = name.trim().toLowerCase();
  const matches = items.filter((item) => {
    const ref = refOf(item);
    return ref.id.toLowerCase() === wanted || ref.title.toLowerCase() === wanted || `${ref.setId}/${ref.id}`.toLowerCase() === wanted;
  });
  const [first, second] = matches;
  if (first !== undefined && second === undefined) return first;
  if (first !== undefined) {
    const qualified = matches.map((item) => `${refOf(item).setId}/${refOf(item).id}`);
    throw new UsageError(`category "${name}" is in more than one set; name one of: ${qualified.join(', ')}`);
  }
  const titleToId = new Map(items.map((item) => [refOf(item).title, refOf(item).id]));
  const byTitle = closestMatches(name, [...titleToId.keys()]).map((title) => titleToId.get(title) ?? title);
  const guesses = [...new Set([...closestMatches(name, [...ids]), ...byTitle])].slice(0, 3);
  const suggestion = guesses.length > 0 ? ` Did you mean ${guesses.map((guess) => `"${guess}"`).join(' or ')}?` : '';
  throw new UsageError(unknown(suggestion));
}
