import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonMayNeedCleaning, sanitizeText, sanitizeValuesInPlace } from '../../src/core/sanitize-text.js';

describe('sanitizeText removes what could take over a terminal', () => {
  it.each([
    ['colour', 'a\u001b[31mred\u001b[0m b', 'ared b'],
    ['cursor move and clear screen', 'x\u001b[2J\u001b[H\u001b[10;5Hy', 'xy'],
    ['OSC 8 link', 'see \u001b]8;;http://evil.example\u0007here\u001b]8;;\u0007 now', 'see here now'],
    ['OSC 52 clipboard write (ST-terminated)', 'a\u001b]52;c;cm0gLXJmIC8K\u001b\\b', 'ab'],
    ['window title', '\u001b]0;pwned\u0007title', 'title'],
    ['bell and backspaces', 'ding\u0007\b\bdone', 'dingdone'],
    ['8-bit CSI', 'a\u009b2Jb', 'ab'],
    ['bidi override', 'abc\u202Edef\u202C', 'abcdef'],
    ['DEL and NUL', 'a\u007fb\u0000c', 'abc'],
    ['keeps newlines and tabs, folds CRLF', 'one\r\ntwo\tthree\n', 'one\ntwo\tthree\n'],
    ['keeps ordinary unicode', 'café — naïve ✔ 日本', 'café — naïve ✔ 日本'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });
});

describe('sanitizeValuesInPlace', () => {
  it('cleans every string value in place, keeps keys as written, and survives shared and self-containing data', () => {
    const shared = { text: 'shared\u001b[2J' };
    const data = JSON.parse('{"__proto__": "a\\u0007", "keep\\u001b[31m": ["x\\u009b1m", 3, null]}') as Record<string, unknown>;
    data.one = shared;
    data.two = shared;
    data.self = data;
    expect(sanitizeValuesInPlace(data)).toBe(data);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(data, '__proto__')?.value).toBe('a');
    expect(data['keep\u001b[31m']).toEqual(['x', 3, null]);
    expect(shared.text).toBe('shared');
    expect(data.self).toBe(data);
  });
});

describe('jsonMayNeedCleaning', () => {
  // Characters around every range sanitizeText touches, and plain ones.
  const chars = fc.constantFrom(
    ...['a', ' ', '\\', '"', '\t', '\n', '\r', '\b', '\f', '\u0000', '\u0007', '\u000b', '\u001b', '\u001f', '\u007e'],
    ...['\u007f', '\u0085', '\u009b', '\u009f', '\u00a0', '\u00e9', '\u2029', '\u202a', '\u202e', '\u202f', '\u2066', '\u2069', '\u206a'],
    ...['\ufeff', '\ud83d\ude00', 'r', 'u', 'b', 'f'],
  );
  const text = fc.array(chars, { maxLength: 12 }).map((parts) => parts.join(''));
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('record')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    record: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  })).value;

  it('says no only when cleaning would change nothing, for JSON as JSON.stringify writes it', () => {
    fc.assert(
      fc.property(json, (value) => {
        const written = JSON.stringify(value, null, 2);
        const cleaned = sanitizeValuesInPlace(JSON.parse(written));
        if (!jsonMayNeedCleaning(written)) expect(cleaned).toEqual(JSON.parse(written));
        // And it does say yes for data that cleaning changes.
        if (JSON.stringify(cleaned) !== JSON.stringify(JSON.parse(written))) expect(jsonMayNeedCleaning(written)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('sees the escapes and raw characters a hand-written file may use', () => {
    expect(jsonMayNeedCleaning('{"a": "x\\u001b[2Jy"}')).toBe(true);
    expect(jsonMayNeedCleaning('{"a": "line\\r\\nnext"}')).toBe(true);
    expect(jsonMayNeedCleaning('{"a": "\\b\\f"}')).toBe(true);
    expect(jsonMayNeedCleaning('{"a": "raw \u009b C1 and \u202e override"}')).toBe(true);
    expect(jsonMayNeedCleaning('{"a": "café\\n\\ttab \\"quoted\\" \\\\ back"}')).toBe(false);
  });
});
