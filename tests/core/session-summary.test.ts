import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/core/format-date.js';
import { coveredKeyPoints } from '../../src/core/grade.js';
import { localDay, startOfLocalDay } from '../../src/core/local-day.js';
import type { SessionIndexEntry, SessionRecord } from '../../src/core/session-summary.js';
import { parseSessionIndex, serializeSessionIndex, startedAtMs, summarizeSession } from '../../src/core/session-summary.js';
import { summarizeTranscript } from '../../src/core/summary.js';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';
import { dateTimeViaIntl } from '../support/intl-date.js';
import { changeIndex } from '../support/session-index-bytes.js';

// A session's record (core/session-summary.ts) and the index file's text: the record is a pure
// function of the transcript, and the file gives back exactly the entries written.

/** A mini-set transcript with its answers varied by `seed`: finished or not, skipped, rated, hinted, corrected. */
function variedTranscript(seed: number): Transcript {
  const base = makeMiniTranscript({ now: Date.parse('2026-11-20T10:00:00Z') + seed * 3_600_000, limits: [60, 120, null] });
  return {
    ...base,
    id: `20261120-${String(seed).padStart(6, '0')}-ab${seed % 10}`,
    status: (['completed', 'interrupted', 'in-progress'] as const)[seed % 3] ?? 'completed',
    endReason: seed % 3 === 0 ? 'finished' : seed % 3 === 1 ? 'quit' : null,
    items: base.items.map((item, i) => {
      const k = seed + i;
      const shown = k % 7 !== 0;
      return {
        ...item,
        shownAt: shown ? base.startedAt : null,
        finishedAt: shown && k % 5 !== 0 ? new Date(Date.parse(base.startedAt) + (i + 1) * 60_000).toISOString() : null,
        skipped: k % 4 === 0,
        answer: k % 6 === 0 ? '   ' : `answer ${k}`,
        timedOut: k % 3 === 0,
        overtimeMs: k % 8 === 0 ? 1500 : 0,
        selfRating: k % 5 === 0 ? null : (k % 5) + 1,
        hintsUsed: item.question.hints.slice(0, k % 3).map((text, index) => ({ index, text, at: base.startedAt, atSec: index })),
        keyPointsTouched: [0, 1, 2].filter((point) => (k >> point) % 2 === 1),
        ...(k % 4 === 1 ? { keyPointsCorrected: [0] } : {}),
        timeUsedMs: (k % 9) * 10_000,
      };
    }),
  };
}

describe('summarizeSession', () => {
  it('keeps the session fields, the summary, and per answer what stats and the schedule use', () => {
    const transcript = variedTranscript(4);
    const record = summarizeSession(transcript);
    expect(record).toMatchObject({
      id: transcript.id,
      startedAt: transcript.startedAt,
      endedAt: transcript.endedAt,
      status: transcript.status,
      mode: transcript.settings.mode,
      summary: summarizeTranscript(transcript),
    });
    expect(record.answers).toHaveLength(transcript.items.length);
    for (const [i, item] of transcript.items.entries()) {
      expect(record.answers[i]).toEqual({
        index: i,
        setId: item.question.setId,
        questionId: item.question.id,
        categoryId: item.question.categoryId,
        categoryTitle: item.question.categoryTitle,
        shown: item.shownAt !== null,
        finishedAtMs: item.finishedAt === null ? null : Date.parse(item.finishedAt),
        keyPoints: item.question.keyPoints.length,
        covered: coveredKeyPoints(item).length,
        skipped: item.skipped,
        empty: item.answer.trim() === '',
        timedOut: item.timedOut,
        overtimeMs: item.overtimeMs,
        selfRating: item.selfRating,
        hints: item.hintsUsed.length,
        timeUsedMs: item.timeUsedMs,
        limitSec: item.limitSec,
      });
    }
  });
});

