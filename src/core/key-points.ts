import type { AnalyzedAnswer, AnswerWord } from './answer-text.js';
import { analyzeAnswer } from './answer-text.js';
import { COMMON_WORD_STEMS, FILLER_WORD_STEMS } from './common-words.js';
import type { GradableQuestion, GradeAnswer, KeyPointMark } from './grade.js';
import { coveredIndexes } from './grade.js';
import type { KeyPoint } from './question-set-schema.js';
import { synonymsOf } from './synonyms.js';
import { contentStems, STOP_WORDS, sameWord, splitWords, stemWord, TYPO_MIN_LENGTH } from './word-forms.js';

// The offline grader: reads an answer against a question's key points the way an interviewer
// would, without a model. A point is covered when, in a clause that neither disclaims knowledge
// nor merely lists terms, the answer
//   - says one of the point's keywords (any word form, a typo forgiven in long words, the words
//     of a phrase close together in any order), or
//   - says enough of the point's own content words together;
// and says something about it: a word beside the match that is not another point's term, not
// the prompt's, not an everyday word and not corporate filler ("leverage", "holistic"). Words the
// question's prompt uses earn nothing on their own, and neither does a one-word keyword that is an
// everyday word. Names strung together earn nothing either: a clause that names a thing only to
// dismiss it ("X doesn't matter", "we don't need X"), a term crowded by three other points' terms
// (it needs three explaining words), and a sentence naming four points that is mostly terms.

/** One word a cue looks for. */
interface CueWord {
  word: string;
  stem: string;
}

/** A way to recognise a key point in an answer. */
interface Cue {
  /** keyword: all its words, close together; point: a share of the point's own words in one passage. */
  kind: 'keyword' | 'point';
  words: CueWord[];
  /** How many distinct words must be found. */
  need: number;
  /** How far apart (in words) the found words may be. */
  span: number;
}

interface PreparedPoint {
  cues: Cue[];
  /** Terms that explain nothing for this point: every other point's terms and the prompt's words (its own words do explain it). */
  notSupport: Set<string>;
}

interface PreparedQuestion {
  points: PreparedPoint[];
  /** Every point's terms and the prompt's words: what a sentence of jargon is made of. */
  terms: Set<string>;
}

/** Content words an explanation needs near a matched term, beyond terms, the prompt's words and everyday words. */
const SUPPORT_NEEDED = 1;
/** A sentence naming this many points… */
const DENSE_POINTS = 4;
/** …whose content words are this share terms (of the points, the prompt, or filler) is jargon. */
const DENSE_SHARE = 0.6;
/** Other points named this close (in words) to a match crowd it: a list of names, not an explanation. */
const CROWD_RADIUS = 8;
/** A match crowded by this many other points' terms… */
const CROWD = 3;
/** …needs this many explaining words. */
const CROWDED_SUPPORT = 3;
/** How far (in words) around a match its explanation is looked for. */
const SUPPORT_RADIUS = 10;
/** The share of a point's own content words (at least two) that stands for the point. */
const POINT_SHARE = 0.3;
/** A passage for a point's own words: about a sentence and a half. */
const POINT_SPAN = 24;
/** Evidence quotes at most this many words. */
const EVIDENCE_MAX_WORDS = 12;

// Keyed on the key-point list, which a question keeps for its life (the wrapper object may be new per call).
const prepared = new WeakMap<readonly KeyPoint[], { prompt: string; question: PreparedQuestion }>();

