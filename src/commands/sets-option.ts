import { QuestionSetError } from '../core/errors.js';
import { formatProblem } from '../core/problem.js';
import type { QuestionSet } from '../core/question-set-schema.js';
import { loadBuiltinSets } from '../io/builtin-sets.js';
import type { FileStore } from '../io/file-store.js';

/**
 * The sets a command works on: the files and folders given with `-s/--set`, or the built-in
 * bank when none are given. Any problem in a given file stops the command with all of them.
 */
export async function loadSetsOption(setPaths: readonly string[] | undefined, store: FileStore): Promise<QuestionSet[]> {
  if (!setPaths || setPaths.length === 0) return loadBuiltinSets(store);
  const { loadQuestionSets } = await import('../io/load-question-sets.js');
  const loaded = await loadQuestionSets(setPaths, store);
  if (loaded.problems.length > 0) {
    const count = loaded.problems.length;
    throw new QuestionSetError(`${count} problem${count === 1 ? '' : 's'} in the question sets`, loaded.problems.map(formatProblem));
  }
  return loaded.sets;
}
