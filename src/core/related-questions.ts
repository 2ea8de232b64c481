import { closestMatches } from './closest-match.js';
import type { QuestionSet } from './question-set-schema.js';

// `related` names a question's near-duplicates: a bare id is a question of the same set,
// `set-id/question-id` one of any set. Sessions treat the link as symmetric, so one side is enough.

/** The set and question a `related` entry names, reading a bare id as one of `ownSetId`. */
export function resolveRelatedRef(ref: string, ownSetId: string): { setId: string; questionId: string } {
  const slash = ref.indexOf('/');
  if (slash < 0) return { setId: ownSetId, questionId: ref };
  return { setId: ref.slice(0, slash), questionId: ref.slice(slash + 1) };
}

/** The key a question goes by across sets: `set-id/question-id`. */
export function questionKey(setId: string, questionId: string): string {
  return `${setId}/${questionId}`;
}

/**
 * Every question's near-duplicates among the given sets, both ways: when A names B, B's entry
 * holds A too. Entries naming a set or question that is not loaded are left out.
 */
export function relatedQuestionMap(sets: readonly QuestionSet[]): Map<string, Set<string>> {
  const known = new Set(sets.flatMap((set) => set.questions.map((question) => questionKey(set.id, question.id))));
  const map = new Map<string, Set<string>>();
  const link = (from: string, to: string) => {
    let entry = map.get(from);
    if (!entry) {
      entry = new Set();
      map.set(from, entry);
    }
    entry.add(to);
  };
  for (const set of sets) {
    for (const question of set.questions) {
      const from = questionKey(set.id, question.id);
      for (const ref of question.related ?? []) {
        const target = resolveRelatedRef(ref, set.id);
        const to = questionKey(target.setId, target.questionId);
        if (to === from || !known.has(to)) continue;
        link(from, to);
        link(to, from);
      }
    }
  }
  return map;
}

export interface RelatedProblem {
  setId: string;
  questionIndex: number;
  relatedIndex: number;
  message: string;
}

/**
 * `related` entries that name a question of another loaded set that does not exist. (Entries
 * within one set are checked when the set is parsed; a set that is not loaded cannot be checked.)
 */
export function checkCrossSetRelated(sets: readonly QuestionSet[]): RelatedProblem[] {
  const byId = new Map(sets.map((set) => [set.id, set]));
  const problems: RelatedProblem[] = [];
  for (const set of sets) {
    set.questions.forEach((question, questionIndex) => {
      (question.related ?? []).forEach((ref, relatedIndex) => {
        const target = resolveRelatedRef(ref, set.id);
        if (target.setId === set.id) return;
        const other = byId.get(target.setId);
        if (!other || other.questions.some((candidate) => candidate.id === target.questionId)) return;
        const ids = other.questions.map((candidate) => candidate.id);
        problems.push({ setId: set.id, questionIndex, relatedIndex, message: describeMissingRelated(ref, target, ids) });
      });
    });
  }
  return problems;
}

/** The message for a `related` entry naming a question its set does not have, with the closest id of that set. */
export function describeMissingRelated(ref: string, target: { setId: string; questionId: string }, ids: readonly string[]): string {
  const guess = closestMatches(target.questionId, ids, 1)[0];
  const hint = guess ? ` (did you mean "${target.setId}/${guess}"?)` : '';
  return `related question "${ref}" is not in set "${target.setId}"${hint}`;
}
