/** One located problem in a file, shown as `file:line:col: message`. */
export interface Problem {
  file: string;
  /** 1-based; 0 when the problem is about the file as a whole (it is missing, say). */
  line: number;
  col: number;
  message: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.col}` : problem.file;
  return `${where}: ${problem.message}`;
}
