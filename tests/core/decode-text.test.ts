import { describe, expect, it } from 'vitest';
import { decodeText, findInvalidUtf8 } from '../../src/core/decode-text.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('findInvalidUtf8', () => {
  it.each([
    ['ascii', utf8('hello'), -1],
    ['multi-byte', utf8('café 日本 😀'), -1],
    ['latin-1 é', bytes(0x63, 0x61, 0x66, 0xe9), 3],
    ['truncated sequence', bytes(0x61, 0xe6, 0x97), 1],
    ['overlong encoding', bytes(0xc0, 0xaf), 0],
    ['surrogate', bytes(0xed, 0xa0, 0x80), 0],
    ['stray continuation', bytes(0x61, 0x80), 1],
  ])('%s', (_name, input, offset) => {
    expect(findInvalidUtf8(input)).toBe(offset);
  });
});

describe('decodeText', () => {
  it('drops a byte-order mark', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('id: x')]))).toEqual({ ok: true, text: 'id: x' });
  });
  it('locates a NUL byte as binary data', () => {
    expect(decodeText(utf8('a: 1\nbc\u0000'))).toEqual({ ok: false, reason: 'binary', line: 2, col: 3 });
  });
  it('locates invalid UTF-8 by line and column', () => {
    expect(decodeText(new Uint8Array([...utf8('a: 1\nid: caf'), 0xe9]))).toEqual({ ok: false, reason: 'not-utf8', line: 2, col: 8 });
  });
});
