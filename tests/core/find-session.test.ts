import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { findSession, nearSessionIds, sortNewestFirst } from '../../src/core/find-session.js';

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
