import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Context } from '../context.js';
import { MockprepError, UsageError } from '../core/errors.js';
import { escapeControls } from '../core/sanitize-text.js';
import { ID_PATTERN, slugWords } from '../core/slug.js';
import { renderStarterSet } from '../core/starter-set.js';
import { SCHEMA_PATH } from '../io/builtin-sets.js';
import { describeFsError } from '../io/file-store.js';
import { FileExistsError, writeNewFile } from '../io/write-new-file.js';
import { shellQuote } from './shell-quote.js';

export interface InitOptions {
  /** The file to write (or a folder to write `my-questions.yaml` into); default `my-questions.yaml`. */
  file?: string;
}

export const DEFAULT_INIT_FILE = 'my-questions.yaml';

/** `mockprep init [file]`: a commented starter set, never over an existing file. */
export async function runInit(options: InitOptions, ctx: Pick<Context, 'stdout' | 'store'>): Promise<{ path: string }> {
  let path = resolve(options.file ?? DEFAULT_INIT_FILE);
  if ((await ctx.store.stat(path))?.kind === 'directory') path = join(path, DEFAULT_INIT_FILE);
  if (!/^\.ya?ml$/i.test(extname(path))) {
    throw new UsageError(`${options.file}: a question set's name must end in .yaml or .yml (folders are read for those)`);
  }
  const folder = await ctx.store.stat(dirname(path));
  if (folder?.kind !== 'directory') throw new MockprepError(`${dirname(path)}: no such folder; create it first`);
  // Every word of the file name: "my-questions.yaml" is the set my-questions, not questions.
  const words = slugWords(basename(path, extname(path))).join('-');
  const id = ID_PATTERN.test(words) ? words : 'my-questions';
  const title = id
    .split(/[-_.]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(' ');
  // Relative to the new file, so the schema line works wherever the two sit (a project with
  // mockprep in node_modules, or a clone of mockprep itself).
  const schemaRef = relative(dirname(path), SCHEMA_PATH).split(sep).join('/');
  const shown = escapeControls(relative(process.cwd(), path) || path);
  try {
    await writeNewFile(path, renderStarterSet({ id, title, schemaRef }));
  } catch (error) {
    if (error instanceof FileExistsError) {
      throw new MockprepError(`${shown} already exists; init does not overwrite files: name another one (mockprep init <file>)`);
    }
    throw new MockprepError(`cannot write ${shown} (${describeFsError(error)})`, { cause: error });
  }
  const out = ctx.stdout;
  const typed = relative(process.cwd(), path) || path;
  const arg = shellQuote(typed.startsWith('-') ? `./${typed}` : typed);
  out.line(`${out.color.green('✔')} Wrote ${shown}: a starter set with one category and one question, every field explained.`);
  out.line('Next:');
  out.line(`  edit it ${out.color.dim('(its first line gives editors completion and checks)')}`);
  out.line(`  mockprep validate ${arg}`);
  out.line(`  mockprep start -s ${arg}`);
  return { path };
}
