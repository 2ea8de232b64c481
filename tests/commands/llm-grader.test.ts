import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import type { FakeLlmServer, FakeReply } from '../support/fake-llm-server.js';
import { startFakeLlmServer } from '../support/fake-llm-server.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// `--grader llm` through the real CLI in plain mode, against a fake server on 127.0.0.1.

const ANSWER = 'The objective can match intent while the learned goal differs: a mesa-optimizer.';
const reply = JSON.stringify({
  keyPoints: [
    { index: 1, covered: false, evidence: '' },
    { index: 2, covered: false, evidence: '' },
    { index: 3, covered: true, evidence: 'the learned goal differs' },
  ],
  followUp: 'What would a mesa-optimizer do under distribution shift?',
  feedback: 'You separate the objective from the learned goal. Goodhart is missing.',
});

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function sit(answer: FakeReply, env: Record<string, string> = {}) {
  server = await startFakeLlmServer(() => answer);
  const home = makeTempDir();
  const result = await runCli(
    ['start', '--plain', '-s', MINI_SET_PATH, '-c', 'basics', '--order', 'in-order', '-n', '1', '--grader', 'llm'],
    {
      env: {
        MOCKPREP_HOME: home,
        MOCKPREP_LLM_BASE_URL: server.baseUrl,
        MOCKPREP_LLM_MODEL: 'fake-model',
        MOCKPREP_LLM_TIMEOUT: '2',
        ...env,
      },
      input: `${ANSWER}\n/done\nIt keeps its own goal.\n/done\n\n`,
    },
  );
  const files = readdirSync(join(home, 'sessions')).filter((name) => name.endsWith('.json'));
  const transcript = transcriptSchema.parse(JSON.parse(readFileSync(join(home, 'sessions', files[0] ?? ''), 'utf8')));
  return { result, transcript };
}

describe('start --grader llm', () => {
  it("uses the model's marks, evidence, follow-up and feedback, and keeps the offline marks", async () => {
    const { result, transcript } = await sit({ content: reply });
    expect(result.code).toBe(0);
    expect(server?.requests).toHaveLength(1);
    const item = transcript.items[0];
    expect(item?.keyPointsTouched).toEqual([2]);
    expect(item?.keyPointEvidence).toEqual([null, null, 'the learned goal differs']);
    expect(item?.offlineKeyPoints).toEqual([0]);
    expect(item?.llmFeedback).toBe('You separate the objective from the learned goal. Goodhart is missing.');
    expect(item?.followUps.map((entry) => [entry.prompt, entry.answer])).toEqual([
      ['What would a mesa-optimizer do under distribution shift?', 'It keeps its own goal.'],
    ]);
    expect(result.stdout).toContain('What would a mesa-optimizer do under distribution shift?');
    expect(result.stdout).not.toContain('How would you detect inner misalignment?');
    expect(result.stdout).toContain("The model's feedback:");
  });

  it.each([
    ['a 500', { status: 500, body: 'down' } as FakeReply],
    ['garbage', { content: 'I think the answer is fine.' } as FakeReply],
    ['a timeout', { hang: true } as FakeReply],
  ])('on %s: offline marks, the authored follow-up, one notice line', async (_name, answer) => {
    const { result, transcript } = await sit(answer, { MOCKPREP_LLM_TIMEOUT: '0.3' });
    expect(result.code).toBe(0);
    expect(server?.requests).toHaveLength(1);
    const item = transcript.items[0];
    expect(item?.offlineKeyPoints).toBeUndefined();
    expect(item?.llmFeedback).toBeUndefined();
    expect(item?.followUps[0]?.prompt).toBe('How would you detect inner misalignment?');
    expect(item?.answer).toBe(ANSWER);
    expect(`${result.stdout}${result.stderr}`.match(/model grader: .*graded offline/g)).toHaveLength(1);
  });

  it('sends nothing without the opt-in', async () => {
    server = await startFakeLlmServer(() => ({ content: reply }));
    const result = await runCli(['start', '--plain', '-s', MINI_SET_PATH, '-c', 'basics', '--order', 'in-order', '-n', '1'], {
      env: { MOCKPREP_HOME: makeTempDir(), MOCKPREP_LLM_BASE_URL: server.baseUrl, MOCKPREP_LLM_MODEL: 'fake-model' },
      input: `${ANSWER}\n/done\nx\n/done\n\n`,
    });
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('MOCKPREP_GRADER=llm opts in; without a model it is a usage error', async () => {
    const result = await runCli(['start', '--plain', '-s', MINI_SET_PATH, '-n', '1'], { env: { MOCKPREP_GRADER: 'llm' }, input: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('MOCKPREP_LLM_MODEL');
  });
});
