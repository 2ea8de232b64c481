import { join } from 'node:path';
import { decodeText } from '../core/decode-text.js';
import { checkSetSize, locateInSet, parseQuestionSetBytes } from '../core/parse-question-set.js';
import type { Problem } from '../core/problem.js';
import type { QuestionSet } from '../core/question-set-schema.js';
import { checkCrossSetRelated } from '../core/related-questions.js';
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

/**
 * Loads question sets from files and folders (each `.yaml`/`.yml` file directly in a folder).
 * Never throws for bad content: every problem of every file is returned, located.
 */
export async function loadQuestionSets(
  paths: readonly string[],
  store: Pick<FileStore, 'stat' | 'list' | 'readBytes'>,
): Promise<LoadedSets> {
  const loaded: LoadedSets = {
    sets: [],
    files: new Map(),
    problems: [],
    fileCount: 0,
  };
  const files: string[] = [];
  const texts = new Map<string, Uint8Array>();
  const problem = (file: string, message: string) => loaded.problems.push({ file, line: 0, col: 0, message });
  for (const path of paths) {
    // A path the file system refuses (a symlink loop, a name too long, no permission) is a
    // problem of that path, like a missing file: never an internal error.
    const info = await tryFs(() => store.stat(path));
    if (!info.ok) {
      problem(path, `cannot read it (${describeFsError(info.error)})`);
    } else if (!info.value) {
      problem(path, 'no such file or folder');
    } else if (info.value.kind === 'directory') {
      const listed = await tryFs(() => store.list(path));
      if (!listed.ok) {
        problem(path, `cannot list the folder (${describeFsError(listed.error)})`);
        continue;
      }
      const names = listed.value.filter((name) => SET_FILE.test(name));
      if (names.length === 0) problem(path, 'no .yaml or .yml files in this folder');
      for (const name of names) files.push(join(path, name));
    } else {
      files.push(path);
    }
  }
  for (const file of files) {
    loaded.fileCount++;
    // The size comes from stat, before a byte is read: a 50 MB file is refused, not loaded.
    const stat = await tryFs(() => store.stat(file));
    if (!stat.ok) {
      problem(file, `cannot read the file (${describeFsError(stat.error)})`);
      continue;
    }
    const info = stat.value;
    if (!info) {
      problem(file, 'no such file (a dangling link?)');
      continue;
    }
    if (info.kind !== 'file') {
      // Folders, pipes and devices: a pipe would block the read forever.
      problem(file, 'not a regular file');
      continue;
    }
    const tooBig = checkSetSize(info.size, file);
    if (tooBig) {
      loaded.problems.push(tooBig);
      continue;
    }
    const read = await tryFs(() => store.readBytes(file));
    if (!read.ok) {
      problem(file, `cannot read the file (${describeFsError(read.error)})`);
      continue;
    }
    const bytes = read.value;
    const result = parseQuestionSetBytes(bytes, file);
    if (!result.ok) {
      // One at a time: a spread of 45,000 problems into push overflows the stack.
      for (const found of result.problems) loaded.problems.push(found);
      continue;
    }
    const earlier = loaded.files.get(result.set.id);
    if (earlier !== undefined) {
      loaded.problems.push({
        file,
        ...result.idAt,
        message: `duplicate set id "${result.set.id}": ${earlier} uses it too`,
      });
      continue;
    }
    loaded.sets.push(result.set);
    loaded.files.set(result.set.id, file);
    texts.set(result.set.id, bytes);
  }
  // A set's `related` entries may name questions of other sets: checked once all are loaded.
  for (const found of checkCrossSetRelated(loaded.sets)) {
    const file = loaded.files.get(found.setId) ?? '';
    const decoded = decodeText(texts.get(found.setId) ?? new Uint8Array());
    const at = decoded.ok
      ? locateInSet(decoded.text, ['questions', found.questionIndex, 'related', found.relatedIndex])
      : { line: 1, col: 1 };
    loaded.problems.push({ file, ...at, message: found.message });
  }
  return loaded;
}

type Tried<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function tryFs<T>(run: () => Promise<T>): Promise<Tried<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}
