import { describe, expect, it } from 'vitest';
import type { StartOptions } from '../../src/commands/start.js';
import { planSession } from '../../src/commands/start.js';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import type { AnswerGrader, GradeOutcome } from '../../src/interview/ports.js';
import { sitInterview } from '../../src/interview/sit-interview.js';
import { createFakeClock } from '../support/fake-clock.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { createMemoryStore } from '../support/memory-store.js';
import type { ScriptStep } from '../support/scripted-ui.js';
import { createScriptedUI } from '../support/scripted-ui.js';

// The interview while the model grader reads an answer: the wait is shown and ended, Ctrl-C during
// it stops the session with the answer saved, and the model's follow-up gets its full time.

const PATH = '/data/sessions/s.json';
const OPTIONS: StartOptions = {
  set: [MINI_SET_PATH],
  category: 'basics',
  order: 'in-order',
  hints: true,
  review: true,
  followUps: 1,
  count: 1,
};

async function sit(script: ScriptStep[], grader: AnswerGrader, clock = createFakeClock()) {
  const store = createMemoryStore();
  const { createNodeFileStore } = await import('../../src/io/file-store.js');
  const transcript = await planSession(OPTIONS, { store: createNodeFileStore(), clock });
  const scripted = createScriptedUI(script);
  const run = sitInterview(
    { ...transcript, id: 's' },
    scripted.ui,
    {
      store,
      clock,
      dataDir: '/data',
      signal: new AbortController().signal,
    },
    undefined,
    grader,
  ).catch((error: unknown) => error);
  return { clock, store, scripted, run };
}

const onDisk = (store: ReturnType<typeof createMemoryStore>) => {
  const file = store.files.get(PATH);
  return file && transcriptSchema.parse(JSON.parse(file.text));
};

describe('waiting for the model grader', () => {
  it("shows the wait, ends it, and starts the model's follow-up countdown when it is shown", async () => {
    const clock = createFakeClock();
    let gradedAt = 0;
    const grader: AnswerGrader = async (question) => {
      // The model takes 20 s of (fake) time to read.
      await clock.advance(20_000);
      gradedAt = clock.now();
      return {
        ok: true,
        marks: question.keyPoints.map((_, i) => ({ covered: i === 0, evidence: i === 0 ? 'a proxy' : null })),
        followUp: 'What breaks first when the proxy is optimised hard?',
        feedback: 'Clear on the proxy; nothing on detection.',
      };
    };
    const { store, scripted, run } = await sit(
      [
        { expect: 'answer', act: () => ({ action: 'submit', text: 'The objective we write is a proxy for intent.' }) },
        {
          expect: 'answer',
          act: (request) => {
            expect(request.followUp?.prompt).toBe('What breaks first when the proxy is optimised hard?');
            // Its full time, from when it is shown: after the model's 20 s, not from the submit.
            expect(request.startedAt).toBe(gradedAt);
            expect(request.deadline?.at).toBe(gradedAt + 45_000);
            return { action: 'submit', text: 'The proxy is gamed.' };
          },
        },
        { expect: 'review', rating: 3 },
      ],
      grader,
      clock,
    );
    const final = await run;
    if (final instanceof Error) throw final;
    expect(final).toMatchObject({ status: 'completed' });
    expect(scripted.log).toEqual([
      'answer 1/1 define-alignment',
      'waiting for the model',
      'answer 1/1 define-alignment',
      'review 1 define-alignment',
    ]);
    expect(scripted.waits.map((wait) => [wait.message, wait.ended])).toEqual([
      ['the model is reading your answer (Ctrl-C stops; your answer is saved)', true],
    ]);
    expect(onDisk(store)?.items[0]?.llmFeedback).toBe('Clear on the proxy; nothing on detection.');
  });

  it('Ctrl-C while the model reads: the session stops as interrupted, the answer and the offline marks saved', async () => {
    let aborted = false;
    let waitingScripted: ReturnType<typeof createScriptedUI> | undefined;
    const grader: AnswerGrader = (question, _answer, signal) =>
      new Promise<GradeOutcome>((resolve) => {
        signal.addEventListener('abort', () => {
          aborted = true;
          // A grade that arrives anyway must not be taken once the user has stopped.
          resolve({
            ok: true,
            marks: question.keyPoints.map(() => ({ covered: true, evidence: 'late' })),
            followUp: 'Late?',
            feedback: 'Late.',
          });
        });
        // The user presses Ctrl-C while the spinner turns.
        setImmediate(() => waitingScripted?.waits[0]?.interrupt());
      });
    const answer = 'The objective we write down can differ from intent: outer misalignment.';
    const { store, scripted, run } = await sit([{ expect: 'answer', act: () => ({ action: 'submit', text: answer }) }], grader);
    waitingScripted = scripted;
    const final = await run;
    if (final instanceof Error) throw final;
    // No follow-up was shown and no review asked: the script's one step was the whole conversation.
    expect(scripted.remaining).toBe(0);
    expect(aborted).toBe(true);
    expect(scripted.waits[0]?.ended).toBe(true);
    const saved = onDisk(store);
    expect(saved).toMatchObject({ status: 'interrupted', endReason: 'interrupted' });
    expect(saved?.items[0]?.answer).toBe(answer);
    expect(saved?.items[0]?.finishedAt).not.toBeNull();
    expect(saved?.items[0]?.offlineKeyPoints).toBeUndefined();
    // No follow-up was shown, no review asked: the script has no more steps and nothing failed.
    expect(saved?.items[0]?.followUps[0]?.shownAt ?? null).toBeNull();
  });
});
