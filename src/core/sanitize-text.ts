// ESC-introduced sequences: CSI (cursor moves, colours, screen clears), OSC (titles, OSC 8
// links, OSC 52 clipboard writes) and DCS/SOS/PM/APC strings, then any other two-byte escape.
// The 8-bit C1 forms (0x9b CSI, 0x9d OSC, 0x90 DCS...) are matched too.
const ESCAPE_SEQUENCE = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[0-?]*[ -/]*[@-~]?',
    '(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d\\u009e\\u009f])[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?',
    '\\u001b[\\s\\S]?',
  ].join('|'),
  'g',
);
// Every remaining C0/C1 control except tab and newline, DEL, and the bidi overrides that can
// make text read differently from what it says.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NEEDS_CLEANING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Removes terminal control sequences and control characters from text that came from a file
 * (a question set, a transcript): such text must not move the cursor, rewrite the screen, set
 * the clipboard or ring the bell when shown. Newlines and tabs are kept; `\r\n` becomes `\n`.
 */
export function sanitizeText(text: string): string {
  // Most text has nothing to remove: one scan instead of three replaces.
  if (!NEEDS_CLEANING.test(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** A deep copy of parsed data (JSON or YAML) with every string, keys included, passed through {@link sanitizeText}. */
export function sanitizeDeep<T>(value: T): T {
  if (typeof value === 'string') return sanitizeText(value) as T;
  if (Array.isArray(value)) return value.map(sanitizeDeep) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[sanitizeText(key)] = sanitizeDeep((value as Record<string, unknown>)[key]);
    return copy as T;
  }
  return value;
}
