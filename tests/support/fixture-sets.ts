import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseQuestionSet } from '../../src/core/parse-question-set.js';
import type { QuestionSet } from '../../src/core/question-set-schema.js';
import { questionPool } from '../../src/core/select-questions.js';
import { createTranscript, toAskedQuestion } from '../../src/core/session.js';
import type { SessionSettingsInput, Transcript } from '../../src/core/transcript-schema.js';

export const MINI_SET_PATH = new URL('../fixtures/sets/mini.yaml', import.meta.url).pathname;
/** A set with CJK, emoji and tabs in its category, tags, prompt and hint. */
export const WIDE_SET_PATH = new URL('../fixtures/sets/wide.yaml', import.meta.url).pathname;
/**
 * 165 real data-science questions with community answers (CC BY 4.0), in our format. The realbank
 * is used where it lives, `../shared/realbank/` beside the repository (as CI lays it out), never
 * copied into the project. A git worktree sits one folder deeper (`<repo>/../wt/<name>`), so the
 * first ancestor of the repository's folder that holds `shared/realbank` is the one used.
 */
export const REALBANK_PATH = findRealbank('data-science-theory.yaml');

function findRealbank(name: string): string {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  let dir = dirname(root.replace(/\/$/, ''));
  for (;;) {
    const candidate = join(dir, 'shared', 'realbank', name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`the realbank (shared/realbank/${name}) is not beside the repository: CI lays it at ../shared`);
    dir = parent;
  }
}

/** The small fixture set used across tests (two categories, three questions). */
export function loadMiniSet(): QuestionSet {
  const result = parseQuestionSet(readFileSync(MINI_SET_PATH, 'utf8'), 'mini.yaml');
  if (!result.ok) throw new Error('the mini fixture set does not parse');
  return result.set;
}

/** Settings for a test session: in order, hints and review on, no follow-ups. */
export const TEST_SETTINGS: SessionSettingsInput = {
  sets: [{ id: 'mini', title: 'Mini set', source: null, license: null }],
  category: null,
  count: 3,
  time: null,
  totalLimitSec: null,
  difficulty: null,
  tag: null,
  order: 'in-order',
  seed: 1,
  hints: true,
  review: true,
  mode: 'practice',
  followUps: 0,
  overtime: false,
};

/** A new transcript over the mini set's questions (all three, or the first `limits.length`), each with its limit. */
export function makeMiniTranscript(
  options: { now?: number; settings?: Partial<SessionSettingsInput>; limits?: (number | null)[] } = {},
): Transcript {
  const limits = options.limits ?? [60, 120, null];
  return createTranscript({
    id: 's1',
    now: options.now ?? 0,
    settings: { ...TEST_SETTINGS, ...options.settings },
    questions: questionPool([loadMiniSet()])
      .slice(0, limits.length)
      .map((entry, i) => ({ question: toAskedQuestion(entry), limitSec: limits[i] ?? null })),
  });
}
