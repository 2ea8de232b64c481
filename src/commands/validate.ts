import type { Context } from '../context.js';
import { formatProblem } from '../core/problem.js';
import { stringifyJson } from '../core/sanitize-text.js';
import { plural } from '../core/text.js';
import { checkQuestionSets } from '../io/check-question-sets.js';
import { resolveSetSources } from '../io/resolve-set-sources.js';
import { checkFilesInWorkers } from '../io/set-check-pool.js';

export interface ValidateOptions {
  paths: string[];
  json?: boolean;
  /** Warnings count as problems. */
  strict?: boolean;
}

/**
 * `mockprep validate <path...>`: every problem as `file:line:col: message`, then warnings about
 * key points that will judge answers badly (`file:line:col: warning: message`), or a one-line
 * summary. Warnings fail the check only with `--strict`.
 */
export async function runValidate(
  options: ValidateOptions,
  ctx: Pick<Context, 'stdout' | 'store'> & {
    /** The files may be checked in worker threads too (they read the file system itself: only with the real store). */
    workers?: boolean;
  },
): Promise<{ valid: boolean }> {
  // A pack's name, or a pack's folder, is validated as the sets it declares.
  const resolved = await resolveSetSources(options.paths, ctx.store, process.cwd());
  // Set by set: each set's warnings are found and located while its text is at hand, then the
  // set is let go (memory stays flat in the number of files).
  const checked = await checkQuestionSets(resolved.paths, ctx.store, {
    warnings: true,
    ...(ctx.workers ? { checkFiles: checkFilesInWorkers(ctx.store) } : {}),
  });
  const { warnings } = checked;
  const problems = [...resolved.problems, ...checked.problems];
  const questions = checked.questionCount;
  const valid = problems.length === 0 && (!options.strict || warnings.length === 0);
  const out = ctx.stdout;
  if (options.json) {
    out.line(
      stringifyJson({
        valid,
        files: checked.fileCount,
        sets: checked.setCount,
        questions,
        problems: problems,
        warnings,
      }),
    );
    return { valid };
  }
  // One write: a file of 45,000 broken questions has 135,000 problems.
  const label = options.strict ? 'error (strict)' : 'warning';
  const lines = [
    ...problems.map(formatProblem),
    ...warnings.map((warning) => formatProblem({ ...warning, message: `${label}: ${warning.message}` })),
  ];
  if (lines.length > 0) out.write(`${lines.join('\n')}\n`);
  const warned = warnings.length === 0 ? '' : `; ${plural(warnings.length, 'warning')} about key points`;
  if (valid) {
    out.line(
      `${out.color.green('✔')} ${plural(checked.fileCount, 'file')} valid: ${plural(checked.setCount, 'set')}, ${plural(questions, 'question')}${warned}`,
    );
  } else {
    const failing = [...problems, ...(options.strict ? warnings : [])];
    const badFiles = new Set(failing.map((problem) => problem.file)).size;
    out.line(
      `${out.color.red('✖')} ${plural(failing.length, 'problem')} in ${plural(badFiles, 'file')}${options.strict ? ' (warnings count with --strict)' : ''}`,
    );
  }
  return { valid };
}
