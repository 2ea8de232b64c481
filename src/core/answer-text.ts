import { foldWord, STOP_WORDS, stemWord } from './word-forms.js';

// An answer read the way an interviewer reads it: words with their place in the text, grouped in
// clauses, and each clause marked when it cannot earn credit (it disclaims knowledge, it is a
// bare list of terms, or it names something only to dismiss it). Pure.

/** One word of the answer: where it is, how it is written, folded and stemmed. */
export interface AnswerWord {
  start: number;
  end: number;
  /** Folded (lower case, no accents, no inner apostrophe). */
  word: string;
  stem: string;
  /** A function word ("the", "of", …). */
  stop: boolean;
  clause: number;
}

export interface AnswerClause {
  /** Index of its first word in `words`, and one past its last. */
  from: number;
  to: number;
  /** "I don't know what X is", "I'd have to look it up": nothing in it counts. */
  disclaims: boolean;
  /** "toxicity, bias, hallucination, jailbreaks": terms with nothing said about them. */
  bareList: boolean;
  /** "X doesn't matter", "we don't need X", "I'd skip X": it names a thing to dismiss it. */
  dismisses: boolean;
}

export interface AnalyzedAnswer {
  text: string;
  words: AnswerWord[];
  clauses: AnswerClause[];
  /** For each clause, the sentence it belongs to (clauses split at a colon, dash or "but" share one). */
  sentenceOfClause: number[];
}

// Sentence ends, clause marks and line breaks; a colon starts a clause of its own, so the
// list after "the usual buzzwords:" stands alone. Dots inside "e.g." or "3.5" are kept.
const SENTENCE_BREAK = /(?<![A-Za-z]\.[A-Za-z])(?<!\b(?:e\.g|i\.e|etc|vs))[.!?]+(?=\s|$)|[;…]+|\.{3}|\n+/giu;
const CLAUSE_BREAK = /:(?=\s)|\s[-–—]+\s|,?\s+(?:but|however|although|though|whereas)\s/giu;

// Phrases by which a candidate says they do not know (or would have to look up) what they are
// naming. Matched on folded text (apostrophes removed).
const DISCLAIMER =
  /\b(?:(?:dont|do not|dunno)\s+(?:really\s+|actually\s+|fully\s+|quite\s+|exactly\s+)?(?:know|remember|recall|understand|get)\b(?!\s+(?:that|whether|if)\b)|(?:not|never)\s+(?:really\s+|totally\s+|entirely\s+|fully\s+|quite\s+|too\s+|100\s+)?(?:sure|certain|clear|familiar)\s+(?:what|how|about|of|with|on|exactly|whats)\b|no\s+(?:real\s+)?(?:idea|clue)\b|never\s+(?:heard|learned|learnt|studied|used|read|looked)\b|(?:havent|have not|hadnt)\s+(?:heard|learned|studied|used|read|looked|worked)\b|(?:have|need|had)\s+to\s+(?:go\s+and\s+|go\s+)?(?:look|google|read|check)\s+(?:\w+\s+){0,2}up\b|look\s+(?:it|that|them|this|those)\s+up\b|(?:cant|cannot|couldnt)\s+(?:remember|recall)\b|\bi\s+(?:forget|forgot)\b|whatever\s+(?:that|those|it|they)\s+(?:is|are|means|mean)\b|beyond\s+me\b|buzzwords?\b|no\s+experience\s+(?:with|in)\b|unfamiliar\s+with\b|(?:fuzzy|hazy|rusty|vague)\s+on\b|not\s+an\s+expert\b|(?:know|heard)\s+(?:the\s+)?(?:names?|terms?)\s+(?:but|only)\b|just\s+(?:the\s+)?(?:names?|terms?)\b)/u;

// Phrases by which a clause dismisses what it names rather than stating it: "X doesn't really
// matter", "X isn't relevant", "we don't need X", "I'd skip X", "X would be cheating", "X can't
// really happen", "I've never been to X". Matched on folded text (apostrophes removed). A negation
// that explains ("so the score can't be inflated") is not among them: only these dismissals are.
const ADVERBS = String.raw`(?:really\s+|actually\s+|also\s+|even\s+|too\s+|so\s+|necessarily\s+|that\s+|very\s+|particularly\s+|much\s+|all\s+that\s+)?`;
const DISMISSAL = new RegExp(
  String.raw`\b(?:` +
    // "X doesn't matter / apply / transfer", "X don't really exist"
    String.raw`(?:dont|doesnt|didnt|do\s+not|does\s+not|wont|will\s+not)\s+${ADVERBS}(?:matter|transfer|exist|happen|count|affect)\b` +
    String.raw`|(?:doesnt|does\s+not)\s+${ADVERBS}apply\b` +
    // "we don't need X", "I don't read / contribute / attend / follow"
    String.raw`|(?:we|you|i|one)\s+(?:dont|do\s+not|wouldnt|would\s+not|shouldnt|never)\s+${ADVERBS}(?:need|bother|read|contribute|attend|follow|worry\s+about|care\s+about)\b` +
    // "X isn't relevant / needed / a real issue"
    String.raw`|(?:isnt|arent|wasnt|(?:is|are|was)\s+${ADVERBS}not)\s+${ADVERBS}(?:relevant|needed|necessary|meaningful|important|applicable|useful|worth\s+it|required|(?:a|an)\s+(?:real|big|serious|actual|genuine)?\s*(?:thing|issue|problem|concern|phenomenon|risk|factor))\b` +
    String.raw`|(?:is|are|its|thats|seems|be)\s+${ADVERBS}(?:irrelevant|unnecessary|pointless|overrated|overblown|overkill|a\s+myth|a\s+waste|out\s+of\s+scope)\b` +
    String.raw`|no\s+need\s+(?:for|to)\b` +
    String.raw`|(?:is|are|be|would\s+be)\s+cheating\b` +
    // "I'd skip X", "we can ignore X"
    String.raw`|(?:id|i\s+would|we\s+can|we\s+could|you\s+can|wed|we\s+would)\s+${ADVERBS}(?:just\s+)?(?:skip|ignore|leave\s+out)\b` +
    // "X can't really happen", "X can't be gamed"
    String.raw`|(?:cant|cannot|can\s+not|couldnt)\s+${ADVERBS}(?:happen|occur|matter|be\s+(?:hacked|gamed|exploited|fooled|wrong))\b` +
    String.raw`|never\s+(?:been\s+to|attended|contributed|bothered)\b` +
    ')',
  'u',
);

