import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWord, splitWords } from '../../src/core/word-forms.js';

// splitWords takes a short cut for ASCII text (no Unicode normalization, ASCII patterns): it must
// give the words the general rule gives, written out here as it is in word-forms.ts.
const generalRule = (text: string) =>
  foldWord(text)
    .replace(/(\p{L})['’](\p{L})/gu, '$1$2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

describe('splitWords', () => {
  it.each([
    ["Don't stop: Goodhart's law!", ['dont', 'stop', 'goodharts', 'law']],
    ["rock'n'roll, a'b'c", ['rockn', 'roll', 'ab', 'c']],
    ["'quoted' 1'2 x'", ['quoted', '1', '2', 'x']],
    ['Naïve Mesa-Optimizers', ['naive', 'mesa', 'optimizers']],
    ['Goodhart’s', ['goodharts']],
  ])('%j', (text, words) => {
    expect(splitWords(text)).toEqual(words);
    expect(generalRule(text)).toEqual(words);
  });

  it('gives the general rule’s words for any text, ASCII or not', () => {
    const ascii = fc.string({
      unit: fc.constantFrom('a', 'B', 'z', '0', '9', "'", '’', ' ', '-', '.', '\t', '\n', '\u0000', '~', 'é'),
      maxLength: 16,
    });
    fc.assert(
      fc.property(fc.oneof(ascii, fc.string({ maxLength: 16 }), fc.string({ unit: 'binary', maxLength: 8 })), (text) => {
        expect(splitWords(text)).toEqual(generalRule(text));
      }),
      { seed: 17, numRuns: 2000 },
    );
  });
});
