import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCommonWord } from '../../src/core/common-words.js';
import { findKeyPointWarnings } from '../../src/core/key-point-warnings.js';
import { matchKeyPoints } from '../../src/core/key-points.js';
import { parseQuestionSet } from '../../src/core/parse-question-set.js';
import type { Question, QuestionSet } from '../../src/core/question-set-schema.js';
import { relatedQuestionMap } from '../../src/core/related-questions.js';
import { questionPool, selectQuestions, withoutNearDuplicates } from '../../src/core/select-questions.js';
import { normalizeWords } from '../../src/core/word-forms.js';

// The quality bar of the built-in bank (issue 13), checked over every set in questions/: what a
// candidate is shown must be fair (hints that nudge without handing over the answer), and what
// the matcher credits must be words a strong answer says, not words any answer says.

const QUESTIONS_DIR = new URL('../../questions/', import.meta.url);
// shared/ sits beside the checkout (CI's clone, /work/main) or two levels up (a worktree in wt/).
const SEEDS_DIR = ['../../../shared/seeds/', '../../../../shared/seeds/']
  .map((path) => new URL(path, import.meta.url))
  .find((url) => existsSync(url));

const sets: QuestionSet[] = readdirSync(QUESTIONS_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => {
    const result = parseQuestionSet(readFileSync(new URL(name, QUESTIONS_DIR), 'utf8'), name);
    if (!result.ok) throw new Error(`questions/${name} does not parse`);
    return result.set;
  });
const questions = sets.flatMap((set) => set.questions.map((question) => ({ set: set.id, question })));
const each = questions.map(({ set, question }) => [`${set}/${question.id}`, question] as const);

/**
 * One-word keywords that nearly any answer contains, so they say nothing about a point: the
 * judgement's everyday words (isCommonWord, which validate --strict uses) and, on top, words
 * that are generic in this bank's domain (a safety answer always says "safety" or "model").
 */
const isGeneric = (keyword: string) =>
  GENERIC_WORDS.has(keyword.toLowerCase()) || (!/\s/.test(keyword.trim()) && isCommonWord(keyword.trim().toLowerCase()));
const GENERIC_WORDS = new Set(
  `result results outcome outcomes learned learn lesson lessons situation task tasks trust deadline deadlines paper papers weekly
  data model models approach problem problems issue issues system systems process impact analysis evidence metric metrics number
  numbers clear clarity decision decisions action actions important good better safety safe alignment aligned risk risks ai training
  test tests testing eval evals evaluation team work project time people user users concern concerns rule rules principle principles
  background role star schedule timeline cost costs reputation brand mission pace rest progress realistic community colleagues
  communicate communicated communication stakeholder stakeholders transparent uncertainty uncertain monitoring logging reporting
  register iterate iteration loop rounds features limitation limitations weaknesses broader wider patience patient balanced pragmatic
  compromise resolution advocate listened empathy experiment review check checks quality value values goal goals behavior behaviour
  output outputs response responses answer answers prompt prompts question questions example examples policy policies control
  controls layer layers method methods technique techniques framework frameworks tool tools agent agents human humans`
    .split(/\s+/)
    .filter(Boolean),
);

/** Phrases that make a follow-up push back on the candidate's answer. */
const PUSHBACK =
  /change your (mind|view|answer)|disagree|sceptic|skeptic|push(es)? back|argues?|objects?|convince|wrong|isn't|aren't|doesn't|why not|why bother|overkill|devil|counter|critic|\b(says|claims|insists)\b|are you sure|defend|too (cautious|strict|slow)/i;

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

function ngrams(text: string, n: number): Set<string> {
  const list = words(text);
  const grams = new Set<string>();
  for (let i = 0; i + n <= list.length; i++) grams.add(list.slice(i, i + n).join(' '));
  return grams;
}

function containsPhrase(haystack: readonly string[], phrase: readonly string[]): boolean {
  return haystack.some((_, i) => phrase.length > 0 && phrase.every((word, j) => haystack[i + j] === word));
}

/** Every text of a question a candidate reads. */
function textsOf(question: Question): string[] {
  return [
    question.prompt,
    ...(question.hints ?? []),
    ...(question.keyPoints ?? []).map((keyPoint) => keyPoint.point),
    ...(question.redFlags ?? []),
    ...(question.followUps ?? []),
    question.notes ?? '',
  ];
}

