import { describe, expect, it } from 'vitest';
import { buildStatsReport } from '../../src/commands/stats.js';
import { answerColumns, rowsBy, SHOWN } from '../../src/core/answer-columns.js';
import { DAY_MS, schedulePractice } from '../../src/core/practice-schedule.js';
import { answerRecords, calibration, categoryTrends, practiceDays } from '../../src/core/progress.js';
import { createRandom } from '../../src/core/random.js';
import { stringifyJson } from '../../src/core/sanitize-text.js';
import type { AnswerRecord, SessionRecord } from '../../src/core/session-summary.js';
import { idsKnownUnique, parseSessionIndex, serializeSessionIndex, tableAnswersOf } from '../../src/core/session-summary.js';
import { parseSince } from '../../src/core/since.js';
import { sortInOrder } from '../../src/core/sort-in-order.js';

// stats works from the answers as columns (core/answer-columns.ts), read straight from the index's
// table for records the index gave and from the answer objects otherwise. Over random histories
// (drafts, unshown questions, untimed ones, questions without key points, ties in time, sessions
// sharing an id, several sets and categories), both ways must give the same report, whatever
// order the sessions come in.

const START = Date.parse('2026-06-01T00:00:00Z');
const NOW = START + 95 * DAY_MS;

function randomHistory(seed: number): SessionRecord[] {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const sets = ['set-a', 'set-b', 'set-c'].slice(0, 1 + Math.floor(random() * 3));
  const history: SessionRecord[] = [];
  const count = Math.floor(random() * 50);
  for (let s = 0; s < count; s++) {
    const started = START + Math.floor(random() * 90) * DAY_MS + (random() < 0.2 ? 0 : Math.floor(random() * DAY_MS));
    const answers: AnswerRecord[] = [];
    for (let i = 0, n = Math.floor(random() * 6); i < n; i++) {
      const keyPoints = Math.floor(random() * 4);
      const category = pick(['basics', 'risks', 'evals']);
      answers.push({
        index: i,
        setId: pick(sets),
        questionId: `q${Math.floor(random() * 8)}`,
        categoryId: category,
        categoryTitle: random() < 0.05 ? 'Renamed' : category.toUpperCase(),
        shown: random() > 0.1,
        finishedAtMs: random() < 0.15 ? null : random() < 0.2 ? started : started + Math.floor(random() * 3_600_000),
        keyPoints,
        covered: Math.floor(random() * (keyPoints + 1)),
        skipped: random() < 0.15,
        empty: random() < 0.1,
        timedOut: random() < 0.15,
        overtimeMs: random() < 0.1 ? 5000 : 0,
        selfRating: random() < 0.3 ? null : 1 + Math.floor(random() * 5),
        hints: Math.floor(random() * 3),
        timeUsedMs: Math.floor(random() * 200_000),
        limitSec: random() < 0.2 ? null : 120,
      });
    }
    history.push({
      // One session in ten shares its id with another.
      id: random() < 0.1 ? 'shared-id' : `session-${s}`,
      startedAt: new Date(started).toISOString(),
      endedAt: null,
      status: 'completed',
      endReason: 'finished',
      mode: 'practice',
      sets: sets.map((id) => ({ id, title: id })),
      setSources: null,
      category: null,
      askedCategories: [],
      summary: {
        total: answers.length,
        answered: 0,
        skipped: 0,
        timedOut: 0,
        notReached: 0,
        timeUsedMs: 0,
        hintsUsed: 0,
        keyPoints: { touched: 0, total: 0 },
        averageRating: null,
      },
      answers,
    });
  }
  return history;
}

/**
 * The same records as the index gives them back: from its table, answers unmade. Named by their
 * ids (as a folder of transcripts is) when `byId`, else each its own name with the id kept apart.
 */
function throughIndex(history: readonly SessionRecord[], byId = false): SessionRecord[] {
  const names = history.map((record, i) => (byId ? `${record.id}.json` : `file-${i.toString().padStart(4, '0')}.json`));
  const order = history.map((_, i) => i).sort((a, b) => ((names[a] as string) < (names[b] as string) ? -1 : 1));
  const sorted = order.map((i) => history[i] as SessionRecord);
  const entries = sorted.map((record, i) => ({
    name: names[order[i] as number] as string,
    stamp: { size: 1, mtimeMs: 1, ctimeMs: 1, ino: i },
    record,
    problem: null,
  }));
  const table = parseSessionIndex(serializeSessionIndex({ entries }));
  if (!table) throw new Error('the index did not parse');
  // Back in the history's order.
  const records: SessionRecord[] = new Array(history.length);
  for (const [i, at] of order.entries()) records[at] = table.record(i) as SessionRecord;
  return records;
}

const scheduled = (history: readonly SessionRecord[]) =>
  [...schedulePractice(history)]
    .map(([key, schedule]) => [key, schedule.dueAt, schedule.weakness, schedule.stability, schedule.lapses])
    .sort();

