/** Why a file's bytes are not usable text, and where (1-based line and column). */
export interface DecodeFailure {
  reason: 'binary' | 'not-utf8';
  line: number;
  col: number;
}

/** The byte offset of the first byte that breaks UTF-8, or -1 when all of it is valid. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let extra: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      extra = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let code = b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += extra + 1;
  }
  return -1;
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/**
 * Decodes a file's bytes as UTF-8 text, refusing binary data (a NUL byte) and invalid UTF-8
 * with the position of the first offending byte. A leading byte-order mark is dropped.
 */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | ({ ok: false } & DecodeFailure) {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, reason: 'binary', ...positionOfByte(bytes, nul) };
  const invalid = findInvalidUtf8(bytes);
  if (invalid !== -1) return { ok: false, reason: 'not-utf8', ...positionOfByte(bytes, invalid) };
  // TextDecoder drops a leading byte-order mark by default.
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes) };
}
