import { beforeAll, describe, expect, it } from 'vitest';
import { buildStatsReport, idsOnce, newestSetFlags } from '../../src/commands/stats.js';
import { DAY_MS, schedulePractice } from '../../src/core/practice-schedule.js';
import { transcriptOfRecord } from '../../src/core/record-transcript.js';
import { stringifyJson } from '../../src/core/sanitize-text.js';
import { summarizeSession } from '../../src/core/session-summary.js';
import { computeStats } from '../../src/core/stats.js';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { loadBuiltinSets } from '../../src/io/builtin-sets.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { readAllSessions } from '../../src/io/read-sessions.js';
import { createFakeClock } from '../support/fake-clock.js';
import { runCli } from '../support/run-cli.js';
import { sitHistory } from '../support/sit-history.js';
import { makeTempDir } from '../support/temp-dir.js';

// stats and the schedule run over the summary index (skeleton transcripts, core/record-transcript.ts)
// and read in full only the sessions the weakest questions' words come from. Their output must be
// what the same code gives over every transcript read in full: figure for figure, word for word.

const START = Date.parse('2026-09-01T00:00:00Z');
const DAYS = 40;
const NOW = START + DAYS * DAY_MS + 10 * 3_600_000;
let home: string;
let history: Transcript[];

beforeAll(async () => {
  home = makeTempDir('mockprep-stats-index-');
  history = await sitHistory(home, { sessions: 80, start: START, days: DAYS, seed: 17 });
}, 120_000);

/** The report as `stats --json` printed it before the index: over every transcript read in full. */
async function fullReport(options: { since?: string; category?: string }) {
  const { sessions } = await readAllSessions(home, createNodeFileStore());
  const { parseSince } = await import('../../src/core/since.js');
  const report = buildStatsReport(
    sessions.map((session) => session.transcript),
    {
      now: NOW,
      timeZone: 'UTC',
      ...(options.since === undefined ? {} : { since: parseSince(options.since) ?? undefined }),
      ...(options.category === undefined ? {} : { category: options.category }),
    },
    (setId) => newestSetFlags(sessions, setId, process.cwd()),
    idsOnce(await loadBuiltinSets(createNodeFileStore())),
  );
  return JSON.parse(stringifyJson(report));
}

describe('stats over the summary index', () => {
  it.each([
    ['everything', [], {}],
    ['-c beginner', ['-c', 'beginner'], { category: 'beginner' }],
    ['--since 2w', ['--since', '2w'], { since: '2w' }],
  ] as const)('%s: the same report as over the transcripts, first run and from the index', async (_name, args, options) => {
    const expected = await fullReport(options);
    expect(expected.weakest.length).toBeGreaterThan(0);
    for (let run = 0; run < 2; run++) {
      const result = await runCli(['stats', ...args, '--json'], { env: { MOCKPREP_HOME: home, TZ: 'UTC' }, clock: createFakeClock(NOW) });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(expected);
    }
    // And the text the terminal shows.
    const text = await runCli(['stats', ...args], { env: { MOCKPREP_HOME: home, TZ: 'UTC' }, clock: createFakeClock(NOW) });
    for (const weak of expected.weakest) expect(text.stdout).toContain(weak.question.prompt.split('\n')[0].slice(0, 30));
  });

  it('skeleton transcripts give every figure and the whole schedule exactly (only texts differ)', () => {
    const skeletons = history.map((transcript) => transcriptOfRecord(summarizeSession(transcript)));
    const full = computeStats(history);
    const fromIndex = computeStats(skeletons);
    const withoutTexts = (stats: ReturnType<typeof computeStats>) => ({
      ...stats,
      weakest: stats.weakest.map(({ question, missedKeyPoints, ...weak }) => ({
        ...weak,
        key: `${question.setId}/${question.id}`,
        missed: missedKeyPoints.length,
      })),
    });
    expect(withoutTexts(fromIndex)).toEqual(withoutTexts(full));
    const scheduled = (transcripts: Transcript[]) =>
      [...schedulePractice(transcripts)].map(([key, schedule]) => [
        key,
        schedule.dueAt,
        schedule.weakness,
        schedule.stability,
        schedule.difficulty,
        schedule.lapses,
        schedule.attempts.map((attempt) => [attempt.sessionId, attempt.at, attempt.index, attempt.rating, attempt.weakness]),
      ]);
    expect(scheduled(skeletons)).toEqual(scheduled(history));
  });

  it('start --order due picks the same questions from the index as from the transcripts', async () => {
    const { createOrderKey } = await import('../../src/core/practice-schedule.js');
    const skeletons = history.map((transcript) => transcriptOfRecord(summarizeSession(transcript)));
    const entries = history.flatMap((transcript) =>
      transcript.items.map((item) => ({ set: { id: item.question.setId }, question: { id: item.question.id } })),
    );
    for (const order of ['due', 'weakest'] as const) {
      const full = createOrderKey(order, history, NOW);
      const indexed = createOrderKey(order, skeletons, NOW);
      for (const entry of entries) expect(indexed(entry)).toEqual(full(entry));
    }
  });
});
