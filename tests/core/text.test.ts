import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeAnswer } from '../../src/core/insights.js';
import { countWords, formatQuestionMeta } from '../../src/core/text.js';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['one', 1],
    ['state-of-the-art RLHF, i.e. reward-model fine-tuning', 5],
    ["don't stop — ever", 3],
    ['line one\nline two', 4],
    ['1. first 2. second', 4],
    ['日本語 テキスト', 2],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  it('counts as the rule says (split on white space, runs with a letter or digit), on any text', () => {
    // The rule as stated, Unicode's white space and letters throughout: the reference the one-pass count is held to.
    const byRule = (text: string) => text.split(/\s+/).filter((run) => /[\p{L}\p{N}]/u.test(run)).length;
    const pieces = fc.constantFrom(
      ...['a', 'Z', '7', '-', '.', "'", ' ', '  ', '\t', '\n', '\r', '\v', '\f', '\u0000', '\u001f', '\u007f', '@', '_'],
      ...['\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', 'é', '日', '٣', '—', '\u0301', '😀'],
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(countWords(text)).toBe(byRule(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('is the count the insights give, so the screen and the feedback agree', () => {
    const text = 'state-of-the-art RLHF, i.e. reward-model fine-tuning';
    expect(analyzeAnswer(text, { kind: null }, null).words).toBe(countWords(text));
  });
});

describe('formatQuestionMeta', () => {
  it.each([
    [
      { categoryTitle: 'Basics', difficulty: 'easy', kind: 'conceptual', tags: ['anthropic', 'openai'] },
      'Basics · easy · conceptual · #anthropic · #openai',
    ],
    [{ categoryTitle: 'Basics', difficulty: null, kind: null, tags: [] }, 'Basics'],
    [{ categoryTitle: 'Basics', difficulty: null, kind: 'design', tags: ['x'] }, 'Basics · design · #x'],
  ])('%j', (question, line) => {
    expect(formatQuestionMeta(question)).toBe(line);
  });
});
