import { codePointWidth, displayWidth, expandTabs } from './display-width.js';

// Word wrapping by display width (CJK, emoji and tabs count as what they take on screen).

/**
 * Where the rows of `text[from, to)` start when it is word-wrapped to `width` columns (the rows
 * after the first to `nextWidth`): offsets into `text`, the first being `from`. A break goes
 * after the last space that fits; a space at the end of a full row hangs past it (the next row
 * starts after it); a word longer than a row is cut.
 */
export function wrapRows(text: string, width: number, options: { from?: number; to?: number; nextWidth?: number } = {}): number[] {
  const from = options.from ?? 0;
  const to = options.to ?? text.length;
  const starts = [from];
  let limit = Math.max(1, width);
  const next = Math.max(1, options.nextWidth ?? width);
  let used = 0;
  let rowStart = from;
  let breakAt = -1;
  for (let i = from; i < to; ) {
    const code = text.charCodeAt(i);
    const point = code >= 0xd800 && code <= 0xdbff ? (text.codePointAt(i) ?? code) : code;
    const size = point > 0xffff ? 2 : 1;
    const w = code >= 0x20 && code < 0x7f ? 1 : codePointWidth(point);
    const space = code === 0x20 || code === 0x09;
    if (used + w > limit && i > rowStart) {
      if (space) {
        // The space hangs at the end of this row; the next row starts after it.
        rowStart = i + size;
        starts.push(rowStart);
        limit = next;
        used = 0;
        breakAt = -1;
        i += size;
        continue;
      }
      if (breakAt > rowStart) {
        // Back to the last space: the word after it starts the next row (read again from there,
        // as that row may be narrower than this one).
        rowStart = breakAt;
        starts.push(rowStart);
        limit = next;
        used = 0;
        breakAt = -1;
        i = rowStart;
        continue;
      }
      rowStart = i;
      used = 0;
      starts.push(rowStart);
      limit = next;
      breakAt = -1;
    }
    used += w;
    i += size;
    if (space) breakAt = i;
  }
  return starts;
}

/**
 * Word-wraps display text (a prompt, a hint, a key point) to `width` columns. Each paragraph's
 * rows after the first start with `indent` (a hanging indent); tabs become spaces; rows lose
 * trailing spaces.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  const indentWidth = displayWidth(indent);
  const nextWidth = Math.max(1, width - indentWidth);
  for (const raw of text.split('\n')) {
    const paragraph = expandTabs(raw);
    const starts = wrapRows(paragraph, width, { nextWidth });
    for (const [i, start] of starts.entries()) {
      const row = paragraph.slice(start, starts[i + 1] ?? paragraph.length).trimEnd();
      out.push(i === 0 ? row : `${indent}${row}`);
    }
  }
  return out;
}
