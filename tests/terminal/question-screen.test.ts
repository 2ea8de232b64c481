import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/terminal/display-width.js';
import type { ScreenModel } from '../../src/terminal/question-screen.js';
import { ANSWER_GUTTER, footerText, layoutQuestionScreen as layoutFrame, wrapText } from '../../src/terminal/question-screen.js';

const color = new Chalk({ level: 0 });
/** The answer as lines above the cursor's line, that line (the cursor at its end), lines below. */
type AnswerParts = { before?: string[]; line?: string; after?: string[] };
const model = ({ before = [], line = '', after = [], ...overrides }: Partial<ScreenModel> & AnswerParts = {}): ScreenModel => ({
  number: 2,
  total: 5,
  categoryTitle: 'Advanced',
  difficulty: 'hard',
  kind: 'design',
  tags: ['anthropic', 'openai'],
  prompt: 'Design a red-teaming programme for a frontier model release. Cover threat models, tooling and how findings reach training.',
  hintsShown: [],
  hintsLeft: 2,
  hintsEnabled: true,
  answer: { lines: [...before, line, ...after], row: before.length, col: line.length },
  clock: { kind: 'countdown', remainingSec: 125, scope: 'question' },
  words: 0,
  notice: null,
  followUp: null,
  ...overrides,
});
/** The frame split at the cursor's row: `content` ends with it, `bottom` is what is below. */
function layoutQuestionScreen(m: ScreenModel, size: { width: number; height: number }, c: typeof color) {
  const frame = layoutFrame(m, size, c);
  return {
    ...frame,
    content: frame.rows.slice(0, frame.cursor.row + 1).join('\n'),
    bottom: frame.rows.slice(frame.cursor.row + 1).join('\n'),
  };
}
const rowsOf = (text: string, width: number) =>
  text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / width)), 0);

describe('wrapText', () => {
  it.each([
    ['short', 20, ['short']],
    ['one two three four', 9, ['one two', 'three', 'four']],
    ['abcdefghijkl', 5, ['abcde', 'fghij', 'kl']],
    ['para one\n\npara two', 20, ['para one', '', 'para two']],
  ])('%j at %i columns', (text, width, lines) => {
    expect(wrapText(text, width)).toEqual(lines);
  });
});

describe('layoutQuestionScreen', () => {
  it('shows progress, category, difficulty, tags, prompt, countdown and keys', () => {
    const { content, bottom } = layoutQuestionScreen(model({ line: 'my answer', words: 2 }), { width: 100, height: 30 }, color);
    expect(content.split('\n')[0]).toBe('Question 2 of 5 · Advanced · hard · design · #anthropic · #openai');
    expect(content).toContain(' Design a red-teaming programme');
    expect(content.endsWith(`${ANSWER_GUTTER}my answer`)).toBe(true);
    expect(bottom).toContain('⏱ 2:05 left · 2 words');
    expect(bottom).toContain('Ctrl-S submit · Ctrl-T hint (2 left) · Ctrl-X skip · Ctrl-C quit');
  });

  it.each([
    [100, 30],
    [80, 12],
    [40, 10],
    [20, 8],
  ])('never overflows a %ix%i terminal, even with a long answer', (width, height) => {
    const before = Array.from({ length: 60 }, (_, i) => `line ${i} of a long answer that keeps going`);
    const { content, bottom } = layoutQuestionScreen(
      model({
        before,
        line: 'the cursor line',
        after: ['below one', 'below two'],
        hintsShown: ['a first hint that is fairly long', 'a second hint'],
      }),
      { width, height },
      color,
    );
    expect(rowsOf(`${content}\n${bottom}`, width)).toBeLessThanOrEqual(height);
    // The line being typed is always on screen, last in the content.
    expect(content.split('\n').at(-1)).toBe(`${ANSWER_GUTTER}the cursor line`);
  });

  it('marks answer lines scrolled out of view', () => {
    const before = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const { content, bottom } = layoutQuestionScreen(
      model({ before, after: ['x', 'y', 'z', 'w', 'v', 'u', 't', 's'] }),
      { width: 80, height: 24 },
      color,
    );
    expect(content).toMatch(/↑ \d+ more lines/);
    expect(content).toContain('line 39');
    expect(content).not.toContain('line 0\n');
    expect(bottom).toMatch(/x[\s\S]*↓ \d+ more line/);
  });

  it.each([
    [125, 'question', '⏱ 2:05 left'],
    [60, 'question', '⏱ 1:00 left'],
    [9, 'session', '⏱ 0:09 left in the session'],
  ] as const)('shows %i s left (%s)', (remainingSec, scope, text) => {
    const { bottom } = layoutQuestionScreen(
      model({ clock: { kind: 'countdown', remainingSec, scope } }),
      { width: 100, height: 30 },
      color,
    );
    expect(bottom).toContain(text);
  });

  it('changes colour in the last minute and the last ten seconds', () => {
    const colored = new Chalk({ level: 1 });
    const at = (remainingSec: number) =>
      layoutQuestionScreen(model({ clock: { kind: 'countdown', remainingSec, scope: 'question' } }), { width: 100, height: 30 }, colored)
        .bottom;
    expect(at(61)).toContain('\u001b[32m⏱ 1:01 left');
    expect(at(60)).toContain('\u001b[33m⏱ 1:00 left');
    expect(at(10)).toContain('\u001b[31m\u001b[1m⏱ 0:10 left');
  });

  it('says when hints are off or used up, and shows elapsed time when untimed', () => {
    expect(layoutQuestionScreen(model({ hintsEnabled: false }), { width: 100, height: 30 }, color).bottom).toContain('hints off');
    expect(layoutQuestionScreen(model({ hintsLeft: 0 }), { width: 100, height: 30 }, color).bottom).toContain('no hints left');
    expect(layoutQuestionScreen(model({ clock: { kind: 'elapsed', elapsedSec: 75 } }), { width: 100, height: 30 }, color).bottom).toContain(
      '⏱ 1:15 elapsed',
    );
  });
});

