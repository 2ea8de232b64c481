import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { Context } from '../context.js';
import { decodeText } from '../core/decode-text.js';
import { MockprepError, QuestionSetError, UsageError } from '../core/errors.js';
import { buildImportedSet, checkIdOverride, renderImportedSet } from '../core/import/build-set.js';
import type { ImportFormat } from '../core/import/draft.js';
import { importList } from '../core/import/import-lists.js';
import { parseQuestionSet } from '../core/parse-question-set.js';
import type { Problem } from '../core/problem.js';
import { formatProblem } from '../core/problem.js';
import { escapeControls } from '../core/sanitize-text.js';
import { plural } from '../core/text.js';
import { SCHEMA_PATH } from '../io/builtin-sets.js';
import { describeFsError } from '../io/file-store.js';
import { FileExistsError, writeNewFile } from '../io/write-new-file.js';
import { shellQuote } from './shell-quote.js';

export interface ImportOptions {
  files: string[];
  output?: string;
  id?: string;
  title?: string;
  category?: string;
  format?: ImportFormat;
  force?: boolean;
}

/** Lists to import may be larger than a set file; past this they are surely something else. */
const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

/**
 * `mockprep import <file...>`: markdown lists, CSV/TSV and Anki exports as one question set
 * that validates. The YAML goes to `-o` (never over an existing file without `--force`) or
 * to stdout; the summary of what was read and guessed to stdout with `-o`, else to stderr.
 */
export async function runImport(options: ImportOptions, ctx: Pick<Context, 'stdout' | 'stderr' | 'store'>): Promise<void> {
  const idProblem = checkIdOverride(options.id);
  if (idProblem) throw new UsageError(idProblem);
  for (const [name, value] of [
    ['--title', options.title],
    ['--category', options.category],
  ] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${name} must not be empty`);
  }
  const lists = [];
  const problems: Problem[] = [];
  for (const file of options.files) {
    const text = await readListFile(file, ctx.store, problems);
    if (text === null) continue;
    const list = importList(text, file, options.format);
    problems.push(...list.problems);
    lists.push(list);
  }
  if (problems.length > 0) {
    throw new QuestionSetError(
      `${plural(problems.length, 'problem')} in the ${options.files.length === 1 ? 'file' : 'files'} to import; nothing was written`,
      problems.map(formatProblem),
    );
  }
  const { set, summary } = buildImportedSet(lists, { id: options.id, title: options.title, category: options.category });
  const outputPath = options.output === undefined ? undefined : resolve(options.output);
  const schemaRef = relative(outputPath ? dirname(outputPath) : process.cwd(), SCHEMA_PATH)
    .split(sep)
    .join('/');
  const yaml = renderImportedSet(set, { schemaRef, files: options.files.map((file) => basename(file).replace(/\s+/g, ' ')) });
  // The importer's promise is a set that validates: hold it to that before anything is written.
  const check = parseQuestionSet(yaml, options.output ?? '<stdout>');
  if (!check.ok) {
    // What the lists hold but a set may not (a field over the loader's size cap, say): said, not written.
    throw new QuestionSetError(
      'the imported set would not pass mockprep validate; nothing was written',
      check.problems.map((problem) => formatProblem({ ...problem, file: 'imported set' })),
    );
  }

  const report = outputPath === undefined ? ctx.stderr : ctx.stdout;
  if (outputPath === undefined) {
    ctx.stdout.write(yaml);
  } else {
    const shown = escapeControls(options.output as string);
    try {
      if (options.force) await ctx.store.writeAtomic(outputPath, yaml);
      else await writeNewFile(outputPath, yaml);
    } catch (error) {
      if (error instanceof FileExistsError) throw new MockprepError(`${shown} already exists; add --force to replace it`);
      throw new MockprepError(`cannot write ${shown} (${describeFsError(error)})`, { cause: error });
    }
  }
  const { color } = report;
  const categories = summary.categories.map((category) => `${category.title} ${category.questions}`).join(', ');
  report.line(
    `${color.green('✔')} ${outputPath === undefined ? 'Imported' : `Wrote ${escapeControls(options.output as string)}:`} ${plural(summary.questions, 'question')} in ${plural(summary.categories.length, 'category', 'categories')} (${categories}), ${plural(summary.followUps, 'follow-up')}, ${summary.withNotes} with notes${summary.hints > 0 ? `, ${plural(summary.hints, 'hint')}` : ''}`,
  );
  if (summary.guesses.length > 0) {
    report.line('Guessed:');
    for (const guess of summary.guesses) report.line(`  - ${guess}`);
  }
  if (outputPath !== undefined) {
    const arg = shellQuote(options.output as string);
    report.line('Next:');
    report.line(`  mockprep validate ${arg}`);
    report.line(`  mockprep start -s ${arg}`);
  }
}

async function readListFile(
  file: string,
  store: Pick<Context['store'], 'stat' | 'readBytes'>,
  problems: Problem[],
): Promise<string | null> {
  const fail = (message: string, line = 0, col = 0) => {
    problems.push({ file, line, col, message });
    return null;
  };
  let info: Awaited<ReturnType<typeof store.stat>>;
  try {
    info = await store.stat(file);
  } catch (error) {
    return fail(`cannot read it (${describeFsError(error)})`);
  }
  if (!info) return fail('no such file');
  if (info.kind !== 'file') return fail(info.kind === 'directory' ? 'a folder: name the files to import' : 'not a regular file');
  if (info.size > MAX_IMPORT_BYTES)
    return fail(`file is ${(info.size / 1024 / 1024).toFixed(1)} MB; a list to import may be at most 8 MB`, 1, 1);
  let bytes: Uint8Array;
  try {
    bytes = await store.readBytes(file);
  } catch (error) {
    return fail(`cannot read the file (${describeFsError(error)})`);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    return fail(
      decoded.reason === 'binary'
        ? 'not a text file (binary data): import reads markdown, CSV, TSV or Anki text exports'
        : 'not valid UTF-8 text: save the file as UTF-8',
      decoded.line,
      decoded.col,
    );
  }
  return decoded.text;
}
