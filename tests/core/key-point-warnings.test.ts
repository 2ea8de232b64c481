import { describe, expect, it } from 'vitest';
import { findKeyPointWarnings } from '../../src/core/key-point-warnings.js';
import type { QuestionSet } from '../../src/core/question-set-schema.js';

const setWith = (prompt: string, keyPoints: { point: string; keywords?: string[] }[]): QuestionSet => ({
  id: 's',
  title: 'S',
  categories: [{ id: 'c', title: 'C' }],
  questions: [{ id: 'q', category: 'c', prompt, keyPoints }],
});

describe('warnings about key points that will judge badly', () => {
  it.each([
    [
      'a good point: no warning',
      'What is reward hacking?',
      [{ point: 'Exploits the scorer', keywords: ['exploits flaws', 'games the metric', 'score climbs'] }],
      [],
    ],
    [
      'fewer than 3 keywords',
      'Q?',
      [{ point: 'P', keywords: ['games the metric', 'score climbs'] }],
      ['questions.0.keyPoints.0: key point "P" has 2 keywords'],
    ],
    ['no keywords at all', 'Q?', [{ point: 'P' }], ['questions.0.keyPoints.0: key point "P" has 0 keywords']],
    [
      'an everyday one-word keyword',
      'Q?',
      [{ point: 'P', keywords: ['result', 'games the metric', 'score climbs'] }],
      ['questions.0.keyPoints.0.keywords.0: keyword "result" is an everyday word'],
    ],
    [
      'an everyday word in another form',
      'Q?',
      [{ point: 'P', keywords: ['learned', 'Tasks', 'score climbs'] }],
      ['keywords.0: keyword "learned" is an everyday word', 'keywords.1: keyword "Tasks" is an everyday word'],
    ],
    [
      'a keyword the prompt contains',
      'How would you detect reward hacking?',
      [{ point: 'P', keywords: ['Reward hacking', 'games the metric', 'score climbs'] }],
      ['keywords.0: keyword "Reward hacking" is in the question\'s prompt'],
    ],
    ['a rare one-word keyword is fine', 'Q?', [{ point: 'P', keywords: ['sycophancy', 'flattery', 'agrees with the user'] }], []],
  ])('%s', (_name, prompt, keyPoints, expected) => {
    const warnings = findKeyPointWarnings(setWith(prompt, keyPoints)).map((warning) => `${warning.path.join('.')}: ${warning.message}`);
    expect(warnings).toHaveLength(expected.length);
    for (const [index, start] of expected.entries()) expect(warnings[index]).toContain(start);
  });

  it('a question without key points is valid and not warned about (a plain list converted from elsewhere)', () => {
    expect(findKeyPointWarnings(setWith('Q?', []))).toEqual([]);
  });
});
