import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { buildSessionFixtures, copySessionFixtures, IDS, sitScripted } from '../support/session-fixtures.js';

const LIVE_ID = '20261124-210000-1111';
let home: string;

// The four fixture sessions were sat in practice mode; one more is sat here in live mode.
beforeAll(async () => {
  home = copySessionFixtures(await buildSessionFixtures());
  await sitScripted(home, LIVE_ID, '2026-11-24T21:00:00Z', { category: 'basics', count: 1, mode: 'live', followUps: 0 }, (clock) => [
    {
      expect: 'answer',
      questionId: 'define-alignment',
      act: async () => {
        await clock.advance(45_000);
        return { action: 'submit', text: 'Outer alignment, inner alignment and Goodhart.' };
      },
    },
    { expect: 'review', rating: 4 },
  ]);
});

const run = (args: string[]) => runCli(args, { env: { MOCKPREP_HOME: home, TZ: 'UTC' } });
const ids = (stdout: string) => stdout.match(/^\d{8}-\d{6}-\w{4}(?= )/gm);

describe('--mode on sessions and stats', () => {
  it('sessions --mode keeps only the sessions sat in that mode', async () => {
    expect(ids((await run(['sessions'])).stdout)).toEqual([LIVE_ID, IDS.plain, IDS.interrupted, IDS.everything, IDS.completed]);
    expect(ids((await run(['sessions', '--mode', 'live'])).stdout)).toEqual([LIVE_ID]);
    expect(ids((await run(['sessions', '--mode', 'practice'])).stdout)).toEqual([
      IDS.plain,
      IDS.interrupted,
      IDS.everything,
      IDS.completed,
    ]);
    const json = JSON.parse((await run(['history', '--mode', 'live', '--json'])).stdout) as { sessions: { id: string; mode: string }[] };
    expect(json.sessions.map(({ id, mode }) => ({ id, mode }))).toEqual([{ id: LIVE_ID, mode: 'live' }]);
  });

  it('stats --mode counts only the sessions sat in that mode', async () => {
    const live = JSON.parse((await run(['stats', '--mode', 'live', '--json'])).stdout) as {
      sessions: number;
      categories: { categoryId: string; sessions: number; answered: number }[];
    };
    expect(live.sessions).toBe(1);
    expect(live.categories).toEqual([expect.objectContaining({ categoryId: 'basics', sessions: 1, answered: 1 })]);
    const practice = JSON.parse((await run(['stats', '--mode', 'practice', '--json'])).stdout) as { sessions: number };
    expect(practice.sessions).toBe(4);
    expect((await run(['stats', '--mode', 'live'])).stdout).toMatch(/^Progress by category · 1 session\n/);
  });

  it('says so when no session was sat in the mode, and rejects an unknown mode (exit 2)', async () => {
    const onlyPractice = copySessionFixtures(await buildSessionFixtures());
    const env = { env: { MOCKPREP_HOME: onlyPractice, TZ: 'UTC' } };
    expect((await runCli(['sessions', '--mode', 'live'], env)).stdout).toBe('No live sessions yet: 4 sessions in other modes.\n');
    expect((await runCli(['stats', '--mode', 'live'], env)).stdout).toBe('No live sessions yet: 4 sessions in other modes.\n');
    const wrong = await run(['sessions', '--mode', 'mock']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^mockprep: option '--mode <mode>' argument 'mock' is invalid.*practice, live/);
  });
});
