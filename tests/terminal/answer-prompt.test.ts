import { EventEmitter } from 'node:events';
import { ExitPromptError } from '@inquirer/core';
import { render } from '@inquirer/testing';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { TranscriptItem } from '../../src/core/transcript-schema.js';
import type { AnswerRequest } from '../../src/interview/ports.js';
import type { AnswerPromptConfig } from '../../src/terminal/answer-prompt.js';
import { answerPrompt } from '../../src/terminal/answer-prompt.js';
import { createFakeClock } from '../support/fake-clock.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';

const HINTS = [
  'Think about the gap between what we specify and what we want.',
  'Outer alignment is about the objective; inner alignment is about what the model learns.',
];

function makeItem(overrides: Partial<TranscriptItem> = {}): TranscriptItem {
  return { ...(makeMiniTranscript({ limits: [120] }).items[0] as TranscriptItem), ...overrides };
}

function setup(
  options: { deadline?: number | null; item?: TranscriptItem; overtime?: boolean; followUp?: AnswerRequest['followUp'] } = {},
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
    draft: item.answer,
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
  const screen = Object.assign(new EventEmitter(), { columns: 100, rows: 40, write: () => true });
  const config: AnswerPromptConfig = {
    request,
    clock,
    color: new Chalk({ level: 0 }),
    screen,
    onDraft: (text) => drafts.push(text),
    onHint: () => HINTS[hintsGiven++] ?? null,
  };
  return { config, drafts, clock };
}

const type = async (events: Awaited<ReturnType<typeof render>>['events'], text: string) => events.type(text);
const enter = { name: 'enter' } as const;

describe('the answer prompt', () => {
  it('takes a multi-line answer: Enter opens a new line, Ctrl-S submits', async () => {
    const { config, drafts } = setup();
    const { answer, events, getScreen } = await render(answerPrompt, config);
    await type(events, 'first line');
    events.keypress(enter);
    await type(events, 'second line');
    expect(getScreen()).toContain('  first line\n  second line');
    events.keypress({ name: 's', ctrl: true });
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'first line\nsecond line' });
    expect(drafts.at(-1)).toBe('first line\nsecond line');
  });

  it('joins lines with Backspace at the start of a line, and moves between lines with the arrows', async () => {
    const { config } = setup();
    const { answer, events } = await render(answerPrompt, config);
    await type(events, 'abc');
    events.keypress(enter);
    await type(events, 'def');
    events.keypress({ name: 'home' });
    events.keypress({ name: 'backspace' });
    events.keypress(enter);
    await type(events, 'X');
    events.keypress({ name: 'up' });
    events.keypress({ name: 'end' });
    await type(events, '!');
    events.keypress({ name: 'down' });
    await type(events, '?');
    events.keypress({ name: 's', ctrl: true });
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'abc!\nXdef?' });
  });

  it('reveals hints in order with Ctrl-T and a /hint line, keeping the text typed', async () => {
    const { config } = setup();
    const { answer, events, getScreen } = await render(answerPrompt, config);
    await type(events, 'my start');
    events.keypress({ name: 't', ctrl: true });
    expect(getScreen()).toContain(`Hint 1: ${HINTS[0]}`);
    expect(getScreen()).toContain('Ctrl-T hint (1 left)');
    events.keypress(enter);
    await type(events, '/hint');
    events.keypress(enter);
    expect(getScreen()).toContain('Hint 2: Outer alignment is about the objective;');
    expect(getScreen()).toContain('no hints left');
    await type(events, 'more');
    events.keypress(enter);
    await type(events, '/done');
    events.keypress(enter);
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'my start\nmore' });
  });

  it.each([
    ['/skip', 'skip'],
    ['/quit', 'quit'],
  ])('a %s line ends the answer with %s', async (command, action) => {
    const { config } = setup();
    const { answer, events } = await render(answerPrompt, config);
    await type(events, 'kept');
    events.keypress(enter);
    await type(events, command);
    events.keypress(enter);
    await expect(answer).resolves.toEqual({ action, text: 'kept' });
  });

  it('Ctrl-X skips', async () => {
    const { config } = setup();
    const { answer, events } = await render(answerPrompt, config);
    events.keypress({ name: 'x', ctrl: true });
    await expect(answer).resolves.toEqual({ action: 'skip', text: '' });
  });

  it('counts down every second and, at zero, resolves with the text typed so far', async () => {
    const { config, clock } = setup({ deadline: 65_000 });
    const { answer, events, getScreen } = await render(answerPrompt, config);
    expect(getScreen()).toContain('⏱ 1:05 left');
    await type(events, 'partial');
    events.keypress(enter);
    await type(events, 'thoughts');
    await clock.advance(6_000);
    expect(getScreen()).toContain('⏱ 0:59 left');
    await clock.advance(60_000);
    await expect(answer).resolves.toEqual({ action: 'timeout', text: 'partial\nthoughts' });
  });

  it('in overtime mode, counts up past zero instead of ending the answer', async () => {
    const { config, clock } = setup({ deadline: 5_000, overtime: true });
    const { answer, events, getScreen } = await render(answerPrompt, config);
    await type(events, 'long answer');
    await clock.advance(17_000);
    expect(getScreen()).toContain('⏱ +0:12 over the limit (overtime)');
    events.keypress({ name: 's', ctrl: true });
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'long answer' });
  });

  it('shows a follow-up with its question as context and no hint key', async () => {
    const { config } = setup({ followUp: { number: 1, total: 1, prompt: 'How would you detect inner misalignment?' } });
    config.request.hintsShown = [];
    config.request.hintsTotal = 0;
    config.request.hintsEnabled = false;
    const { answer, events, getScreen } = await render(answerPrompt, config);
    expect(getScreen()).toContain('Question 1 of 3 · follow-up 1 of 1 · Basics');
    expect(getScreen()).toContain(
      ' How would you detect inner misalignment?\n (follow-up to: What does it mean for an AI system to be aligned?)',
    );
    expect(getScreen()).toContain('hints off');
    events.keypress({ name: 's', ctrl: true });
    await answer;
  });

  it('shows elapsed time when untimed', async () => {
    const { config, clock } = setup({ deadline: null });
    const { answer, events, getScreen } = await render(answerPrompt, config);
    await clock.advance(75_000);
    expect(getScreen()).toContain('⏱ 1:15 elapsed');
    events.keypress({ name: 's', ctrl: true });
    await answer;
  });

  it('rejects with ExitPromptError on Ctrl-C, after mirroring the draft out', async () => {
    const { config, drafts } = setup();
    const { answer, events } = await render(answerPrompt, config);
    await type(events, 'not lost');
    events.keypress({ name: 'c', ctrl: true });
    await expect(answer).rejects.toBeInstanceOf(ExitPromptError);
    expect(drafts.at(-1)).toBe('not lost');
  });

  it('comes back with a resumed draft and the hints already revealed', async () => {
    const item = makeItem({
      answer: 'line one\nline two',
      hintsUsed: [{ index: 0, text: HINTS[0] ?? '', at: new Date(0).toISOString(), atSec: 3 }],
    });
    const { config } = setup({ item });
    const { answer, events, getScreen } = await render(answerPrompt, config);
    expect(getScreen()).toContain(`Hint 1: ${HINTS[0]}`);
    await type(events, ' continued');
    events.keypress({ name: 's', ctrl: true });
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'line one\nline two continued' });
  });
});
