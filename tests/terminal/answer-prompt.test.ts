import { EventEmitter } from 'node:events';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { TranscriptItem } from '../../src/core/transcript-schema.js';
import type { AnswerRequest } from '../../src/interview/ports.js';
import type { AnswerPromptResult, JobControl } from '../../src/terminal/answer-prompt.js';
import { DRAFT_INTERVAL_MS, runAnswerPrompt, TIME_UP_PAUSE_MS } from '../../src/terminal/answer-prompt.js';
import { createFakeClock } from '../support/fake-clock.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';
import { createVirtualScreen } from '../support/virtual-screen.js';

const HINTS = [
  'Think about the gap between what we specify and what we want.',
  'Outer alignment is about the objective; inner alignment is about what the model learns.',
];

function makeItem(overrides: Partial<TranscriptItem> = {}): TranscriptItem {
  return { ...(makeMiniTranscript({ limits: [120] }).items[0] as TranscriptItem), ...overrides };
}

const settle = async () => {
  for (let i = 0; i < 4; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** Keys as a terminal sends them in raw mode. */
const KEYS = {
  enter: '\r',
  ctrlS: '\u0013',
  ctrlT: '\u0014',
  ctrlX: '\u0018',
  ctrlC: '\u0003',
  ctrlZ: '\u001a',
  backspace: '\u007f',
  home: '\u001b[H',
  end: '\u001b[F',
  left: '\u001b[D',
  right: '\u001b[C',
  up: '\u001b[A',
  down: '\u001b[B',
  paste: (text: string) => `\u001b[200~${text}\u001b[201~`,
};

function setup(
  options: {
    deadline?: number | null;
    item?: TranscriptItem;
    draft?: string;
    overtime?: boolean;
    followUp?: AnswerRequest['followUp'];
    columns?: number;
    rows?: number;
  } = {},
) {
  const clock = createFakeClock();
  const now = clock.now();
  const drafts: string[] = [];
  let hintsGiven = 0;
  const item = options.item ?? makeItem();
  const deadlineAt = now + (options.deadline ?? 120_000);
  const request: AnswerRequest = {
    question: item.question,
    number: 1,
    total: 3,
    followUp: options.followUp ?? null,
    draft: options.draft ?? item.answer,
    hintsShown: item.hintsUsed.map((hint) => hint.text),
    hintsTotal: item.question.hints.length,
    hintsEnabled: true,
    deadline:
      options.deadline === null
        ? null
        : { at: deadlineAt, scope: 'question', overtime: Boolean(options.overtime), hardAt: options.overtime ? null : deadlineAt },
    startedAt: now,
    timeUsedBeforeMs: 0,
  };
  const screen = createVirtualScreen(options.columns ?? 100, options.rows ?? 40);
  const raw: boolean[] = [];
  const input = Object.assign(new EventEmitter(), {
    isTTY: true,
    paused: false,
    setRawMode: (mode: boolean) => raw.push(mode),
    pause() {
      input.paused = true;
      return input;
    },
    resume() {
      input.paused = false;
      return input;
    },
  });
  const output = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns: screen.columns,
    rows: screen.rows,
    write: (text: string) => {
      screen.write(text);
      return true;
    },
  });
  const job = { stops: 0, continue: () => {}, stopRequest: () => {} };
  const jobControl: JobControl = {
    stop: () => {
      job.stops++;
    },
    onContinue: (listener) => {
      job.continue = listener;
      return () => {};
    },
    onStopRequest: (listener) => {
      job.stopRequest = listener;
      return () => {};
    },
  };
  let flushes = 0;
  const controller = new AbortController();
  const answer: Promise<AnswerPromptResult> = runAnswerPrompt({
    request,
    input: input as unknown as NodeJS.ReadableStream,
    output: output as unknown as NodeJS.WritableStream,
    clock,
    color: new Chalk({ level: 0 }),
    signal: controller.signal,
    jobControl,
    onDraft: (text) => drafts.push(text),
    onHint: () => HINTS[hintsGiven++] ?? null,
    flush: async () => {
      flushes++;
    },
  });
  const type = async (...chunks: string[]) => {
    for (const chunk of chunks) input.emit('data', Buffer.from(chunk));
    await settle();
  };
  return { answer, type, screen, drafts, clock, raw, input, output, job, controller, flushes: () => flushes };
}

