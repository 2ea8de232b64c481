import { displayWidth } from '../../src/terminal/display-width.js';

/**
 * Just enough of a terminal to read what the answer box draws: cursor moves (CSI row;col H),
 * erase to the end of the line (K) or screen (J, 2J), newlines and text; colours are ignored.
 */
export function createVirtualScreen(columns: number, rows: number) {
  const lines: string[][] = Array.from({ length: rows }, () => []);
  let row = 0;
  let col = 0;
  const modes = new Set<string>();
  const put = (char: string) => {
    const line = lines[row] ?? [];
    line[col] = char;
    const wide = displayWidth(char) === 2;
    if (wide) line[col + 1] = '';
    col += wide ? 2 : 1;
  };
  return {
    write(text: string) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: reading escapes is the point
      const pattern = /\u001b\[([?\d;]*)([A-Za-z])|\n|\r|[^\u001b\n\r]/gu;
      for (const match of text.matchAll(pattern)) {
        const [whole, params = '', final] = match;
        if (final === undefined) {
          if (whole === '\n') row = Math.min(rows - 1, row + 1);
          else if (whole === '\r') col = 0;
          else put(whole);
          continue;
        }
        if (final === 'H') {
          const [r = '1', c = '1'] = params.split(';');
          row = Math.max(0, Number(r || 1) - 1);
          col = Math.max(0, Number(c || 1) - 1);
        } else if (final === 'K') lines[row] = (lines[row] ?? []).slice(0, col);
        else if (final === 'J') {
          if (params === '2') for (let i = 0; i < rows; i++) lines[i] = [];
          else {
            lines[row] = (lines[row] ?? []).slice(0, col);
            for (let i = row + 1; i < rows; i++) lines[i] = [];
          }
        } else if ((final === 'h' || final === 'l') && params.startsWith('?')) {
          if (final === 'h') modes.add(params);
          else modes.delete(params);
        }
      }
    },
    /** The screen as text, trailing spaces and empty rows at the end removed. */
    text(): string {
      return lines
        .map((line) =>
          Array.from({ length: line.length }, (_, i) => line[i] ?? ' ')
            .join('')
            .trimEnd(),
        )
        .join('\n')
        .replace(/\n+$/, '');
    },
    cursor: () => ({ row, col }),
    /** The screen's row `index`. */
    row: (index: number) =>
      Array.from({ length: (lines[index] ?? []).length }, (_, i) => lines[index]?.[i] ?? ' ')
        .join('')
        .trimEnd(),
    /** Whether a private mode (e.g. `?2004`, bracketed paste) is on. */
    mode: (name: string) => modes.has(name),
    columns,
    rows,
  };
}
