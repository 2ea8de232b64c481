import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { matchKeyPoints } from '../../src/core/key-points.js';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import type { FakeLlmServer, FakeReply } from '../support/fake-llm-server.js';
import { startFakeLlmServer } from '../support/fake-llm-server.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { spawnInPty } from '../support/pty.js';
import { makeTempDir } from '../support/temp-dir.js';

// `--grader llm` in a real pseudo-terminal against a fake server on 127.0.0.1: the spinner while the
// model reads, its follow-up and feedback on screen, and Ctrl-C (a key in raw mode) while it waits.

const CTRL = { c: '\u0003', s: '\u0013' };
const ANSWER = 'The objective can match intent while the learned goal differs.';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function onlyTranscript(home: string): Transcript {
  const dir = join(home, 'sessions');
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  expect(files).toHaveLength(1);
  return transcriptSchema.parse(JSON.parse(readFileSync(join(dir, files[0] ?? ''), 'utf8')));
}

async function start(reply: () => FakeReply) {
  server = await startFakeLlmServer(reply);
  const home = makeTempDir();
  const session = spawnInPty(['start', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '1', '--order', 'in-order', '--grader', 'llm'], {
    env: { MOCKPREP_HOME: home, MOCKPREP_LLM_BASE_URL: server.baseUrl, MOCKPREP_LLM_MODEL: 'fake-model', MOCKPREP_LLM_TIMEOUT: '20' },
  });
  await session.waitFor(/Your answer/);
  session.write(ANSWER);
  await session.waitFor(/learned goal differs\./);
  return { home, session };
}

const WAITING = /the model is reading your answer \(Ctrl-C stops; your answer is saved\)/;

describe('the model grader in a pseudo-terminal', () => {
  it('grades through the server: a spinner while it reads, then its follow-up, marks, evidence and feedback', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const content = JSON.stringify({
      keyPoints: [
        { index: 1, covered: true, evidence: 'the learned goal differs' },
        { index: 2, covered: false, evidence: '' },
        { index: 3, covered: false, evidence: '' },
      ],
      followUp: 'Which probe would show the learned goal?',
      feedback: 'Clear on the gap between objective and learned goal.',
    });
    // The model answers only once the spinner has been seen.
    const { home, session } = await start(() => ({ after: released, reply: { content } }));
    session.write(CTRL.s);
    await session.waitFor(WAITING);
    await expect.poll(() => server?.requests.length, { timeout: 10_000 }).toBe(1);
    let mark = session.text().length;
    release();
    await session.waitFor(/Which probe would show the learned goal\?[\s\S]*Your answer/, { from: mark });
    // The follow-up's countdown starts when it is shown: its whole 0:45.
    await session.waitFor(/⏱ 0:4\d left/, { from: mark });
    session.write('Activation probes on held-out tasks.');
    await session.waitFor(/held-out tasks\./, { from: mark });
    mark = session.text().length;
    session.write(CTRL.s);
    await session.waitFor(
      /The model's feedback:[\s\S]*Clear on the gap[\s\S]*Outer vs inner alignment — “the learned goal differs”[\s\S]*Enter accepts/,
      { from: mark },
    );
    session.write('\r');
    await session.waitFor(/Rate your answer/, { from: mark });
    session.write('4');
    await session.waitFor(/Session complete\./, { from: mark });
    expect((await session.exited).exitCode).toBe(0);
    const [item] = onlyTranscript(home).items;
    expect(item).toMatchObject({
      answer: ANSWER,
      keyPointsTouched: [0],
      keyPointEvidence: ['the learned goal differs', null, null],
      llmFeedback: 'Clear on the gap between objective and learned goal.',
      selfRating: 4,
    });
    // The marks the model's replaced, kept as the offline grader gives them for this answer.
    if (!item) throw new Error('no item');
    expect(item.offlineKeyPoints).toEqual(matchKeyPoints(ANSWER, item.question));
    expect(item.offlineKeyPoints).not.toEqual(item.keyPointsTouched);
    expect(item?.followUps[0]).toMatchObject({
      prompt: 'Which probe would show the learned goal?',
      answer: 'Activation probes on held-out tasks.',
    });
  });

  it('Ctrl-C while the model reads: exit 130, the answer saved, the session interrupted', async () => {
    const { home, session } = await start(() => ({ hang: true }));
    session.write(CTRL.s);
    await session.waitFor(WAITING);
    session.write(CTRL.c);
    const { exitCode } = await session.exit(15_000);
    expect(exitCode).toBe(130);
    const transcript = onlyTranscript(home);
    expect(transcript).toMatchObject({ status: 'interrupted', endReason: 'interrupted' });
    expect(transcript.items[0]?.answer).toBe(ANSWER);
    expect(transcript.items[0]?.finishedAt).not.toBeNull();
    // The authored follow-up stays for `resume`; nothing of the model was stored.
    expect(transcript.items[0]?.followUps[0]?.prompt).toBe('How would you detect inner misalignment?');
    expect(transcript.items[0]?.llmFeedback).toBeUndefined();
    expect(session.text()).toContain('Transcript: ');
  });
});
