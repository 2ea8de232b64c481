import { formatClock } from './duration.js';
import type { QuestionKind } from './question-set-schema.js';
import { countWords } from './text.js';
import type { WordOrder } from './word-order.js';
import { localeWordOrder } from './word-order.js';

// Answer insights computed from the text alone, offline. Interviews are spoken: the numbers are
// about how the answer would sound, not how it reads.

/** Speaking pace used to turn words into time: the middle of the usual 130–150 words a minute. */
export const SPEAKING_WORDS_PER_MINUTE = 140;

/**
 * Filler and hedge words and phrases counted in answers. Edit freely: matching is whole-word,
 * case-insensitive; multi-word entries match as phrases.
 */
export const FILLER_WORDS = [
  'basically',
  'actually',
  'like',
  'kind of',
  'sort of',
  'you know',
  'i guess',
  'just',
  'literally',
  'really',
  'very',
  'i mean',
  'maybe',
  'probably',
  'i think',
  'somewhat',
  'um',
  'uh',
] as const;

/** Words too common to be an answer's most used (the top words skip them). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can could ' +
    'did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into ' +
    'is it its itself let me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she ' +
    'should so some such than that the their theirs them themselves then there these they this those through to too under until up us ' +
    'was we were what when where which while who whom why will with would you your yours yourself yourselves one two three first second ' +
    'third also get got make made use used using way ways thing things lot lots well much many even still yet'
  ).split(' '),
);

export interface AnswerInsights {
  words: number;
  /** Seconds it would take to say the answer aloud at {@link SPEAKING_WORDS_PER_MINUTE}. */
  spokenSec: number;
  /** Words a spoken answer of the question's time limit would hold; null when untimed. */
  targetWords: number | null;
  fillers: { word: string; count: number }[];
  /** The most-used content words (stop words and fillers excluded), most frequent first. */
  topWords: { word: string; count: number }[];
  /** Whether the answer states a structure; null when the question's kind does not call for one. */
  structure: StructureInsight | null;
}

export interface StructureInsight {
  /** What the question calls for: an ordered design, or STAR for behavioral questions. */
  expected: 'ordered' | 'star';
  found: boolean;
  /** The signals seen: "first … second", "numbered lines", "STAR: situation, task, action, result". */
  signals: string[];
}

