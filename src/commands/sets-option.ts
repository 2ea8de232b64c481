import { QuestionSetError } from '../core/errors.js';
import { formatProblem } from '../core/problem.js';
import type { QuestionSet } from '../core/question-set-schema.js';
import { loadBuiltinSets } from '../io/builtin-sets.js';
import type { FileStore } from '../io/file-store.js';

/**
 * The sets a command works on: the files and folders (or installed question packs) given with
 * `-s/--set`, or the built-in bank when none are given. Any problem in a given file stops the
 * command with all of them.
 */
export async function loadSetsOption(setPaths: readonly string[] | undefined, store: FileStore): Promise<QuestionSet[]> {
  return (await loadSetsWithSources(setPaths, store)).sets;
}

/**
 * {@link loadSetsOption}, and each `-s` value as a transcript keeps it (a pack's name or an
 * absolute path; none for the built-in bank), so later next-step commands can repeat it.
 */
export async function loadSetsWithSources(
  setPaths: readonly string[] | undefined,
  store: FileStore,
): Promise<{ sets: QuestionSet[]; sources: string[] }> {
  if (!setPaths || setPaths.length === 0) return { sets: await loadBuiltinSets(store), sources: [] };
  const [{ loadQuestionSets }, { resolveSetSources }] = await Promise.all([
    import('../io/load-question-sets.js'),
    import('../io/resolve-set-sources.js'),
  ]);
  // A -s value that is no file or folder may name an installed question pack.
  const resolved = await resolveSetSources(setPaths, store, process.cwd());
  const loaded = resolved.problems.length > 0 ? { sets: [], problems: resolved.problems } : await loadQuestionSets(resolved.paths, store);
  if (loaded.problems.length > 0) {
    const count = loaded.problems.length;
    throw new QuestionSetError(`${count} problem${count === 1 ? '' : 's'} in the question sets`, loaded.problems.map(formatProblem));
  }
  return { sets: loaded.sets, sources: resolved.sources };
}
