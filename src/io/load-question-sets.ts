import { join } from 'node:path';
import { decodeText } from '../core/decode-text.js';
import type { ParseResult } from '../core/parse-question-set.js';
import { checkSetSize, MAX_SET_BYTES, parseValidSetQuickly } from '../core/parse-question-set-quickly.js';
import type { Problem } from '../core/problem.js';
import type { QuestionSet } from '../core/question-set-schema.js';
import { checkCrossSetRelated, resolveRelatedRef } from '../core/related-questions.js';
import { plainUtf8Text } from './decode-utf8.js';
import type { FileStore } from './file-store.js';
import { describeFsError } from './file-store.js';

export interface LoadedSets {
  sets: QuestionSet[];
  /** The file each set came from, by set id. */
  files: Map<string, string>;
  problems: Problem[];
  /** How many files were read. */
  fileCount: number;
}

const SET_FILE = /\.ya?ml$/i;

/** What reading sets takes of a FileStore. */
export type SetStore = Pick<FileStore, 'stat' | 'list' | 'readBytes' | 'readText'>;

/**
 * Loads question sets from files and folders (each `.yaml`/`.yml` file directly in a folder).
 * Never throws for bad content: every problem of every file is returned, located.
 */
export async function loadQuestionSets(paths: readonly string[], store: SetStore): Promise<LoadedSets> {
  const loaded: LoadedSets = {
    sets: [],
    files: new Map(),
    problems: [],
    fileCount: 0,
  };
  const texts = new Map<string, string>();
  loaded.fileCount = await scanQuestionSets(paths, store, loaded.problems, (set, file, text) => {
    loaded.sets.push(set);
    loaded.files.set(set.id, file);
    texts.set(set.id, text);
  });
  // A set's `related` entries may name questions of other sets: checked once all are loaded.
  const found = checkCrossSetRelated(loaded.sets);
  const places = await locateRelated(
    found.map((entry) => ({ key: entry.setId, questionIndex: entry.questionIndex, relatedIndex: entry.relatedIndex })),
    async (setId) => texts.get(setId) ?? null,
  );
  found.forEach((entry, i) => {
    loaded.problems.push({ file: loaded.files.get(entry.setId) ?? '', ...(places[i] ?? { line: 1, col: 1 }), message: entry.message });
  });
  return loaded;
}

/**
 * Whether `id` is the first set of its id among the files read so far (`seen`, id to file), and
 * if so keeps it there (a copy of the id); a later set of the same id is a problem of its file.
 */
export function firstOfItsId(
  seen: Map<string, string>,
  set: { file: string; id: string; idAt: { line: number; col: number } },
  problems: Problem[],
): boolean {
  const earlier = seen.get(set.id);
  if (earlier !== undefined) {
    problems.push({ file: set.file, ...set.idAt, message: `duplicate set id "${set.id}": ${earlier} uses it too` });
    return false;
  }
  seen.set(copyString(set.id), set.file);
  return true;
}

/**
 * Where each `related` entry is written (line and column), reading and parsing each file once
 * however many of its entries are asked for (a file with two thousand broken entries was parsed
 * two thousand times). `key` names the file; `textOf` gives its text (null: none to read).
 */
export async function locateRelated(
  entries: readonly { key: string; questionIndex: number; relatedIndex: number }[],
  textOf: (key: string) => Promise<string | null>,
): Promise<{ line: number; col: number }[]> {
  const places: { line: number; col: number }[] = entries.map(() => ({ line: 1, col: 1 }));
  if (entries.length === 0) return places;
  const { locatePaths } = await import('../core/parse-question-set.js');
  const byKey = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    const list = byKey.get(entry.key);
    if (list) list.push(i);
    else byKey.set(entry.key, [i]);
  });
  for (const [key, indexes] of byKey) {
    const text = await textOf(key);
    if (text === null) continue;
    const found = locatePaths(
      text,
      indexes.map((i) => ['questions', entries[i]?.questionIndex ?? 0, 'related', entries[i]?.relatedIndex ?? 0]),
    );
    indexes.forEach((i, j) => {
      places[i] = found[j] ?? { line: 1, col: 1 };
    });
  }
  return places;
}

/** A `related` entry naming a question of another set, as kept for the check at the end. */
export interface CrossSetRef {
  file: string;
  questionIndex: number;
  relatedIndex: number;
  ref: string;
  target: { setId: string; questionId: string };
}

export function crossSetRefs(set: QuestionSet, file: string): CrossSetRef[] {
  const refs: CrossSetRef[] = [];
  set.questions.forEach((question, questionIndex) => {
    (question.related ?? []).forEach((ref, relatedIndex) => {
      const target = resolveRelatedRef(ref, set.id);
      if (target.setId === set.id) return;
      refs.push({
        file,
        questionIndex,
        relatedIndex,
        ref: copyString(ref),
        target: { setId: copyString(target.setId), questionId: copyString(target.questionId) },
      });
    });
  });
  return refs;
}

/**
 * A string of its own: a parser's substrings may be slices that keep the whole file's text
 * alive, which would make memory grow with every file read.
 */
