import { stemmer } from 'stemmer';

// Word forms for judging answers: one normal form per word (lower case, no accents), its Porter
// stem, and a typo test. Pure; loaded only by the code that judges.

/** Function words that say nothing about whether an idea was stated. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing done down during each either etc even ever every few for from further get gets getting got had has have having ' +
    'he her here hers him his how i if in into is it its itself just let like lot lots me more most much must my no nor not now of off on once one ' +
    'only or other our ours out over own per quite rather really same she should so some such than that the their theirs them then there these ' +
    'they this those though through thus to too under until up upon us use used uses using very via vs was way we well were what whatever when where ' +
    'whether which while who whom whose why will with within without would yes yet you your yours e g ie eg i.e e.g im ive id dont doesnt isnt ' +
    'arent wasnt werent cant wont wouldnt shouldnt couldnt didnt thats theres whats'
  ).split(' '),
);

/** Lower case without accents: "Naïve" → "naive". */
export function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The Porter stem of a folded word: gaming, gamed, games → game. Numbers and short words are kept whole. */
export function stemWord(word: string): string {
  if (word.length <= 2 || /\d/.test(word)) return word;
  return stemmer(word);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: all of ASCII, controls included
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * The words of a text, folded: letters and digits, with apostrophes inside a word dropped
 * ("don't" → "dont", "Goodhart's" → "goodharts"), everything else a separator.
 */
export function splitWords(text: string): string[] {
  // ASCII text (most of it) folds to its lower case, and its letters and digits are a-z and 0-9:
  // the same words without Unicode normalization and Unicode-aware patterns, several times faster.
  const plain = plainWordsText(text);
  if (plain !== null) return plain.match(/[a-z0-9]+/g) ?? [];
  if (ASCII.test(text)) {
    return text
      .toLowerCase()
      .replace(/([a-z])'([a-z])/g, '$1$2')
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  }
  return foldWord(text)
    .replace(/(\p{L})['’](\p{L})/gu, '$1$2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The text {@link splitWords} takes its words from as pieces of it, where there is one: the lower
 * case of ASCII text without an apostrophe (its words are then its runs of letters and digits).
 * Null for other text, whose words are folded or joined first.
 */
export function plainWordsText(text: string): string | null {
  if (!ASCII.test(text)) return null;
  const lower = text.toLowerCase();
  return lower.includes("'") ? null : lower;
}

/**
 * Text that every word with this stem starts with: the stem without its last two letters. The
 * Porter stemmer only rewrites a word's end, and keeps the word's own letters in place up to at
 * most two it writes ("-biliti" → "-ble" writes two; the other rules one at most: "-ization" →
 * "-ize", "-y" → "-i", "-at" → "-ate"). A text that does not hold it has no word of that stem,
 * and need not be stemmed to find that out. tests/core/key-point-warnings.test.ts checks the
 * claim over every word of both banks and random words made of the rules' suffixes.
 */
export function stemProbe(stem: string): string {
  return stem.slice(0, -2);
}

/** Stemmed words of a text: "Mesa-Optimizers!" → ["mesa", "optim"]. */
export function normalizeWords(text: string): string[] {
  return splitWords(text).map(stemWord);
}

/** The stems of a text's content words (stop words and one-letter words out). */
export function contentStems(text: string): string[] {
  return splitWords(text)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word))
    .map(stemWord);
}

/**
 * Whether two words are at most one edit apart (insert, delete, substitute, or swap two
 * neighbours): "optimzer" / "optimizer", "recieve" / "receive". Linear; no table.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // One substitution, or one swap of neighbours.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One insertion or deletion: skip the extra letter of the longer word.
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Typos are forgiven in long words only: short words one edit apart are usually other words (bias/bass, model/modal). */
export const TYPO_MIN_LENGTH = 6;

/**
 * Whether an answer's word stands for a key word: the same stem, or (both 6+ letters) one edit
 * apart as written or as stemmed.
 */
export function sameWord(answerWord: string, answerStem: string, keyWord: string, keyStem: string): boolean {
  if (answerStem === keyStem) return true;
  if (answerWord.length < TYPO_MIN_LENGTH || keyWord.length < TYPO_MIN_LENGTH) return false;
  return withinOneEdit(answerWord, keyWord) || (answerStem.length >= 5 && keyStem.length >= 5 && withinOneEdit(answerStem, keyStem));
}
