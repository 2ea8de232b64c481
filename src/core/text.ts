// Small text helpers shared by the terminal and the markdown export.

/** "1 hint", "3 hints", "2 categories" (with `many`). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Cuts `text` to `width` characters with an ellipsis (terminals only: pipes get the whole line). */
export function fitWidth(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/** The first line of a multi-line text (a prompt), without surrounding blank space. */
export function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
