import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuestionSet, parseQuestionSetBytes } from '../../src/core/parse-question-set.js';
import { formatProblem } from '../../src/core/problem.js';
import { REALBANK_PATH } from '../support/fixture-sets.js';

const HEAD = `id: demo
title: Demo
categories:
  - id: basics
    title: Basics
questions:
`;
const QUESTION = `  - id: q1
    category: basics
    prompt: What is alignment?
`;

/** Problems of a YAML text as `line:col: message` strings. */
function problemsOf(text: string): string[] {
  const result = parseQuestionSet(text, 'set.yaml');
  return result.ok ? [] : result.problems.map((problem) => formatProblem(problem).replace(/^set\.yaml:/, ''));
}

describe('parseQuestionSet reports each mistake at its node', () => {
  it.each([
    ['YAML syntax error', `${HEAD}  - id: [q1\n    category: basics\n`, ['8:5: YAML syntax error']],
    ['tab indentation', `id: demo\n\ttitle: Demo\n`, ['2:1: tabs are not allowed for indentation in YAML; use spaces']],
    ['wrong type', `${HEAD}${QUESTION}    tags: anthropic\n`, ['10:11: questions[0] (q1).tags must be a list, not text "anthropic"']],
    ['missing required field', `${HEAD}  - id: q1\n    category: basics\n`, ['7:5: missing required key "prompt" in questions[0] (q1)']],
    [
      'missing set title',
      `id: demo\ncategories:\n  - id: a\n    title: A\nquestions:\n  - id: q\n    category: a\n    prompt: P\n`,
      ['1:1: missing required key "title" in the set'],
    ],
    [
      'unknown key holding terminal escapes, shown escaped',
      `${HEAD}${QUESTION}    "\\e[2Jboom\\u009b": 1\n`,
      [
        '10:5: unknown key "\\u001b[2Jboom\\u009b" in questions[0] (q1); allowed keys: id, category, difficulty, kind, tags, time, prompt, hints, keyPoints, redFlags, followUps, notes, related',
      ],
    ],
    [
      'unknown key with a suggestion',
      `${HEAD}${QUESTION}    hint:\n      - think\n`,
      [
        '10:5: unknown key "hint" in questions[0] (q1) (did you mean "hints"?); allowed keys: id, category, difficulty, kind, tags, time, prompt, hints, keyPoints, redFlags, followUps, notes, related',
      ],
    ],
    [
      'unknown key in a key point',
      `${HEAD}${QUESTION}    keyPoints:\n      - point: P\n        keyword: [x]\n`,
      ['12:9: unknown key "keyword" in questions[0] (q1).keyPoints[0] (did you mean "keywords"?); allowed keys: point, keywords'],
    ],
    [
      'bad enum value',
      `${HEAD}${QUESTION}    difficulty: medum\n`,
      ['10:17: questions[0] (q1).difficulty must be one of easy, medium, hard; got text "medum" (did you mean "medium"?)'],
    ],
    ['bad duration', `${HEAD}${QUESTION}    time: 5x\n`, ['10:11: questions[0] (q1).time must be a duration like 90s, 3m or 1m30s']],
    [
      'undeclared category',
      `${HEAD}  - id: q1\n    category: basix\n    prompt: P\n`,
      ['8:15: category "basix" is not declared under categories (did you mean "basics"?); declared: basics'],
    ],
    ['duplicate question id', `${HEAD}${QUESTION}${QUESTION}`, ['10:9: duplicate question id "q1"']],
    [
      'related naming an unknown question of the set',
      `${HEAD}${QUESTION}    related: [q2, demo/q9]\n  - id: q2\n    category: basics\n    prompt: P\n`,
      ['10:19: related question "demo/q9" is not in this set'],
    ],
    [
      'related with a near miss',
      `${HEAD}${QUESTION}    related: [dpo-vs-rhlf]\n  - id: dpo-vs-rlhf\n    category: basics\n    prompt: P\n`,
      ['10:15: related question "dpo-vs-rhlf" is not in this set (did you mean "dpo-vs-rlhf"?)'],
    ],
    ['related naming itself', `${HEAD}${QUESTION}    related: [q1]\n`, ['10:15: related question "q1" is this question itself']],
    [
      'related that is not an id',
      `${HEAD}${QUESTION}    related: ["other set/q1"]\n`,
      ['10:15: questions[0] (q1).related[0] must be a question id or set-id/question-id'],
    ],
    [
      'duplicate category id',
      `id: d\ntitle: D\ncategories:\n  - id: a\n    title: A\n  - id: a\n    title: A2\nquestions:\n  - id: q\n    category: a\n    prompt: P\n`,
      ['6:9: duplicate category id "a"'],
    ],
    ['duplicate key', `${HEAD}${QUESTION}    prompt: again\n`, ['10:5: duplicate key: each key may appear once in a map']],
    ['empty question list', `${HEAD.replace('questions:\n', 'questions: []\n')}`, ['6:12: questions must hold at least one question']],
    ['empty prompt', `${HEAD}  - id: q1\n    category: basics\n    prompt: "  "\n`, ['9:13: questions[0] (q1).prompt must not be empty']],
    [
      'id with spaces',
      `${HEAD}  - id: my question\n    category: basics\n    prompt: P\n`,
      ['7:9: questions[0] (my question).id must be letters, digits, dots, dashes or underscores (no spaces)'],
    ],
    [
      'a list instead of a map',
      '- a\n- b\n',
      ['1:1: a question set must be a map with keys id, title, categories and questions; this file holds a list'],
    ],
    ['an empty file', '', ['1:1: the file is empty: a question set needs id, title, categories and questions']],
    ['only comments', '# nothing here\n', ['1:1: the file is empty: a question set needs id, title, categories and questions']],
  ])('%s', (_name, text, expected) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((message, i) => {
      expect(problems[i]?.startsWith(message), `${problems[i]} should start with ${message}`).toBe(true);
    });
  });

  it('reports three different mistakes at once, each on its own line', () => {
    const text = `${HEAD}  - id: q1\n    category: basics\n    difficulty: impossible\n    prompt: P\n    hint: [x]\n  - id: q2\n    category: nowhere\n    prompt: P\n`;
    const problems = problemsOf(text);
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['9', '11', '13']);
    expect(problems[0]).toContain('difficulty must be one of');
    expect(problems[1]).toContain('unknown key "hint"');
    expect(problems[2]).toContain('category "nowhere" is not declared');
  });

  it('refuses an alias bomb without expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const name of 'bcdefgh') {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const problems = problemsOf(`${levels.join('\n')}\n`);
    expect(problems).toEqual([expect.stringMatching(/^2:\d+: too many YAML aliases/)]);
  });
});

