import { readFileSync } from 'node:fs';
import { parseQuestionSet } from '../../src/core/parse-question-set.js';
import type { QuestionSet } from '../../src/core/question-set-schema.js';

export const MINI_SET_PATH = new URL('../fixtures/sets/mini.yaml', import.meta.url).pathname;
/** 165 real data-science questions with community answers (CC BY 4.0), in our format. */
export const REALBANK_PATH = new URL('../fixtures/sets/data-science-theory.yaml', import.meta.url).pathname;

/** The small fixture set used across tests (two categories, three questions). */
export function loadMiniSet(): QuestionSet {
  const result = parseQuestionSet(readFileSync(MINI_SET_PATH, 'utf8'), 'mini.yaml');
  if (!result.ok) throw new Error('the mini fixture set does not parse');
  return result.set;
}
