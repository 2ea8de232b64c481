import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/core/decode-text.js';
import { decodeUtf8Quickly } from '../../src/io/decode-utf8.js';

// The loader's fast decoder (Node's own UTF-8 validator and decoder) must accept exactly the bytes
// core/decode-text.ts accepts, as the same text: it decides which sets take the fast road, and
// decodeText names the problem of the others.

function expectAgreement(bytes: Uint8Array) {
  const careful = decodeText(bytes);
  expect(decodeUtf8Quickly(bytes)).toBe(careful.ok ? careful.text : null);
}

describe('decodeUtf8Quickly', () => {
  it.each([
    ['ASCII', [0x69, 0x64, 0x3a, 0x20, 0x61], 'id: a'],
    ['a byte-order mark, dropped', [0xef, 0xbb, 0xbf, 0x61], 'a'],
    ['a second byte-order mark, kept', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], '\ufeff'],
    ['four-byte UTF-8', [0xf0, 0x9f, 0x98, 0x80], '😀'],
    ['a NUL byte', [0x61, 0x00], null],
    ['an overlong form', [0xc0, 0xaf], null],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], null],
    ['a cut sequence', [0x61, 0xe2, 0x82], null],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], null],
  ])('%s', (_name, bytes, text) => {
    expect(decodeUtf8Quickly(new Uint8Array(bytes))).toBe(text);
    expectAgreement(new Uint8Array(bytes));
  });

  it('reads a view into a larger buffer as its own bytes only', () => {
    const whole = new TextEncoder().encode('xx id: a yy');
    expect(decodeUtf8Quickly(whole.subarray(3, 8))).toBe('id: a');
  });

  it('agrees with decodeText on random bytes and on damaged UTF-8 text', () => {
    const damaged = fc
      .tuple(fc.string({ unit: 'binary', maxLength: 20 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }))
      .map(([text, edits]) => {
        const bytes = new TextEncoder().encode(text);
        for (const [at, byte] of edits) if (bytes.length > 0) bytes[at % bytes.length] = byte;
        return bytes;
      });
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 24 }), damaged), expectAgreement), { seed: 17, numRuns: 3000 });
  });
});
