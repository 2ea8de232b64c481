import type { KeyPoint } from './question-set-schema.js';

// Words too common to say anything about whether a point was covered, used only when a key
// point has no keywords and its own words must stand in for them.
const STOP_WORDS = new Set(
  'a an and are as at be but by can do does for from how in into is it its of on or that the their them then there these this to vs was what when where which while who why will with without you your'.split(
    ' ',
  ),
);

/** Reduces a word to a form shared by its simple plural: policies → policy, biases → bias, models → model. */
export function stemWord(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  // "biases" and "bias" must meet: drop "es", then the singular's own "s" like any other.
  const singular = word.length > 4 && /(ss|x|z|ch|sh|s)es$/.test(word) ? word.slice(0, -2) : word;
  if (singular.length > 3 && singular.endsWith('s') && !/(ss|us|is)$/.test(singular)) return singular.slice(0, -1);
  return singular;
}

/** Lower-cased, accent-free, punctuation-free, stemmed words: "Mesa-Optimizers!" → ["mesa", "optimizer"]. */
export function normalizeWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(stemWord);
}

function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      if (words[i + j] !== phrase[j]) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * Whether an answer touches a key point: any of its keywords appears in the answer as a whole
 * phrase, ignoring case, punctuation and simple plurals. A point without keywords is touched
 * when most of its own content words appear.
 */
export function touchesKeyPoint(answerWords: readonly string[], keyPoint: KeyPoint): boolean {
  if (keyPoint.keywords && keyPoint.keywords.length > 0) {
    return keyPoint.keywords.some((keyword) => containsPhrase(answerWords, normalizeWords(keyword)));
  }
  const content = [...new Set(normalizeWords(keyPoint.point).filter((word) => !STOP_WORDS.has(word) && word.length > 2))];
  if (content.length === 0) return false;
  const present = new Set(answerWords);
  const found = content.filter((word) => present.has(word)).length;
  return found / content.length >= 0.6;
}

/** Indexes of the key points an answer touches. */
export function matchKeyPoints(answer: string, keyPoints: readonly KeyPoint[]): number[] {
  const words = normalizeWords(answer);
  return keyPoints.flatMap((keyPoint, index) => (touchesKeyPoint(words, keyPoint) ? [index] : []));
}