describe('the answer box', () => {
  it('takes a multi-line answer: Enter opens a new line, Ctrl-S submits', async () => {
    const { answer, type, screen, drafts } = setup();
    await type('first line', KEYS.enter, 'second line');
    expect(screen.text()).toContain('  first line\n  second line');
    await type(KEYS.ctrlS);
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'first line\nsecond line' });
    expect(drafts.at(-1)).toBe('first line\nsecond line');
  });

  it('joins lines with Backspace at the start of a line, and moves between lines with the arrows', async () => {
    const { answer, type } = setup();
    await type('abc', KEYS.enter, 'def', KEYS.home, KEYS.backspace, KEYS.enter, 'X', KEYS.up, KEYS.end, '!', KEYS.down, '?', KEYS.ctrlS);
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'abc!\nXdef?' });
  });

  it.each([
    ['a burst after Home', ['hello world', KEYS.home, 'AB'], 'ABhello world'],
    ['a burst after five Lefts', ['hello world', KEYS.left.repeat(5), '12345'], 'hello 12345world'],
    ['keys and text in one chunk', [`hello world${KEYS.home}AB${KEYS.end}!`], 'ABhello world!'],
    ['a paste mid-line', ['one three', KEYS.left.repeat(5), KEYS.paste('two ')], 'one two three'],
  ])('applies input in order at the cursor: %s', async (_name, chunks, text) => {
    const { answer, type } = setup();
    await type(...chunks, KEYS.ctrlS);
    await expect(answer).resolves.toEqual({ action: 'submit', text });
  });

  it('keeps a paste whole: CRLF and CR become LF, line breaks stay, nothing in it is a command', async () => {
    const { answer, type } = setup();
    await type(KEYS.paste('para one\r\n\r\npara two\rline three\n/done\nend'), KEYS.ctrlS);
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'para one\n\npara two\nline three\n/done\nend' });
  });

  it('takes a paste split across chunks, the end marker too', async () => {
    const { answer, type } = setup();
    await type('\u001b[200~first ', 'half, second', ' half\u001b[20', '1~ typed', KEYS.ctrlS);
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'first half, second half typed' });
  });

  it('turns bracketed paste on while it is up and off when it ends', async () => {
    const { answer, type, screen, raw } = setup();
    await type('x');
    expect(screen.mode('?2004')).toBe(true);
    expect(raw).toEqual([true]);
    await type(KEYS.ctrlS);
    await answer;
    expect(screen.mode('?2004')).toBe(false);
  });

  it('mirrors the draft out at once, then at most every interval, and all of it on the way out', async () => {
    const { answer, type, drafts, clock } = setup();
    await type('a');
    expect(drafts).toEqual(['a']);
    await type('b', 'c');
    expect(drafts).toEqual(['a']);
    await clock.advance(DRAFT_INTERVAL_MS);
    expect(drafts).toEqual(['a', 'abc']);
    await type('d', KEYS.ctrlS);
    await expect(answer).resolves.toMatchObject({ text: 'abcd' });
    expect(drafts.at(-1)).toBe('abcd');
  });

  it('reveals hints in order with Ctrl-T and a /hint line, keeping the text typed', async () => {
    const { answer, type, screen } = setup();
    await type('my start', KEYS.ctrlT);
    expect(screen.text()).toContain(`Hint 1: ${HINTS[0]}`);
    expect(screen.text()).toContain('Ctrl-T hint (1 left)');
    await type(KEYS.enter, '/hint', KEYS.enter);
    expect(screen.text()).toContain('Hint 2: Outer alignment is about the objective;');
    expect(screen.text()).toContain('no hints left');
    await type('more', KEYS.enter, '/done', KEYS.enter);
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'my start\nmore' });
  });

  it.each([
    ['/skip', 'skip'],
    ['/quit', 'quit'],
  ])('a %s line ends the answer with %s', async (command, action) => {
    const { answer, type } = setup();
    await type('kept', KEYS.enter, command, KEYS.enter);
    await expect(answer).resolves.toEqual({ action, text: 'kept' });
  });

  it('Ctrl-X skips; Ctrl-C interrupts with the text typed', async () => {
    const skipped = setup();
    await skipped.type(KEYS.ctrlX);
    await expect(skipped.answer).resolves.toEqual({ action: 'skip', text: '' });
    const stopped = setup();
    await stopped.type('not lost', KEYS.ctrlC);
    await expect(stopped.answer).resolves.toEqual({ action: 'interrupted', text: 'not lost' });
  });

  it('counts down every second and, at zero, shows time is up, drops keys, then resolves with the text so far', async () => {
    const { answer, type, screen, clock } = setup({ deadline: 65_000 });
    await settle();
    expect(screen.text()).toContain('⏱ 1:05 left');
    await type('partial', KEYS.enter, 'thoughts');
    await clock.advance(6_000);
    expect(screen.text()).toContain('⏱ 0:59 left');
    await clock.advance(59_000);
    expect(screen.text()).toContain("⏱ Time's up: your answer is kept as it is");
    // A key typed just after the limit is not part of the answer, nor a command.
    await type('3', KEYS.ctrlS);
    await clock.advance(TIME_UP_PAUSE_MS);
    await expect(answer).resolves.toEqual({ action: 'timeout', text: 'partial\nthoughts' });
  });

  it('in overtime mode, counts up past zero instead of ending the answer', async () => {
    const { answer, type, screen, clock } = setup({ deadline: 5_000, overtime: true });
    await type('long answer');
    await clock.advance(17_000);
    expect(screen.text()).toContain('⏱ +0:12 over the limit (overtime)');
    await type(KEYS.ctrlS);
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'long answer' });
  });

  it('shows a follow-up with its question as context and no hint key', async () => {
    const item = makeItem({ hintsUsed: [] });
    const { answer, type, screen } = setup({ item, followUp: { number: 1, total: 1, prompt: 'How would you detect inner misalignment?' } });
    await settle();
    expect(screen.text()).toContain('Question 1 of 3 · follow-up 1 of 1 · Basics');
    expect(screen.text()).toContain(
      ' How would you detect inner misalignment?\n (follow-up to: What does it mean for an AI system to be aligned?)',
    );
    await type(KEYS.ctrlS);
    await answer;
  });

  it('shows elapsed time when untimed', async () => {
    const { answer, type, screen, clock } = setup({ deadline: null });
    await clock.advance(75_000);
    expect(screen.text()).toContain('⏱ 1:15 elapsed');
    await type(KEYS.ctrlS);
    await answer;
  });

  it('comes back with a resumed draft and the hints already revealed', async () => {
    const item = makeItem({
      answer: 'line one\nline two',
      hintsUsed: [{ index: 0, text: HINTS[0] ?? '', at: new Date(0).toISOString(), atSec: 3 }],
    });
    const { answer, type, screen } = setup({ item });
    await settle();
    expect(screen.text()).toContain(`Hint 1: ${HINTS[0]}`);
    await type(' continued', KEYS.ctrlS);
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'line one\nline two continued' });
  });

  it('starts from the draft it is given, not from anything else', async () => {
    const item = makeItem({ answer: 'the main answer' });
    const { answer, type } = setup({ item, draft: '', followUp: { number: 1, total: 1, prompt: 'A follow-up?' } });
    await type(KEYS.ctrlC);
    await expect(answer).resolves.toEqual({ action: 'interrupted', text: '' });
  });

  it('on Ctrl-Z writes the draft, gives the terminal back and stops; on continue takes keys again and redraws', async () => {
    const { answer, type, screen, raw, input, job, flushes } = setup();
    await type('before', KEYS.ctrlZ);
    expect(flushes()).toBe(1);
    expect(job.stops).toBe(1);
    expect(raw).toEqual([true, false]);
    expect(screen.mode('?2004')).toBe(false);
    expect(input.paused).toBe(true);
    job.continue();
    await settle();
    expect(raw).toEqual([true, false, true]);
    expect(input.paused).toBe(false);
    expect(screen.mode('?2004')).toBe(true);
    await type(' after');
    expect(screen.text()).toContain('before after');
    await type(KEYS.ctrlS);
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'before after' });
  });

  it('ends as closed when the terminal goes away (EIO), with the text typed', async () => {
    const { answer, type, input } = setup();
    await type('typed');
    input.emit('error', Object.assign(new Error('read EIO'), { code: 'EIO' }));
    await expect(answer).resolves.toEqual({ action: 'closed', text: 'typed' });
  });

  it('ends as interrupted on a signal (SIGHUP, SIGTERM), with the text typed', async () => {
    const { answer, type, controller } = setup();
    await type('typed');
    controller.abort(new Error('SIGHUP'));
    await expect(answer).resolves.toEqual({ action: 'interrupted', text: 'typed' });
  });

  it('wraps a long line at word boundaries with a hanging indent and puts the cursor after the last character', async () => {
    const { answer, type, screen } = setup({ columns: 30 });
    await type('the quick brown fox jumps over the lazy dog again and again');
    const rows = screen.text().split('\n');
    const start = rows.findIndex((row) => row.startsWith('  the quick'));
    expect(rows.slice(start, start + 3)).toEqual(['  the quick brown fox jumps', '  over the lazy dog again and', '  again']);
    expect(screen.cursor()).toEqual({ row: start + 2, col: 7 });
    await type(KEYS.ctrlS);
    await answer;
  });

  it('counts display width: a CJK answer wraps at the screen edge and the cursor sits after it', async () => {
    const { answer, type, screen } = setup({ columns: 20 });
    await type('日本語のテキストです。改行');
    const rows = screen.text().split('\n');
    const start = rows.findIndex((row) => row.startsWith('  日本語'));
    // 17 columns for the text (20, less the indent and the last column): eight wide characters a row.
    expect(rows.slice(start, start + 2)).toEqual(['  日本語のテキスト', '  です。改行']);
    expect(screen.cursor()).toEqual({ row: start + 1, col: 2 + 10 });
    await type(KEYS.ctrlS);
    await answer;
  });
});
