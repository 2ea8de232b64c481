import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStatsReport, formatStats } from '../../src/commands/stats.js';
import { summarizeSession } from '../../src/core/session-summary.js';
import { parseSince } from '../../src/core/since.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { NO_COLOR } from '../../src/io/output.js';
import { readAllSessions } from '../../src/io/read-sessions.js';
import { createFakeClock } from '../support/fake-clock.js';
import { runCli } from '../support/run-cli.js';
import { buildSessionFixtures } from '../support/session-fixtures.js';
import { makeTempDir } from '../support/temp-dir.js';

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

// Wednesday 25 November 2026, two days after the last fixture session (20, 21, 22 and 23 November).
const NOW = Date.parse('2026-11-25T12:00:00Z');
const env = (home: string) => ({ env: { MOCKPREP_HOME: home, TZ: 'UTC' }, clock: createFakeClock(NOW) });

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
        '  1. mini/reward-model (Basics) · weakness 78%',
        '     What is a reward model and how can it go wrong?',
        '     2 attempts, last 2026-11-21 09:01 · why: skipped 1 of the last 2 · the last answer missed 1 of 2 key points (Trained on human preference comparisons) · timed out 1 of the last 2 · self-rating 2.0',
        '     mockprep start -s tests/fixtures/sets/mini.yaml -q mini/reward-model',
        '  2. mini/design-eval (Systems Design) · weakness 38%',
        '     Design an evaluation pipeline for a new model release.',
        '     1 attempt, last 2026-11-21 09:05 · why: 2 hints · self-rating 3.0',
      ].join('\n'),
    );
    // The sessions were sat with -s mini.yaml: the next step loads it again.
    expect(result.stdout).toContain('Practise the weakest first: mockprep start -s tests/fixtures/sets/mini.yaml --order weakest');
    // Trends per category: key points and self-rating per session, first and last, and the verdict.
    expect(result.stdout).toContain(
      [
        '  Basics · 4 sessions · improving (+7 points)',
        '    key points ▅▅▃█  60% → 100%',
        '    rating     ▅█▅█  3.0 → 5.0',
        '  Systems Design · 1 session · too few sessions to tell (4 needed)',
      ].join('\n'),
    );
    // Practice on Friday 20 to Monday 23 November; none on the 24th, none yet today (the 25th): the streak is over.
    expect(result.stdout).toContain('Practice days · no streak · longest 4 days · practised 4 of the last 80 days');
    const calendar = lines
      .slice(lines.indexOf('Practice days · no streak · longest 4 days · practised 4 of the last 80 days') + 1)
      .slice(0, 9);
    expect(calendar).toEqual([
      '      Sep     Oct     Nov',
      '  Mon · · · · · · · · · · · ▒',
      '  Tue · · · · · · · · · · · ·',
      '  Wed · · · · · · · · · · · ·',
      '  Thu · · · · · · · · · · ·',
      '  Fri · · · · · · · · · · ▓',
      '  Sat · · · · · · · · · · █',
      '  Sun · · · · · · · · · · ▒',
      '  · none  ░ ▒ ▓ █ more (the most: 3 answers a day) · weeks from 2026-09-07',
    ]);
    expect(result.stdout).toContain('due now 2 · by the end of today 2 · within 7 days 2 · expected recall');
    expect(result.stdout).toContain("Practise what's due: mockprep start --order due");
    expect(result.stdout).toContain('your self-rating is in line with your coverage (within 8 points)');
  });

  it('-c and --since narrow the figures; the schedule stays whole for the category', async () => {
    const result = await runCli(['stats', '-c', 'Basics', '--since', '2026-11-22', '--json'], env(fixtures));
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout);
    expect(stats.since).toBe('2026-11-22T00:00:00.000Z');
    expect(stats.category).toEqual({ setId: 'mini', id: 'basics', title: 'Basics' });
    expect(stats.sessions).toBe(2);
    expect(stats.categories.map((entry: { categoryId: string }) => entry.categoryId)).toEqual(['basics']);
    expect(stats.trends[0].points.map((point: { coverage: number }) => point.coverage)).toEqual([1 / 3, 1]);
    // The schedule is replayed from every session: two basics questions answered.
    expect(stats.due.questions).toBe(2);
    expect(stats.cram).toBe('mockprep start -s tests/fixtures/sets/mini.yaml -c basics --order weakest');
    const text = await runCli(['stats', '-c', 'basics', '--since', '3d'], env(fixtures));
    expect(text.stdout.split('\n')[0]).toBe('Progress by category · 2 sessions · since 2026-11-22 12:00 · Basics only');
  });

  it('a bad --since or an unknown -c is one clear line and exit 2', async () => {
    const since = await runCli(['stats', '--since', 'last week'], env(fixtures));
    expect(since).toMatchObject({ code: 2, stdout: '' });
    expect(since.stderr).toBe(
      "mockprep: option '--since <when>' argument 'last week' is invalid. expected a date like 2026-11-01, a span like 30d, 2w or 12h, or today.\n",
    );
    const category = await runCli(['stats', '-c', 'basic'], env(fixtures));
    expect(category.code).toBe(2);
    expect(category.stderr.trim().split('\n').at(-1)).toBe(
      'mockprep: no sessions asked questions of category "basic". Did you mean "basics"? Categories in your sessions: basics, systems',
    );
  });

  it('fits 60 and 100 columns, and reads the same without colour', async () => {
    const { sessions } = await readAllSessions(fixtures, createNodeFileStore());
    const report = buildStatsReport(
      sessions.map((session) => summarizeSession(session.transcript)),
      { now: NOW, timeZone: 'UTC', since: parseSince('30d') ?? undefined },
      () => ' -s tests/fixtures/sets/mini.yaml',
    );
    for (const width of [60, 100]) {
      const lines = formatStats(report, { color: NO_COLOR, width, timeZone: 'UTC' });
      const over = lines.filter((line) => [...line].length > width);
      // Only the commands to copy may run over: they are never cut.
      expect(over.filter((line) => !line.trim().startsWith('mockprep start'))).toEqual([]);
      expect(lines.join('\n')).toContain('key points ▅▅▃█');
    }
    const narrow = formatStats(report, { color: NO_COLOR, width: 60, timeZone: 'UTC' });
    // At 60 columns the table drops hints/q, sessions and timed out, in that order.
    expect(narrow[1]).toBe('  category        answered  time used  rating  key points');
    expect(narrow).toContain('  Systems Design · too few sessions to tell (4 needed)');
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
      recentAnswers: 2,
      timedOut: 1,
      skipped: 1,
      missedKeyPoints: ['Trained on human preference comparisons'],
      practise: 'mockprep start -s tests/fixtures/sets/mini.yaml -q mini/reward-model',
      question: { prompt: 'What is a reward model and how can it go wrong?' },
    });
    // The same series as the text: numbers per session, oldest first.
    expect(stats.trends[0]).toMatchObject({ categoryId: 'basics', sessions: 4, direction: 'improving' });
    expect(stats.trends[0].points.map((point: { rating: number | null }) => point.rating)).toEqual([3, 5, 3, 5]);
    expect(stats.practiceDays).toMatchObject({ streak: 0, longestStreak: 4, today: '2026-11-25' });
    expect(stats.practiceDays.heatmap.weeks[11]).toEqual([1, 0, 0, null, null, null, null]);
    expect(stats.practiceDays.heatmap.weeks[10]).toEqual([0, 0, 0, 0, 2, 3, 1]);
    expect(stats.due).toMatchObject({ questions: 3, now: 2, today: 2, week: 2 });
    expect(stats.calibration).toMatchObject({ answers: 6, verdict: 'in line' });
  });

  it('with no sessions, says so', async () => {
    const home = makeTempDir();
    expect(await runCli(['stats'], env(home))).toMatchObject({
      code: 0,
      stdout: `No sessions yet in ${join(home, 'sessions')}.\nStart one: mockprep start\n`,
    });
  });
});

describe('mockprep stats over an empty span', () => {
  it('says there is nothing in it, and keeps the schedule (replayed from every session)', async () => {
    const result = await runCli(['stats', '--since', '2026-11-25'], env(fixtures));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Progress by category · 0 sessions · since 2026-11-25 00:00\n  no sessions in this span: try a longer --since',
    );
    expect(result.stdout).toContain('  · none: no practice in these weeks (from 2026-09-07)');
    expect(result.stdout).toContain('Schedule · 3 questions answered so far (FSRS)');
    expect(result.stdout).toContain('Weakest questions\n  nothing answered in this span');
  });
});