describe('parseQuestionSetBytes', () => {
  it('refuses a file over 2 MB before parsing it', () => {
    const result = parseQuestionSetBytes(new Uint8Array(3 * 1024 * 1024).fill(0x61), 'big.yaml');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'big.yaml:1:1: file is 3.0 MB; a question set may be at most 2 MB',
    ]);
  });
  it('refuses binary data', () => {
    const result = parseQuestionSetBytes(new Uint8Array([0x69, 0x64, 0x00, 0x01]), 'x.yaml');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'x.yaml:1:3: not a text file (binary data): a question set is a UTF-8 YAML file',
    ]);
  });
  it('loads a set written with CRLF line endings and a byte-order mark', () => {
    const text = `\uFEFF${HEAD}${QUESTION}`.replace(/\n/g, '\r\n');
    const result = parseQuestionSetBytes(new TextEncoder().encode(text), 'crlf.yaml');
    expect(result.ok && result.set.questions[0]?.prompt).toBe('What is alignment?');
  });
});

describe('a valid set round-trips into typed objects', () => {
  it('parses every field of the fixture', () => {
    const text = readFileSync(new URL('../fixtures/sets/mini.yaml', import.meta.url), 'utf8');
    const result = parseQuestionSet(text, 'mini.yaml');
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.idAt).toEqual({ line: 1, col: 5 });
    const [first] = result.set.questions;
    expect(result.set.categories.map((category) => category.id)).toEqual(['basics', 'systems']);
    expect(first).toEqual({
      id: 'define-alignment',
      category: 'basics',
      difficulty: 'easy',
      kind: 'conceptual',
      tags: ['anthropic', 'fundamentals'],
      time: '2m',
      prompt: 'What does it mean for an AI system to be aligned?\nGive one example of misalignment.',
      hints: [
        'Think about the gap between what we specify and what we want.',
        'Outer alignment is about the objective; inner alignment is about what the model learns.',
      ],
      keyPoints: [
        { point: 'Outer vs inner alignment', keywords: ['outer alignment', 'inner alignment', 'mesa-optimizer'] },
        { point: "Goodhart's law", keywords: ['goodhart', 'proxy', 'stops tracking', 'optimised too hard'] },
        { point: 'Capabilities amplify misalignment', keywords: ['capability', 'capabilities', 'more capable'] },
      ],
      followUps: ['How would you detect inner misalignment?'],
      notes: 'Outer alignment: the objective matches intent.',
    });
  });

  it('strips terminal control sequences from the text it returns', () => {
    const result = parseQuestionSet(`${HEAD}  - id: q1\n    category: basics\n    prompt: "Hi\\e[2J\\e]52;c;ZXZpbA==\\athere"\n`, 'x.yaml');
    expect(result.ok && result.set.questions[0]?.prompt).toBe('Hithere');
  });

  it('loads the real data-science bank, written by others', () => {
    const text = readFileSync(REALBANK_PATH, 'utf8');
    const result = parseQuestionSet(text, 'data-science-theory.yaml');
    expect(result.ok ? result.set.questions.length : result.problems.map(formatProblem)).toBe(165);
  });
});

describe('the fast path and the careful path agree', () => {
  // A comment with an anchor-like word sends a file down the careful (yaml Document) path.
  const careful = (text: string) => parseQuestionSet(`# &careful\n${text}`, 'x.yaml');
  it.each([
    ['the mini fixture', '../fixtures/sets/mini.yaml'],
    ['the data-science bank', REALBANK_PATH],
    ['the built-in alignment bank', '../../questions/ai-alignment-engineer.yaml'],
    ['the built-in deep dives', '../../questions/ai-safety-frontier-labs.yaml'],
    ['the built-in 2026 set', '../../questions/ai-safety-2026.yaml'],
  ])('on %s', (_name, path) => {
    const text = readFileSync(path.startsWith('/') ? path : new URL(path, import.meta.url), 'utf8');
    const fast = parseQuestionSet(text, 'x.yaml');
    const slow = careful(text);
    if (!fast.ok || !slow.ok) throw new Error('both paths must accept the file');
    expect(fast.set).toEqual(slow.set);
    expect(fast.idAt).toEqual({ ...slow.idAt, line: slow.idAt.line - 1 });
  });
});
