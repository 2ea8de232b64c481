// How many terminal columns text takes: CJK and most emoji take two, combining marks and
// zero-width joiners none, a tab TAB_WIDTH (the screens draw it as that many spaces). Written
// here rather than taken from a package: it runs on every keystroke and must stay small.

/** The columns a tab takes on the question screen (it is drawn as this many spaces). */
export const TAB_WIDTH = 4;

// Inclusive code point ranges that East Asian Width calls Wide or Fullwidth, and emoji shown wide.
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18aff],
  [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/** The columns one code point takes. */
export function codePointWidth(code: number): number {
  if (code >= 0x20 && code < 0x7f) return 1;
  if (code === 0x09) return TAB_WIDTH;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code < 0x300) return 1;
  if ((code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f)) return 0;
  if (ZERO_WIDTH.test(String.fromCodePoint(code))) return 0;
  let low = 0;
  let high = WIDE.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = WIDE[middle] as readonly [number, number];
    if (code < range[0]) high = middle - 1;
    else if (code > range[1]) low = middle + 1;
    else return 2;
  }
  return 1;
}

/** The columns `text` takes (no escapes in it: strip them first). */
export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) {
      width++;
      continue;
    }
    const point = text.codePointAt(i) ?? code;
    if (point > 0xffff) i++;
    width += codePointWidth(point);
  }
  return width;
}

/** `text` cut to at most `width` columns, with an ellipsis when cut. */
export function fitDisplayWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  let used = 0;
  let end = 0;
  for (const char of text) {
    const next = displayWidth(char);
    if (used + next > width - 1) break;
    used += next;
    end += char.length;
  }
  return `${text.slice(0, end)}…`;
}

/** Tabs as the spaces the screen draws them with. */
export function expandTabs(text: string): string {
  return text.includes('\t') ? text.replaceAll('\t', ' '.repeat(TAB_WIDTH)) : text;
}
