import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/core/decode-text.js';
import { plainUtf8Text } from '../../src/io/decode-utf8.js';

// The loader's fast road reads a set file as text, decoded by Node (which turns what is not
// UTF-8 into U+FFFD), and keeps it only when core/decode-text.ts would accept the bytes as that
// same text: it decides which sets take the fast road, and decodeText names the problem of the others.

const viaNode = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

function expectAgreement(bytes: Uint8Array) {
  const careful = decodeText(bytes);
  // A text holding U+FFFD of its own is sent the careful way too (null), where it decodes the same.
  expect(plainUtf8Text(viaNode(bytes), 1000)).toBe(careful.ok && !careful.text.includes('\uFFFD') ? careful.text : null);
}

describe('plainUtf8Text', () => {
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
    ['U+FFFD written in the file', [0x61, 0xef, 0xbf, 0xbd], null],
  ])('%s', (_name, bytes, text) => {
    expect(plainUtf8Text(viaNode(new Uint8Array(bytes)), 1000)).toBe(text);
    expectAgreement(new Uint8Array(bytes));
  });

  it('sends a text over the cap, in bytes, the careful way', () => {
    expect(plainUtf8Text('a'.repeat(10), 10)).toBe('a'.repeat(10));
    expect(plainUtf8Text('a'.repeat(11), 10)).toBeNull();
    // Four units of three bytes each: 12 bytes.
    expect(plainUtf8Text('€€€€', 12)).toBe('€€€€');
    expect(plainUtf8Text('€€€€', 11)).toBeNull();
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
