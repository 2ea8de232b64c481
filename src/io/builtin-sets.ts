import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { QuestionSetError } from '../core/errors.js';
import { formatProblem } from '../core/problem.js';
import type { QuestionSet } from '../core/question-set-schema.js';
import type { FileStore } from './file-store.js';
import { isErrnoCode } from './file-store.js';

/** The built-in question sets' YAML sources, found from this module, not from the working directory. */
export const BUILTIN_QUESTIONS_DIR = fileURLToPath(new URL('../../questions/', import.meta.url));
/** The JSON Schema of question sets the package ships (written by `npm run schema`). */
export const SCHEMA_PATH = fileURLToPath(new URL('../../schema/question-set.schema.json', import.meta.url));
/**
 * The same sets, validated and compiled to JSON by the build (`scripts/build.js`), so that
 * `list` and `start` on the built-in bank pay for neither the YAML parser nor zod.
 */
export const BUILTIN_BANK_JSON = fileURLToPath(new URL('../builtin-bank.json', import.meta.url));

export interface BuiltinBank {
  version: 1;
  sets: QuestionSet[];
}

/** The built-in sets: from the compiled bank when the build made one, else from the YAML. */
export async function loadBuiltinSets(store: Pick<FileStore, 'stat' | 'list' | 'readBytes' | 'readText'>): Promise<QuestionSet[]> {
  try {
    const bank = JSON.parse(await readFile(BUILTIN_BANK_JSON, 'utf8')) as BuiltinBank;
    return bank.sets;
  } catch (error) {
    if (!isErrnoCode(error, 'ENOENT')) throw error;
  }
  const { loadQuestionSets } = await import('./load-question-sets.js');
  const loaded = await loadQuestionSets([BUILTIN_QUESTIONS_DIR], store);
  if (loaded.problems.length > 0) {
    throw new QuestionSetError('the built-in question bank has problems', loaded.problems.map(formatProblem));
  }
  return loaded.sets;
}
