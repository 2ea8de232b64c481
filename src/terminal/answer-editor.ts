import { sanitizeText } from '../core/sanitize-text.js';

/**
 * The answer being typed: its lines and a cursor (line, and a UTF-16 offset in it). Every edit
 * touches only the cursor's line (and splices the line list on a line break), so a keystroke
 * costs the same in a long answer as in a short one; the whole text is joined only when asked.
 */
export interface AnswerEditor {
  readonly lines: readonly string[];
  readonly row: number;
  readonly col: number;
  /** Bumped on every change of the text (not of the cursor alone). */
  readonly version: number;
  text(): string;
  insert(text: string): void;
  newline(): void;
  backspace(): void;
  deleteForward(): void;
  deleteWordBack(): void;
  deleteToLineStart(): void;
  deleteToLineEnd(): void;
  left(): void;
  right(): void;
  wordLeft(): void;
  wordRight(): void;
  lineStart(): void;
  lineEnd(): void;
  /** Moves to `col` (clamped) on line `row` (clamped). */
  moveTo(row: number, col: number): void;
  /** Replaces the cursor's line (a command typed on it, say) with an empty one. */
  clearLine(): void;
  /** Removes the cursor's line altogether (a /done typed on it is not part of the answer). */
  removeLine(): void;
}

/** Text as typed or pasted, made safe to keep and show: line breaks as `\n`, no control characters or escapes. */
export function cleanTyped(text: string): string {
  return sanitizeText(text.replace(/\r\n?/g, '\n'));
}

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

export function createAnswerEditor(draft: string): AnswerEditor {
  const lines = draft === '' ? [''] : draft.split('\n');
  let row = lines.length - 1;
  let col = (lines[row] ?? '').length;
  let version = 0;
  const line = () => lines[row] ?? '';
  const setLine = (text: string) => {
    lines[row] = text;
    version++;
  };
  // Keeps the cursor off the middle of a surrogate pair.
  const back = (text: string, at: number) =>
    at >= 2 && /[\udc00-\udfff]/.test(text[at - 1] ?? '') && /[\ud800-\udbff]/.test(text[at - 2] ?? '') ? at - 2 : at - 1;
  const forward = (text: string, at: number) =>
    /[\ud800-\udbff]/.test(text[at] ?? '') && /[\udc00-\udfff]/.test(text[at + 1] ?? '') ? at + 2 : at + 1;

  const editor: AnswerEditor = {
    get lines() {
      return lines;
    },
    get row() {
      return row;
    },
    get col() {
      return col;
    },
    get version() {
      return version;
    },
    text: () => lines.join('\n'),
    insert(raw) {
      const text = cleanTyped(raw);
      if (text === '') return;
      const current = line();
      const head = current.slice(0, col);
      const tail = current.slice(col);
      if (!text.includes('\n')) {
        setLine(head + text + tail);
        col += text.length;
        return;
      }
      const parts = text.split('\n');
      const last = parts.pop() ?? '';
      const first = parts.shift() ?? '';
      lines.splice(row, 1, head + first, ...parts, last + tail);
      version++;
      row += parts.length + 1;
      col = last.length;
    },
    newline() {
      const current = line();
      lines.splice(row, 1, current.slice(0, col), current.slice(col));
      version++;
      row++;
      col = 0;
    },
    backspace() {
      if (col > 0) {
        const current = line();
        const to = back(current, col);
        setLine(current.slice(0, to) + current.slice(col));
        col = to;
        return;
      }
      if (row === 0) return;
      const above = lines[row - 1] ?? '';
      lines.splice(row - 1, 2, above + line());
      version++;
      row--;
      col = above.length;
    },
    deleteForward() {
      const current = line();
      if (col < current.length) {
        setLine(current.slice(0, col) + current.slice(forward(current, col)));
        return;
      }
      if (row >= lines.length - 1) return;
      lines.splice(row, 2, current + (lines[row + 1] ?? ''));
      version++;
    },
    deleteWordBack() {
      if (col === 0) return editor.backspace();
      const current = line();
      let to = col;
      while (to > 0 && isSpace(current[to - 1])) to--;
      while (to > 0 && !isSpace(current[to - 1])) to--;
      setLine(current.slice(0, to) + current.slice(col));
      col = to;
    },
    deleteToLineStart() {
      if (col === 0) return;
      setLine(line().slice(col));
      col = 0;
    },
    deleteToLineEnd() {
      const current = line();
      if (col === current.length) return editor.deleteForward();
      setLine(current.slice(0, col));
    },
    left() {
      if (col > 0) col = back(line(), col);
      else if (row > 0) {
        row--;
        col = line().length;
      }
    },
    right() {
      if (col < line().length) col = forward(line(), col);
      else if (row < lines.length - 1) {
        row++;
        col = 0;
      }
    },
    wordLeft() {
      const current = line();
      if (col === 0) return editor.left();
      let to = col;
      while (to > 0 && isSpace(current[to - 1])) to--;
      while (to > 0 && !isSpace(current[to - 1])) to--;
      col = to;
    },
    wordRight() {
      const current = line();
      if (col === current.length) return editor.right();
      let to = col;
      while (to < current.length && isSpace(current[to])) to++;
      while (to < current.length && !isSpace(current[to])) to++;
      col = to;
    },
    lineStart() {
      col = 0;
    },
    lineEnd() {
      col = line().length;
    },
    moveTo(toRow, toCol) {
      row = Math.max(0, Math.min(lines.length - 1, toRow));
      const current = line();
      col = Math.max(0, Math.min(current.length, toCol));
      if (col > 0 && col < current.length && /[\udc00-\udfff]/.test(current[col] ?? '')) col--;
    },
    clearLine() {
      setLine('');
      col = 0;
    },
    removeLine() {
      if (lines.length === 1) return editor.clearLine();
      lines.splice(row, 1);
      version++;
      row = Math.min(row, lines.length - 1);
      col = line().length;
    },
  };
  return editor;
}