// A disclaimer that points back ("…look up what most of them involve") also voids the clause before it.
const POINTS_BACK = /\b(?:them|those|these|they|any of|most of|all of|each of|that stuff|such things)\b/u;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Reads an answer into words and clauses. */
export function analyzeAnswer(text: string): AnalyzedAnswer {
  const { bounds, sentenceStarts } = clauseBounds(text);
  const words: AnswerWord[] = [];
  let clause = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    while (clause < bounds.length - 1 && start >= (bounds[clause + 1] ?? Number.POSITIVE_INFINITY)) clause++;
    const word = foldWord(match[0]).replace(/['’]/g, '');
    words.push({ start, end: start + match[0].length, word, stem: stemWord(word), stop: STOP_WORDS.has(word) || word.length < 2, clause });
  }
  const clauses: AnswerClause[] = bounds.map(() => ({ from: 0, to: 0, disclaims: false, bareList: false, dismisses: false }));
  const sentenceOfClause: number[] = [];
  let sentence = -1;
  for (const bound of bounds) {
    if (sentenceStarts.has(bound)) sentence++;
    sentenceOfClause.push(Math.max(0, sentence));
  }
  for (let i = 0; i < words.length; i++) {
    const entry = clauses[words[i]?.clause ?? 0];
    if (!entry) continue;
    if (entry.to === 0) entry.from = i;
    entry.to = i + 1;
  }
  for (const [index, entry] of clauses.entries()) {
    const start = bounds[index] ?? 0;
    const end = bounds[index + 1] ?? text.length;
    const raw = text.slice(start, end);
    const folded = foldWord(raw).replace(/['’]/g, '');
    entry.disclaims = DISCLAIMER.test(folded);
    entry.bareList = isBareList(raw);
    entry.dismisses = DISMISSAL.test(folded);
    // "X, but I'm not sure how it works" disclaims X; "…look up what most of them involve"
    // disclaims what came before it.
    const previousIndex = previousNonEmpty(clauses, index);
    const previous = previousIndex === null ? undefined : clauses[previousIndex];
    const sameSentence = previousIndex !== null && !sentenceStarts.has(start);
    if (entry.disclaims && previous && (sameSentence || POINTS_BACK.test(folded))) previous.disclaims = true;
  }
  return { text, words, clauses, sentenceOfClause };
}

/** Where each clause starts, in order, and which of those starts also begin a sentence. */
function clauseBounds(text: string): { bounds: number[]; sentenceStarts: Set<number> } {
  const sentenceStarts = new Set([0]);
  for (const match of text.matchAll(SENTENCE_BREAK)) sentenceStarts.add(match.index + match[0].length);
  const starts = new Set(sentenceStarts);
  for (const match of text.matchAll(CLAUSE_BREAK)) starts.add(match.index + match[0].length);
  return { bounds: [...starts].sort((a, b) => a - b), sentenceStarts };
}

function previousNonEmpty(clauses: AnswerClause[], index: number): number | null {
  for (let i = index - 1; i >= 0; i--) {
    const entry = clauses[i];
    if (entry && entry.to > entry.from) return i;
  }
  return null;
}

/**
 * A clause that is three or more short items joined by commas, slashes or and/or, with about
 * two content words an item: names, not explanations.
 */
function isBareList(raw: string): boolean {
  const items = raw.split(/,|\/|\s(?:and|or|&|plus|etc)\s|\(|\)/iu).filter((item) => /[\p{L}\p{N}]/u.test(item));
  if (items.length < 3) return false;
  const contentWords = items.map(
    (item) => (item.match(WORD) ?? []).filter((word) => !STOP_WORDS.has(foldWord(word).replace(/['’]/g, ''))).length,
  );
  const total = contentWords.reduce((sum, count) => sum + count, 0);
  return total / items.length <= 2.2;
}
