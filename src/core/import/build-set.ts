import { stringify } from 'yaml';
import type { Problem } from '../problem.js';
import { schemaModeline } from '../question-set-json-schema.js';
import { escapeControls, sanitizeText } from '../sanitize-text.js';
import { createIdAllocator, ID_PATTERN, slugify } from '../slug.js';
import { plural } from '../text.js';
import type { ImportedList } from './draft.js';

export interface ImportOverrides {
  /** The set's id (else made from its title). */
  id?: string;
  /** The set's title (else the list's title; several lists' titles joined). */
  title?: string;
  /** Every question in this one category (else the headings, decks or category column; else the list's title). */
  category?: string;
}

export interface ImportSummary {
  questions: number;
  categories: { id: string; title: string; questions: number }[];
  followUps: number;
  withNotes: number;
  hints: number;
  /** What was guessed, in words. */
  guesses: string[];
}

export interface BuiltSet {
  /** The set as plain data, keys in the order a person writes them. */
  set: Record<string, unknown>;
  summary: ImportSummary;
}

/** `--id` that the loader would refuse: one problem, worded for the option. */
export function checkIdOverride(id: string | undefined): string | null {
  if (id === undefined || ID_PATTERN.test(id)) return null;
  return `--id ${JSON.stringify(id)}: a set id must be letters, digits, dots, dashes or underscores (no spaces)`;
}

/**
 * One question set from the imported lists: categories from what each list found (or the
 * override), unique readable ids for the set, its categories and questions.
 */
export function buildImportedSet(lists: readonly ImportedList[], overrides: ImportOverrides = {}): BuiltSet {
  const guesses: string[] = [];
  const clean = (text: string) => sanitizeText(text);
  const titles = [...new Set(lists.map((list) => list.title))];
  let title = overrides.title?.trim();
  if (!title) {
    title = titles.length <= 3 ? titles.join(', ') : `${titles.slice(0, 2).join(', ')} and ${plural(titles.length - 2, 'more list')}`;
    if (lists.length > 1) guesses.push(`the set's title "${title}" from the lists' titles (--title to change it)`);
  }
  const id = overrides.id ?? slugify(title, { maxWords: 6, fallback: 'imported-questions' });
  if (overrides.id === undefined) guesses.push(`the set's id "${id}" from its title (--id to change it)`);
  const descriptions = lists.map((list) => list.description).filter((text): text is string => text !== undefined);

  const categoryIds = createIdAllocator();
  const categories = new Map<string, { id: string; title: string; description?: string; questions: number }>();
  const categoryFor = (categoryTitle: string, description?: string) => {
    const key = categoryTitle.toLowerCase();
    let entry = categories.get(key);
    if (!entry) {
      entry = {
        id: categoryIds(slugify(categoryTitle, { maxWords: 4, maxLength: 30, fallback: `category-${categories.size + 1}` })),
        title: categoryTitle,
        questions: 0,
      };
      if (description) entry.description = description;
      categories.set(key, entry);
    }
    entry.questions++;
    return entry.id;
  };
  if (overrides.category !== undefined) guesses.push(`every question in the category "${overrides.category}" (--category)`);
  const unfiled = lists.filter((list) => list.questions.some((question) => question.category === undefined));
  if (overrides.category === undefined && unfiled.length > 0) {
    const all = unfiled.every((list) => list.questions.every((question) => question.category === undefined));
    guesses.push(
      `${all ? 'no categories in the list' : 'questions before the first heading'}: filed under the list's title, ${unfiled.map((list) => `"${list.title}"`).join(', ')} (--category to name the category)`,
    );
  }

  // Ids a source gave are kept; the others are made from the question's first words.
  const given = lists.flatMap((list) => list.questions.flatMap((question) => (question.id ? [question.id] : [])));
  const questionIds = createIdAllocator(given);
  let generated = 0;
  let example = '';
  const questions = lists.flatMap((list) =>
    list.questions.map((draft, index) => {
      const categoryTitle = overrides.category ?? draft.category ?? list.title;
      const category = categoryFor(clean(categoryTitle), overrides.category === undefined ? draft.categoryDescription : undefined);
      let questionId = draft.id;
      if (!questionId) {
        questionId = questionIds(
          slugify(draft.prompt.split('\n')[0] ?? '', { maxWords: 6, maxLength: 40, fallback: `question-${index + 1}` }),
        );
        generated++;
        if (example === '') example = questionId;
      }
      const question: Record<string, unknown> = { id: questionId, category };
      if (draft.difficulty) question.difficulty = draft.difficulty;
      if (draft.kind) question.kind = draft.kind;
      if (draft.tags.length > 0) question.tags = draft.tags.map(clean);
      if (draft.time) question.time = draft.time;
      question.prompt = clean(draft.prompt);
      if (draft.hints.length > 0) question.hints = draft.hints.map(clean);
      if (draft.followUps.length > 0) question.followUps = draft.followUps.map(clean);
      if (draft.notes) question.notes = clean(draft.notes);
      return question;
    }),
  );
  if (generated > 0) guesses.push(`${plural(generated, 'question id')} from the questions' first words (e.g. ${example})`);

  const set: Record<string, unknown> = { id, title: clean(title) };
  if (descriptions.length > 0) set.description = clean(descriptions.join('\n\n'));
  set.categories = [...categories.values()].map(({ id: categoryId, title: categoryTitle, description }) => ({
    id: categoryId,
    title: categoryTitle,
    ...(description ? { description: clean(description) } : {}),
  }));
  set.questions = questions;
  return {
    set,
    summary: {
      questions: questions.length,
      categories: [...categories.values()].map(({ id: categoryId, title: categoryTitle, questions: count }) => ({
        id: categoryId,
        title: categoryTitle,
        questions: count,
      })),
      followUps: lists.reduce((sum, list) => sum + list.questions.reduce((count, question) => count + question.followUps.length, 0), 0),
      withNotes: lists.reduce((sum, list) => sum + list.questions.filter((question) => question.notes).length, 0),
      hints: lists.reduce((sum, list) => sum + list.questions.reduce((count, question) => count + question.hints.length, 0), 0),
      guesses: [
        ...lists.flatMap((list) => list.guesses.map((guess) => (lists.length > 1 ? `${list.file}: ${guess}` : guess))),
        ...guesses,
      ].map(clean),
    },
  };
}

/** The set as a YAML file: the schema line, where it came from, then the set (block text for anything multi-line). */
export function renderImportedSet(set: Record<string, unknown>, options: { schemaRef: string; files: readonly string[] }): string {
  const body = stringify(set, { lineWidth: 0, blockQuote: 'literal', defaultKeyType: 'PLAIN', aliasDuplicateObjects: false });
  // File names are names from outside: shown escaped, and a newline in one cannot end the comment.
  return `${schemaModeline(escapeControls(options.schemaRef))}
# Imported by mockprep from ${options.files.map(escapeControls).join(', ')}.
# Check it with mockprep validate; add difficulty, kind, hints and keyPoints to questions as you go,
# and source: and license: before you share it.
${body}`;
}

export type { Problem };
