import { findKeyPointWarnings } from '../core/key-point-warnings.js';
import type { Problem } from '../core/problem.js';
import type { QuestionSet } from '../core/question-set-schema.js';
import { describeMissingRelated } from '../core/related-questions.js';
import type { CrossSetRef, SetStore } from './load-question-sets.js';
import {
  copyString,
  crossSetRefs,
  firstOfItsId,
  listSetFiles,
  locateRelated,
  parseSetFile,
  readSetFile,
  readSetText,
} from './load-question-sets.js';

// validate's check of question sets: the loader's reading and parsing (load-question-sets.ts),
// keeping of each set only counts, problems and warnings, so that memory stays flat in the number
// of files, and able to check the files in worker threads (set-check-pool.ts).

/** What {@link checkQuestionSets} keeps: counts, problems and warnings, never the sets. */
export interface CheckedSets {
  problems: Problem[];
  /** Warnings about key points (with `warnings`), located, in the order of the files. */
  warnings: Problem[];
  fileCount: number;
  setCount: number;
  questionCount: number;
  /** The ids of the sets checked, in the order of the files (duplicates left out). */
  setIds: string[];
}

/** One set file as {@link checkQuestionSets} checks it: its problems, or what it keeps of its set. */
export type SetFileVerdict =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      setId: string;
      idAt: { line: number; col: number };
      questionCount: number;
      refs: CrossSetRef[];
      warnings: Problem[];
    };

/**
 * How the files are checked: each by `check` in this thread, or as `check` would in another (by
 * {@link checkSetFile} with `options`), the verdicts in the order of `files`. The default checks
 * them one after another.
 */
export type CheckFiles = (
  files: readonly string[],
  check: (file: string) => Promise<SetFileVerdict>,
  options: { warnings?: boolean },
) => Promise<SetFileVerdict[]>;

async function checkInTurn(files: readonly string[], check: (file: string) => Promise<SetFileVerdict>): Promise<SetFileVerdict[]> {
  const verdicts: SetFileVerdict[] = [];
  for (const file of files) verdicts.push(await check(file));
  return verdicts;
}

/**
 * Checks one set file (read, parsed, checked) and keeps only what {@link checkQuestionSets}
 * needs of it: no set, no text. What a worker thread runs (src/set-check-worker.ts): the
 * verdict is plain data.
 */
export async function checkSetFile(file: string, store: SetStore, options: { warnings?: boolean } = {}): Promise<SetFileVerdict> {
  const read = await readSetFile(file, store);
  if (!read.ok) return read;
  const { set, idAt, text } = read;
  return {
    ok: true,
    setId: copyString(set.id),
    idAt,
    questionCount: set.questions.length,
    refs: crossSetRefs(set, file),
    warnings: options.warnings ? await keyPointWarnings(set, file, text) : [],
  };
}

/**
 * Checks question sets file by file, as {@link loadQuestionSets} loads them, keeping of each set
 * its counts, its cross-set `related` entries and (with `warnings`) the warnings about its key
 * points, found and located while its text is at hand: memory stays flat however many files
 * there are (`validate` over 50,000 questions). The sets named by another set's `related` entries
 * are read again at the end to check them. `checkFiles` may check the files in other threads.
 */
export async function checkQuestionSets(
  paths: readonly string[],
  store: SetStore,
  options: { warnings?: boolean; checkFiles?: CheckFiles } = {},
): Promise<CheckedSets> {
  const checked: CheckedSets = { problems: [], warnings: [], fileCount: 0, setCount: 0, questionCount: 0, setIds: [] };
  const listed = await listSetFiles(paths, store, checked.problems);
  checked.fileCount = listed.length;
  const fileOptions = { warnings: options.warnings === true };
  const check = (file: string) => checkSetFile(file, store, fileOptions);
  const verdicts = await (options.checkFiles ?? checkInTurn)(listed, check, fileOptions);
  const files = new Map<string, string>();
  const refs: CrossSetRef[] = [];
  verdicts.forEach((verdict, i) => {
    const file = listed[i] as string;
    // One at a time: a spread of 45,000 problems into push overflows the stack.
    if (!verdict.ok) {
      for (const found of verdict.problems) checked.problems.push(found);
      return;
    }
    if (!firstOfItsId(files, { file, id: verdict.setId, idAt: verdict.idAt }, checked.problems)) return;
    checked.setIds.push(verdict.setId);
    checked.setCount++;
    checked.questionCount += verdict.questionCount;
    for (const ref of verdict.refs) refs.push(ref);
    for (const warning of verdict.warnings) checked.warnings.push(warning);
  });
  if (refs.length === 0) return checked;
  // The question ids of each set named, read again (only sets some other set names).
  const idsOf = new Map<string, string[]>();
  for (const setId of new Set(refs.map((ref) => ref.target.setId))) {
    const file = files.get(setId);
    if (file === undefined) continue;
    const { result: parsed } = await parseSetFile(file, store);
    if (parsed.ok)
      idsOf.set(
        setId,
        parsed.set.questions.map((question) => question.id),
      );
  }
  const idSets = new Map([...idsOf].map(([setId, ids]) => [setId, new Set(ids)]));
  const missing = refs.filter((ref) => idSets.get(ref.target.setId)?.has(ref.target.questionId) === false);
  const places = await locateRelated(
    missing.map((ref) => ({ key: ref.file, questionIndex: ref.questionIndex, relatedIndex: ref.relatedIndex })),
    (file) => readSetText(file, store),
  );
  missing.forEach((ref, i) => {
    checked.problems.push({
      file: ref.file,
      ...(places[i] ?? { line: 1, col: 1 }),
      message: describeMissingRelated(ref.ref, ref.target, idsOf.get(ref.target.setId) ?? []),
    });
  });
  return checked;
}

/**
 * The warnings about a set's key points (key-point-warnings.ts), each located in its text. The
 * yaml package's Document API locates them: loaded only for a set that has some.
 */
async function keyPointWarnings(set: QuestionSet, file: string, text: string): Promise<Problem[]> {
  const found = findKeyPointWarnings(set);
  if (found.length === 0) return [];
  const { locatePaths } = await import('../core/parse-question-set.js');
  const places = locatePaths(
    text,
    found.map((warning) => warning.path),
  );
  return found.map((warning, index) => ({ file, ...(places[index] ?? { line: 1, col: 1 }), message: warning.message }));
}