describe('the index file', () => {
  it('gives back exactly the entries written (records and problems, any stamps)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            seed: fc.nat(1000),
            problem: fc.option(fc.string({ unit: 'grapheme', maxLength: 30 }), { nil: null }),
            size: fc.nat(),
            mtimeMs: fc.double({ min: 0, max: 4e12, noNaN: true }),
            ino: fc.nat(),
          }),
          { maxLength: 12 },
        ),
        (rows) => {
          // Names as the folder lists them: sorted.
          const entries: SessionIndexEntry[] = rows.map((row, i) => ({
            name: `${String(i).padStart(2, '0')}-${row.seed}.json`,
            stamp: { size: row.size, mtimeMs: row.mtimeMs, ctimeMs: row.mtimeMs + 1, ino: row.ino },
            record: row.problem === null ? summarizeSession(variedTranscript(row.seed)) : null,
            problem: row.problem,
          }));
          expect(parseSessionIndex(serializeSessionIndex({ entries }))?.entries()).toEqual(entries);
        },
      ),
      { seed: 17, numRuns: 60 },
    );
  });

  it('makes a record whose answers, made when first read, are an own property like the rest (a copy keeps them)', () => {
    const record = summarizeSession(variedTranscript(5));
    const table = parseSessionIndex(serializeSessionIndex({ entries: [{ name: 'a.json', stamp: STAMP, record, problem: null }] }));
    const read = table?.record(0);
    expect(Object.keys(read ?? {})).toEqual(Object.keys(record));
    expect({ ...read }).toEqual({ ...record });
    expect(read?.answers).toBe(read?.answers);
  });

  const STAMP = { size: 1, mtimeMs: 2, ctimeMs: 3, ino: 4 };
  /** Two sessions and a problem, written: each case below damages one thing of it. */
  const entries: SessionIndexEntry[] = [
    {
      name: 'a.json',
      stamp: STAMP,
      record: { ...summarizeSession(variedTranscript(1)), category: { setId: 'mini', id: 'basics', title: 'Basics' } },
      problem: null,
    },
    { name: 'b.json', stamp: STAMP, record: null, problem: 'not valid JSON' },
    { name: 'c.json', stamp: STAMP, record: summarizeSession(variedTranscript(2)), problem: null },
  ];
  const good = serializeSessionIndex({ entries });
  const SESSION_WIDTH = 25;
  const ANSWER_WIDTH = 14;
  const answersAt = 3 * SESSION_WIDTH;

  it('the file those cases damage is accepted whole, and so is a session of no answers', () => {
    expect(parseSessionIndex(good)?.entries()).toEqual(entries);
    // The cases that swap the category and the sets need both.
    expect(entries[0]?.record?.category).not.toBeNull();
    expect(entries[0]?.record?.sets.length).toBeGreaterThan(0);
    expect(parseSessionIndex(changeIndex(good, () => {}))?.entries()).toEqual(entries);
    const none = { ...summarizeSession(variedTranscript(3)), answers: [] };
    const one = parseSessionIndex(serializeSessionIndex({ entries: [{ name: 'a.json', stamp: STAMP, record: none, problem: null }] }));
    expect(one?.record(0)?.answers).toEqual([]);
  });

  const refused: [string, () => Uint8Array][] = [
    ['empty', () => new Uint8Array()],
    ['no newline', () => new TextEncoder().encode('{"format":"mockprep-session-index"}')],
    ['cut short by a byte', () => good.subarray(0, good.length - 1)],
    ['cut short by an answer', () => good.subarray(0, good.length - ANSWER_WIDTH * 8)],
    [
      'one answer too many',
      () => changeIndex(good, ({ head, table }) => ({ head, table: Float64Array.from([...table, ...table.subarray(-ANSWER_WIDTH)]) })),
    ],
    [
      'another format',
      () =>
        changeIndex(good, ({ head }) => {
          head.format = 'other';
        }),
    ],
    [
      'another layout',
      () =>
        changeIndex(good, ({ head }) => {
          head.layout = 2;
        }),
    ],
    [
      'another record version',
      () =>
        changeIndex(good, ({ head }) => {
          head.version = 999;
        }),
    ],
    [
      'another transcript version',
      () =>
        changeIndex(good, ({ head }) => {
          head.transcriptVersion = 7;
        }),
    ],
    // Eight bytes, so that only the JSON is wrong.
    ['a head that is not JSON', () => new TextEncoder().encode('{"forma\n')],
    [
      'a head out of shape',
      () =>
        changeIndex(good, ({ head }) => {
          (head as Record<string, unknown>).names = ['a.json', 'b.json', 'c.json'];
        }),
    ],
    [
      'the same file twice',
      () =>
        changeIndex(good, ({ head }) => {
          head.names = 'a.json/b.json/a.json/';
        }),
    ],
    [
      'names out of order',
      () =>
        changeIndex(good, ({ head }) => {
          head.names = 'c.json/b.json/a.json/';
        }),
    ],
    [
      'a name not ended by its separator',
      () =>
        changeIndex(good, ({ head }) => {
          head.names = 'a.json/b.json/c.json';
        }),
    ],
    [
      'one name too few',
      () =>
        changeIndex(good, ({ head }) => {
          head.names = 'a.json/b.json/';
        }),
    ],
    [
      'an id that is not a string',
      () =>
        changeIndex(good, ({ head }) => {
          (head.ids as unknown[])[0] = 7;
        }),
    ],
    [
      'a problem given an id',
      () =>
        changeIndex(good, ({ head }) => {
          (head.ids as unknown[])[1] = 'b';
        }),
    ],
    [
      'an id of an entry that is not there',
      () =>
        changeIndex(good, ({ head }) => {
          (head.ids as Record<number, string>)[7] = 'x';
        }),
    ],
    [
      'a record given a problem',
      () =>
        changeIndex(good, ({ head }) => {
          (head.problems as Record<number, string>)[0] = 'x';
        }),
    ],
    [
      'a problem without its message',
      () =>
        changeIndex(good, ({ head }) => {
          head.problems = {};
        }),
    ],
    [
      'a problem given times',
      () =>
        changeIndex(good, ({ head }) => {
          (head.times as Record<number, unknown>)[1] = ['2026-01-01T00:00:00Z', null];
        }),
    ],
    [
      'times out of shape',
      () =>
        changeIndex(good, ({ head }) => {
          (head.times as Record<number, unknown>)[0] = ['2026-01-01T00:00:00Z'];
        }),
    ],
    [
      'an end time its string says is none',
      () =>
        changeIndex(good, ({ head, table }) => {
          (head.times as Record<number, unknown>)[0] = ['2026-01-01T00:00:00Z', null];
          table[6] = 1;
        }),
    ],
    [
      'a start time that is not a number',
      () =>
        changeIndex(good, ({ table }) => {
          table[5] = Number.NaN;
        }),
    ],
    [
      'strings it points at gone',
      () =>
        changeIndex(good, ({ head }) => {
          head.strings = [];
        }),
    ],
    [
      'an unknown kind of entry',
      () =>
        changeIndex(good, ({ table }) => {
          table[0] = 2;
        }),
    ],
    [
      'a stamp that is not a number',
      () =>
        changeIndex(good, ({ table }) => {
          table[1] = Number.NaN;
        }),
    ],
    [
      'an unknown status',
      () =>
        changeIndex(good, ({ table }) => {
          table[7] = 9;
        }),
    ],
    [
      'a code that is not whole',
      () =>
        changeIndex(good, ({ table }) => {
          table[9] = 0.5;
        }),
    ],
    [
      'a shape that does not exist',
      () =>
        changeIndex(good, ({ table }) => {
          table[10] = 99;
        }),
    ],
    // The category's three strings where a list of (id, title) pairs belongs, and the reverse.
    [
      'the category as the sets',
      () =>
        changeIndex(good, ({ table }) => {
          table[10] = table[12] as number;
        }),
    ],
    [
      'the sets as the category',
      () =>
        changeIndex(good, ({ table }) => {
          table[12] = table[10] as number;
        }),
    ],
    [
      'an answer naming an unknown string',
      () =>
        changeIndex(good, ({ table }) => {
          table[answersAt + 2] = 1e6;
        }),
    ],
    [
      'an answer with a number missing',
      () =>
        changeIndex(good, ({ table }) => {
          table[answersAt + 7] = Number.NaN;
        }),
    ],
    [
      'an infinite time',
      () =>
        changeIndex(good, ({ table }) => {
          table[answersAt + 6] = Number.POSITIVE_INFINITY;
        }),
    ],
    [
      'answers counted wrong',
      () =>
        changeIndex(good, ({ table }) => {
          table[24] = (table[24] as number) + 1;
        }),
    ],
  ];
  it.each(refused)('is refused (rebuilt) when %s', (_name, damaged) => {
    expect(parseSessionIndex(damaged())).toBeNull();
  });

  it('keeps an id only where it is not the file name without .json', () => {
    const record = summarizeSession(variedTranscript(4));
    const same = { name: `${record.id}.json`, stamp: STAMP, record, problem: null };
    const other = { name: 'renamed.json', stamp: STAMP, record, problem: null };
    const bytes = serializeSessionIndex({ entries: [same, other] });
    expect(JSON.parse(Buffer.from(bytes.subarray(0, bytes.indexOf(0x0a))).toString()).ids).toEqual({ 1: record.id });
    expect(parseSessionIndex(bytes)?.entries()).toEqual([same, other]);
  });

  it('keeps times as numbers where those give them back, and as they were written otherwise', () => {
    const record = summarizeSession(variedTranscript(4));
    const written = { ...record, startedAt: '2026-01-01T10:00:00.000Z', endedAt: '2026-01-01T10:30:00.000Z' };
    const open = { ...record, startedAt: '2026-01-02T10:00:00.000Z', endedAt: null };
    // What the transcript check accepts but toISOString would not write back.
    const offset = { ...record, startedAt: '2026-01-03T12:00:00+02:00', endedAt: '2026-01-03T10:30:00Z' };
    const entries = [written, open, offset].map((each, i) => ({ name: `${i}.json`, stamp: STAMP, record: each, problem: null }));
    const bytes = serializeSessionIndex({ entries });
    const head = JSON.parse(Buffer.from(bytes.subarray(0, bytes.indexOf(0x0a))).toString());
    expect(head.times).toEqual({ 2: [offset.startedAt, offset.endedAt] });
    const table = parseSessionIndex(bytes);
    expect(table?.entries()).toEqual(entries);
    // The start's milliseconds, which sorting and --since read, are the string's either way.
    expect([0, 1, 2].map((i) => startedAtMs(table?.record(i) as SessionRecord))).toEqual(
      [written, open, offset].map((each) => Date.parse(each.startedAt)),
    );
  });

  it('makes what repeats once and shares it', () => {
    const table = parseSessionIndex(good);
    const [first, third] = [table?.record(0), table?.record(2)];
    expect(first?.sets).toEqual(entries[0]?.record?.sets);
    expect(first?.sets).toBe(third?.sets);
    expect(first?.askedCategories).toBe(third?.askedCategories);
  });

  it('of no sessions is a head line alone', () => {
    const bytes = serializeSessionIndex({ entries: [] });
    expect(bytes.indexOf(0x0a)).toBe(bytes.length - 1);
    expect(bytes.length % 8).toBe(0);
    expect(parseSessionIndex(bytes)?.entries()).toEqual([]);
  });
});

