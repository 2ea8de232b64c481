import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TranscriptItem } from '../../src/core/transcript-schema.js';
import type { AnswerRequest } from '../../src/interview/ports.js';
import { createOutput } from '../../src/io/output.js';
import { createLineReader } from '../../src/terminal/line-reader.js';
import { createPlainInterviewUI, nextAnnouncement } from '../../src/terminal/plain-interview-ui.js';
import { createFakeClock } from '../support/fake-clock.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';

function setup() {
  const clock = createFakeClock();
  const input = new PassThrough();
  let printed = '';
  const out = createOutput({ write: (text: string) => (printed += text) });
  const ui = createPlainInterviewUI(createLineReader(input, clock), out, out, clock);
  const item = makeMiniTranscript({ now: clock.now(), limits: [70] }).items[0] as TranscriptItem;
  const request = (deadlineMs: number | null, overtime = false): AnswerRequest => ({
    question: item.question,
    number: 1,
    total: 1,
    followUp: null,
    draft: '',
    hintsShown: [],
    hintsTotal: 2,
    hintsEnabled: true,
    deadline:
      deadlineMs === null
        ? null
        : { at: clock.now() + deadlineMs, scope: 'question', overtime, hardAt: overtime ? null : clock.now() + deadlineMs },
    startedAt: clock.now(),
    timeUsedBeforeMs: 0,
  });
  const events = {
    drafts: [] as string[],
    onDraft: (text: string) => events.drafts.push(text),
    onHint: () => 'a hint',
    flush: async () => {},
  };
  return { clock, input, ui, item, request, events, printed: () => printed };
}

describe('plain mode', () => {
  it.each([
    [70, 60],
    [60, 30],
    [30, 10],
    [10, null],
    [185, 180],
  ])('with %i s left, next announces at %s s left', (left, announce) => {
    const now = 1_000_000;
    const at = nextAnnouncement(now, now + left * 1000);
    expect(at === null ? null : (now + left * 1000 - at) / 1000).toBe(announce);
  });

  it('reads lines until /done, handling /hint on the way', async () => {
    const { ui, input, request, events, printed } = setup();
    input.write('first line\n/hint\nsecond line\n/done\n');
    const outcome = await ui.askAnswer(request(70_000), events, new AbortController().signal);
    expect(outcome).toEqual({ action: 'submit', text: 'first line\nsecond line' });
    expect(events.drafts).toEqual(['first line', 'first line\nsecond line']);
    expect(printed()).toContain('Hint 1: a hint');
    expect(printed()).toContain('What does it mean for an AI system to be aligned?');
  });

  it('prints the time left at intervals and keeps the lines typed at the time-out', async () => {
    const { ui, input, request, events, clock, printed } = setup();
    const answer = ui.askAnswer(request(70_000), events, new AbortController().signal);
    input.write('an unfinished thought\n');
    await new Promise((resolve) => setImmediate(resolve));
    await clock.advance(10_000);
    expect(printed()).toContain('[1:00 left]');
    await clock.advance(60_000);
    await expect(answer).resolves.toEqual({ action: 'timeout', text: 'an unfinished thought' });
    expect(printed()).toMatch(/\[0:30 left\][\s\S]*\[0:10 left\][\s\S]*time is up/);
  });

  it('treats the end of input as /done, and as the end of the session when nothing was typed', async () => {
    const { ui, input, request, events } = setup();
    input.end('last answer without done\n');
    await expect(ui.askAnswer(request(null), events, new AbortController().signal)).resolves.toEqual({
      action: 'submit',
      text: 'last answer without done',
    });
    await expect(ui.askAnswer(request(null), events, new AbortController().signal)).resolves.toEqual({
      action: 'stop',
      reason: 'input-ended',
      text: '',
    });
  });

  it('at the end of input skips a follow-up nothing was typed for, and a rating', async () => {
    const { ui, input, request, events, item } = setup();
    input.end('');
    const followUp = { ...request(null), followUp: { number: 1, total: 1, prompt: 'And then?' } };
    await expect(ui.askAnswer(followUp, events, new AbortController().signal)).resolves.toEqual({ action: 'skip', text: '' });
    const finished = { ...item, finishedAt: new Date().toISOString(), answer: 'an answer' };
    await expect(ui.review(finished, { number: 1, total: 1, notesOnRequest: false }, new AbortController().signal)).resolves.toEqual({
      rating: null,
    });
  });

  it('goes into overtime at the limit and says so, then every minute over', async () => {
    const { ui, input, request, events, clock, printed } = setup();
    const answer = ui.askAnswer(request(20_000, true), events, new AbortController().signal);
    input.write('first\n');
    await new Promise((resolve) => setImmediate(resolve));
    await clock.advance(20_000);
    expect(printed()).toContain('[time is up: you are in overtime; /done when you finish]');
    await clock.advance(60_000);
    expect(printed()).toContain('[+1:00 over]');
    input.write('second\n/done\n');
    await expect(answer).resolves.toEqual({ action: 'submit', text: 'first\nsecond' });
  });

  it('shows the notes and red flags next to the answer on /notes, in practice mode', async () => {
    const { ui, input, item, printed } = setup();
    const finished = { ...item, finishedAt: new Date().toISOString(), answer: 'my answer' };
    input.write('/notes\n3\n');
    await expect(ui.review(finished, { number: 1, total: 1, notesOnRequest: true }, new AbortController().signal)).resolves.toEqual({
      rating: 3,
    });
    expect(printed()).toMatch(/Your answer\nmy answer\n\nReference notes\nOuter alignment: the objective matches intent\./);
  });

  it('stops with the lines typed so far when the signal aborts', async () => {
    const { ui, input, request, events } = setup();
    const controller = new AbortController();
    const answer = ui.askAnswer(request(null), events, controller.signal);
    input.write('almost there\n');
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(answer).resolves.toEqual({ action: 'stop', reason: 'interrupted', text: 'almost there' });
  });

  it('reads a rating, and keeps a line that is not one as the start of the next answer', async () => {
    const { ui, input, request, events, item } = setup();
    const finished = { ...item, finishedAt: new Date().toISOString(), answer: 'x' };
    input.write('4\nnext answer\n/done\n');
    await expect(ui.review(finished, { number: 1, total: 2, notesOnRequest: false }, new AbortController().signal)).resolves.toEqual({
      rating: 4,
    });
    await expect(ui.review(finished, { number: 1, total: 2, notesOnRequest: false }, new AbortController().signal)).resolves.toEqual({
      rating: null,
    });
    await expect(ui.askAnswer(request(null), events, new AbortController().signal)).resolves.toEqual({
      action: 'submit',
      text: 'next answer',
    });
  });
});
