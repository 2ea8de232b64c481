import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findKeyPointWarnings } from '../../src/core/key-point-warnings.js';
import type { QuestionSet } from '../../src/core/question-set-schema.js';
import { contentStems, splitWords, stemProbe, stemWord } from '../../src/core/word-forms.js';
import { REALBANK_PATH } from '../support/fixture-sets.js';

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

describe('the prompt check without stemming the prompt (stemProbe)', () => {
  const bankFolder = new URL('../../questions/', import.meta.url).pathname;
  const bankTexts = [
    ...readdirSync(bankFolder).map((name) => readFileSync(join(bankFolder, name), 'utf8')),
    ...readdirSync(dirname(REALBANK_PATH))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => readFileSync(join(dirname(REALBANK_PATH), name), 'utf8')),
  ];
  const bankWords = [...new Set(bankTexts.flatMap((text) => splitWords(text)))];

  it("every word holds its stem's probe as its start: the words of both banks and random ones", () => {
    expect(bankWords.length).toBeGreaterThan(5000);
    for (const word of bankWords) expect(word.startsWith(stemProbe(stemWord(word))), word).toBe(true);
    // Random words from letters that every suffix rule is made of, and the rules' own suffixes glued on.
    const suffixes = ['ational', 'tional', 'enci', 'anci', 'izer', 'bli', 'alli', 'entli', 'eli', 'ousli', 'ization', 'ation', 'ator'];
    suffixes.push('alism', 'iveness', 'fulness', 'ousness', 'aliti', 'iviti', 'biliti', 'logi', 'icate', 'ative', 'alize', 'iciti');
    suffixes.push('ical', 'ful', 'ness', 'sses', 'ies', 's', 'eed', 'ed', 'ing', 'y', 'e', 'll', 'ion', 'ement', 'able', 'ible');
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abcdeilnostuvyz'), minLength: 0, maxLength: 8 }),
        fc.array(fc.constantFrom(...suffixes), { maxLength: 3 }),
        (start, ends) => {
          const word = start + ends.join('');
          expect(word.startsWith(stemProbe(stemWord(word))), word).toBe(true);
        },
      ),
      { seed: 17, numRuns: 20000 },
    );
  });

  it('warns of a keyword in the prompt exactly where every stem of the keyword is a stem of the prompt', () => {
    const vocabulary = bankWords.filter((word) => word.length > 2).slice(0, 4000);
    const phrase = fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...vocabulary), { minLength: 3, maxLength: 14 }),
        fc.array(phrase, { minLength: 3, maxLength: 6 }),
        fc.boolean(),
        (promptWords, keywords, apostrophe) => {
          // Keywords taken from the prompt too, so that both answers occur.
          const prompt = `${promptWords.join(' ')}${apostrophe ? " isn't it" : ''}?`;
          const all = [...keywords, promptWords.slice(0, 2).join(' '), promptWords[2] as string];
          const warned = new Set(
            findKeyPointWarnings(setWith(prompt, [{ point: 'P', keywords: all }]))
              .filter((warning) => warning.message.includes("is in the question's prompt"))
              .map((warning) => warning.path.at(-1)),
          );
          const promptStems = new Set(contentStems(prompt));
          all.forEach((keyword, index) => {
            const stems = contentStems(keyword);
            const everyday = findKeyPointWarnings(setWith('Q?', [{ point: 'P', keywords: [keyword, 'x y', 'y z'] }])).some((warning) =>
              warning.message.includes('everyday word'),
            );
            const expected = !everyday && stems.length > 0 && stems.every((stem) => promptStems.has(stem));
            expect(warned.has(index), `${keyword} | ${prompt}`).toBe(expected);
          });
        },
      ),
      { seed: 17, numRuns: 400 },
    );
  });
});
