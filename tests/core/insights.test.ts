import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeAnswer,
  countFillers,
  describeFollowUpInsights,
  describeInsights,
  detectStructure,
  FILLER_WORDS,
  STOP_WORDS,
  topContentWords,
  wordCounts,
  wordsOf,
} from '../../src/core/insights.js';
import { plainWordOrder } from '../../src/core/word-order.js';

describe('wordsOf', () => {
  it.each([
    ["I don't know, basically.", ['i', "don't", 'know', 'basically']],
    ['RLHF-based (PPO) training!', ['rlhf', 'based', 'ppo', 'training']],
    ['', []],
  ])('%j', (text, words) => {
    expect(wordsOf(text)).toEqual(words);
  });
});

describe('wordsOf on ASCII text', () => {
  it('splits as the Unicode rule does', () => {
    const unicodeRule = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
    const chars = fc.constantFrom(..."abcXYZ019 '’-.,\n\té\u212aİ".split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), (list) => {
        const text = list.join('');
        expect(wordsOf(text)).toEqual(unicodeRule(text));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('countFillers', () => {
  it.each([
    [
      'basically it is like, you know, kind of basic',
      [
        { word: 'basically', count: 1 },
        { word: 'kind of', count: 1 },
        { word: 'like', count: 1 },
        { word: 'you know', count: 1 },
      ],
    ],
    [
      'I guess I just think it just works',
      [
        { word: 'just', count: 2 },
        { word: 'i guess', count: 1 },
      ],
    ],
    ['A clean answer with none.', []],
    ['likely unlike justify', []],
  ])('%j', (text, expected) => {
    expect(countFillers(wordsOf(text))).toEqual(expected);
  });
});

describe('topContentWords', () => {
  it.each([
    [
      'reward model reward hacking reward model overoptimization model',
      [
        { word: 'model', count: 3 },
        { word: 'reward', count: 3 },
      ],
    ],
    // A plural counts with its singular, under the form used more.
    [
      'model models better better',
      [
        { word: 'better', count: 2 },
        { word: 'model', count: 2 },
      ],
    ],
    ['policies policy policies', [{ word: 'policies', count: 3 }]],
    [
      'class classes process process',
      [
        { word: 'class', count: 2 },
        { word: 'process', count: 2 },
      ],
    ],
    ['the the the and and of', []],
    ['each word once only here', []],
  ])('%j', (text, expected) => {
    expect(topContentWords(wordsOf(text))).toEqual(expected);
  });
});

describe('detectStructure', () => {
  it.each([
    [
      'design, first and second',
      'First I would scope the threat model. Second, build the harness. Finally, report.',
      'design',
      { expected: 'ordered', found: true },
    ],
    ['design, numbered lines', '1. Scope\n2. Harness\n3. Report', 'design', { expected: 'ordered', found: true }],
    ['design, no structure', 'I would build a harness and report on it.', 'design', { expected: 'ordered', found: false }],
    [
      'behavioral, STAR',
      'The situation was a launch. My task was evals. The action I took was to pause. The result: we shipped safely.',
      'behavioral',
      { expected: 'star', found: true },
    ],
    ['behavioral, one STAR word', 'The result was good.', 'behavioral', { expected: 'star', found: false }],
  ] as const)('%s', (_name, text, kind, expected) => {
    expect(detectStructure(text, kind)).toMatchObject(expected);
  });

  it('says nothing for kinds that do not call for a structure', () => {
    expect(detectStructure('First, second.', 'conceptual')).toBeNull();
    expect(detectStructure('First, second.', null)).toBeNull();
  });
});

describe('analyzeAnswer', () => {
  it('turns words into speaking time and a target length for the limit', () => {
    const text = Array.from({ length: 70 }, (_, i) => `word${i}`).join(' ');
    expect(analyzeAnswer(text, { kind: 'conceptual' }, 180)).toMatchObject({ words: 70, spokenSec: 30, targetWords: 420, structure: null });
    expect(analyzeAnswer('', { kind: 'design' }, null)).toMatchObject({
      words: 0,
      spokenSec: 0,
      targetWords: null,
      fillers: [],
      topWords: [],
    });
  });
});

describe('describeInsights', () => {
  it('says it in words', () => {
    const text = 'First, basically, the reward model. Second, the reward model again, you know. Finally the evals.';
    expect(describeInsights(analyzeAnswer(text, { kind: 'design' }, 180), 180)).toEqual([
      'Length: 15 words, about 0:06 spoken (a 3:00 answer holds about 420)',
      'Fillers and hedges: basically ×1, you know ×1',
      'Most used words: model (2), reward (2)',
      'Structure: stated — ordered (first, second, finally)',
    ]);
  });

  it('asks for STAR on a behavioral question that lacks it', () => {
    expect(describeInsights(analyzeAnswer('It went well.', { kind: 'behavioral' }, null), null)).toEqual([
      'Length: 3 words, about 0:01 spoken',
      'Fillers and hedges: none',
      'Structure: not clearly stated; this kind of question rewards STAR (situation, task, action, result)',
    ]);
  });
});

describe('describeFollowUpInsights', () => {
  it('gives a follow-up answer its length and fillers, the pronoun capitalised, no structure (no word is repeated)', () => {
    const answer = 'Basically it is like neurons kind of do many things, I guess, so it is just harder.';
    expect(describeFollowUpInsights({ answer, skipped: false, limitSec: 60 })).toEqual([
      'Length: 17 words, about 0:07 spoken (a 1:00 answer holds about 140)',
      'Fillers and hedges: basically ×1, I guess ×1, just ×1, kind of ×1, like ×1',
    ]);
  });

  it('says nothing about a skipped or empty follow-up', () => {
    expect(describeFollowUpInsights({ answer: 'typed, then skipped', skipped: true, limitSec: 60 })).toEqual([]);
    expect(describeFollowUpInsights({ answer: '  \n ', skipped: false, limitSec: 60 })).toEqual([]);
  });
});

// The counts are made once per answer and shared (wordCounts): held here to the plain loops they
// replaced, which read the word list itself, over random answers of fillers, stop words, plurals
// and digits.
describe('fillers and top words from shared word counts', () => {
  function referenceFillers(words: readonly string[]) {
    const counts = FILLER_WORDS.map((filler) => {
      const phrase = filler.split(' ');
      let count = 0;
      for (let i = 0; i + phrase.length <= words.length; i++) {
        let matches = true;
        for (let j = 0; j < phrase.length && matches; j++) matches = words[i + j] === phrase[j];
        if (matches) count++;
      }
      return { word: filler as string, count };
    });
    return counts.filter((entry) => entry.count > 0).sort((a, b) => b.count - a.count || plainWordOrder(a.word, b.word));
  }

  function referenceTopWords(words: readonly string[]) {
    const fillers = new Set<string>(FILLER_WORDS.filter((filler) => !filler.includes(' ')));
    const counts = new Map<string, number>();
    for (const word of words) {
      if (word.length < 3 || STOP_WORDS.has(word) || fillers.has(word) || /^\d+$/.test(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    for (const [word, count] of [...counts]) {
      const singular = [word.endsWith('ies') ? `${word.slice(0, -3)}y` : null, word.endsWith('es') ? word.slice(0, -2) : null]
        .concat(word.endsWith('s') && !word.endsWith('ss') ? [word.slice(0, -1)] : [])
        .find((form): form is string => form !== null && counts.has(form));
      if (singular === undefined) continue;
      const other = counts.get(singular) ?? 0;
      counts.delete(word);
      counts.delete(singular);
      counts.set(other >= count ? singular : word, other + count);
    }
    return [...counts.entries()]
      .filter(([, count]) => count > 1)
      .sort((a, b) => b[1] - a[1] || plainWordOrder(a[0], b[0]))
      .slice(0, 3)
      .map(([word, count]) => ({ word, count }));
  }

  const vocabulary = [
    ...FILLER_WORDS.flatMap((filler) => filler.split(' ')),
    'the',
    'and',
    'of',
    'model',
    'models',
    'modelss',
    'policy',
    'policies',
    'policys',
    'box',
    'boxes',
    'boxess',
    'class',
    'classes',
    'reward',
    'rewards',
    '42',
    '7b',
    'io',
  ];

  it('count what the plain loops counted, in the same order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 60 }), (words) => {
        expect(countFillers(words, plainWordOrder)).toEqual(referenceFillers(words));
        expect(topContentWords(words, 3, plainWordOrder)).toEqual(referenceTopWords(words));
        const counts = wordCounts(words);
        expect(countFillers(words, plainWordOrder, counts)).toEqual(referenceFillers(words));
        expect(topContentWords(words, 3, plainWordOrder, counts)).toEqual(referenceTopWords(words));
      }),
      { numRuns: 500 },
    );
  });
});