describe('formatDateTime without Intl', () => {
  const viaIntl = dateTimeViaIntl('UTC');

  it('formats UTC as Intl does, to the minute, with the zone name', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1970-01-01T00:00:00Z'), max: Date.parse('9999-12-31T23:59:59Z') }), (ms) => {
        const date = new Date(ms);
        expect(formatDateTime(date.toISOString(), { timeZone: 'UTC', zone: true })).toBe(viaIntl(date));
        expect(formatDateTime(date.toISOString(), { timeZone: 'Etc/UTC' })).toBe(viaIntl(date).slice(0, -4));
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('counts local days and their starts without Intl as Intl counts them (UTC and the local zone)', () => {
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // Names that take the Intl path for the same zones.
    const viaIntlLocal = ['UTC', 'Etc/UTC'].includes(local) ? 'Etc/GMT0' : local;
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1971-01-01T00:00:00Z'), max: Date.parse('2100-12-31T23:59:59Z') }), (ms) => {
        expect(localDay(ms, 'UTC')).toBe(localDay(ms, 'Etc/GMT0'));
        expect(localDay(ms, undefined)).toBe(localDay(ms, viaIntlLocal));
        const day = localDay(ms, undefined);
        expect(startOfLocalDay(day, undefined)).toBe(startOfLocalDay(day, viaIntlLocal));
        expect(startOfLocalDay(day, 'UTC')).toBe(startOfLocalDay(day, 'Etc/GMT0'));
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('formats the local zone from Date, and other zones through Intl', () => {
    const iso = '2026-07-01T22:30:00Z';
    const local = new Date(iso);
    const pad = (value: number) => String(value).padStart(2, '0');
    expect(formatDateTime(iso)).toBe(
      `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())}`,
    );
    expect(formatDateTime(iso, { timeZone: 'Asia/Tokyo' })).toBe('2026-07-02 07:30');
    expect(formatDateTime(iso, { timeZone: 'America/New_York', zone: true })).toBe('2026-07-01 18:30 EDT');
    expect(formatDateTime('not a date', { timeZone: 'UTC' })).toBe('not a date');
  });
});
