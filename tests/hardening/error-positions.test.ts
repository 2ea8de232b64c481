import { describe, expect, it } from 'vitest';
import { parseQuestionSet } from '../../src/core/parse-question-set.js';
import { formatProblem } from '../../src/core/problem.js';

// Errors located where they begin. An unclosed quote was reported where the file ends (`8:1`),
// not where it opens; a single unresolved alias was called an alias bomb; `!!binary` and
// `!!timestamp` values were "a map". PyYAML and yamllint name both ends of an unclosed quote: the
// opening comes first, with the end in the message.

const HEAD = 'id: s\ntitle: Set\ncategories:\n  - id: basics\n';

const CASES: [name: string, yaml: string, problems: string[]][] = [
  [
    'an unclosed double quote',
    `${HEAD}    title: "Basics\nquestions:\n  - id: q1\n    category: basics\n    prompt: p\n`,
    ['x.yaml:5:12: YAML syntax error: this double quote is never closed (the file ends at 10:1 inside it)'],
  ],
  [
    'an unclosed single quote, with a doubled quote inside',
    `${HEAD}    title: 'it''s\nquestions: []\n`,
    ['x.yaml:5:12: YAML syntax error: this single quote is never closed (the file ends at 7:1 inside it)'],
  ],
  [
    'an unclosed quote after an escaped one',
    `${HEAD}    title: "a \\" b\nquestions: []\n`,
    ['x.yaml:5:12: YAML syntax error: this double quote is never closed (the file ends at 7:1 inside it)'],
  ],
  [
    'one unresolved alias',
    `${HEAD}    title: Basics\nquestions:\n  - id: q1\n    category: basics\n    prompt: *nope\n`,
    ['x.yaml:9:13: the alias *nope has no anchor: write &nope on a value before the alias'],
  ],
  [
    'a !!binary value',
    `${HEAD}    title: !!binary aGVsbG8=\nquestions:\n  - id: q1\n    category: basics\n    prompt: p\n`,
    ['x.yaml:5:12: categories[0] (basics).title must be text, not binary data (!!binary)'],
  ],
  [
    'a !!timestamp value',
    `${HEAD}    title: Basics\nquestions:\n  - id: q1\n    category: basics\n    prompt: !!timestamp 2001-12-14t21:59:43.10-05:00\n`,
    ['x.yaml:9:13: questions[0] (q1).prompt must be text, not a date and time (!!timestamp)'],
  ],
];

describe('YAML errors are located where they begin, and say what they are', () => {
  it.each(CASES)('%s', (_name, yaml, problems) => {
    const result = parseQuestionSet(yaml, 'x.yaml');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual(problems);
  });

  it('a closed quote is no problem (the check is not a false alarm)', () => {
    const result = parseQuestionSet(
      `${HEAD}    title: "it's \\"fine\\""\nquestions:\n  - id: q1\n    category: basics\n    prompt: 'it''s'\n`,
      'x.yaml',
    );
    expect(result.ok ? result.set.categories[0]?.title : result.problems.map(formatProblem)).toBe('it\'s "fine"');
  });
});
