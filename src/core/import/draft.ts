import type { Problem } from '../problem.js';
import type { IMPORT_FORMATS } from '../question-enums.js';
import type { Difficulty, QuestionKind } from '../question-set-schema.js';

/** A question as an importer read it, before ids are given out. */
export interface DraftQuestion {
  prompt: string;
  /** The title of the category it was found under; the list's title when none. */
  category?: string;
  /** Text found under the category's heading before its first question. */
  categoryDescription?: string;
  /** An id the source gave (a CSV `id` column); generated when absent. */
  id?: string;
  difficulty?: Difficulty;
  kind?: QuestionKind;
  time?: string;
  tags: string[];
  hints: string[];
  followUps: string[];
  notes?: string;
  /** Where the question starts in its file. */
  line: number;
}

/** What an importer made of one file. */
export interface ImportedList {
  file: string;
  /** From front matter, a lone top heading, or the file name. */
  title: string;
  description?: string;
  questions: DraftQuestion[];
  /** What the importer had to guess, in words for the summary. */
  guesses: string[];
  problems: Problem[];
}

export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** "general-questions.md" → "General questions". */
export function titleFromFileName(file: string): string {
  const base = (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]+$/, '');
  const words = base.split(/[-_.\s]+/).filter((word) => word !== '');
  const text = words.join(' ');
  return text === '' ? 'Imported questions' : (text[0]?.toUpperCase() ?? '') + text.slice(1);
}

/** Text as a set holds it: Unix line ends, no trailing spaces on a line, no blank edges. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}