/** Lower-case words of a text, apostrophes kept inside words ("don't"). */
export function wordsOf(text: string): string[] {
  const lower = text.toLowerCase();
  // ASCII text by the same rule in ASCII terms: the Unicode classes cost a fresh process a couple
  // of milliseconds to compile, more than most answers take to split.
  if (ASCII_ONLY.test(lower)) return lower.match(/[a-z0-9]+(?:'[a-z]+)*/g) ?? [];
  return lower.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: every ASCII character, controls among them
const ASCII_ONLY = /^[\x00-\x7f]*$/;

// The fillers of one word, and those of several words (phrases), apart: the one-word fillers are
// read off an answer's word counts, the phrases looked for only where their first word occurs.
const SINGLE_WORD_FILLERS = new Set<string>(FILLER_WORDS.filter((filler) => !filler.includes(' ')));
const FILLER_PHRASES = FILLER_WORDS.map((filler) => filler.split(' '));

/** How many times each word occurs, in order of first occurrence: what the fillers and top words are counted from. */
export function wordCounts(words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/**
 * The fillers found, most frequent first; ties in `order` (the default locale's collation: see
 * word-order.ts). Every filler is counted wherever it starts, overlapping or not ("i think" and
 * "i guess" alike). `counts` is {@link wordCounts} of `words`, when made already.
 */
export function countFillers(
  words: readonly string[],
  order: WordOrder = localeWordOrder,
  counts: ReadonlyMap<string, number> = wordCounts(words),
): { word: string; count: number }[] {
  const found: { word: string; count: number }[] = [];
  for (let index = 0; index < FILLER_WORDS.length; index++) {
    const filler = FILLER_WORDS[index] as string;
    const phrase = FILLER_PHRASES[index] as string[];
    let count = counts.get(phrase[0] as string) ?? 0;
    if (count > 0 && phrase.length > 1) {
      // Plain loops: a callback per word cost a fresh process several milliseconds.
      count = 0;
      for (let i = 0; i + phrase.length <= words.length; i++) {
        let matches = true;
        for (let j = 0; j < phrase.length && matches; j++) matches = words[i + j] === phrase[j];
        if (matches) count++;
      }
    }
    if (count > 0) found.push({ word: filler, count });
  }
  return found.sort((a, b) => b.count - a.count || order(a.word, b.word));
}

/**
 * The most used content words, most frequent first; ties in `order` (as {@link countFillers}).
 * `counts` is {@link wordCounts} of `words`, when made already.
 */
export function topContentWords(
  words: readonly string[],
  limit = 3,
  order: WordOrder = localeWordOrder,
  counts: ReadonlyMap<string, number> = wordCounts(words),
): { word: string; count: number }[] {
  const content = new Map<string, number>();
  // The words that end in "s", in order, each followed by its count as it is before any merge: only
  // these can be plurals, and the merges below go through them alone.
  const endInS: (string | number)[] = [];
  // Keys and lookups, not [word, count] pairs: the pairs make the optimizing compiler's work larger.
  for (const word of counts.keys()) {
    const count = counts.get(word) as number;
    if (word.length < 3 || STOP_WORDS.has(word) || SINGLE_WORD_FILLERS.has(word) || ALL_DIGITS.test(word)) continue;
    content.set(word, count);
    if (word.charCodeAt(word.length - 1) === 115) endInS.push(word, count);
  }
  // A plural counts with its singular ("models" with "model"), under the form used more: the
  // first of "-ies" → "-y", "-es" → "", "-s" → "" (not "-ss") that was seen.
  for (let i = 0; i < endInS.length; i += 2) {
    const word = endInS[i] as string;
    const count = endInS[i + 1] as number;
    const singular = singularSeen(word, content);
    if (singular === undefined) continue;
    const other = content.get(singular) ?? 0;
    content.delete(word);
    content.delete(singular);
    content.set(other >= count ? singular : word, other + count);
  }
  const used: { word: string; count: number }[] = [];
  for (const word of content.keys()) {
    const count = content.get(word) as number;
    if (count > 1) used.push({ word, count });
  }
  return used.sort((a, b) => b.count - a.count || order(a.word, b.word)).slice(0, limit);
}

const ALL_DIGITS = /^\d+$/;

/** The singular form of `word` that `counts` holds, if any (see topContentWords). */
function singularSeen(word: string, counts: ReadonlyMap<string, number>): string | undefined {
  if (!word.endsWith('s')) return undefined;
  // Each form made once, and only if the one before it was not seen.
  if (word.endsWith('ies')) {
    const singular = `${word.slice(0, -3)}y`;
    if (counts.has(singular)) return singular;
  }
  if (word.endsWith('es')) {
    const singular = word.slice(0, -2);
    if (counts.has(singular)) return singular;
  }
  if (word.endsWith('ss')) return undefined;
  const singular = word.slice(0, -1);
  return counts.has(singular) ? singular : undefined;
}

const ORDINALS = ['first', 'second', 'third', 'then', 'next', 'finally', 'lastly'];
const STAR = ['situation', 'task', 'action', 'result'] as const;

/** Whether the answer states its structure: ordered steps for design, STAR for behavioral. */
export function detectStructure(
  text: string,
  kind: QuestionKind | null,
  words: readonly string[] = wordsOf(text),
): StructureInsight | null {
  if (kind !== 'design' && kind !== 'behavioral') return null;
  const signals: string[] = [];
  const ordinals = ORDINALS.filter((word) => words.includes(word) || words.includes(`${word}ly`));
  if (ordinals.length >= 2) signals.push(`ordered (${ordinals.join(', ')})`);
  const numbered = text.split('\n').filter((line) => /^\s*(?:\d+[.)]|[-*•])\s+\S/.test(line)).length;
  if (numbered >= 2) signals.push(`${numbered} numbered or bulleted lines`);
  if (kind === 'behavioral') {
    const star = STAR.filter((part) => words.some((word) => word === part || word === `${part}s`));
    if (star.length > 0) signals.push(`STAR: ${star.join(', ')}`);
    return { expected: 'star', found: star.length >= 3 || (star.length >= 2 && signals.length > 1), signals };
  }
  return { expected: 'ordered', found: signals.length > 0, signals };
}

/**
 * Every insight for one answer. `limitSec` is the question's time limit (null when untimed);
 * `order` orders words that tie (the default locale's collation: see word-order.ts).
 */
export function analyzeAnswer(
  text: string,
  question: { kind: QuestionKind | null },
  limitSec: number | null,
  order: WordOrder = localeWordOrder,
): AnswerInsights {
  const words = wordsOf(text);
  const counts = wordCounts(words);
  // The length is counted the way the answer screen counts it; the word list is for fillers and top words.
  const count = countWords(text);
  return {
    words: count,
    spokenSec: Math.round((count / SPEAKING_WORDS_PER_MINUTE) * 60),
    targetWords: limitSec === null ? null : Math.round((limitSec / 60) * SPEAKING_WORDS_PER_MINUTE),
    fillers: countFillers(words, order, counts),
    topWords: topContentWords(words, 3, order, counts),
    structure: detectStructure(text, question.kind, words),
  };
}

/** Insights as short plain-text lines, for the terminal and the markdown export alike. */
export function describeInsights(insights: AnswerInsights, limitSec: number | null): string[] {
  const spoken = formatClock(insights.spokenSec);
  const target =
    insights.targetWords === null || limitSec === null ? '' : ` (a ${formatClock(limitSec)} answer holds about ${insights.targetWords})`;
  const lines = [`Length: ${insights.words} word${insights.words === 1 ? '' : 's'}, about ${spoken} spoken${target}`];
  lines.push(
    insights.fillers.length === 0
      ? 'Fillers and hedges: none'
      : `Fillers and hedges: ${insights.fillers.map((filler) => `${filler.word.replace(/\bi\b/g, 'I')} ×${filler.count}`).join(', ')}`,
  );
  if (insights.topWords.length > 0)
    lines.push(`Most used words: ${insights.topWords.map((entry) => `${entry.word} (${entry.count})`).join(', ')}`);
  const { structure } = insights;
  if (structure) {
    const wanted =
      structure.expected === 'star' ? 'STAR (situation, task, action, result)' : 'an ordered structure (first… second…, or numbered steps)';
    lines.push(
      structure.found
        ? `Structure: stated — ${structure.signals.join('; ')}`
        : `Structure: not clearly stated; this kind of question rewards ${wanted}${structure.signals.length > 0 ? ` (seen: ${structure.signals.join('; ')})` : ''}`,
    );
  }
  return lines;
}

/**
 * Insights for a follow-up's answer: length and fillers, as for the main answer (a follow-up
 * has no key points and no expected structure). Empty when there is no answer to look at.
 */
export function describeFollowUpInsights(
  followUp: { answer: string; skipped: boolean; limitSec: number | null },
  order: WordOrder = localeWordOrder,
): string[] {
  if (followUp.skipped || followUp.answer.trim() === '') return [];
  return describeInsights(analyzeAnswer(followUp.answer, { kind: null }, followUp.limitSec, order), followUp.limitSec);
}
