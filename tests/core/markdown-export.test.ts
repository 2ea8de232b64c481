import type { Token, Tokens } from 'marked';
import { lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeInline, fenceBlock, quote, renderTranscriptMarkdown } from '../../src/core/render-transcript-markdown.js';
import type { SessionEvent } from '../../src/core/session.js';
import { startSession, step } from '../../src/core/session.js';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';

const START = Date.parse('2026-11-25T10:00:00Z');
const LONG_LINE = `A very long line: ${'all work and no play '.repeat(120)}done.`;
/** Answers that would break a naive document: markdown, HTML, fences of every length, a very long line. */
const ANSWERS = {
  main: [
    '# heading typed in an answer',
    '<script>alert("x")</script>',
    '```',
    'outer alignment is the objective we wrote; a proxy drifts from intent',
    LONG_LINE,
  ].join('\n'),
  followUp: 'Look at ```` four backticks and ``` three\n~~~\n</div>',
  second: '## another heading\n\n---\n| a | b |\n|---|---|\n- [ ] reward hacking: the policy exploits its scorer\n\n    indented code?',
};

/** A session sat through the state machine: a hint, a follow-up, a time-out, ratings. */
function sitSession(): Transcript {
  let now = START;
  let state = startSession({ ...makeMiniTranscript({ now, limits: [120, 180], settings: { followUps: 1 } }), id: '20261125-100000-abcd' });
  const run = (events: SessionEvent[], ms = 30_000) => {
    for (const event of events) {
      now += ms;
      state = step(state, event, now);
    }
  };
  run([{ type: 'show' }, { type: 'hint' }, { type: 'draft', text: '# heading' }, { type: 'submit', text: ANSWERS.main }]);
  run([{ type: 'show' }, { type: 'submit', text: ANSWERS.followUp }]);
  // The candidate adds the point the grader missed.
  run([
    { type: 'confirm', index: 0, covered: [0, 1, 2] },
    { type: 'rate', index: 0, rating: 4 },
  ]);
  run([{ type: 'show' }], 1000);
  run([{ type: 'timeout', text: ANSWERS.second }], 180_000);
  return state.transcript;
}

/** Every token of a document, nested ones included. */
function allTokens(markdown: string): Token[] {
  const out: Token[] = [];
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      out.push(token);
      const nested = token as { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
      if (nested.tokens) visit(nested.tokens);
      if (nested.items) visit(nested.items);
      for (const cell of nested.header ?? []) visit(cell.tokens);
      for (const row of nested.rows ?? []) for (const cell of row) visit(cell.tokens);
    }
  };
  visit(lexer(markdown));
  return out;
}

describe('renderTranscriptMarkdown', () => {
  const transcript = sitSession();
  const markdown = renderTranscriptMarkdown(transcript, { timeZone: 'UTC' });
  const tokens = allTokens(markdown);

  it('has exactly the headings of the document, where they belong', () => {
    const headings = tokens.filter((token): token is Tokens.Heading => token.type === 'heading').map((token) => [token.depth, token.text]);
    expect(headings).toEqual([
      [1, 'Mock interview: All categories'],
      [2, 'Summary'],
      [2, 'Question 1 of 2: define-alignment'],
      [2, 'Question 2 of 2: reward-model'],
    ]);
    // And only at the top level: nothing nested inside a list or quote became a heading.
    expect(lexer(markdown).filter((token) => token.type === 'heading')).toHaveLength(4);
  });

  it('puts every answer, exactly as typed, in one code block of its own', () => {
    const code = tokens.filter((token): token is Tokens.Code => token.type === 'code');
    expect(code.map((token) => token.text)).toEqual([ANSWERS.main, ANSWERS.followUp, ANSWERS.second]);
    expect(code.every((token) => token.lang === 'text')).toBe(true);
    // The fence is longer than any run of backticks in the answer.
    expect(markdown).toContain('````text\n# heading typed in an answer');
  });

  it('lets no answer add HTML, lists or tables to the document', () => {
    expect(tokens.filter((token) => token.type === 'html')).toEqual([]);
    expect(tokens.filter((token) => token.type === 'table')).toHaveLength(1);
    const lists = lexer(markdown).filter((token): token is Tokens.List => token.type === 'list');
    // The details list, hints, key points and insights, per question: nothing from the answers.
    expect(lists.flatMap((list) => list.items.map((item) => item.text))).not.toContain('[ ] reward hacking');
  });

  it('summarises every question in the table', () => {
    const table = tokens.find((token): token is Tokens.Table => token.type === 'table');
    expect(table?.header.map((cell) => cell.text)).toEqual(['#', 'Question', 'Outcome', 'Time used', 'Hints', 'Key points', 'Self-rating']);
    expect(table?.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['1', 'What does it mean for an AI system to be aligned?', 'answered', '1:30 of 2:00', '1', '3 of 3', '4 of 5'],
      ['2', 'What is a reward model and how can it go wrong?', 'timed out', '3:00 of 3:00', '0', '1 of 2', ''],
    ]);
  });

  it('keeps text from a question set from changing the structure either', () => {
    const hostile: Transcript = {
      ...transcript,
      settings: { ...transcript.settings, category: { setId: 'mini', id: 'basics', title: '# Basics <b>bold</b> | pipe' } },
      items: transcript.items.map((item) => ({
        ...item,
        question: {
          ...item.question,
          prompt: '# Not a heading\n<script>x</script>\n```\n1. not a list\n    not code\n> not a quote\n===',
          notes: '## notes heading\n- [link](javascript:alert(1))\n<img src=x onerror=alert(1)>',
          keyPoints: item.question.keyPoints.map((point) => ({ ...point, point: `# ${point.point} <i>` })),
          redFlags: ['<script>', '# flag'],
        },
      })),
    };
    const hostileTokens = allTokens(renderTranscriptMarkdown(hostile, { timeZone: 'UTC' }));
    expect(hostileTokens.filter((token) => token.type === 'heading')).toHaveLength(4);
    expect(hostileTokens.filter((token) => token.type === 'html' || token.type === 'link')).toEqual([]);
    expect(hostileTokens.filter((token) => token.type === 'code')).toHaveLength(3);
    const title = hostileTokens.find((token): token is Tokens.Heading => token.type === 'heading' && token.depth === 1);
    expect(title?.text).toBe('Mock interview: \\# Basics \\<b>bold\\</b> \\| pipe');
  });

  it('renders the document (snapshot)', () => {
    expect(markdown).toMatchSnapshot();
  });
});

describe('fenceBlock', () => {
  it.each([
    ['plain', '```text\nplain\n```'],
    ['one ` tick', '```text\none ` tick\n```'],
    ['```', '````text\n```\n````'],
    ['a ````` run', '``````text\na ````` run\n``````'],
  ])('%j', (text, expected) => {
    expect(fenceBlock(text)).toBe(expected);
  });
});

describe('escapeInline and quote', () => {
  it.each([
    ['plain words', 'plain words'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. first', '1\\. first'],
    ['2) second', '2\\) second'],
    ['> quote', '\\> quote'],
    ['a *b* _c_ `d` [e](f) <g> h|i ~j~', 'a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<g> h\\|i \\~j\\~'],
    ['R&D &amp; co', 'R&D \\&amp; co'],
    ['two\nlines  and   spaces', 'two lines and spaces'],
  ])('%j → %j', (text, expected) => {
    expect(escapeInline(text)).toBe(expected);
  });

  it('quotes lines with their breaks, paragraphs and no indentation', () => {
    expect(quote('first\n  # second\n\nthird')).toBe('> first  \n> \\# second\n>\n> third');
  });
});
