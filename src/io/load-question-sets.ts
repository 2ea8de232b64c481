import { join } from 'node:path';
import { checkSetSize, parseQuestionSetBytes } from '../core/parse-question-set.js';
import type { Problem } from '../core/problem.js';
import type { QuestionSet } from '../core/question-set-schema.js';
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
  for (const path of paths) {
    const info = await store.stat(path);
    if (!info) {
      loaded.problems.push({
        file: path,
        line: 0,
        col: 0,
        message: 'no such file or folder',
      });
    } else if (info.kind === 'directory') {
      const names = (await store.list(path)).filter((name) => SET_FILE.test(name));
      if (names.length === 0)
        loaded.problems.push({
          file: path,
          line: 0,
          col: 0,
          message: 'no .yaml or .yml files in this folder',
        });
      files.push(...names.map((name) => join(path, name)));
    } else {
      files.push(path);
    }
  }
  for (const file of files) {
    loaded.fileCount++;
    const info = await store.stat(file);
    const tooBig = info && checkSetSize(info.size, file);
    if (tooBig) {
      loaded.problems.push(tooBig);
      continue;
    }
    if (info?.kind !== 'file') {
      loaded.problems.push({
        file,
        line: 0,
        col: 0,
        message: 'not a regular file',
      });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await store.readBytes(file);
    } catch (error) {
      loaded.problems.push({
        file,
        line: 0,
        col: 0,
        message: `cannot read the file (${describeFsError(error)})`,
      });
      continue;
    }
    const result = parseQuestionSetBytes(bytes, file);
    if (!result.ok) {
      loaded.problems.push(...result.problems);
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
  }
  return loaded;
}
