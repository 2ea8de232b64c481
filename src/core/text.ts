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

/**
 * Words in a text, as a person counts them: runs separated by white space that hold a letter or a
 * digit ("state-of-the-art" and "i.e." are one word each; a lone dash is none).
 */
export function countWords(text: string): number {
  // ASCII text in one pass over its codes, making nothing (the answer screen counts on every
  // keystroke, an export counts every answer): white space is tab to carriage return and space.
  let count = 0;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return countWordsBySplit(text);
    if (code === 32 || (code >= 9 && code <= 13)) counted = false;
    else if (!counted && ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122))) {
      count++;
      counted = true;
    }
  }
  return count;
}

/** {@link countWords} by the rule as stated, for any text: Unicode's white space and letters. */
function countWordsBySplit(text: string): number {
  let count = 0;
  for (const word of text.split(/\s+/)) if (holdsLetterOrDigit(word)) count++;
  return count;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether a run holds a letter or a digit: ASCII read by its codes, the rest by Unicode's classes. */
function holdsLetterOrDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0x80) return LETTER_OR_DIGIT.test(word.slice(i));
    // 0-9, A-Z, a-z
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  }
  return false;
}

/** "Basics · easy · conceptual · #anthropic · #openai": where a question sits, on one line. */
export function formatQuestionMeta(question: {
  categoryTitle: string;
  difficulty: string | null;
  kind: string | null;
  tags: readonly string[];
}): string {
  return [question.categoryTitle, question.difficulty, question.kind, ...question.tags.map((tag) => `#${tag}`)].filter(Boolean).join(' · ');
}

/**
 * The largest of `values` (`floor` when there are none). Not `Math.max(...values)`: spread into
 * arguments, a list of 100,000 lengths (questions, answer lines) overflows the stack.
 */
export function maxOf(values: Iterable<number>, floor = Number.NEGATIVE_INFINITY): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}
