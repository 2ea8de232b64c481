import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { findSession, nearSessionIds, newestFirst, sortNewestFirst } from '../../src/core/find-session.js';

const IDS = ['20261120-100000-a1b2', '20261121-090000-c3d4', '20261121-093000-c3ff', 'renamed-by-hand'];

describe('findSession', () => {
  it.each([
    [undefined, { kind: 'latest' }],
    ['latest', { kind: 'latest' }],
    [' LATEST ', { kind: 'latest' }],
    ['20261120-100000-a1b2', { kind: 'id', id: '20261120-100000-a1b2' }],
    ['20261120-100000-A1B2', { kind: 'id', id: '20261120-100000-a1b2' }],
    ['20261120-100000-a1b2.json', { kind: 'id', id: '20261120-100000-a1b2' }],
    ['2026112', null],
    ['20261120', { kind: 'id', id: '20261120-100000-a1b2' }],
    ['20261121-0930', { kind: 'id', id: '20261121-093000-c3ff' }],
    ['renamed', { kind: 'id', id: 'renamed-by-hand' }],
  ] as const)('%j → %j', (query, expected) => {
    if (expected === null) expect(() => findSession(query, IDS)).toThrow(UsageError);
    else expect(findSession(query, IDS)).toEqual(expected);
  });

  it.each([
    [
      '2026112',
      IDS,
      /^session id "2026112" is ambiguous: 3 sessions start with it \(20261121-093000-c3ff, 20261121-090000-c3d4 and 20261120-100000-a1b2\); type more of the id$/,
    ],
    ['20261121', IDS, /ambiguous: 2 sessions start with it \(20261121-093000-c3ff and 20261121-090000-c3d4\)/],
    [
      '20261120-100000-a1b3',
      IDS,
      /^no session "20261120-100000-a1b3"\. Did you mean 20261120-100000-a1b2\? See them all with: mockprep sessions$/,
    ],
    ['0930', IDS, /Did you mean 20261121-093000-c3ff\?/],
    ['../../etc/passwd', IDS, /^no session "\.\.\/\.\.\/etc\/passwd"\. See them all with: mockprep sessions$/],
    ['/etc/passwd', IDS, /^no session "\/etc\/passwd"\./],
    ['20261120-100000-a1b2/../../x', IDS, /^no session /],
    ['abc', [], /^no session "abc": there are no sessions yet$/],
    ['', IDS, /empty session id/],
    ['\u001b[31mred', IDS, /^no session "red"/],
  ] as const)('%j is refused', (query, ids, message) => {
    expect(() => findSession(query, ids)).toThrow(message);
  });

  it('never echoes terminal escapes from what was typed', () => {
    expect(() => findSession('\u001b]52;c;AAAA\u0007x', IDS)).toThrow(/^no session "x"/);
  });
});

describe('sortNewestFirst', () => {
  it('orders mockprep ids by their start time, newest first, and other names after them', () => {
    expect(sortNewestFirst(['b-renamed', '20261120-100000-a1b2', 'a-renamed', '20261121-090000-c3d4'])).toEqual([
      '20261121-090000-c3d4',
      '20261120-100000-a1b2',
      'b-renamed',
      'a-renamed',
    ]);
  });
});

describe('newestFirst', () => {
  it('gives the ids in the order sortNewestFirst gives, newest first, one at a time', () => {
    const timed = fc
      .tuple(fc.integer({ min: 20250101, max: 20271231 }), fc.integer({ min: 0, max: 235959 }), fc.stringMatching(/^[0-9a-f]{4}$/))
      .map(([day, time, tail]) => `${day}-${String(time).padStart(6, '0')}-${tail}`);
    const other = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(timed, other), { maxLength: 30 }), (ids) => {
        expect([...newestFirst(ids)]).toEqual(sortNewestFirst(ids));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the newest without sorting the rest when only the first is taken', () => {
    const [first] = newestFirst(['20261120-100000-a1b2', 'renamed', '20261121-090000-c3d4', '20261119-000000-0000']);
    expect(first).toBe('20261121-090000-c3d4');
  });
});

describe('nearSessionIds', () => {
  it.each([
    ['20261120-100000-a1b3', ['20261120-100000-a1b2']],
    ['c3d4', ['20261121-090000-c3d4']],
    ['zzzz', []],
    ['x', []],
  ] as const)('%j → %j', (query, expected) => {
    expect(nearSessionIds(query, IDS)).toEqual(expected);
  });
});
