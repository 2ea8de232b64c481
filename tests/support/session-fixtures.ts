import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StartOptions } from '../../src/commands/start.js';
import { planSession } from '../../src/commands/start.js';
import type { Transcript } from '../../src/core/transcript-schema.js';
import type { AnswerOutcome } from '../../src/interview/ports.js';
import { sitInterview } from '../../src/interview/sit-interview.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { transcriptPath } from '../../src/io/session-files.js';
import type { FakeClock } from './fake-clock.js';
import { createFakeClock } from './fake-clock.js';
import { MINI_SET_PATH } from './fixture-sets.js';
import { runCli } from './run-cli.js';
import type { ScriptStep } from './scripted-ui.js';
import { createScriptedUI } from './scripted-ui.js';
import { makeTempDir } from './temp-dir.js';

// A data folder of real transcripts: each session is sat by the interview code itself (the
// state machine, the runner and the saver writing to disk, with a fake clock and a scripted
// terminal), one more by the CLI in plain mode; then a damaged file, one from a future version
// and a stray file. Commands are tested over copies of it.

export const IDS = {
  /** Basics, completed: a hint, a time-out, ratings 4 and 2. */
  completed: '20261120-100000-a1b2',
  /** Systems and basics (every category), completed: one skipped. */
  everything: '20261121-090000-c3d4',
  /** Basics, interrupted in question 2 with a draft typed. */
  interrupted: '20261122-180000-e5f6',
  /** Sat by `mockprep start --plain` in-process: basics, completed, rated 5. */
  plain: '20261123-080000-0a0a',
  /** Truncated JSON. */
  damaged: '20261119-120000-dead',
  /** A valid transcript that says `"version": 2`. */
  future: '20261124-070000-f00d',
} as const;

/** Answers that try to break a markdown document. */
export const TRICKY_ANSWER = [
  '# heading typed in an answer',
  '<script>alert("x")</script>',
  '```',
  'a line with ``` inside and ```` four',
  `a very long line ${'word '.repeat(400)}end`,
  '- not a list item',
  '    indented like code',
].join('\n');

const BASE: StartOptions = { set: [MINI_SET_PATH], order: 'in-order', hints: true, review: true, followUps: 0 };

/** Sits one interview to its end (or interruption) with the real runner, writing to `dataDir`. */
export async function sitScripted(
  dataDir: string,
  id: string,
  startAt: string,
  options: Partial<StartOptions>,
  script: (clock: FakeClock) => ScriptStep[],
): Promise<Transcript> {
  const clock = createFakeClock(Date.parse(startAt));
  const store = createNodeFileStore();
  const planned = { ...(await planSession({ ...BASE, ...options, seed: 7 }, { store, clock })), id };
  const scripted = createScriptedUI(script(clock));
  const final = await sitInterview(planned, scripted.ui, { store, clock, dataDir, signal: new AbortController().signal });
  if (scripted.remaining !== 0) throw new Error(`the script for ${id} has ${scripted.remaining} steps left`);
  return final;
}

