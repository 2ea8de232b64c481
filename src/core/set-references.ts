import { closestMatches } from './closest-match.js';
import { resolveRelatedRef } from './related-questions.js';

// The checks of a set that zod cannot make, shared by the careful parse (which locates what they
// find) and the quick one (which only asks whether they find anything): without zod, so that a
// valid set loads without loading the schema.

type Path = (string | number)[];

/** The value at `path` of parsed data, or undefined where the path leaves it. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Cross-references zod cannot see: duplicate ids, questions in undeclared categories, `related` entries within the set. */
export function checkReferences(data: unknown): { path: Path; message: string }[] {
  const found: { path: Path; message: string }[] = [];
  const categories = valueAt(data, ['categories']);
  const questions = valueAt(data, ['questions']);
  const declared: string[] = [];
  if (Array.isArray(categories)) {
    categories.forEach((category, index) => {
      const id = valueAt(category, ['id']);
      if (typeof id !== 'string') return;
      if (declared.includes(id))
        found.push({
          path: ['categories', index, 'id'],
          message: `duplicate category id "${id}"`,
        });
      else declared.push(id);
    });
  }
  if (Array.isArray(questions)) {
    found.push(...checkRelated(data, questions));
    const seen = new Set<string>();
    questions.forEach((question, index) => {
      const id = valueAt(question, ['id']);
      if (typeof id === 'string') {
        if (seen.has(id))
          found.push({
            path: ['questions', index, 'id'],
            message: `duplicate question id "${id}"`,
          });
        seen.add(id);
      }
      const category = valueAt(question, ['category']);
      if (typeof category === 'string' && Array.isArray(categories) && !declared.includes(category)) {
        const guess = closestMatches(category, declared, 1)[0];
        const hint = guess ? ` (did you mean "${guess}"?)` : '';
        found.push({
          path: ['questions', index, 'category'],
          message: `category "${category}" is not declared under categories${hint}; declared: ${declared.join(', ') || 'none'}`,
        });
      }
    });
  }
  return found;
}

/** `related` entries within the set: each must name another question of it. */
function checkRelated(data: unknown, questions: unknown[]): { path: Path; message: string }[] {
  const setId = valueAt(data, ['id']);
  const ids = questions.map((question) => valueAt(question, ['id'])).filter((id): id is string => typeof id === 'string');
  const found: { path: Path; message: string }[] = [];
  questions.forEach((question, index) => {
    const related = valueAt(question, ['related']);
    const own = valueAt(question, ['id']);
    if (!Array.isArray(related) || typeof setId !== 'string') return;
    related.forEach((ref, refIndex) => {
      if (typeof ref !== 'string') return;
      const target = resolveRelatedRef(ref, setId);
      if (target.setId !== setId) return; // another set's question: checked when the sets are loaded together
      const path: Path = ['questions', index, 'related', refIndex];
      if (target.questionId === own) {
        found.push({ path, message: `related question "${ref}" is this question itself` });
      } else if (!ids.includes(target.questionId)) {
        const guess = closestMatches(target.questionId, ids, 1)[0];
        const hint = guess ? ` (did you mean "${guess}"?)` : '';
        found.push({ path, message: `related question "${ref}" is not in this set${hint}` });
      }
    });
  });
  return found;
}
