// The session index file (core/session-summary.ts) taken apart and put back together, for tests
// that damage one thing in it: the head as JSON, the table as numbers. Put back as the writer
// does (the head padded with spaces to a multiple of 8 bytes, then a newline), so that a case is
// refused for its own damage, not for a broken layout.

export interface IndexParts {
  head: Record<string, unknown> & { strings: string[]; shapes: number[][]; names: string };
  table: Float64Array;
}

export function splitIndex(bytes: Uint8Array): IndexParts {
  const newline = bytes.indexOf(0x0a);
  const head = JSON.parse(Buffer.from(bytes.subarray(0, newline)).toString('utf8'));
  const body = bytes.slice(newline + 1);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const table = new Float64Array(body.byteLength / 8);
  for (let i = 0; i < table.length; i++) table[i] = view.getFloat64(i * 8, true);
  return { head, table };
}

export function joinIndex({ head, table }: IndexParts): Uint8Array {
  const text = Buffer.from(JSON.stringify(head), 'utf8');
  const headBytes = Math.ceil((text.length + 1) / 8) * 8;
  const bytes = new Uint8Array(headBytes + table.length * 8);
  bytes.set(text);
  bytes.fill(0x20, text.length, headBytes - 1);
  bytes[headBytes - 1] = 0x0a;
  const view = new DataView(bytes.buffer, headBytes);
  for (const [i, value] of table.entries()) view.setFloat64(i * 8, value, true);
  return bytes;
}

/** The index with one change made to its parts. */
export function changeIndex(bytes: Uint8Array, change: (parts: IndexParts) => IndexParts | undefined): Uint8Array {
  const parts = splitIndex(bytes);
  return joinIndex(change(parts) ?? parts);
}