const report = (history: readonly SessionRecord[], options: { since?: string; category?: string; timeZone?: string } = {}) => {
  try {
    const since = options.since === undefined ? undefined : (parseSince(options.since) ?? undefined);
    const built = buildStatsReport(history, { now: NOW, timeZone: options.timeZone ?? 'UTC', since, category: options.category });
    return JSON.parse(stringifyJson(built));
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('stats from columns', () => {
  it('gives the same report from the index table as from the answer objects, and a schedule that does not depend on the order of the sessions', () => {
    let withWeakest = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const history = randomHistory(seed);
      const indexed = throughIndex(history);
      expect(indexed.every((record) => tableAnswersOf(record) !== null)).toBe(true);
      expect(idsKnownUnique(indexed)).toBe(history.length === 0);
      const shared = history.some((record) => record.id === 'shared-id');
      // Named by their ids, as in a sessions folder: known unique without comparing them.
      const named = shared ? null : throughIndex(history, true);
      if (named) expect(idsKnownUnique(named)).toBe(true);
      // The schedule is the same whatever order the sessions come in (ties in time are broken by session id).
      if (!shared) {
        expect(scheduled([...history].reverse())).toEqual(scheduled(history));
        expect(scheduled(indexed)).toEqual(scheduled(history));
      }
      for (const options of [{}, { since: '30d' }, { category: 'risks' }, { timeZone: 'Asia/Tokyo' }]) {
        const expected = report(history, options);
        expect(report(indexed, options)).toEqual(expected);
        if (named) expect(report(named, options)).toEqual(expected);
        if (expected.weakest?.length > 0) withWeakest++;
      }
    }
    // The random histories reach the weakest questions, not only empty reports.
    expect(withWeakest).toBeGreaterThan(200);
  });

  it('the progress figures from records are those of the history they came from', () => {
    for (let seed = 200; seed < 240; seed++) {
      const history = randomHistory(seed).filter((record) => record.id !== 'shared-id');
      const records = answerRecords(history);
      const built = buildStatsReport(history, { now: NOW, timeZone: 'UTC' });
      expect(categoryTrends(records)).toEqual(built.trends);
      expect(practiceDays(records, NOW, 'UTC')).toEqual(built.practiceDays);
      expect(calibration(records)).toEqual(built.calibration);
    }
  });

  it('makes each attempt of the schedule when asked, the same as the records hold', () => {
    const history = randomHistory(7);
    const schedules = schedulePractice(throughIndex(history));
    const fromObjects = schedulePractice(history);
    expect(schedules.size).toBeGreaterThan(0);
    for (const [key, schedule] of schedules) {
      const other = fromObjects.get(key);
      expect(schedule.attempts).toEqual(other?.attempts);
      expect(schedule.lastAt).toBe(schedule.attempts.at(-1)?.at);
      for (let i = 1; i < schedule.attempts.length; i++) {
        expect((schedule.attempts[i] as { at: number }).at).toBeGreaterThanOrEqual((schedule.attempts[i - 1] as { at: number }).at);
      }
    }
  });

  it('columns: one row per answer, numbered categories and questions in order of first appearance', () => {
    const history = randomHistory(11);
    const columns = answerColumns(history);
    expect(columns.size).toBe(history.reduce((sum, record) => sum + record.answers.length, 0));
    // Each new category and question takes the next number: a row's number is at most one past any before it.
    let groupsSeen = 0;
    let questionsSeen = 0;
    for (let row = 0; row < columns.size; row++) {
      const answer = history[columns.session[row] as number]?.answers[columns.place[row] as number];
      const g = columns.group[row] as number;
      const q = columns.question[row] as number;
      expect(g).toBeLessThanOrEqual(groupsSeen);
      expect(q).toBeLessThanOrEqual(questionsSeen);
      groupsSeen = Math.max(groupsSeen, g + 1);
      questionsSeen = Math.max(questionsSeen, q + 1);
      expect(columns.groups[g]).toMatchObject({ setId: answer?.setId, categoryId: answer?.categoryId });
      expect(columns.questions[q]).toMatchObject({ setId: answer?.setId, questionId: answer?.questionId });
    }
    expect([groupsSeen, questionsSeen]).toEqual([columns.groups.length, columns.questions.length]);
    // A category's first shown and first finished rows are its own, and no earlier row of it is shown or finished.
    for (const [g, group] of columns.groups.entries()) {
      for (let row = 0; row < columns.size; row++) {
        if (columns.group[row] !== g) continue;
        if (((columns.flags[row] as number) & SHOWN) !== 0) {
          expect(group.firstShown).not.toBe(-1);
          expect(row).toBeGreaterThanOrEqual(group.firstShown);
        }
        if (!Number.isNaN(columns.finishedAt[row])) {
          expect(group.firstFinished).not.toBe(-1);
          expect(row).toBeGreaterThanOrEqual(group.firstFinished);
        }
      }
    }
  });
});

describe('sortInOrder and rowsBy', () => {
  it('sorts any order, in order and reversed ones included', () => {
    const random = createRandom(3);
    for (let n = 0; n < 60; n++) {
      const values = Array.from({ length: n }, () => Math.floor(random() * 10));
      const compare = (a: number, b: number) => (values[a] as number) - (values[b] as number) || a - b;
      const expected = Array.from(values.keys()).sort(compare);
      for (const start of [Int32Array.from(values.keys()), Int32Array.from(expected), Int32Array.from(expected).reverse()]) {
        sortInOrder(start, compare);
        expect(Array.from(start)).toEqual(expected);
      }
    }
  });

  it('groups rows by number, each group in row order, leaving out the rows not kept', () => {
    const of = Int32Array.from([2, 0, 2, 1, 0, 2]);
    const { start, rows } = rowsBy(of, 3, (row) => row !== 4);
    expect(Array.from(start)).toEqual([0, 1, 2, 5]);
    expect(Array.from(rows)).toEqual([1, 3, 0, 2, 5]);
  });
});