function prepareQuestion(question: GradableQuestion): PreparedQuestion {
  const cached = prepared.get(question.keyPoints);
  if (cached && cached.prompt === question.prompt) return cached.question;
  const promptStems = new Set(contentStems(question.prompt));
  const termStems = new Set<string>();
  const points = question.keyPoints.map((keyPoint): PreparedPoint => {
    const cues: Cue[] = [];
    for (const keyword of keyPoint.keywords ?? []) {
      const words = cueWords(keyword);
      // A keyword made only of the prompt's words is the question restated.
      if (words.length === 0 || words.every((entry) => promptStems.has(entry.stem))) continue;
      for (const entry of words) termStems.add(entry.stem);
      // A lone everyday word ("result", "task") is too weak to stand for a point.
      if (words.length === 1 && COMMON_WORD_STEMS.has(words[0]?.stem ?? '')) continue;
      cues.push({ kind: 'keyword', words, need: words.length, span: words.length + 3 });
    }
    const own = cueWords(keyPoint.point).filter((entry) => !promptStems.has(entry.stem));
    for (const entry of own) termStems.add(entry.stem);
    if (own.length >= 2) {
      cues.push({ kind: 'point', words: own, need: Math.max(2, Math.ceil(own.length * POINT_SHARE)), span: POINT_SPAN });
    }
    return { cues, notSupport: new Set<string>() };
  });
  // The prompt's own words explain nothing either: saying them back is restating the question.
  for (const stem of promptStems) termStems.add(stem);
  // Which points use each term: a term of this point alone may explain it, any other may not.
  const usedBy = new Map<string, Set<number>>();
  for (const [index, point] of points.entries()) {
    for (const cue of point.cues) for (const entry of cue.words) usedBy.set(entry.stem, (usedBy.get(entry.stem) ?? new Set()).add(index));
  }
  for (const [index, point] of points.entries()) {
    for (const stem of termStems) {
      const users = usedBy.get(stem);
      const ownOnly = users !== undefined && users.size === 1 && users.has(index);
      if (!ownOnly || promptStems.has(stem)) point.notSupport.add(stem);
    }
  }
  const result = { points, terms: termStems };
  prepared.set(question.keyPoints, { prompt: question.prompt, question: result });
  return result;
}

/** The distinct content words of a keyword or point text, with their stems. */
function cueWords(text: string): CueWord[] {
  const seen = new Set<string>();
  const words: CueWord[] = [];
  for (const word of splitWords(text)) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    const stem = stemWord(word);
    if (seen.has(stem)) continue;
    seen.add(stem);
    words.push({ word, stem });
  }
  return words;
}

/** Where one cue was found: the answer's word indexes that matched it. */
type Found = number[];

/** The usable words of an answer by stem, and its distinct long words for typo matches: built once per answer. */
interface AnswerIndex {
  byStem: Map<string, number[]>;
  long: { word: string; stem: string; positions: number[] }[];
}

function indexAnswer(answer: AnalyzedAnswer, usable: boolean[]): AnswerIndex {
  const byStem = new Map<string, number[]>();
  const byWord = new Map<string, { word: string; stem: string; positions: number[] }>();
  for (const [i, word] of answer.words.entries()) {
    if (!usable[i] || word.stop) continue;
    const atStem = byStem.get(word.stem);
    if (atStem) atStem.push(i);
    else byStem.set(word.stem, [i]);
    if (word.word.length >= TYPO_MIN_LENGTH) {
      const atWord = byWord.get(word.word);
      if (atWord) atWord.positions.push(i);
      else byWord.set(word.word, { word: word.word, stem: word.stem, positions: [i] });
    }
  }
  return { byStem, long: [...byWord.values()] };
}

/** The answer positions that say a cue word: its stem, a synonym's, or a typo of it. */
function positionsOf(index: AnswerIndex, entry: CueWord): number[] {
  const hits = new Set<number>();
  for (const stem of synonymsOf(entry.stem)) for (const at of index.byStem.get(stem) ?? []) hits.add(at);
  if (entry.word.length >= TYPO_MIN_LENGTH) {
    for (const word of index.long) {
      if (sameWord(word.word, word.stem, entry.word, entry.stem)) for (const at of word.positions) hits.add(at);
    }
  }
  return [...hits];
}

