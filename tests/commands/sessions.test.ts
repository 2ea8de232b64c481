import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { buildSessionFixtures, copySessionFixtures, IDS } from '../support/session-fixtures.js';
import { makeTempDir } from '../support/temp-dir.js';

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

const sessions = (home: string, args: string[] = []) => runCli(['sessions', ...args], { env: { MOCKPREP_HOME: home, TZ: 'UTC' } });

describe('mockprep sessions', () => {
  it('lists every readable session newest first, and reports the others by name, one line each', async () => {
    const result = await sessions(fixtures);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      `${IDS.plain}  2026-11-23 08:00  Basics · Mini set  completed`,
      // Sat in real time by the CLI: its time used is whatever the machine took.
      expect.stringMatching(/^ {2}answered 1 of 1 · time \d+s · 0 hints · 0 timed out · self-rating 5\.0$/),
      `${IDS.interrupted}  2026-11-22 18:00  Basics · Mini set  interrupted`,
      '  answered 1 of 2 · time 1m10s · 0 hints · 0 timed out · self-rating 3.0',
      `${IDS.everything}  2026-11-21 09:00  All categories · Mini set  completed`,
      '  answered 2 of 3 · time 5m5s · 2 hints · 0 timed out · self-rating 4.0',
      `${IDS.completed}  2026-11-20 10:00  Basics · Mini set  completed`,
      '  answered 2 of 2 · time 5m · 1 hint · 1 timed out · self-rating 3.0',
      '',
      '4 sessions · mockprep review <id> shows one; ids can be shortened to a unique start',
      '',
    ]);
    const dir = join(fixtures, 'sessions');
    expect(result.stderr.split('\n')).toEqual([
      `mockprep: skipped ${join(dir, 'notes.txt')}: not a transcript (transcripts are .json files); ignored`,
      expect.stringMatching(new RegExp(`^mockprep: skipped ${join(dir, `${IDS.damaged}.json`)}: not valid JSON \\(.+\\)$`)),
      `mockprep: skipped ${join(dir, `${IDS.future}.json`)}: written by a newer mockprep (transcript version 2; this one reads version 1): update mockprep to read it`,
      '',
    ]);
  });

  it('works as history too, with --limit and --category', async () => {
    const limited = await runCli(['history', '--limit', '1'], { env: { MOCKPREP_HOME: fixtures, TZ: 'UTC' } });
    expect(limited.code).toBe(0);
    expect(limited.stdout).toContain(IDS.plain);
    expect(limited.stdout).not.toContain(IDS.interrupted);
    expect(limited.stdout).toContain('1 session (3 older: --limit 4)');
    // The session over every category asked a systems question; the others did not.
    const systems = await sessions(fixtures, ['--category', 'Systems Design']);
    expect(systems.stdout.match(/^\d{8}-\S+/gm)).toEqual([IDS.everything]);
    const none = await sessions(fixtures, ['-c', 'nope']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('No sessions asked questions of category "nope". Categories in your sessions: basics, systems\n');
    expect((await sessions(fixtures, ['--limit', '0'])).code).toBe(2);
  });

  it('--json gives the same sessions as data', async () => {
    const result = await sessions(fixtures, ['--json', '-n', '2']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as { sessions: Record<string, unknown>[] };
    expect(data.sessions).toHaveLength(2);
    expect(data.sessions[1]).toMatchObject({
      id: IDS.interrupted,
      path: join(fixtures, 'sessions', `${IDS.interrupted}.json`),
      status: 'interrupted',
      endReason: 'interrupted',
      category: { setId: 'mini', id: 'basics', title: 'Basics' },
      total: 2,
      answered: 1,
      timedOut: 0,
      hintsUsed: 0,
      timeUsedMs: 70_000,
      averageRating: 3,
    });
  });

  it('says so when there are no sessions yet (exit 0), and fails when none could be read (exit 1)', async () => {
    const empty = makeTempDir();
    expect(await sessions(empty)).toMatchObject({
      code: 0,
      stdout: `No sessions yet in ${join(empty, 'sessions')}.\nStart one: mockprep start\n`,
      stderr: '',
    });
    const broken = copySessionFixtures(fixtures);
    for (const id of [IDS.completed, IDS.everything, IDS.interrupted, IDS.plain]) rmSync(join(broken, 'sessions', `${id}.json`));
    const result = await sessions(broken);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(4);
    expect(result.stderr).toContain(`mockprep: no transcript in ${join(broken, 'sessions')} could be read`);
  });

  it('strips terminal escapes from hand-edited transcripts before printing', async () => {
    const home = copySessionFixtures(fixtures);
    const path = join(home, 'sessions', `${IDS.completed}.json`);
    const transcript = JSON.parse(readFileSync(path, 'utf8'));
    transcript.settings.sets[0].title = 'Mini\u001b[2J\u001b]52;c;cGF3bmVk\u0007 set';
    transcript.settings.category.title = '\u001b[31mBasics\u009b1m';
    writeFileSync(path, JSON.stringify(transcript));
    const result = await sessions(home);
    expect(result.stdout).toContain(`${IDS.completed}  2026-11-20 10:00  Basics · Mini set  completed`);
    for (const control of ['\u001b', '\u0007', '\u009b']) expect(result.stdout).not.toContain(control);
  });
});
