import type { Context } from '../context.js';
import type { Problem } from '../core/problem.js';
import { formatProblem } from '../core/problem.js';
import { stringifyJson } from '../core/sanitize-text.js';
import { plural } from '../core/text.js';
import type { LoadedSets } from '../io/load-question-sets.js';
import { loadQuestionSets } from '../io/load-question-sets.js';
import { resolveSetSources } from '../io/resolve-set-sources.js';

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
export async function runValidate(options: ValidateOptions, ctx: Pick<Context, 'stdout' | 'store'>): Promise<{ valid: boolean }> {
  // A pack's name, or a pack's folder, is validated as the sets it declares.
  const resolved = await resolveSetSources(options.paths, ctx.store, process.cwd());
  const loaded = await loadQuestionSets(resolved.paths, ctx.store);
  loaded.problems.unshift(...resolved.problems);
  const warnings = await locateWarnings(loaded, ctx.store);
  const questions = loaded.sets.reduce((sum, set) => sum + set.questions.length, 0);
  const valid = loaded.problems.length === 0 && (!options.strict || warnings.length === 0);
  const out = ctx.stdout;
  if (options.json) {
    out.line(
      stringifyJson({
        valid,
        files: loaded.fileCount,
        sets: loaded.sets.length,
        questions,
        problems: loaded.problems,
        warnings,
      }),
    );
    return { valid };
  }
  // One write: a file of 45,000 broken questions has 135,000 problems.
  const label = options.strict ? 'error (strict)' : 'warning';
  const lines = [
    ...loaded.problems.map(formatProblem),
    ...warnings.map((warning) => formatProblem({ ...warning, message: `${label}: ${warning.message}` })),
  ];
  if (lines.length > 0) out.write(`${lines.join('\n')}\n`);
  const warned = warnings.length === 0 ? '' : `; ${plural(warnings.length, 'warning')} about key points`;
  if (valid) {
    out.line(
      `${out.color.green('✔')} ${plural(loaded.fileCount, 'file')} valid: ${plural(loaded.sets.length, 'set')}, ${plural(questions, 'question')}${warned}`,
    );
  } else {
    const failing = [...loaded.problems, ...(options.strict ? warnings : [])];
    const badFiles = new Set(failing.map((problem) => problem.file)).size;
    out.line(
      `${out.color.red('✖')} ${plural(failing.length, 'problem')} in ${plural(badFiles, 'file')}${options.strict ? ' (warnings count with --strict)' : ''}`,
    );
  }
  return { valid };
}

/** The key-point warnings of every set that loaded, located in its file. Loaded lazily: a clean set costs one pass over its data. */
async function locateWarnings(loaded: LoadedSets, store: Context['store']): Promise<Problem[]> {
  const [{ findKeyPointWarnings }, { locatePaths }, { decodeText }] = await Promise.all([
    import('../core/key-point-warnings.js'),
    import('../core/parse-question-set.js'),
    import('../core/decode-text.js'),
  ]);
  const located: Problem[] = [];
  for (const set of loaded.sets) {
    const warnings = findKeyPointWarnings(set);
    const file = loaded.files.get(set.id);
    if (warnings.length === 0 || file === undefined) continue;
    const decoded = decodeText(await store.readBytes(file));
    const places = decoded.ok
      ? locatePaths(
          decoded.text,
          warnings.map((warning) => warning.path),
        )
      : [];
    for (const [index, warning] of warnings.entries()) {
      located.push({ file, ...(places[index] ?? { line: 1, col: 1 }), message: warning.message });
    }
  }
  return located;
}
