import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { runCli } from '../support/run-cli.js';
import { buildSessionFixtures, copySessionFixtures, IDS } from '../support/session-fixtures.js';
import { makeTempDir } from '../support/temp-dir.js';

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

const read = (home: string, id: string): Transcript =>
  transcriptSchema.parse(JSON.parse(readFileSync(join(home, 'sessions', `${id}.json`), 'utf8')));
const resume = (home: string, args: string[], input = '') =>
  runCli(['resume', ...args], { env: { MOCKPREP_HOME: home, TZ: 'UTC' }, input });

describe('mockprep resume', () => {
  it('continues the newest unfinished session at its first open question, draft pre-filled, in the same file', async () => {
    const home = copySessionFixtures(fixtures);
    const before = read(home, IDS.interrupted);
    const files = readdirSync(join(home, 'sessions')).sort();
    const result = await resume(home, [], 'and reward hacking, the policy exploiting its flaws.\n/done\n4\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Resuming session ${IDS.interrupted} (Basics · Mini set) at question 2 of 2; 1 answered so far.`);
    // The plain screen shows the saved draft, which new lines continue.
    expect(result.stdout).toContain('[your saved draft, which new lines continue:]\nA reward model learns from\nhuman comparisons\n');
    expect(result.stdout).toContain('Session complete.');
    expect(result.stdout).toContain(`Transcript: ${join(home, 'sessions', `${IDS.interrupted}.json`)}`);
    expect(readdirSync(join(home, 'sessions')).sort()).toEqual(files);

    const after = read(home, IDS.interrupted);
    expect(after).toMatchObject({ status: 'completed', endReason: 'finished', startedAt: before.startedAt, settings: before.settings });
    // The first answer is untouched; the second is the draft and what was typed after it.
    expect(after.items[0]).toEqual(before.items[0]);
    expect(after.items[1]).toMatchObject({
      answer: 'A reward model learns from\nhuman comparisons\nand reward hacking, the policy exploiting its flaws.',
      shownAt: before.items[1]?.shownAt,
      limitSec: 180,
      keyPointsTouched: [0, 1],
      selfRating: 4,
    });
    // Time used adds up over both sittings.
    expect(after.items[1]?.timeUsedMs).toBeGreaterThanOrEqual(40_000);
  });

  it('ends as interrupted again (exit 130) when the input runs out, keeping what was typed', async () => {
    const home = copySessionFixtures(fixtures);
    const result = await resume(home, [IDS.interrupted.slice(0, 8)], '/quit\n');
    expect(result.code).toBe(130);
    expect(read(home, IDS.interrupted)).toMatchObject({ status: 'interrupted', endReason: 'quit' });
    expect(read(home, IDS.interrupted).items[1]?.answer).toBe('A reward model learns from\nhuman comparisons');
  });

  it('refuses a completed session (exit 1): there is nothing left to answer', async () => {
    const home = copySessionFixtures(fixtures);
    const result = await resume(home, [IDS.completed]);
    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `mockprep: session ${IDS.completed} is already completed (2 of 2 answered): nothing to resume. See it with: mockprep review ${IDS.completed}\n`,
    });
    expect(read(home, IDS.completed)).toEqual(read(fixtures, IDS.completed));
  });

  it('with nothing unfinished, says so', async () => {
    const home = copySessionFixtures(fixtures);
    expect((await resume(home, [], 'x\n/done\n\n')).code).toBe(0);
    const result = await resume(home, []);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `mockprep: no interrupted session to resume in ${join(home, 'sessions')}: every session there is completed\n`,
    );
    const empty = await resume(makeTempDir(), []);
    expect(empty).toMatchObject({ code: 1, stderr: expect.stringMatching(/^mockprep: no sessions yet in /) });
  });

  it('refuses damaged and unknown ids without touching anything', async () => {
    const home = copySessionFixtures(fixtures);
    expect((await resume(home, [IDS.damaged])).code).toBe(1);
    expect((await resume(home, [IDS.future])).stderr).toMatch(/newer mockprep/);
    expect((await resume(home, ['../../etc/passwd'])).code).toBe(2);
    expect(readFileSync(join(home, 'sessions', `${IDS.damaged}.json`), 'utf8')).toBe(
      readFileSync(join(fixtures, 'sessions', `${IDS.damaged}.json`), 'utf8'),
    );
  });
});
