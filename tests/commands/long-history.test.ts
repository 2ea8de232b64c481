import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StatsReport } from '../../src/commands/stats.js';
import { localDay, weekday } from '../../src/core/local-day.js';
import { DAY_MS } from '../../src/core/practice-schedule.js';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { createFakeClock } from '../support/fake-clock.js';
import { runCli } from '../support/run-cli.js';
import { sitHistory } from '../support/sit-history.js';
import { makeTempDir } from '../support/temp-dir.js';

// 210 sessions over 90 days, sat by the interview code on a fake clock (see support/sit-history.ts),
// then `stats` over them. MOCKPREP_HISTORY_OUT=<dir> keeps the folder (for trying the built CLI on
// it), and MOCKPREP_HISTORY_START=<YYYY-MM-DD> moves its first day (say, to 90 days before today).

const START = Date.parse(`${process.env.MOCKPREP_HISTORY_START || '2026-09-01'}T00:00:00Z`);
const DAYS = 90;
const NOW = START + DAYS * DAY_MS + 10 * 3_600_000; // the morning after the last day
let home: string;
let history: Transcript[];

beforeAll(async () => {
  home = process.env.MOCKPREP_HISTORY_OUT || makeTempDir('mockprep-history-');
  history = await sitHistory(home, { sessions: 210, start: START, days: DAYS });
}, 120_000);

describe('a 90-day history of 210 sessions', () => {
  it('is real transcripts: every order, answers, skips, time-outs, hints and ratings', () => {
    expect(readdirSync(join(home, 'sessions')).filter((name) => name.endsWith('.json'))).toHaveLength(210);
    const orders = new Set(history.map((transcript) => transcript.settings.order));
    expect([...orders].sort()).toEqual(['due', 'in-order', 'random', 'weakest']);
    const items = history.flatMap((transcript) => transcript.items);
    expect(items.length).toBeGreaterThan(350);
    expect(items.some((item) => item.skipped)).toBe(true);
    expect(items.some((item) => item.timedOut)).toBe(true);
    expect(items.some((item) => item.hintsUsed.length > 0)).toBe(true);
    expect(items.some((item) => item.selfRating === null && !item.skipped)).toBe(true);
    expect(history.every((transcript) => transcript.status === 'completed')).toBe(true);
  });

  it('stats: trends improve as the candidate learns, a streak, a full calendar, due counts, generous ratings', async () => {
    const result = await runCli(['stats', '--json'], { env: { MOCKPREP_HOME: home, TZ: 'UTC' }, clock: createFakeClock(NOW) });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as StatsReport;
    expect(report.sessions).toBe(210);
    expect(report.trends.length).toBeGreaterThanOrEqual(5);
    for (const trend of report.trends) expect(trend.points.length).toBeLessThanOrEqual(12);
    // The simulated candidate knows more key points as the weeks go by.
    expect(report.trends.filter((trend) => trend.direction === 'improving').length).toBeGreaterThan(0);
    expect(report.practiceDays.activeDays).toBeGreaterThan(30);
    // Every day up to today has a count; the days after today in this week have none.
    const afterToday = 6 - weekday(localDay(NOW, 'UTC'));
    expect(report.practiceDays.heatmap.weeks.flat().filter((count) => count !== null)).toHaveLength(12 * 7 - afterToday);
    // Checked against the history itself: the calendar holds every answer finished since its first
    // day, and a day is active when one was.
    const fromMs = Date.parse(`${report.practiceDays.heatmap.from}T00:00:00Z`);
    const finished = history
      .flatMap((transcript) => transcript.items)
      .flatMap((item) => (item.finishedAt === null ? [] : [Date.parse(item.finishedAt)]))
      .filter((at) => at >= fromMs && at <= NOW);
    const counted = report.practiceDays.heatmap.weeks.flat().reduce<number>((sum, count) => sum + (count ?? 0), 0);
    expect(counted).toBe(finished.length);
    expect(report.practiceDays.activeDays).toBe(new Set(finished.map((at) => new Date(at).toISOString().slice(0, 10))).size);
    expect(report.due.questions).toBeGreaterThan(20);
    expect(report.due.week).toBeGreaterThanOrEqual(report.due.today);
    expect(report.due.today).toBeGreaterThanOrEqual(report.due.now);
    expect(report.due.expectedRecall).toBeGreaterThan(0);
    // It rates itself about half a point (12 points of the 0–100% scale) above its coverage.
    expect(report.calibration.verdict).toBe('above');
    expect(report.weakest).toHaveLength(5);
    for (const weak of report.weakest) expect(weak.practise).toMatch(/^mockprep start -q [\w-]+$/);
  });

  it('-c and --since narrow it', async () => {
    const run = async (args: string[]) =>
      JSON.parse(
        (await runCli(['stats', ...args, '--json'], { env: { MOCKPREP_HOME: home, TZ: 'UTC' }, clock: createFakeClock(NOW) })).stdout,
      ) as StatsReport;
    const all = await run([]);
    const recent = await run(['--since', '2w']);
    const beginner = await run(['-c', 'beginner', '--since', '2026-11-01']);
    expect(recent.sessions).toBeLessThan(all.sessions);
    expect(recent.sessions).toBeGreaterThan(0);
    expect(beginner.trends.map((trend) => trend.categoryId)).toEqual(['beginner']);
    expect(beginner.due.questions).toBeLessThan(all.due.questions);
  });

  it('export --all writes every session, and stops at a file it cannot write with the files before it in place', async () => {
    const env = { MOCKPREP_HOME: home, TZ: 'UTC' };
    const out = makeTempDir();
    const all = await runCli(['export', '--all', '-o', out], { env });
    expect(all.stderr).toBe('');
    expect(all.stdout).toBe(`Exported 210 sessions to ${out}\n`);
    const ids = history
      .map((transcript) => transcript.id)
      .sort()
      .reverse();
    expect(readdirSync(out).sort()).toEqual(ids.map((id) => `${id}.md`).sort());

    // Batches of 16, four in flight: a folder where the 100th newest file goes (the seventh batch)
    // stops the export there. The six batches before it are in place, the seventh's regular files
    // too, and nothing of the batches after it, fsynced meanwhile or not; no temporary file is left.
    const blocked = makeTempDir();
    const blocker = ids[99] as string;
    mkdirSync(join(blocked, `${blocker}.md`));
    const failed = await runCli(['export', '--all', '-o', blocked], { env });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`cannot write ${join(blocked, `${blocker}.md`)}`);
    const written = new Set(readdirSync(blocked));
    expect([...written].filter((name) => name.endsWith('.tmp'))).toEqual([]);
    for (const id of ids.slice(0, 99)) expect(written.has(`${id}.md`), id).toBe(true);
    for (const id of ids.slice(112)) expect(written.has(`${id}.md`), id).toBe(false);
  });
});