describe('the built-in bank', () => {
  it('holds three sets and at least 30 questions in the newest', () => {
    expect(sets.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sets.map((set) => set.questions.length))).toBeGreaterThanOrEqual(30);
  });

  it.each(sets.map((set) => [set.id, set] as const))('%s passes validate --strict (no key-point warnings)', (_name, set) => {
    expect(findKeyPointWarnings(set).map((warning) => `${warning.path.join('.')}: ${warning.message}`)).toEqual([]);
  });

  describe.each(each)('%s', (_name, question) => {
    const keyPoints = question.keyPoints ?? [];
    const hints = question.hints ?? [];

    it('has a hint ladder of three or more that never hands over the key points', () => {
      expect(hints.length).toBeGreaterThanOrEqual(3);
      const last = matchKeyPoints(hints.at(-1) ?? '', { prompt: question.prompt, keyPoints }).length;
      const all = matchKeyPoints(hints.join('\n'), { prompt: question.prompt, keyPoints }).length;
      expect(last, 'key points the last hint alone names').toBeLessThanOrEqual(Math.floor(keyPoints.length / 2));
      expect(all, 'key points all hints together name').toBeLessThanOrEqual(Math.floor((keyPoints.length * 2) / 3));
    });

    it('has a red flag and two follow-ups, one of them pushing back', () => {
      expect(question.redFlags?.length ?? 0).toBeGreaterThanOrEqual(1);
      expect(question.followUps?.length ?? 0).toBeGreaterThanOrEqual(2);
      expect(
        question.followUps?.some((followUp) => PUSHBACK.test(followUp)),
        'a pushback follow-up',
      ).toBe(true);
    });

    it('has three or more key points, each with four or more keywords', () => {
      expect(keyPoints.length).toBeGreaterThanOrEqual(3);
      for (const keyPoint of keyPoints) expect(keyPoint.keywords?.length ?? 0, keyPoint.point).toBeGreaterThanOrEqual(4);
    });

    it('has no keyword that the prompt contains and no generic one-word keyword', () => {
      const prompt = normalizeWords(question.prompt);
      const keywords = keyPoints.flatMap((keyPoint) => keyPoint.keywords ?? []);
      expect(
        keywords.filter((keyword) => containsPhrase(prompt, normalizeWords(keyword))),
        'keywords in the prompt',
      ).toEqual([]);
      expect(keywords.filter(isGeneric), 'generic keywords').toEqual([]);
    });

    it('has time, difficulty and kind', () => {
      expect([question.time, question.difficulty, question.kind].every(Boolean)).toBe(true);
    });
  });
});

describe('near-duplicates across the bank', () => {
  const pool = questionPool(sets);
  const drawable = withoutNearDuplicates(pool).length;

  it('marks the known near-duplicate pairs as related', () => {
    const map = relatedQuestionMap(sets);
    for (const [a, b] of [
      ['ai-safety-frontier-labs/rlhf-cai-dpo-tradeoffs', 'ai-alignment-engineer/dpo-vs-rlhf'],
      ['ai-safety-frontier-labs/red-teaming-llm-design', 'ai-alignment-engineer/red-teaming-process'],
      ['ai-safety-frontier-labs/autonomous-agent-oversight', 'ai-alignment-engineer/agentic-ai-safety-controls'],
    ] as const) {
      expect(map.get(a)?.has(b), `${a} ~ ${b}`).toBe(true);
    }
  });

  // Related groups are kept as cliques, so every order can draw the same number of questions
  // (the picker offers that many) and an "All categories" session of that size never holds a pair.
  it.each(Array.from({ length: 12 }, (_, seed) => seed))('seed %i: a full random session holds no related pair', (seed) => {
    const chosen = selectQuestions(pool, { order: 'random', seed, count: drawable, scope: 'all categories' });
    const keys = new Set(chosen.map(({ set, question }) => `${set.id}/${question.id}`));
    const map = relatedQuestionMap(sets);
    for (const key of keys) for (const other of map.get(key) ?? []) expect(keys.has(other), `${key} with ${other}`).toBe(false);
    expect(keys.size).toBe(drawable);
  });
});

describe('answers with no content earn nothing', () => {
  // The review that led to issue 13: a 22-word STAR shell ticked 4 of 6 points of this question.
  const shell =
    'The situation had a deadline. My task was clear. I took action, the result was a good outcome, I learned a lesson and earned trust.';
  it.each(each.filter(([, question]) => question.kind === 'behavioral'))('%s: a STAR shell ticks no key point', (_name, question) => {
    expect(matchKeyPoints(shell, { prompt: question.prompt, keyPoints: question.keyPoints ?? [] })).toEqual([]);
  });
});

describe.runIf(SEEDS_DIR !== undefined)('the bank keeps the seed articles wording out', () => {
  const seedGrams = new Set(readdirSync(SEEDS_DIR ?? '').flatMap((name) => [...ngrams(readFileSync(new URL(name, SEEDS_DIR), 'utf8'), 8)]));
  it.each(each)('%s shares no run of 8 words with a seed', (_name, question) => {
    const shared = textsOf(question).flatMap((text) => [...ngrams(text, 8)].filter((gram) => seedGrams.has(gram)));
    expect(shared).toEqual([]);
  });
});