describe('a small terminal with a long hint', () => {
  it('still shows the answer line above the cursor', () => {
    const hint =
      'Gradient boosting is a machine learning technique for regression and classification problems, which produces an ensemble of weak models.';
    const { content } = layoutQuestionScreen(
      model({ hintsShown: [hint], before: ['the line above'], line: 'current' }),
      { width: 50, height: 16 },
      color,
    );
    expect(content).toContain('the line above');
  });
});

describe('widths by display width', () => {
  const fits = (rows: string[], width: number) => rows.filter((row) => displayWidth(stripVTControlCharacters(row)) > width);

  it.each([200, 100, 60, 40, 20])('the footer fits one row of %i columns', (width) => {
    const text = footerText(model({ hintsLeft: 2 }), width);
    expect(displayWidth(text)).toBeLessThanOrEqual(width);
    const { rows } = layoutQuestionScreen(model(), { width, height: 30 }, color);
    expect(rows.filter((row) => row.includes('submit') || row.includes('^S'))).toHaveLength(1);
  });

  it.each([
    ['hints left', { hintsLeft: 2 }, true],
    ['no hints left', { hintsLeft: 0 }, false],
    ['hints off', { hintsEnabled: false }, false],
  ] as const)('the footer offers /hint only where one can be had: %s', (_name, change, offered) => {
    expect(footerText(model(change), 200).includes('/hint')).toBe(offered);
  });

  it.each([100, 60, 30])('CJK, emoji and tabs in the question and the answer never push a row past %i columns', (width) => {
    const { rows } = layoutQuestionScreen(
      model({
        categoryTitle: '机器学习 基础',
        tags: ['日本語', '🚀rocket'],
        prompt: 'AIアライメントとは何ですか？\t説明してください。🙂 '.repeat(6),
        hintsShown: ['ヒント：目的と学習の違い\tを考える'],
        before: ['答え\tの一行目 '.repeat(10)],
        line: '二行目 🙂🙂 '.repeat(8),
      }),
      { width, height: 30 },
      color,
    );
    expect(fits(rows, width)).toEqual([]);
    expect(rows.length).toBeLessThanOrEqual(30);
  });

  it('wraps a hint with a hanging indent, between words', () => {
    const { rows } = layoutQuestionScreen(
      model({ hintsShown: ['Think about the gap between what we specify and what we actually want from the system.'] }),
      { width: 40, height: 40 },
      color,
    );
    const at = rows.findIndex((row) => row.startsWith(' Hint 1:'));
    expect(rows.slice(at, at + 3)).toEqual([
      ' Hint 1: Think about the gap between',
      '         what we specify and what we',
      '         actually want from the system.',
    ]);
  });

  it('shows only what fits of a 10,000-word line, the cursor on screen', () => {
    const line = 'word '.repeat(10_000).trimEnd();
    const frame = layoutQuestionScreen(model({ line }), { width: 100, height: 30 }, color);
    expect(frame.rows.length).toBeLessThanOrEqual(30);
    expect(frame.content).toMatch(/↑ more above/);
    expect(frame.cursor.col).toBeLessThan(100);
    expect(frame.rows[frame.cursor.row]).toMatch(/^ {2}(word ?)+$/);
  });
});
