import { describe, expect, it } from 'vitest';
import type { StartOptions } from '../../src/commands/start.js';
import { planSession } from '../../src/commands/start.js';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { sitInterview } from '../../src/interview/sit-interview.js';
import type { FakeClock } from '../support/fake-clock.js';
import { createFakeClock } from '../support/fake-clock.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import type { MemoryStore } from '../support/memory-store.js';
import { createMemoryStore } from '../support/memory-store.js';
import type { ScriptStep } from '../support/scripted-ui.js';
import { createScriptedUI } from '../support/scripted-ui.js';

const PATH = '/data/sessions/s.json';
/** Where sitInterview writes in these tests: the session's id is `s`, so its transcript is PATH. */
const DATA = (store: MemoryStore, clock: FakeClock) => ({ store, clock, dataDir: '/data', signal: new AbortController().signal });
const OPTIONS: StartOptions = { set: [MINI_SET_PATH], category: 'basics', order: 'in-order', hints: true, review: true, followUps: 0 };

async function sit(script: ScriptStep[], options: Partial<StartOptions> = {}) {
  const clock = createFakeClock();
  const store = createMemoryStore();
  const { createNodeFileStore } = await import('../../src/io/file-store.js');
  // The set is read from the real fixture file; transcripts go to memory.
  const transcript = await planSession({ ...OPTIONS, ...options }, { store: createNodeFileStore(), clock });
  const scripted = createScriptedUI(script);
  const final = await sitInterview({ ...transcript, id: 's' }, scripted.ui, DATA(store, clock));
  expect(scripted.closed).toBe(1);
  const onDisk = store.files.get(PATH);
  return { final, clock, store, scripted, onDisk: onDisk && transcriptSchema.parse(JSON.parse(onDisk.text)), mode: onDisk?.mode };
}

