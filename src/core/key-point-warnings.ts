import { isCommonWord } from './common-words.js';
import type { QuestionSet } from './question-set-schema.js';
import { plural } from './text.js';
import { contentStems, splitWords } from './word-forms.js';

// Warnings for authors about key points that will judge answers badly: they do not stop a set
// from loading (`validate` exits 0), but `validate --strict` counts them as errors.

/** The fewest keywords a key point should have: one phrase is a coin toss. */
export const MIN_KEYWORDS = 3;

/** A warning at a place in the set's data (`questions.3.keyPoints.1.keywords.0`). */
export interface SetWarning {
  path: (string | number)[];
  message: string;
}

/** Every warning about a set's key points, in the order of the file. */
export function findKeyPointWarnings(set: QuestionSet): SetWarning[] {
  const warnings: SetWarning[] = [];
  for (const [q, question] of set.questions.entries()) {
    const promptStems = new Set(contentStems(question.prompt));
    for (const [k, keyPoint] of (question.keyPoints ?? []).entries()) {
      const keywords = keyPoint.keywords ?? [];
      if (keywords.length < MIN_KEYWORDS) {
        warnings.push({
          path: ['questions', q, 'keyPoints', k],
          message: `key point "${clip(keyPoint.point)}" has ${plural(keywords.length, 'keyword')}: give it at least ${MIN_KEYWORDS}, the phrases a strong answer would use`,
        });
      }
      for (const [w, keyword] of keywords.entries()) {
        const at = ['questions', q, 'keyPoints', k, 'keywords', w];
        const words = splitWords(keyword);
        if (words.length === 1 && isCommonWord(words[0] as string)) {
          warnings.push({
            path: at,
            message: `keyword "${clip(keyword)}" is an everyday word: alone it says nothing, so it never credits a point; use a phrase`,
          });
          continue;
        }
        const stems = contentStems(keyword);
        if (stems.length > 0 && stems.every((stem) => promptStems.has(stem))) {
          warnings.push({
            path: at,
            message: `keyword "${clip(keyword)}" is in the question's prompt: restating the question earns nothing, so it never credits a point`,
          });
        }
      }
    }
  }
  return warnings;
}

function clip(text: string): string {
  return text.length > 50 ? `${text.slice(0, 49)}…` : text;
}
