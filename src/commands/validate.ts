import type { Context } from '../context.js';
import { formatProblem } from '../core/problem.js';
import { stringifyJson } from '../core/sanitize-text.js';
import { plural } from '../core/text.js';
import { loadQuestionSets } from '../io/load-question-sets.js';
import { resolveSetSources } from '../io/resolve-set-sources.js';

export interface ValidateOptions {
  paths: string[];
  json?: boolean;
}

/** `mockprep validate <path...>`: every problem as `file:line:col: message`, or a one-line summary. */
export async function runValidate(options: ValidateOptions, ctx: Pick<Context, 'stdout' | 'store'>): Promise<{ valid: boolean }> {
  // A pack's name, or a pack's folder, is validated as the sets it declares.
  const resolved = await resolveSetSources(options.paths, ctx.store, process.cwd());
  const loaded = await loadQuestionSets(resolved.paths, ctx.store);
  loaded.problems.unshift(...resolved.problems);
  const questions = loaded.sets.reduce((sum, set) => sum + set.questions.length, 0);
  const valid = loaded.problems.length === 0;
  const out = ctx.stdout;
  if (options.json) {
    out.line(
      stringifyJson({
        valid,
        files: loaded.fileCount,
        sets: loaded.sets.length,
        questions,
        problems: loaded.problems,
      }),
    );
    return { valid };
  }
  // One write: a file of 45,000 broken questions has 135,000 problems.
  if (loaded.problems.length > 0) out.write(`${loaded.problems.map(formatProblem).join('\n')}\n`);
  if (valid) {
    out.line(
      `${out.color.green('✔')} ${plural(loaded.fileCount, 'file')} valid: ${plural(loaded.sets.length, 'set')}, ${plural(questions, 'question')}`,
    );
  } else {
    const badFiles = new Set(loaded.problems.map((problem) => problem.file)).size;
    out.line(`${out.color.red('✖')} ${plural(loaded.problems.length, 'problem')} in ${plural(badFiles, 'file')}`);
  }
  return { valid };
}
