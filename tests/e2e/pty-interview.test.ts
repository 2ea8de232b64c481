import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Token } from 'marked';
import { lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { confirmChecklist, spawnInPty } from '../support/pty.js';
import { spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const CTRL = { c: '\u0003', s: '\u0013', t: '\u0014' };

function readOnlyTranscript(home: string): Transcript {
  const dir = join(home, 'sessions');
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  expect(files).toHaveLength(1);
  return transcriptSchema.parse(JSON.parse(readFileSync(join(dir, files[0] ?? ''), 'utf8')));
}

describe('the real binary in a pseudo-terminal', () => {
  it('runs a whole interview: a two-line answer with a hint, then a time-out with partial text', async () => {
    const home = makeTempDir();
    const session = spawnInPty(
      ['start', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '2', '--order', 'in-order', '-t', '6s', '--follow-ups', '0'],
      {
        env: { MOCKPREP_HOME: home },
      },
    );
    await session.waitFor(/Question 1 of 2 · Basics · easy[\s\S]*Your answer/);
    await session.waitFor(/⏱ 0:0\d left/);
    session.write('Outer alignment is the objective.\r');
    session.write('Inner alignment: mesa-optimizers.');
    session.write(CTRL.t);
    await session.waitFor(/Hint 1: Think about the gap/);
    session.write(CTRL.s);
    // The marks are a suggestion: the candidate adds the third point, then accepts and rates.
    await session.waitFor(/What a strong answer covers \(1 of 3 covered\)[\s\S]*Enter accepts/);
    let mark = session.text().length;
    session.write('3');
    await session.waitFor(/2 of 3 covered, 1 corrected by you[\s\S]*Capabilities amplify misalignment \(marked by you\)/, { from: mark });
    session.write('\r');
    await session.waitFor(/Rate your answer/, { from: mark });
    mark = session.text().length;
    session.write('4');
    await session.waitFor(/Question 2 of 2 · Basics · medium/, { from: mark });
    session.write('reward hacking is when the policy exploits');
    mark = session.text().length;
    // No submit: the 6 s limit runs out and the partial text becomes the answer.
    await confirmChecklist(session, { from: mark, timeoutMs: 12_000 });
    await session.waitFor(/timed out[\s\S]*Rate your answer/, { from: mark });
    session.write('\r');
    await session.waitFor(/Session complete\.[\s\S]*Transcript: /);
    const { exitCode } = await session.exited;
    expect(exitCode).toBe(0);

    const transcript = readOnlyTranscript(home);
    expect(transcript).toMatchObject({ version: 1, status: 'completed', endReason: 'finished' });
    expect(transcript.settings).toMatchObject({
      category: { id: 'basics' },
      count: 2,
      time: '6s',
      order: 'in-order',
      hints: true,
      review: true,
    });
    const [first, second] = transcript.items;
    expect(first).toMatchObject({
      answer: 'Outer alignment is the objective.\nInner alignment: mesa-optimizers.',
      timedOut: false,
      skipped: false,
      limitSec: 6,
      keyPointsTouched: [0],
      keyPointEvidence: [expect.stringContaining('Outer alignment is the objective'), null, null],
      keyPointsCorrected: [0, 2],
      selfRating: 4,
      hintsUsed: [{ index: 0, text: 'Think about the gap between what we specify and what we want.' }],
    });
    expect(first?.timeUsedMs).toBeGreaterThan(0);
    expect(first?.timeUsedMs).toBeLessThan(6000);
    expect(first?.shownAt).not.toBeNull();
    expect(first?.finishedAt).not.toBeNull();
    expect(first?.question.prompt).toContain('What does it mean for an AI system to be aligned?');
    expect(second).toMatchObject({
      answer: 'reward hacking is when the policy exploits',
      timedOut: true,
      timeUsedMs: 6000,
      keyPointsTouched: [1],
      selfRating: null,
    });
  });

  it.each([
    ['Ctrl-C', (session: ReturnType<typeof spawnInPty>) => session.write(CTRL.c)],
    ['SIGINT', (session: ReturnType<typeof spawnInPty>) => session.kill('SIGINT')],
    ['SIGTERM', (session: ReturnType<typeof spawnInPty>) => session.kill('SIGTERM')],
    ['SIGHUP', (session: ReturnType<typeof spawnInPty>) => session.kill('SIGHUP')],
  ])('%s mid-answer saves the partial answer as interrupted and exits 130', async (_name, interrupt) => {
    const home = makeTempDir();
    const session = spawnInPty(['start', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '2', '--order', 'in-order'], {
      env: { MOCKPREP_HOME: home },
    });
    await session.waitFor(/Your answer/);
    session.write('first line\r');
    session.write('half of the second');
    await session.waitFor(/half of the second/);
    interrupt(session);
    const { exitCode } = await session.exited;
    expect(exitCode).toBe(130);
    const transcript = readOnlyTranscript(home);
    expect(transcript).toMatchObject({ status: 'interrupted', endReason: 'interrupted' });
    expect(transcript.items[0]).toMatchObject({ answer: 'first line\nhalf of the second', finishedAt: null });
    // The cursor is shown again on the way out.
    if (_name !== 'SIGHUP') expect(session.text()).toContain('Transcript: ');
  });

  it('live mode: no hints, a follow-up right after its question, an overtime answer, feedback at the end', async () => {
    const home = makeTempDir();
    const session = spawnInPty(
      ['start', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '1', '--order', 'in-order', '--mode', 'live', '--overtime', '-t', '3s'],
      {
        env: { MOCKPREP_HOME: home },
      },
    );
    await session.waitFor(/Question 1 of 1 · Basics[\s\S]*hints off/);
    session.write('Outer alignment is about the objective; inner alignment');
    session.write(CTRL.t);
    // Past the 3 s limit the countdown turns into an overtime counter and the answer stays open.
    await session.waitFor(/\+0:0[1-9] over the limit \(overtime\)/, { timeoutMs: 10_000 });
    session.write(' is about what the model learns.');
    session.write(CTRL.s);
    const mark = session.text().length;
    await session.waitFor(/follow-up 1 of 1[\s\S]*How would you detect inner misalignment\?/, { from: mark });
    session.write('With interpretability probes.');
    session.write(CTRL.s);
    await session.waitFor(/Length: \d+ words[\s\S]*Follow-up 1 · answered[\s\S]*What a strong answer covers[\s\S]*Enter accepts/);
    session.write('\r');
    await session.waitFor(/Rate your answer/);
    session.write('3');
    await session.waitFor(/Session complete\./);
    expect((await session.exited).exitCode).toBe(0);

    const transcript = readOnlyTranscript(home);
    expect(transcript.settings).toMatchObject({ mode: 'live', hints: false, review: false, overtime: true, followUps: 1 });
    const [item] = transcript.items;
    expect(item).toMatchObject({
      answer: 'Outer alignment is about the objective; inner alignment is about what the model learns.',
      hintsUsed: [],
      timedOut: false,
      limitSec: 3,
      selfRating: 3,
    });
    expect(item?.overtimeMs).toBeGreaterThan(0);
    expect(item?.timeUsedMs).toBe(3000 + (item?.overtimeMs ?? 0));
    expect(item?.followUps).toEqual([
      expect.objectContaining({
        prompt: 'How would you detect inner misalignment?',
        answer: 'With interpretability probes.',
        limitSec: 45,
      }),
    ]);

    // The markdown export carries the mode, the overtime, the follow-up and the insights.
    const exported = await spawnCli(['export', 'latest'], { env: { MOCKPREP_HOME: home } });
    expect(exported.code).toBe(0);
    const tokens = lexer(exported.stdout);
    const text = (token: Token) => ('text' in token ? String(token.text) : '');
    expect(exported.stdout).toContain('**Mode:** live, no hints, 1 follow-up per question, overtime allowed');
    expect(exported.stdout).toMatch(/time used 0:0\d of 0:03 \(0:0[1-9] over\)/);
    const codeBlocks = tokens.filter((token) => token.type === 'code').map(text);
    expect(codeBlocks).toEqual([
      'Outer alignment is about the objective; inner alignment is about what the model learns.',
      'With interpretability probes.',
    ]);
    const paragraphs = tokens.filter((token) => token.type === 'paragraph').map(text);
    expect(paragraphs).toContain('**Follow-up 1:** How would you detect inner misalignment?');
    expect(paragraphs).toContain('**Answer insights**');
  });
});
