import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/core/format-date.js';
import { coveredKeyPoints } from '../../src/core/grade.js';
import { localDay, startOfLocalDay } from '../../src/core/local-day.js';
import type { SessionIndexEntry } from '../../src/core/session-summary.js';
import { parseSessionIndex, serializeSessionIndex, summarizeSession } from '../../src/core/session-summary.js';
import { summarizeTranscript } from '../../src/core/summary.js';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';

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
          const entries: SessionIndexEntry[] = rows.map((row, i) => ({
            name: `${i}-${row.seed}.json`,
            stamp: { size: row.size, mtimeMs: row.mtimeMs, ctimeMs: row.mtimeMs + 1, ino: row.ino },
            record: row.problem === null ? summarizeSession(variedTranscript(row.seed)) : null,
            problem: row.problem,
          }));
          expect(parseSessionIndex(serializeSessionIndex({ entries }))).toEqual({ entries });
        },
      ),
      { seed: 17, numRuns: 60 },
    );
  });

  // A head this build accepts, so that each case is refused for its own damage, not the version.
  const HEAD = serializeSessionIndex({ entries: [] }).trimEnd();
  it('the head those cases share is accepted on its own, and with a session of no answers', () => {
    expect(parseSessionIndex(`${HEAD}\n`)).toEqual({ entries: [] });
    const session = `[1,"a.json",1,2,3,4,"a","2026-01-01T00:00:00.000Z",null,0,-1,0,[],null,null,[],[1,0,0,0,0,0,0,0,0,null],[]]`;
    expect(parseSessionIndex(`${HEAD}\n${session}\n`)?.entries[0]?.record?.answers).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['no newline at the end', HEAD],
    ['another format', '{"format":"other","version":1,"transcriptVersion":1,"strings":[]}\n'],
    ['a line that is not JSON', `${HEAD}\n[0,"a.json",1,2,3,4,\n`],
    ['an unknown kind of entry', `${HEAD}\n[2,"a.json",1,2,3,4,"x"]\n`],
    ['a stamp that is not a number', `${HEAD}\n[0,"a.json","1",2,3,4,"x"]\n`],
    ['the same file twice', `${HEAD}\n[0,"a.json",1,2,3,4,"x"]\n[0,"a.json",1,2,3,4,"y"]\n`],
    // A session whose answers name strings the head does not hold, or lack a field: checked when read, though made later.
    [
      'an answer naming an unknown string',
      `${HEAD}\n[1,"a.json",1,2,3,4,"a","2026-01-01T00:00:00.000Z",null,0,-1,0,[],null,null,[],[1,0,0,0,0,0,0,0,0,null],[[0,5,6,7,8,1,null,1,0,0,null,0,0,null]]]\n`,
    ],
    [
      'an answer cut short',
      `${HEAD}\n[1,"a.json",1,2,3,4,"a","2026-01-01T00:00:00.000Z",null,0,-1,0,[],null,null,[],[1,0,0,0,0,0,0,0,0,null],[[0]]]\n`,
    ],
  ])('is refused (rebuilt) when %s', (_name, text) => {
    expect(parseSessionIndex(text)).toBeNull();
  });

  it('decodes what repeats once and shares it, yet refuses a damaged copy of a value it has seen', () => {
    const entries: SessionIndexEntry[] = [1, 2].map((seed) => ({
      name: `s${seed}.json`,
      stamp: { size: seed, mtimeMs: seed, ctimeMs: seed, ino: seed },
      record: summarizeSession(variedTranscript(seed)),
      problem: null,
    }));
    const text = serializeSessionIndex({ entries });
    const parsed = parseSessionIndex(text);
    expect(parsed).toEqual({ entries });
    const [first, second] = parsed?.entries ?? [];
    expect(first?.record?.sets).toBe(second?.record?.sets);
    // The second entry's sets as a string that joins like the first's numbers: not a set list.
    const lines = text.split('\n');
    const row = JSON.parse(lines[2] ?? '');
    row[12] = [row[12].join(',')];
    lines[2] = JSON.stringify(row);
    expect(parseSessionIndex(lines.join('\n'))).toBeNull();
  });

  it('of no sessions is a head line alone', () => {
    const text = serializeSessionIndex({ entries: [] });
    expect(text.split('\n')).toHaveLength(2);
    expect(parseSessionIndex(text)).toEqual({ entries: [] });
  });
});

describe('formatDateTime without Intl', () => {
  const formatter = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
  const viaIntl = (date: Date) => {
    const parts = formatter.formatToParts(date);
    const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
  };

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
