import { describe, expect, it } from 'vitest';
import { matchKeyPoints, normalizeWords, stemWord } from '../../src/core/key-points.js';

describe('stemWord meets simple plurals', () => {
  it.each([
    ['models', 'model'],
    ['policies', 'policy'],
    ['biases', 'bia'],
    ['bias', 'bia'],
    ['classes', 'class'],
    ['class', 'class'],
    ['boxes', 'box'],
    ['status', 'status'],
    ['analysis', 'analysis'],
    ['is', 'is'],
  ])('%s → %s', (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });
});

describe('matchKeyPoints', () => {
  const points = [
    { point: 'Outer vs inner alignment', keywords: ['outer alignment', 'inner alignment', 'mesa-optimizer'] },
    { point: "Goodhart's law", keywords: ["Goodhart's law", 'proxy'] },
    { point: 'Reward model over-optimization', keywords: ['reward hacking', 'overoptimization'] },
    { point: 'Human preference data drives training' },
  ];
  it.each([
    ['keyword phrase, any case', 'OUTER ALIGNMENT is about the objective', [0]],
    ['punctuation-insensitive', 'a mesa optimizer can emerge', [0]],
    ['plural keyword in the answer', 'Mesa-optimizers may emerge; proxies fail', [0, 1]],
    ['apostrophes ignored', 'goodharts law bites', []],
    ["Goodhart's law written out", "Goodhart's law says", [1]],
    ['phrase words must be adjacent', 'reward is not hacking', []],
    ['no partial-word match', 'approximation', []],
    ['point without keywords: most content words', 'human preference data is used in training', [3]],
    ['point without keywords: too few words', 'human data', []],
    ['empty answer', '', []],
  ])('%s', (_name, answer, expected) => {
    expect(matchKeyPoints(answer, points)).toEqual(expected);
  });

  it('normalizes accents and punctuation into stemmed words', () => {
    expect(normalizeWords('Naïve RLHF-policies, re-ranked!')).toEqual(['naive', 'rlhf', 'policy', 're', 'ranked']);
  });
});
