import { UsageError } from './errors.js';
import type { Difficulty, Question, QuestionSet } from './question-set-schema.js';
import { createRandom, shuffle } from './random.js';
import { questionKey, relatedQuestionMap } from './related-questions.js';
import { plural } from './text.js';
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
  /**
   * For `due` and `weakest` (required for them): each question's place, higher first; a list of
   * numbers is compared element by element (see core/practice-schedule.ts).
   */
  priority?: (entry: PoolQuestion) => number | readonly number[];
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
  const ordered = orderCandidates(candidates, options);
  const drawable = withoutNearDuplicates(ordered);
  if (options.count !== undefined && options.count > drawable.length) {
    const held = candidates.length - drawable.length;
    throw new UsageError(
      `${options.scope} has ${candidates.length} questions, but only ${drawable.length} can be drawn into one session: ${plural(held, 'question')} ${held === 1 ? 'is a near-duplicate' : 'are near-duplicates'} of others (related); asked for ${options.count}`,
    );
  }
  const count = options.count ?? Math.min(DEFAULT_COUNT, drawable.length);
  return drawable.slice(0, count);
}

/** The candidates in the session's order: as written, shuffled by the seed, or by the schedule (due, weakest). */
function orderCandidates(candidates: PoolQuestion[], options: SelectOptions): PoolQuestion[] {
  switch (options.order) {
    case 'in-order':
      return candidates;
    case 'random':
      return shuffle(candidates, createRandom(options.seed));
    case 'due':
    case 'weakest': {
      const priority = options.priority;
      if (!priority) throw new Error(`selectQuestions: the ${options.order} order needs a priority function`);
      // Shuffle first so that ties are broken by the seed, not by the set's order (the sort is stable).
      const shuffled = shuffle(candidates, createRandom(options.seed));
      const scored = shuffled.map((entry) => {
        const score = priority(entry);
        return { entry, score: typeof score === 'number' ? [score] : score };
      });
      return scored.sort((a, b) => compareKeys(b.score, a.score)).map(({ entry }) => entry);
    }
  }
}

/** Element by element; a missing element counts lowest. */
function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? Number.NEGATIVE_INFINITY;
    const y = b[i] ?? Number.NEGATIVE_INFINITY;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Keeps the order but drops every question related (either way) to one kept before it, so that
 * no session holds two near-duplicates: the first of them in the order is the one drawn.
 */
export function withoutNearDuplicates(ordered: readonly PoolQuestion[]): PoolQuestion[] {
  const sets = [...new Set(ordered.map(({ set }) => set))];
  const related = relatedQuestionMap(sets);
  if (related.size === 0) return [...ordered];
  const kept: PoolQuestion[] = [];
  const blocked = new Set<string>();
  for (const entry of ordered) {
    const key = questionKey(entry.set.id, entry.question.id);
    if (blocked.has(key)) continue;
    kept.push(entry);
    for (const other of related.get(key) ?? []) blocked.add(other);
  }
  return kept;
}