export function copyString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * Reads every set file of `paths` in turn and hands each valid set, not a duplicate of an earlier
 * one, to `onSet`; every problem goes to `problems`. Returns how many files were read.
 */
async function scanQuestionSets(
  paths: readonly string[],
  store: SetStore,
  problems: Problem[],
  onSet: (set: QuestionSet, file: string, text: string) => void | Promise<void>,
): Promise<number> {
  const files = await listSetFiles(paths, store, problems);
  const seen = new Map<string, string>();
  for (const file of files) {
    const read = await readSetFile(file, store);
    if (!read.ok) {
      for (const found of read.problems) problems.push(found);
      continue;
    }
    if (!firstOfItsId(seen, { file, id: read.set.id, idAt: read.idAt }, problems)) continue;
    await onSet(read.set, file, read.text);
  }
  return files.length;
}

/**
 * The set files `paths` name, in order: each file named, and each `.yaml`/`.yml` file of each
 * folder named. A path that cannot be read, or a folder with no set file, is a problem in
 * `problems`.
 */
export async function listSetFiles(paths: readonly string[], store: SetStore, problems: Problem[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    // A path the file system refuses (a symlink loop, a name too long, no permission) is a
    // problem of that path, like a missing file: never an internal error.
    const info = await tryFs(() => store.stat(path));
    if (!info.ok) {
      problems.push(fileProblem(path, `cannot read it (${describeFsError(info.error)})`));
    } else if (!info.value) {
      problems.push(fileProblem(path, 'no such file or folder'));
    } else if (info.value.kind === 'directory') {
      const listed = await tryFs(() => store.list(path));
      if (!listed.ok) {
        problems.push(fileProblem(path, `cannot list the folder (${describeFsError(listed.error)})`));
        continue;
      }
      const names = listed.value.filter((name) => SET_FILE.test(name));
      if (names.length === 0) problems.push(fileProblem(path, 'no .yaml or .yml files in this folder'));
      for (const name of names) files.push(join(path, name));
    } else {
      files.push(path);
    }
  }
  return files;
}

/** One set file, read and parsed: its set, where its id is and its text; or its problems. */
export async function readSetFile(
  file: string,
  store: SetStore,
): Promise<{ ok: true; set: QuestionSet; idAt: { line: number; col: number }; text: string } | { ok: false; problems: Problem[] }> {
  // The size comes from stat, before a byte is read: a 50 MB file is refused, not loaded.
  const stat = await tryFs(() => store.stat(file));
  if (!stat.ok) return { ok: false, problems: [fileProblem(file, `cannot read the file (${describeFsError(stat.error)})`)] };
  const info = stat.value;
  if (!info) return { ok: false, problems: [fileProblem(file, 'no such file (a dangling link?)')] };
  // Folders, pipes and devices: a pipe would block the read forever.
  if (info.kind !== 'file') return { ok: false, problems: [fileProblem(file, 'not a regular file')] };
  const tooBig = checkSetSize(info.size, file);
  if (tooBig) return { ok: false, problems: [tooBig] };
  const read = await tryFs(() => parseSetFile(file, store));
  if (!read.ok) return { ok: false, problems: [fileProblem(file, `cannot read the file (${describeFsError(read.error)})`)] };
  const { result, text } = read.value;
  if (!result.ok) return { ok: false, problems: result.problems };
  return { ok: true, set: result.set, idAt: result.idAt, text: text ?? '' };
}

/** A problem of a file as a whole (no line). */
function fileProblem(file: string, message: string): Problem {
  return { file, line: 0, col: 0, message };
}

/**
 * A set file read and parsed, with its text (null when it did not parse): the fast road when it
 * vouches for the set, else the careful road, which reads the file's bytes (to say where they
 * are not UTF-8) and whose module (the yaml package's Document API, the zod schema) is loaded only
 * then.
 */
export async function parseSetFile(
  file: string,
  store: Pick<FileStore, 'readBytes' | 'readText'>,
): Promise<{ result: ParseResult; text: string | null }> {
  const plain = plainUtf8Text(await store.readText(file), MAX_SET_BYTES);
  const quick = plain === null ? null : parseValidSetQuickly(plain);
  if (quick) return { result: { ok: true, ...quick }, text: plain };
  const bytes = await store.readBytes(file);
  const careful = await import('../core/parse-question-set.js');
  const result = careful.parseQuestionSetBytes(bytes, file);
  const decoded = result.ok ? decodeText(bytes) : null;
  return { result, text: decoded?.ok ? decoded.text : null };
}

/** A set file's text, decoded as {@link parseSetFile} decodes it; null when it is not UTF-8 text. */
export async function readSetText(file: string, store: Pick<FileStore, 'readBytes' | 'readText'>): Promise<string | null> {
  const plain = plainUtf8Text(await store.readText(file), MAX_SET_BYTES);
  if (plain !== null) return plain;
  const decoded = decodeText(await store.readBytes(file));
  return decoded.ok ? decoded.text : null;
}

type Tried<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function tryFs<T>(run: () => Promise<T>): Promise<Tried<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}
