import { isCommonWord } from './common-words.js';
import type { KeyPoint, Question, QuestionSet } from './question-set-schema.js';
import { plural } from './text.js';
import { STOP_WORDS, splitWords, stemWord } from './word-forms.js';

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
}

/**
 * The word work of one set's warnings, each distinct word stemmed once and each distinct keyword
 * judged once: a set repeats its vocabulary, and stemming every word of 50,000 questions
 * cost more than parsing their YAML. Per call, so memory does not grow with the sets checked.
 */
class WordMemo {
  private readonly stems = new Map<string, string>();
  private readonly keywords = new Map<string, KeywordFacts>();

  /** contentStems (word-forms.ts), through the memo. */
  contentStems(text: string): string[] {
    const stems: string[] = [];
    for (const word of splitWords(text)) {
      if (word.length <= 1 || STOP_WORDS.has(word)) continue;
      let stem = this.stems.get(word);
      if (stem === undefined) {
        stem = stemWord(word);
        this.stems.set(word, stem);
      }
      stems.push(stem);
    }
    return stems;
  }

  keyword(keyword: string): KeywordFacts {
    let facts = this.keywords.get(keyword);
    if (facts === undefined) {
      const words = splitWords(keyword);
      const everyday = words.length === 1 && isCommonWord(words[0] as string);
      facts = { everyday, stems: everyday ? [] : this.contentStems(keyword) };
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
  // Index loops: over 50,000 questions the entries() iterators and their pairs showed.
  for (let q = 0; q < set.questions.length; q++) {
    const question = set.questions[q] as Question;
    const keyPoints = question.keyPoints ?? [];
    // Stemmed when a keyword needs it: a question without keywords never pays for its prompt.
    let promptRead = false;
    for (let k = 0; k < keyPoints.length; k++) {
      const keyPoint = keyPoints[k] as KeyPoint;
      const keywords = keyPoint.keywords ?? [];
      if (keywords.length < MIN_KEYWORDS) {
        warnings.push({
          path: ['questions', q, 'keyPoints', k],
          message: `key point "${clip(keyPoint.point)}" has ${plural(keywords.length, 'keyword')}: give it at least ${MIN_KEYWORDS}, the phrases a strong answer would use`,
        });
      }
      for (let w = 0; w < keywords.length; w++) {
        const keyword = keywords[w] as string;
        const facts = memo.keyword(keyword);
        if (facts.everyday) {
          warnings.push({
            path: ['questions', q, 'keyPoints', k, 'keywords', w],
            message: `keyword "${clip(keyword)}" is an everyday word: alone it says nothing, so it never credits a point; use a phrase`,
          });
          continue;
        }
        if (facts.stems.length === 0) continue;
        if (!promptRead) {
          promptStems.clear();
          for (const stem of memo.contentStems(question.prompt)) promptStems.add(stem);
          promptRead = true;
        }
        if (allIn(facts.stems, promptStems)) {
          warnings.push({
            path: ['questions', q, 'keyPoints', k, 'keywords', w],
            message: `keyword "${clip(keyword)}" is in the question's prompt: restating the question earns nothing, so it never credits a point`,
          });
        }
      }
    }
  }
  return warnings;
}

function allIn(stems: readonly string[], within: ReadonlySet<string>): boolean {
  for (const stem of stems) if (!within.has(stem)) return false;
  return true;
}

function clip(text: string): string {
  return text.length > 50 ? `${text.slice(0, 49)}…` : text;
}