/** Builds the fixture folder once per test file; `copySessionFixtures()` gives each test its own copy. */
export async function buildSessionFixtures(): Promise<string> {
  const dataDir = makeTempDir('mockprep-sessions-');
  const wait = (clock: FakeClock, ms: number, outcome: AnswerOutcome) => async () => {
    await clock.advance(ms);
    return outcome;
  };

  await sitScripted(dataDir, IDS.completed, '2026-11-20T10:00:00Z', { category: 'basics', followUps: 1 }, (clock) => [
    {
      expect: 'answer',
      questionId: 'define-alignment',
      act: async (_request, events) => {
        await clock.advance(20_000);
        events.onHint();
        await clock.advance(70_000);
        events.onDraft(TRICKY_ANSWER);
        return {
          action: 'submit',
          text: `Outer alignment asks whether the objective we wrote matches what we meant; a proxy optimised too hard drifts from it (Goodhart).\n${TRICKY_ANSWER}`,
        };
      },
    },
    {
      expect: 'answer',
      questionId: 'define-alignment',
      act: wait(clock, 30_000, { action: 'submit', text: 'Probe the activations: ```ts\ncode\n```' }),
    },
    { expect: 'review', rating: 4 },
    {
      expect: 'answer',
      questionId: 'reward-model',
      act: wait(clock, 180_000, { action: 'timeout', text: 'Reward hacking: the policy games the scorer' }),
    },
    { expect: 'review', rating: 2 },
  ]);

  await sitScripted(dataDir, IDS.everything, '2026-11-21T09:00:00Z', { count: 3 }, (clock) => [
    {
      expect: 'answer',
      questionId: 'define-alignment',
      act: wait(clock, 60_000, {
        action: 'submit',
        text: 'Inner alignment is about the goal the model really learns, outer alignment about the objective we wrote; more capable systems exploit gaps faster, and a proxy pushed hard stops tracking intent.',
      }),
    },
    { expect: 'review', rating: 5 },
    { expect: 'answer', questionId: 'reward-model', act: wait(clock, 5_000, { action: 'skip', text: '' }) },
    { expect: 'review', rating: null },
    {
      expect: 'answer',
      questionId: 'design-eval',
      act: async (_request, events) => {
        events.onHint();
        events.onHint();
        await clock.advance(240_000);
        events.onDraft('Regression suites first');
        return {
          action: 'submit',
          text: 'Regression suites first so old failures stay fixed, then red team exercises where people attack it.',
        };
      },
    },
    { expect: 'review', rating: 3 },
  ]);

  await sitScripted(dataDir, IDS.interrupted, '2026-11-22T18:00:00Z', { category: 'basics' }, (clock) => [
    { expect: 'answer', act: wait(clock, 30_000, { action: 'submit', text: 'Outer alignment: whether the objective we wrote is right.' }) },
    { expect: 'review', rating: 3 },
    {
      expect: 'answer',
      questionId: 'reward-model',
      act: async (_request, events) => {
        await clock.advance(40_000);
        events.onDraft('A reward model learns from');
        return { action: 'stop', reason: 'interrupted', text: 'A reward model learns from\nhuman comparisons' };
      },
    },
  ]);

  // One session through the CLI itself, in plain mode, as a user piping answers would.
  const plainHome = makeTempDir();
  const run = await runCli(
    ['start', '--plain', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '1', '--order', 'in-order', '--follow-ups', '0'],
    {
      env: { MOCKPREP_HOME: plainHome },
      input:
        'Outer alignment is the objective we wrote, inner alignment what the network learns; Goodhart: a proxy drifts; more capable systems exploit gaps.\n/done\n5\n',
    },
  );
  if (run.code !== 0) throw new Error(`plain-mode fixture session failed: ${run.stderr}`);
  const [plainFile] = (await createNodeFileStore().list(join(plainHome, 'sessions'))).filter((name) => name.endsWith('.json'));
  const plain = JSON.parse(readFileSync(join(plainHome, 'sessions', plainFile ?? ''), 'utf8')) as Transcript;
  // Give it a fixed id and start (the file name is the id) so listings are stable.
  const shift = Date.parse('2026-11-23T08:00:00Z') - Date.parse(plain.startedAt);
  writeFileSync(transcriptPath(dataDir, IDS.plain), JSON.stringify(shiftTimes({ ...plain, id: IDS.plain }, shift), null, 2));

  const completedText = readFileSync(transcriptPath(dataDir, IDS.completed), 'utf8');
  writeFileSync(transcriptPath(dataDir, IDS.damaged), completedText.slice(0, Math.floor(completedText.length / 2)));
  const future = { ...(JSON.parse(completedText) as Transcript), id: IDS.future, version: 2, startedAt: '2026-11-24T07:00:00.000Z' };
  writeFileSync(transcriptPath(dataDir, IDS.future), JSON.stringify(future, null, 2));
  writeFileSync(join(dataDir, 'sessions', 'notes.txt'), 'my own notes, not a transcript\n');
  return dataDir;
}

/** A fresh copy of a fixture folder, for a test that changes it (resume) or to keep tests apart. */
export function copySessionFixtures(dataDir: string): string {
  const copy = makeTempDir('mockprep-sessions-copy-');
  cpSync(dataDir, copy, { recursive: true });
  return copy;
}

/** Moves every date of a transcript by `ms`. */
export function shiftTimes(transcript: Transcript, ms: number): Transcript {
  const move = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso) + ms).toISOString());
  return JSON.parse(JSON.stringify(transcript), (key, value) =>
    ['startedAt', 'updatedAt', 'endedAt', 'shownAt', 'finishedAt', 'at'].includes(key) && (typeof value === 'string' || value === null)
      ? move(value)
      : value,
  ) as Transcript;
}
