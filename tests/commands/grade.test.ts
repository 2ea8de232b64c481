import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { acquireSessionLock } from '../../src/io/session-lock.js';
import type { FakeLlmServer, FakeReply } from '../support/fake-llm-server.js';
import { startFakeLlmServer } from '../support/fake-llm-server.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { runCli } from '../support/run-cli.js';
import { startCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// `mockprep grade`: a saved session graded by the model afterwards, against a fake server on 127.0.0.1.

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ANSWERS = [
  'The objective we write can match intent while the learned goal differs, which is inner misalignment.',
  'A reward model is trained on human comparisons and the policy can exploit its errors.',
];

/** A home with one offline-graded session of the two basics questions; returns it and the transcript's path. */
async function sessionHome() {
  const home = makeTempDir();
  const result = await runCli(
    ['start', '--plain', '-s', MINI_SET_PATH, '-c', 'basics', '--order', 'in-order', '-n', '2', '--follow-ups', '0'],
    {
      env: { MOCKPREP_HOME: home },
      input: `${ANSWERS[0]}\n/done\n4\n${ANSWERS[1]}\n/done\n/covered 1 2\n\n`,
    },
  );
  expect(result.code).toBe(0);
  const dir = join(home, 'sessions');
  const [file] = readdirSync(dir).filter((name) => name.endsWith('.json'));
  return { home, path: join(dir, file ?? '') };
}

const read = (path: string) => transcriptSchema.parse(JSON.parse(readFileSync(path, 'utf8')));

function reply(covered: boolean[], followUp = 'What would you measure?'): FakeReply {
  return {
    content: JSON.stringify({
      keyPoints: covered.map((mark, i) => ({ index: i + 1, covered: mark, evidence: mark ? 'the learned goal differs' : '' })),
      followUp,
      feedback: 'Two sentences of feedback. Here.',
    }),
  };
}

const env = (home: string, extra: Record<string, string> = {}) => ({
  MOCKPREP_HOME: home,
  MOCKPREP_LLM_BASE_URL: server?.baseUrl ?? '',
  MOCKPREP_LLM_MODEL: 'fake-model',
  MOCKPREP_LLM_TIMEOUT: '2',
  ...extra,
});

describe('mockprep grade', () => {
  it("stores the model's marks, evidence, feedback and follow-up; keeps the offline marks and the candidate's corrections", async () => {
    const { home, path } = await sessionHome();
    const before = read(path);
    server = await startFakeLlmServer((request) =>
      JSON.stringify(request.body).includes('reward model') ? reply([false, true]) : reply([false, true, false]),
    );
    const result = await runCli(['grade', 'latest'], { env: env(home) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.body).toMatchObject({ model: 'fake-model', response_format: { type: 'json_schema' } });
    const after = read(path);
    const [first, second] = after.items;
    expect(first?.offlineKeyPoints).toEqual(before.items[0]?.keyPointsTouched);
    expect(first?.keyPointsTouched).toEqual([1]);
    expect(first?.keyPointEvidence).toEqual([null, 'the learned goal differs', null]);
    expect(first?.llmFeedback).toBe('Two sentences of feedback. Here.');
    expect(first?.llmFollowUp).toBe('What would you measure?');
    // The second answer's /covered 1 2 was the candidate's word: it still counts.
    expect(before.items[1]?.keyPointsCorrected).toEqual([0, 1]);
    expect(second?.keyPointsCorrected).toEqual([0, 1]);
    expect(second?.keyPointsTouched).toEqual([1]);
    // Everything else is as it was.
    expect({ ...after, items: [] }).toEqual({ ...before, items: [] });
    expect(after.items.map((item) => [item.answer, item.selfRating])).toEqual(before.items.map((item) => [item.answer, item.selfRating]));
    expect(result.stdout).toContain('1. define-alignment: 1 of 3 key points (offline grader:');
    expect(result.stdout).toContain('(your corrections still count)');
    expect(result.stdout).toContain('2 answers graded by the model saved');

    const review = await runCli(['review', 'latest'], { env: { MOCKPREP_HOME: home } });
    expect(review.stdout).toContain('marked by the model, the offline grader found');
    expect(review.stdout).toContain('The model would ask next:');
    expect(review.stdout).toContain("The model's feedback:");
    const exported = await runCli(['export', 'latest'], { env: { MOCKPREP_HOME: home } });
    expect(exported.stdout).toContain('**The model would ask next**');
    expect(exported.stdout).toMatch(/\*\(offline grader: (not )?covered\)\*/);
  });

  it('an answer the model cannot grade keeps its marks; the others are saved', async () => {
    const { home, path } = await sessionHome();
    const before = read(path);
    let calls = 0;
    server = await startFakeLlmServer(() => (++calls === 1 ? { status: 500, body: 'down' } : reply([true, false])));
    const result = await runCli(['grade'], { env: env(home) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1. define-alignment: the server answered 500; its marks are kept');
    const after = read(path);
    expect(after.items[0]).toEqual(before.items[0]);
    expect(after.items[1]?.llmFeedback).toBe('Two sentences of feedback. Here.');
  });

  it.each([
    ['a 500', { status: 500, body: 'down' } as FakeReply],
    ['garbage', { content: 'looks fine to me' } as FakeReply],
    ['a closed socket', { destroy: true } as FakeReply],
    ['a timeout', { hang: true } as FakeReply],
  ])('on %s for every answer: exit 1, one line each, the file unchanged byte for byte', async (_name, answer) => {
    const { home, path } = await sessionHome();
    const bytes = readFileSync(path, 'utf8');
    server = await startFakeLlmServer(() => answer);
    const result = await runCli(['grade'], { env: env(home, { MOCKPREP_LLM_TIMEOUT: '0.3' }) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the model graded none of the answers; the transcript is unchanged');
    expect(result.stdout.match(/its marks are kept/g)).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
    expect(readFileSync(path, 'utf8')).toBe(bytes);
  });

  it('without MOCKPREP_LLM_MODEL: a usage error, and nothing is sent or read', async () => {
    const result = await runCli(['grade'], { env: { MOCKPREP_HOME: makeTempDir() } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('MOCKPREP_LLM_MODEL');
  });

  it('a session with nothing answered says so and sends nothing', async () => {
    const home = makeTempDir();
    const sat = await runCli(['start', '--plain', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '1', '--follow-ups', '0'], {
      env: { MOCKPREP_HOME: home },
      input: '/skip\n\n',
    });
    expect(sat.code).toBe(0);
    server = await startFakeLlmServer(() => reply([true]));
    const result = await runCli(['grade'], { env: env(home) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('has no answers to grade');
    expect(server.requests).toHaveLength(0);
  });

  it('a session another mockprep is sitting is refused', async () => {
    const { home, path } = await sessionHome();
    const id =
      path
        .split('/')
        .at(-1)
        ?.replace(/\.json$/, '') ?? '';
    // Held by a live process (this one), as while another mockprep sits it.
    const taken = await acquireSessionLock(home, id, createNodeFileStore());
    expect(taken.ok).toBe(true);
    server = await startFakeLlmServer(() => reply([true, false, false]));
    const result = await runCli(['grade', id], { env: env(home) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is running in another mockprep');
    expect(server.requests).toHaveLength(0);
    if (taken.ok) await taken.lock.release();
  });

  it('Ctrl-C while the model reads: exit 130, what was graded before is saved', async () => {
    const { home, path } = await sessionHome();
    let calls = 0;
    server = await startFakeLlmServer(() => (++calls === 1 ? reply([true, false, false]) : { hang: true }));
    const child = startCli(['grade'], { env: env(home, { MOCKPREP_LLM_TIMEOUT: '30' }) });
    // The second request is the one the model never answers.
    await expect.poll(() => server?.requests.length, { timeout: 10_000 }).toBe(2);
    child.kill('SIGINT');
    const done = await child.exited();
    expect(done.code).toBe(130);
    expect(done.stderr).toContain('stopped: 1 answer graded by the model saved');
    const after = read(path);
    expect(after.items[0]?.llmFeedback).toBe('Two sentences of feedback. Here.');
    expect(after.items[1]?.llmFeedback).toBeUndefined();
  });
});
