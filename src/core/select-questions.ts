import { UsageError } from './errors.js';
import type { Difficulty, Question, QuestionSet } from './question-set-schema.js';
import { createRandom, shuffle } from './random.js';
import type { QuestionOrder } from './transcript-schema.js';

/** A question with the set and category it belongs to. */
export interface PoolQuestion {
  set: QuestionSet;
  question: Question;
  categoryTitle: string;
}

export interface SelectOptions {
  /** How many; when omitted, {@link DEFAULT_COUNT} or all there are if fewer. */
  count?: number;
  difficulty?: Difficulty;
  tag?: string;
  order: QuestionOrder;
  seed: number;
  /** What the pool is, for messages: `category "beginner"`. */
  scope: string;
  /** For `weakest`: how much each question needs practice (higher first); required for that order. */
  priority?: (entry: PoolQuestion) => number;
}

export const DEFAULT_COUNT = 5;

/** Every question of the given sets, optionally of one category, with its category's title. */
export function questionPool(sets: readonly QuestionSet[], category?: { setId: string; id: string }): PoolQuestion[] {
  return sets.flatMap((set) => {
    if (category && set.id !== category.setId) return [];
    const titles = new Map(set.categories.map((entry) => [entry.id, entry.title]));
    return set.questions
      .filter((question) => !category || question.category === category.id)
      .map((question) => ({
        set,
        question,
        categoryTitle: titles.get(question.category) ?? question.category,
      }));
  });
}

/**
 * Filters the pool by difficulty and tag and picks the questions for a session in their order.
 * The same seed gives the same questions in the same order. Impossible requests (an unknown
 * tag, more questions than there are) are usage errors that say what is available.
 */
export function selectQuestions(pool: readonly PoolQuestion[], options: SelectOptions): PoolQuestion[] {
  let candidates = [...pool];
  if (options.tag !== undefined) {
    const wanted = options.tag.toLowerCase();
    const tags = [...new Set(pool.flatMap(({ question }) => (question.tags ?? []).map((tag) => tag.toLowerCase())))].sort();
    if (!tags.includes(wanted)) {
      const known = tags.length > 0 ? `tags in ${options.scope}: ${tags.join(', ')}` : `${options.scope} has no tagged questions`;
      throw new UsageError(`unknown tag "${options.tag}"; ${known}`);
    }
    candidates = candidates.filter(({ question }) => (question.tags ?? []).some((tag) => tag.toLowerCase() === wanted));
  }
  if (options.difficulty !== undefined) {
    candidates = candidates.filter(({ question }) => question.difficulty === options.difficulty);
    if (candidates.length === 0) {
      throw new UsageError(`no ${options.difficulty} questions in ${options.scope}${options.tag ? ` with tag "${options.tag}"` : ''}`);
    }
  }
  if (options.count !== undefined && options.count > candidates.length) {
    const filters = [options.difficulty, options.tag && `tagged "${options.tag}"`].filter(Boolean).join(', ');
    throw new UsageError(
      `${options.scope} has only ${candidates.length} question${candidates.length === 1 ? '' : 's'}${filters ? ` (${filters})` : ''}; asked for ${options.count}`,
    );
  }
  const count = options.count ?? Math.min(DEFAULT_COUNT, candidates.length);
  switch (options.order) {
    case 'in-order':
      return candidates.slice(0, count);
    case 'random':
      return shuffle(candidates, createRandom(options.seed)).slice(0, count);
    case 'weakest': {
      const priority = options.priority;
      if (!priority) throw new Error('selectQuestions: the weakest order needs a priority function');
      // Shuffle first so that ties are broken by the seed, not by the set's order.
      const shuffled = shuffle(candidates, createRandom(options.seed));
      const scored = shuffled.map((entry) => ({
        entry,
        score: priority(entry),
      }));
      return scored
        .sort((a, b) => b.score - a.score)
        .slice(0, count)
        .map(({ entry }) => entry);
    }
  }
}
