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

/**
 * Parsed data (JSON or YAML, fresh from its parser) with every string value passed through
 * {@link sanitizeText}, in place: large sets hold hundreds of thousands of strings, and copying
 * them all shows in the load time. Keys are kept as written (a schema judges them: an unknown key
 * stays unknown). An own `__proto__` key is plain data: assigning to it sets the property, not the
 * prototype. `seen` guards against YAML aliases that make the data share or contain itself.
 */
export function sanitizeValuesInPlace(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return sanitizeText(value);
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = sanitizeValuesInPlace(value[i], seen);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === 'string') {
      const clean = sanitizeText(item);
      if (clean !== item) record[key] = clean;
    } else if (item !== null && typeof item === 'object') sanitizeValuesInPlace(item, seen);
  }
  return record;
}