describe('a whole interview without a terminal', () => {
  it('in live mode: no hints, the follow-up right after its question, all feedback at the end', async () => {
    const { final, scripted } = await sit(
      [
        {
          expect: 'answer',
          questionId: 'define-alignment',
          act: (request, events) => {
            expect(request).toMatchObject({ hintsEnabled: false, followUp: null });
            expect(events.onHint()).toBeNull();
            return { action: 'submit', text: 'Outer alignment and a proxy' };
          },
        },
        {
          expect: 'answer',
          questionId: 'define-alignment',
          act: (request) => {
            expect(request.followUp).toEqual({ number: 1, total: 1, prompt: 'How would you detect inner misalignment?' });
            expect(request.deadline?.at).toBe(request.startedAt + 45_000);
            return { action: 'submit', text: 'Interpretability probes.' };
          },
        },
        { expect: 'answer', questionId: 'reward-model', act: () => ({ action: 'submit', text: 'Human preferences.' }) },
        { expect: 'review', rating: 4 },
        { expect: 'review', rating: 2 },
      ],
      { mode: 'live', followUps: 1 },
    );
    expect(scripted.log).toEqual([
      'answer 1/2 define-alignment',
      'answer 1/2 define-alignment',
      'answer 2/2 reward-model',
      'review 1 define-alignment',
      'review 2 reward-model',
    ]);
    expect(final.settings).toMatchObject({ mode: 'live', hints: false, review: false, followUps: 1 });
    expect(final.items[0]?.followUps[0]).toMatchObject({ answer: 'Interpretability probes.', limitSec: 45 });
    expect(final.items.map((item) => item.selfRating)).toEqual([4, 2]);
  });

  it('in practice mode, reviews a question once its follow-up is answered', async () => {
    const { scripted } = await sit(
      [
        { expect: 'answer', act: () => ({ action: 'submit', text: 'main' }) },
        { expect: 'answer', act: () => ({ action: 'submit', text: 'follow-up' }) },
        { expect: 'review', rating: 3 },
        { expect: 'answer', act: () => ({ action: 'submit', text: 'second' }) },
        { expect: 'review', rating: null },
      ],
      { followUps: 1 },
    );
    expect(scripted.remaining).toBe(0);
  });

  it('records drafts, hints, answers, time-outs and ratings, and saves after each', async () => {
    const { final, onDisk, scripted, mode } = await sit([
      {
        expect: 'answer',
        questionId: 'define-alignment',
        act: async (request, events) => {
          expect(request).toMatchObject({ number: 1, total: 2, hintsEnabled: true });
          expect(request.deadline?.scope).toBe('question');
          events.onDraft('Outer alignment');
          expect(events.onHint()).toBe('Think about the gap between what we specify and what we want.');
          return {
            action: 'submit',
            text: 'Outer alignment is whether the objective we wrote matches intent; a proxy pushed hard drifts (Goodhart).',
          };
        },
      },
      // The candidate confirms the grader's two marks and adds the third.
      { expect: 'review', rating: 5, covered: [0, 1, 2] },
      {
        expect: 'answer',
        questionId: 'reward-model',
        act: () => ({ action: 'timeout', text: 'reward hacking: the policy exploits flaws in the scorer, half' }),
      },
      // …and here takes the grader's tick away.
      { expect: 'review', rating: null, covered: [] },
    ]);
    expect(scripted.remaining).toBe(0);
    expect(scripted.summary).toEqual({ transcriptPath: PATH, status: 'completed', endReason: 'finished', saved: true });
    expect(onDisk).toEqual(final);
    expect(mode).toBe(0o600);
    expect(
      final.items.map((item) => [
        item.question.id,
        item.answer,
        item.timedOut,
        item.hintsUsed.length,
        item.keyPointsTouched,
        item.keyPointsCorrected,
        item.selfRating,
      ]),
    ).toEqual([
      [
        'define-alignment',
        'Outer alignment is whether the objective we wrote matches intent; a proxy pushed hard drifts (Goodhart).',
        false,
        1,
        [0, 1],
        [0, 1, 2],
        5,
      ],
      ['reward-model', 'reward hacking: the policy exploits flaws in the scorer, half', true, 0, [1], [], null],
    ]);
    expect(final.items[0]?.keyPointEvidence).toEqual([expect.stringContaining('Outer alignment'), expect.stringContaining('proxy'), null]);
  });

  it('with review off, asks every rating at the end', async () => {
    const { scripted, final } = await sit(
      [
        { expect: 'answer', act: () => ({ action: 'submit', text: 'a' }) },
        { expect: 'answer', act: () => ({ action: 'skip', text: '' }) },
        { expect: 'review', rating: 2 },
        { expect: 'review', rating: null },
      ],
      { review: false },
    );
    expect(scripted.log).toEqual([
      'answer 1/2 define-alignment',
      'answer 2/2 reward-model',
      'review 1 define-alignment',
      'review 2 reward-model',
    ]);
    expect(final.items.map((item) => item.selfRating)).toEqual([2, null]);
  });

  it('stops on an interrupt with the draft on disk and the status interrupted', async () => {
    const { final, onDisk, scripted } = await sit([
      { expect: 'answer', act: () => ({ action: 'submit', text: 'first' }) },
      { expect: 'review', rating: 3 },
      {
        expect: 'answer',
        act: (_request, events) => {
          events.onDraft('typed before Ctrl-C');
          return { action: 'stop', reason: 'interrupted', text: 'typed before Ctrl-C' };
        },
      },
    ]);
    expect(final).toMatchObject({ status: 'interrupted', endReason: 'interrupted' });
    expect(onDisk?.items[1]).toMatchObject({ answer: 'typed before Ctrl-C', finishedAt: null });
    expect(scripted.summary?.status).toBe('interrupted');
  });

  it('flushes a draft within two seconds while it changes', async () => {
    const clock = createFakeClock();
    const store = createMemoryStore();
    const { createNodeFileStore } = await import('../../src/io/file-store.js');
    const transcript = await planSession(OPTIONS, { store: createNodeFileStore(), clock });
    const onDisk = () => transcriptSchema.parse(JSON.parse(store.files.get(PATH)?.text ?? 'null')).items[0]?.answer;
    let finish: (text: string) => void = () => {};
    const scripted = createScriptedUI([
      {
        expect: 'answer',
        act: (_request, events) =>
          new Promise((resolve) => {
            events.onDraft('one');
            events.onDraft('one two');
            finish = (text) => resolve({ action: 'stop', reason: 'interrupted', text });
          }),
      },
    ]);
    const done = sitInterview({ ...transcript, id: 's' }, scripted.ui, DATA(store, clock));
    await clock.advance(0);
    expect(onDisk()).toBe('');
    await clock.advance(2000);
    expect(onDisk()).toBe('one two');
    finish('one two three');
    await done;
    expect(onDisk()).toBe('one two three');
  });

  it('keeps going when the disk fills up, warns once, and prints the unsaved answers', async () => {
    const clock = createFakeClock();
    const store = createMemoryStore();
    const { createNodeFileStore } = await import('../../src/io/file-store.js');
    const transcript = await planSession(OPTIONS, { store: createNodeFileStore(), clock });
    const scripted = createScriptedUI([
      {
        expect: 'answer',
        act: () => {
          store.failWrites = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
          return { action: 'submit', text: 'an answer worth keeping' };
        },
      },
      { expect: 'review', rating: 4 },
      { expect: 'answer', act: () => ({ action: 'submit', text: 'second answer' }) },
      { expect: 'review', rating: null },
    ]);
    // The session runs to its end; then the run reports that the transcript is not on disk.
    await expect(sitInterview({ ...transcript, id: 's' }, scripted.ui, DATA(store, clock))).rejects.toThrow(
      `the transcript could not be written to ${PATH}; your answers are printed above`,
    );
    expect(scripted.summary).toMatchObject({ status: 'completed', saved: false });
    expect(scripted.warnings).toEqual([
      'could not save the transcript (no space left on the device); your answers are kept in memory and saving will be retried',
    ]);
    expect(scripted.unsaved).toContain('an answer worth keeping');
    expect(scripted.unsaved).toContain('second answer');
  });
});
