import { escapeControls } from './sanitize-text.js';

/** One located problem in a file, shown as `file:line:col: message`. */
export interface Problem {
  file: string;
  /** 1-based; 0 when the problem is about the file as a whole (it is missing, say). */
  line: number;
  col: number;
  message: string;
}

/**
 * The problem as one line. The file name and the message may carry text from outside (a name with
 * escapes in it, a parser's message quoting the file): both are shown through {@link escapeControls}.
 */
export function formatProblem(problem: Problem): string {
  const file = escapeControls(problem.file);
  const where = problem.line > 0 ? `${file}:${problem.line}:${problem.col}` : file;
  return `${where}: ${escapeControls(problem.message)}`;
}
