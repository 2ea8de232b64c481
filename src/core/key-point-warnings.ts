import { isCommonWord } from './common-words.js';
import type { KeyPoint, Question, QuestionSet } from './question-set-schema.js';
import { plural } from './text.js';
import { plainWordsText, STOP_WORDS, splitWords, stemProbe, stemWord } from './word-forms.js';

// Warnings for authors about key points that will judge answers badly: they do not stop a set
// from loading (`validate` exits 0), but `validate --strict` counts them as errors.

/** The fewest keywords a key point should have: one phrase is a coin toss. */
export const MIN_KEYWORDS = 3;

/** A warning at a place in the set's data (`questions.3.keyPoints.1.keywords.0`). */
export interface SetWarning {
  path: (string | number)[];
  message: string;
}

/** What a keyword warrants, found once per distinct keyword of a set. */
interface KeywordFacts {
  /** One word, and an everyday one. */
  everyday: boolean;
  /** The stems of its content words (when it is not everyday). */
  stems: string[];
  /** What a prompt's words must hold for each stem to be among theirs: see {@link stemProbe}. */
  probes: string[];
}

/**
 * The word work of one set's warnings, each distinct word stemmed once and each distinct keyword
 * judged once: a set repeats its vocabulary, and stemming every word of 50,000 questions
 * cost more than parsing their YAML. Per call, so memory does not grow with the sets checked.
 */
class WordMemo {
  /** Each word's stem, or null for a word contentStems leaves out (one letter, a stop word): one lookup a word. */
  private readonly stems = new Map<string, string | null>();
  private readonly keywords = new Map<string, KeywordFacts>();

  private stemOf(word: string): string | null {
    let stem = this.stems.get(word);
    if (stem === undefined) {
      stem = word.length <= 1 || STOP_WORDS.has(word) ? null : stemWord(word);
      this.stems.set(word, stem);
    }
    return stem;
  }

  /** contentStems (word-forms.ts), through the memo. */
  contentStems(text: string): string[] {
    const stems: string[] = [];
    for (const word of splitWords(text)) {
      const stem = this.stemOf(word);
      if (stem !== null) stems.push(stem);
    }
    return stems;
  }

  /** The same stems, added to `into`. */
  addContentStems(text: string, into: Set<string>): void {
    for (const word of splitWords(text)) {
      const stem = this.stemOf(word);
      if (stem !== null) into.add(stem);
    }
  }

  keyword(keyword: string): KeywordFacts {
    let facts = this.keywords.get(keyword);
    if (facts === undefined) {
      const words = splitWords(keyword);
      const everyday = words.length === 1 && isCommonWord(words[0] as string);
      const stems = everyday ? [] : this.contentStems(keyword);
      facts = { everyday, stems, probes: stems.map(stemProbe) };
      this.keywords.set(keyword, facts);
    }
    return facts;
  }
}

/** Every warning about a set's key points, in the order of the file. */
export function findKeyPointWarnings(set: QuestionSet): SetWarning[] {
  const warnings: SetWarning[] = [];
  const memo = new WordMemo();
  // One set for every prompt in turn (cleared), not one each.
  const promptStems = new Set<string>();
  // Index loops: over 50,000 questions the entries() iterators and their pairs showed. Each
  // question in a function of its own, and each warning's words in one of theirs (rarely
  // called): validate runs this once per set, and a large function costs the optimizing
  // compiler more than its parts (about 100 ms in one piece over 10,000 questions).
  for (let q = 0; q < set.questions.length; q++) questionWarnings(set.questions[q] as Question, q, memo, promptStems, warnings);
  return warnings;
}

function questionWarnings(question: Question, q: number, memo: WordMemo, promptStems: Set<string>, warnings: SetWarning[]): void {
  const keyPoints = question.keyPoints ?? [];
  // Stemmed when a keyword needs it: a question without keywords never pays for its prompt.
  let promptRead = false;
  // The prompt's words as one string, where they are pieces of it (plainWordsText): a keyword
  // whose probes (stemProbe) it lacks is not in the prompt.
  let promptText: string | null | undefined;
  for (let k = 0; k < keyPoints.length; k++) {
    const keyPoint = keyPoints[k] as KeyPoint;
    const keywords = keyPoint.keywords ?? [];
    if (keywords.length < MIN_KEYWORDS) warnings.push(tooFewKeywords(keyPoint, q, k));
    for (let w = 0; w < keywords.length; w++) {
      const keyword = keywords[w] as string;
      const facts = memo.keyword(keyword);
      if (facts.everyday) {
        warnings.push(
          keywordWarning(keyword, q, k, w, 'is an everyday word: alone it says nothing, so it never credits a point; use a phrase'),
        );
        continue;
      }
      if (facts.stems.length === 0) continue;
      promptText ??= plainWordsText(question.prompt);
      if (promptText !== null && !holdsAll(promptText, facts.probes)) continue;
      if (!promptRead) {
        promptStems.clear();
        memo.addContentStems(question.prompt, promptStems);
        promptRead = true;
      }
      if (allIn(facts.stems, promptStems)) {
        warnings.push(
          keywordWarning(
            keyword,
            q,
            k,
            w,
            "is in the question's prompt: restating the question earns nothing, so it never credits a point",
          ),
        );
      }
    }
  }
}

function tooFewKeywords(keyPoint: KeyPoint, q: number, k: number): SetWarning {
  const count = keyPoint.keywords?.length ?? 0;
  return {
    path: ['questions', q, 'keyPoints', k],
    message: `key point "${clip(keyPoint.point)}" has ${plural(count, 'keyword')}: give it at least ${MIN_KEYWORDS}, the phrases a strong answer would use`,
  };
}

function keywordWarning(keyword: string, q: number, k: number, w: number, what: string): SetWarning {
  return { path: ['questions', q, 'keyPoints', k, 'keywords', w], message: `keyword "${clip(keyword)}" ${what}` };
}

function holdsAll(text: string, pieces: readonly string[]): boolean {
  for (const piece of pieces) if (!text.includes(piece)) return false;
  return true;
}

function allIn(stems: readonly string[], within: ReadonlySet<string>): boolean {
  for (const stem of stems) if (!within.has(stem)) return false;
  return true;
}

function clip(text: string): string {
  return text.length > 50 ? `${text.slice(0, 49)}…` : text;
}