function findCue(answer: AnalyzedAnswer, index: AnswerIndex, cue: Cue): Found | null {
  const { words } = answer;
  const positions = cue.words.map((entry) => positionsOf(index, entry));
  if (positions.filter((hits) => hits.length > 0).length < cue.need) return null;
  // Slide a window over the answer; a keyword's words must also share one clause.
  const events = positions.flatMap((hits, cueIndex) => hits.map((at) => ({ at, cueIndex }))).sort((a, b) => a.at - b.at);
  let best: Found | null = null;
  for (let left = 0; left < events.length; left++) {
    const first = events[left];
    if (!first) continue;
    const found = new Map<number, number>();
    for (let right = left; right < events.length; right++) {
      const event = events[right];
      if (!event || event.at - first.at > cue.span) break;
      if (cue.kind === 'keyword' && words[event.at]?.clause !== words[first.at]?.clause) continue;
      if (!found.has(event.cueIndex)) found.set(event.cueIndex, event.at);
      // Everyday words of a point ("outcome", "result") count towards it, but cannot carry it alone.
      if (found.size >= cue.need && [...found.keys()].some((index) => !COMMON_WORD_STEMS.has(cue.words[index]?.stem ?? ''))) {
        const hit = [...found.values()].sort((a, b) => a - b);
        if (!best || hit.length > best.length) best = hit;
        break;
      }
    }
    if (best && best.length === cue.words.length) break;
  }
  return best;
}

/** Whether the words around a match say something beyond naming terms. */
function isExplained(answer: AnalyzedAnswer, usable: boolean[], found: Found, notSupport: Set<string>, needed = SUPPORT_NEEDED): boolean {
  const first = found[0] ?? 0;
  const last = found[found.length - 1] ?? first;
  const sentence = sentenceOf(answer, first);
  const from = Math.max(sentence.from, first - SUPPORT_RADIUS);
  const to = Math.min(sentence.to, last + SUPPORT_RADIUS + 1);

  const support = new Set<string>();
  for (let i = from; i < to; i++) {
    const word = answer.words[i];
    if (!word || !usable[i] || word.stop || found.includes(i)) continue;
    if (notSupport.has(word.stem) || COMMON_WORD_STEMS.has(word.stem) || FILLER_WORD_STEMS.has(word.stem) || /^\d+$/.test(word.word))
      continue;
    support.add(word.stem);
  }
  return support.size >= needed;
}

/** The run of clauses that make up the sentence holding a word: clauses joined by a comma, colon or dash. */
function sentenceOf(answer: AnalyzedAnswer, index: number): { from: number; to: number } {
  const clause = answer.words[index]?.clause ?? 0;
  let from = index;
  let to = index + 1;
  const sentenceOfClause = answer.sentenceOfClause;
  const target = sentenceOfClause[clause];
  while (from > 0 && sentenceOfClause[answer.words[from - 1]?.clause ?? -1] === target) from--;
  while (to < answer.words.length && sentenceOfClause[answer.words[to]?.clause ?? -1] === target) to++;
  return { from, to };
}

/** The answer's own words around a match, as a short quote: its clause when short, else the words around it. */
function quoteEvidence(answer: AnalyzedAnswer, found: Found): string {
  const { words, text } = answer;
  const first = found[0] ?? 0;
  const last = found[found.length - 1] ?? first;
  const clause = answer.clauses[words[first]?.clause ?? 0];
  let from = first;
  let to = last;
  const clauseWords = clause ? clause.to - clause.from : 0;
  if (clause && clauseWords >= 4 && clauseWords <= EVIDENCE_MAX_WORDS && words[last]?.clause === words[first]?.clause) {
    from = clause.from;
    to = clause.to - 1;
  } else {
    // Widen the match a word at a time on each side, within its sentence.
    const sentence = sentenceOf(answer, first);
    while (to - from + 1 < 8 && (to + 1 < sentence.to || from > sentence.from)) {
      if (to + 1 < sentence.to) to++;
      if (to - from + 1 < 8 && from > sentence.from) from--;
    }
    while (to - from + 1 > EVIDENCE_MAX_WORDS && to > first) to--;
  }
  const start = (words[from] as AnswerWord).start;
  let end = (words[to] as AnswerWord).end;
  // A bracket or quote opened inside the quote is closed as the answer closes it.
  const quoted = text.slice(start, end);
  if ((quoted.match(/[(]/g) ?? []).length > (quoted.match(/[)]/g) ?? []).length && text[end] === ')') end++;
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}

