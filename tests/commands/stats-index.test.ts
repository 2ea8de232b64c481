import { beforeAll, describe, expect, it } from 'vitest';
import { buildStatsReport, idsOnce, newestSetFlags } from '../../src/commands/stats.js';
import {
  compareAttempts,
  createOrderKey,
  DAY_MS,
  questionKey,
  schedulePractice,
  WEAKNESS_WINDOW,
} from '../../src/core/practice-schedule.js';
import { stringifyJson } from '../../src/core/sanitize-text.js';
import { summarizeSession } from '../../src/core/session-summary.js';
import { weakQuestionWords } from '../../src/core/stats.js';
import type { Transcript, TranscriptItem } from '../../src/core/transcript-schema.js';
import { loadBuiltinSets } from '../../src/io/builtin-sets.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { readAllSessions } from '../../src/io/read-sessions.js';
import { readSessionIndex } from '../../src/io/session-index.js';
import { createFakeClock } from '../support/fake-clock.js';
import { runCli } from '../support/run-cli.js';
import { sitHistory } from '../support/sit-history.js';
import { makeTempDir } from '../support/temp-dir.js';

// stats and the schedule run over the summary index (the sessions' records, core/session-summary.ts)
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

/** The report over every transcript read in full, its weakest questions' words from their latest answers. */
async function fullReport(options: { since?: string; category?: string }) {
  const { sessions } = await readAllSessions(home, createNodeFileStore());
  const { parseSince } = await import('../../src/core/since.js');
  const { resolveSince } = await import('../../src/core/since.js');
  const { localDay } = await import('../../src/core/local-day.js');
  const records = sessions.map((session) => summarizeSession(session.transcript));
  const report = buildStatsReport(
    records,
    {
      now: NOW,
      timeZone: 'UTC',
      ...(options.since === undefined ? {} : { since: parseSince(options.since) ?? undefined }),
      ...(options.category === undefined ? {} : { category: options.category }),
    },
    newestSetFlags(records, process.cwd()),
    idsOnce(await loadBuiltinSets(createNodeFileStore())),
  );
  // The words, found here without the command's code: each weak question's finished answers in
  // the narrowed history, in the schedule's order (time, session id, place), the latest three.
  const spec = options.since === undefined ? null : parseSince(options.since);
  const since = spec === null ? Number.NEGATIVE_INFINITY : resolveSince(spec, NOW, 'UTC', localDay(NOW, 'UTC'));
  for (const weak of report.weakest) {
    const answers = sessions
      .filter(({ transcript }) => Date.parse(transcript.startedAt) >= since)
      .flatMap(({ transcript }) =>
        transcript.items.flatMap((item, index) =>
          item.finishedAt !== null && questionKey(item.question) === weak.key
            ? [{ item, sessionId: transcript.id, index, at: Date.parse(item.finishedAt) }]
            : [],
        ),
      )
      .sort(compareAttempts)
      .slice(-WEAKNESS_WINDOW);
    Object.assign(weak, weakQuestionWords(answers.map((answer) => answer.item as TranscriptItem)));
  }
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

  it('the index holds the record of each transcript exactly, so the schedule and both orders are the same', async () => {
    const indexed = await readSessionIndex(home, createNodeFileStore(), NOW);
    const fromIndex = indexed.sessions.map((session) => session.record);
    const full = history.map(summarizeSession);
    const byId = (records: typeof full) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(fromIndex)).toEqual(byId(full));
    const scheduled = (records: typeof full) =>
      [...schedulePractice(records)]
        .map(([key, schedule]) => [key, schedule.dueAt, schedule.weakness, schedule.stability, schedule.lapses])
        .sort();
    expect(scheduled(fromIndex)).toEqual(scheduled(full));
    const entries = history.flatMap((transcript) =>
      transcript.items.map((item) => ({ set: { id: item.question.setId }, question: { id: item.question.id } })),
    );
    for (const order of ['due', 'weakest'] as const) {
      const expected = createOrderKey(order, full, NOW);
      const actual = createOrderKey(order, fromIndex, NOW);
      for (const entry of entries) expect(actual(entry)).toEqual(expected(entry));
    }
  });
});
