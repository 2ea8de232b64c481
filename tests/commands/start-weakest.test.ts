import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { createShiftedClock } from '../support/fake-clock.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { runCli } from '../support/run-cli.js';
import { buildSessionFixtures, copySessionFixtures, IDS } from '../support/session-fixtures.js';
import { makeTempDir as makeTempDirFor } from '../support/temp-dir.js';

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

// A week after the fixture sessions (2026-11-20 to 11-23): everything answered then is due.
const env = (home: string, now = '2026-11-30T12:00:00Z') => ({
  env: { MOCKPREP_HOME: home, TZ: 'UTC' },
  clock: createShiftedClock(Date.parse(now)),
});

describe('mockprep start --order weakest', () => {
  it('asks first what the history says needs practice, and records the order', async () => {
    const home = copySessionFixtures(fixtures);
    const before = new Set(readdirSync(join(home, 'sessions')));
    const result = await runCli(['start', '-s', MINI_SET_PATH, '--order', 'weakest', '-n', '2', '--follow-ups', '0', '--plain'], {
      ...env(home),
      input: 'an answer\n/done\n\nanother\n/done\n\n',
    });
    expect(result.code).toBe(0);
    // Damaged files are reported, and do not stop the session.
    expect(result.stderr.trim().split('\n')).toHaveLength(3);
    const asked = [...result.stdout.matchAll(/^Question \d of 2 · (?:Basics|Systems Design) · .*\n(.*)$/gm)].map((match) => match[1]);
    // reward-model was skipped and timed out (due, weakest); design-eval needed two hints (due, weaker than define-alignment).
    expect(asked).toEqual(['What is a reward model and how can it go wrong?', 'Design an evaluation pipeline for a new model release.']);
    const [created] = readdirSync(join(home, 'sessions')).filter((name) => !before.has(name));
    const transcript = transcriptSchema.parse(JSON.parse(readFileSync(join(home, 'sessions', created ?? ''), 'utf8')));
    expect(transcript.settings.order).toBe('weakest');
  });

  it('asks never-answered questions last; --order due asks them after what is due, before what is not', async () => {
    // Only the first session is kept: it answered the two basics questions (one timed out, rated 2:
    // Hard, due 11-22; the other rated 4: Good, due 11-23), never design-eval.
    const home = copySessionFixtures(fixtures);
    for (const id of [IDS.everything, IDS.interrupted, IDS.plain, IDS.damaged, IDS.future]) rmSync(join(home, 'sessions', `${id}.json`));
    rmSync(join(home, 'sessions', 'notes.txt'));
    const firstAsked = async (order: string, now?: string) => {
      const result = await runCli(['start', '-s', MINI_SET_PATH, '--order', order, '-n', '3', '--plain'], {
        ...env(home, now),
        input: '/quit\n',
      });
      expect(result.stderr).toBe('');
      return result.stdout.match(/^Question 1 of 3 · .*\n(.*)$/m)?.[1];
    };
    expect(await firstAsked('weakest')).toBe('What is a reward model and how can it go wrong?');
    // A week later both are due: the most overdue (reward-model) first.
    expect(await firstAsked('due')).toBe('What is a reward model and how can it go wrong?');
    // The next day nothing is due yet: the new question comes first.
    expect(await firstAsked('due', '2026-11-21T12:00:00Z')).toMatch(/^Design an evaluation pipeline/);
    // Weakest keeps design-eval (never answered) for last: with three asked it is the third.
    const home2 = copySessionFixtures(home);
    const result = await runCli(['start', '-s', MINI_SET_PATH, '--order', 'weakest', '-n', '3', '--plain', '--follow-ups', '0'], {
      ...env(home2),
      input: 'a\n/done\n\nb\n/done\n\nc\n/done\n\n',
    });
    expect(result.stdout).toMatch(/^Question 3 of 3 · Systems Design · .*\nDesign an evaluation pipeline/m);
    expect((await runCli(['start', '--order', 'hardest'], env(home))).code).toBe(2);
  });
});

describe('mockprep start --question (what stats prints to practise one question)', () => {
  it('asks just the named questions, by set-id/question-id or by id', async () => {
    const result = await runCli(
      ['start', '-s', MINI_SET_PATH, '--question', 'mini/reward-model', '-q', 'design-eval', '--order', 'in-order', '--plain'],
      {
        ...env(makeTempDirFor()),
        input: '/quit\n',
      },
    );
    // In the set's order (reward-model comes before design-eval in mini.yaml), just those two.
    expect(result.stdout).toMatch(/^Question 1 of 2 · Basics · .*\nWhat is a reward model/m);
    for (const seed of ['1', '2', '3']) {
      const random = await runCli(
        ['start', '-s', MINI_SET_PATH, '-q', 'mini/reward-model', '-q', 'design-eval', '--seed', seed, '--plain'],
        {
          ...env(makeTempDirFor()),
          input: '/quit\n',
        },
      );
      expect(random.stdout).toMatch(/^Question 1 of 2 · (Basics|Systems Design) · .*\n(What is a reward model|Design an evaluation)/m);
    }
  });

  it('an unknown question is a usage error naming the closest', async () => {
    const result = await runCli(['start', '-s', MINI_SET_PATH, '--question', 'mini/reward-modle', '--plain'], env(makeTempDirFor()));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'mockprep: no question "mini/reward-modle" in the question sets (did you mean "mini/reward-model"?); mockprep list <category> shows their ids\n',
    );
  });
});
