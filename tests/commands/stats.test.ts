import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { buildSessionFixtures } from '../support/session-fixtures.js';
import { makeTempDir } from '../support/temp-dir.js';

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

const env = (home: string) => ({ env: { MOCKPREP_HOME: home, TZ: 'UTC' } });

describe('mockprep stats', () => {
  it('shows progress per category and the weakest questions, reporting unreadable files', async () => {
    const result = await runCli(['stats'], env(fixtures));
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(3);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Progress by category · 4 sessions',
      '  category        sessions  answered  time used  hints/q  timed out  rating  key points',
      '  Basics                 4       5/6        50%      0.2        17%     3.8         71%',
      '  Systems Design         1       1/1        80%      2.0         0%     3.0        100%',
    ]);
    expect(result.stdout).toContain(
      [
        'Weakest questions',
        '  1. mini/reward-model (Basics) · weakness 78% · 2 attempts, last 2026-11-21 09:01',
        '     What is a reward model and how can it go wrong?',
        '     key points 50% · rating 2.0 · timed out 1× · skipped 1×',
        '  2. mini/design-eval (Systems Design) · weakness 38% · 1 attempt, last 2026-11-21 09:05',
      ].join('\n'),
    );
    // The sessions were sat with -s mini.yaml: the next step loads it again.
    expect(result.stdout).toContain('Practise the weakest first: mockprep start -s tests/fixtures/sets/mini.yaml --order weakest');
  });

  it('--json gives the same figures as data', async () => {
    const result = await runCli(['stats', '--json'], env(fixtures));
    const stats = JSON.parse(result.stdout);
    expect(stats.sessions).toBe(4);
    expect(stats.categories[0]).toMatchObject({ categoryId: 'basics', sessions: 4, asked: 6, answered: 5, medianTimeShare: 0.5 });
    expect(stats.weakest.map((entry: { key: string }) => entry.key)).toEqual([
      'mini/reward-model',
      'mini/design-eval',
      'mini/define-alignment',
    ]);
    expect(stats.weakest[0]).toMatchObject({
      attempts: 2,
      timedOut: 1,
      skipped: 1,
      question: { prompt: 'What is a reward model and how can it go wrong?' },
    });
  });

  it('with no sessions, says so', async () => {
    const home = makeTempDir();
    expect(await runCli(['stats'], env(home))).toMatchObject({
      code: 0,
      stdout: `No sessions yet in ${join(home, 'sessions')}.\nStart one: mockprep start\n`,
    });
  });
});
