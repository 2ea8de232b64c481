/**
 * A set file's text as Node read and decoded it in one step (`readFileSync(path, 'utf8')`,
 * several times faster than reading bytes and decoding them), when those bytes were plainly
 * UTF-8 that core/decode-text.ts `decodeText` accepts: no NUL, nothing undecodable (Node decodes
 * that to U+FFFD, so a file holding U+FFFD itself is sent the careful way too), at most
 * `maxBytes` long; a leading byte-order mark dropped, as `decodeText` drops it. Null for
 * anything else: then the bytes are read, and `decodeText` says what is wrong, and where
 * (tests/io/decode-utf8.test.ts holds the two to the same answers).
 */
export function plainUtf8Text(text: string, maxBytes: number): string | null {
  if (text.includes('\0') || text.includes('\uFFFD')) return null;
  // UTF-8 takes one byte per UTF-16 unit at least, and three at most.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)) return null;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
