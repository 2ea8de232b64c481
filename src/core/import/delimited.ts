// A small RFC 4180 reader for CSV and TSV (and Anki's export, which quotes the same way):
// quoted fields may hold the delimiter, doubled quotes and line breaks; CRLF, LF or CR end a
// record; a byte order mark is dropped. Every field keeps where it starts, for located errors.

export interface Field {
  value: string;
  line: number;
  col: number;
}

export type DelimitedResult = { ok: true; records: Field[][] } | { ok: false; line: number; col: number; message: string };

/**
 * Splits `text` into records of fields. `startLine` is the line number of the first line of
 * `text` in its file (Anki's header lines come before it). Blank lines are skipped.
 */
export function parseDelimited(text: string, delimiter: string, startLine = 1): DelimitedResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: Field[][] = [];
  let record: Field[] = [];
  let line = startLine;
  let col = 1;
  let i = 0;
  const name = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  while (i <= source.length) {
    const fieldLine = line;
    const fieldCol = col;
    let value = '';
    if (source[i] === '"') {
      i++;
      col++;
      for (;;) {
        if (i >= source.length) {
          return { ok: false, line: fieldLine, col: fieldCol, message: 'a quoted field is never closed: a " is missing' };
        }
        const char = source[i] as string;
        if (char === '"') {
          if (source[i + 1] === '"') {
            value += '"';
            i += 2;
            col += 2;
            continue;
          }
          i++;
          col++;
          break;
        }
        if (char === '\r' || char === '\n') {
          value += '\n';
          i += char === '\r' && source[i + 1] === '\n' ? 2 : 1;
          line++;
          col = 1;
          continue;
        }
        value += char;
        i++;
        col++;
      }
      const next = source[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        return {
          ok: false,
          line,
          col,
          message: `unexpected text after a closing quote: a field that starts with " must end with " and a ${name} (write "" for a quote inside it)`,
        };
      }
    } else {
      while (i < source.length) {
        const char = source[i] as string;
        if (char === delimiter || char === '\r' || char === '\n') break;
        value += char;
        i++;
        col++;
      }
    }
    record.push({ value, line: fieldLine, col: fieldCol });
    const end = source[i];
    if (end === delimiter) {
      i++;
      col++;
      continue;
    }
    // End of a record (or of the text).
    if (!(record.length === 1 && record[0]?.value === '' && source[i - 1] !== '"')) records.push(record);
    record = [];
    if (end === undefined) break;
    i += end === '\r' && source[i + 1] === '\n' ? 2 : 1;
    line++;
    col = 1;
    if (i === source.length) break;
  }
  return { ok: true, records };
}