/** The offline grader (see the top of this file): well under a millisecond for a typical answer (`npm run bench:judgement`). */
export const gradeOffline: GradeAnswer = (answer, question) => {
  const { points, terms } = prepareQuestion(question);
  const analyzed = analyzeAnswer(answer);
  const usable = analyzed.words.map((word) => {
    const clause = analyzed.clauses[word.clause];
    return clause !== undefined && !clause.disclaims && !clause.bareList && !clause.dismisses;
  });
  let index = indexAnswer(analyzed, usable);
  // Where each cue is found, once: the marks read it, and so does the crowding check, since a term
  // named among several other points' terms is a dump of names ("logging, sandboxing, least
  // privilege, tripwires") and needs more said.
  const findAll = () => points.map((point) => point.cues.map((cue) => findCue(analyzed, index, cue)));
  let hits = findAll();
  // A sentence that names {@link DENSE_POINTS} points or more and is mostly their terms is jargon
  // strung together ("initial response generation, critique prompt construction, iteration
  // control"): nothing in it counts, and the cues are looked for again without it.
  if (voidDenseSentences(analyzed, usable, namedBy(hits), terms)) {
    index = indexAnswer(analyzed, usable);
    hits = findAll();
  }
  const named = namedBy(hits);
  return points.map((point, pointIndex): KeyPointMark => {
    for (const found of hits[pointIndex] ?? []) {
      if (!found) continue;
      const crowd = crowding(named, pointIndex, found);
      if (isExplained(analyzed, usable, found, point.notSupport, crowd >= CROWD ? CROWDED_SUPPORT : SUPPORT_NEEDED))
        return { covered: true, evidence: quoteEvidence(analyzed, found) };
    }
    return { covered: false, evidence: null };
  });
};

/** Every answer position at which each point is named, explained or not. */
function namedBy(hits: (Found | null)[][]): number[][] {
  return hits.map((cues) => cues.flatMap((found) => found ?? []));
}

/** Marks the words of jargon sentences unusable (see {@link DENSE_SHARE}); true when it marked any. */
function voidDenseSentences(answer: AnalyzedAnswer, usable: boolean[], named: number[][], terms: Set<string>): boolean {
  const { words, sentenceOfClause } = answer;
  const sentences = new Map<number, { from: number; to: number; content: number; terms: number }>();
  for (const [i, word] of words.entries()) {
    if (word.stop) continue;
    const sentence = sentenceOfClause[word.clause] ?? 0;
    const entry = sentences.get(sentence) ?? { from: i, to: i + 1, content: 0, terms: 0 };
    entry.to = i + 1;
    entry.content++;
    if (terms.has(word.stem) || FILLER_WORD_STEMS.has(word.stem)) entry.terms++;
    sentences.set(sentence, entry);
  }
  let voided = false;
  for (const entry of sentences.values()) {
    if (entry.content === 0 || entry.terms / entry.content < DENSE_SHARE) continue;
    const pointsNamed = named.filter((positions) => positions.some((at) => at >= entry.from && at < entry.to)).length;
    if (pointsNamed < DENSE_POINTS) continue;
    for (let i = entry.from; i < entry.to; i++) usable[i] = false;
    voided = true;
  }
  return voided;
}

/** How many other points are named within {@link CROWD_RADIUS} words of a match. */
function crowding(named: number[][], pointIndex: number, found: Found): number {
  const first = found[0] ?? 0;
  const last = found[found.length - 1] ?? first;
  let count = 0;
  for (const [other, positions] of named.entries()) {
    if (other === pointIndex) continue;
    if (positions.some((at) => at >= first - CROWD_RADIUS && at <= last + CROWD_RADIUS)) count++;
  }
  return count;
}

/** Indexes of the key points an answer covers, by the offline grader. */
export function matchKeyPoints(answer: string, question: GradableQuestion): number[] {
  return coveredIndexes(gradeOffline(answer, question));
}
