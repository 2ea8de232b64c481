import { closestMatches } from './closest-match.js';
import { resolveRelatedRef } from './related-questions.js';

// The checks of a set that zod cannot make, shared by the careful parse (which locates what they
// find) and the quick one (which only asks whether they find anything): without zod, so that a
// valid set loads without loading the schema.

type Path = (string | number)[];

/** The value of `key` when `value` is an object (data of any shape: a bad set too). */
function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/** Cross-references zod cannot see: duplicate ids, questions in undeclared categories, `related` entries within the set. */
export function checkReferences(data: unknown): { path: Path; message: string }[] {
  const found: { path: Path; message: string }[] = [];
  const categories = field(data, 'categories');
  const questions = field(data, 'questions');
  // In the order written, for the messages; the set, for the look-ups of every question.
  const declared: string[] = [];
  const declaredSet = new Set<string>();
  if (Array.isArray(categories)) {
    categories.forEach((category, index) => {
      const id = field(category, 'id');
      if (typeof id !== 'string') return;
      if (declaredSet.has(id))
        found.push({
          path: ['categories', index, 'id'],
          message: `duplicate category id "${id}"`,
        });
      else {
        declared.push(id);
        declaredSet.add(id);
      }
    });
  }
  if (Array.isArray(questions)) {
    // One at a time: a spread of thousands of problems into push can overflow the stack.
    for (const problem of checkRelated(data, questions)) found.push(problem);
    const seen = new Set<string>();
    for (let index = 0; index < questions.length; index++) {
      const question = questions[index];
      const id = field(question, 'id');
      if (typeof id === 'string') {
        if (seen.has(id))
          found.push({
            path: ['questions', index, 'id'],
            message: `duplicate question id "${id}"`,
          });
        seen.add(id);
      }
      const category = field(question, 'category');
      if (typeof category === 'string' && Array.isArray(categories) && !declaredSet.has(category)) {
        const guess = closestMatches(category, declared, 1)[0];
        const hint = guess ? ` (did you mean "${guess}"?)` : '';
        found.push({
          path: ['questions', index, 'category'],
          message: `category "${category}" is not declared under categories${hint}; declared: ${declared.join(', ') || 'none'}`,
        });
      }
    }
  }
  return found;
}

/** `related` entries within the set: each must name another question of it. */
function checkRelated(data: unknown, questions: unknown[]): { path: Path; message: string }[] {
  const setId = field(data, 'id');
  const found: { path: Path; message: string }[] = [];
  // Most sets have no `related` entry: the ids are gathered only for one that has.
  if (typeof setId !== 'string' || !questions.some((question) => Array.isArray(field(question, 'related')))) return found;
  const ids = questions.map((question) => field(question, 'id')).filter((id): id is string => typeof id === 'string');
  const idSet = new Set(ids);
  questions.forEach((question, index) => {
    const related = field(question, 'related');
    const own = field(question, 'id');
    if (!Array.isArray(related)) return;
    related.forEach((ref, refIndex) => {
      if (typeof ref !== 'string') return;
      const target = resolveRelatedRef(ref, setId);
      if (target.setId !== setId) return; // another set's question: checked when the sets are loaded together
      const path: Path = ['questions', index, 'related', refIndex];
      if (target.questionId === own) {
        found.push({ path, message: `related question "${ref}" is this question itself` });
      } else if (!idSet.has(target.questionId)) {
        const guess = closestMatches(target.questionId, ids, 1)[0];
        const hint = guess ? ` (did you mean "${guess}"?)` : '';
        found.push({ path, message: `related question "${ref}" is not in this set${hint}` });
      }
    });
  });
  return found;
}
