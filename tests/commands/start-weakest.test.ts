import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { runCli } from '../support/run-cli.js';
import { buildSessionFixtures, copySessionFixtures, IDS } from '../support/session-fixtures.js';

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

const env = (home: string) => ({ env: { MOCKPREP_HOME: home, TZ: 'UTC' } });

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

  it('asks never-answered questions before weak ones', async () => {
    // Only the first session is kept: it answered the two basics questions (one timed out), never design-eval.
    const home = copySessionFixtures(fixtures);
    for (const id of [IDS.everything, IDS.interrupted, IDS.plain, IDS.damaged, IDS.future]) rmSync(join(home, 'sessions', `${id}.json`));
    rmSync(join(home, 'sessions', 'notes.txt'));
    const result = await runCli(['start', '-s', MINI_SET_PATH, '--order', 'weakest', '-n', '2', '--plain'], {
      ...env(home),
      input: '/quit\n',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Question 1 of 2 · Systems Design · .*\nDesign an evaluation pipeline/m);
    expect((await runCli(['start', '--order', 'hardest'], env(home))).code).toBe(2);
  });
});
