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

// In JSON text, a string can hold a character sanitizeText removes only as an escape (`\b`, `\f`,
// `\r`, `\uXXXX`: raw C0 controls are not allowed in a JSON string) or raw from DEL on (the C1
// controls, the bidi overrides). A backslash escaping a backslash before one of those letters
// matches too: that only costs a walk that finds nothing.
const JSON_MAY_NEED_CLEANING = /\\[bfru]|[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Whether JSON.parse(`text`) may hold a string value that {@link sanitizeText} would change:
 * false means that none does, so {@link sanitizeValuesInPlace} would change nothing and need not
 * walk the data. One native scan of the text, against a walk of every value of the parsed data.
 */
export function jsonMayNeedCleaning(text: string): boolean {
  return JSON_MAY_NEED_CLEANING.test(text);
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

// Every character that can act on a terminal: C0 controls (newline and carriage return too: a
// name must stay on its line), DEL, the C1 controls and the bidirectional overrides.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const ACTIVE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const HAS_ACTIVE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

function visibleEscape(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * The one way a string from outside mockprep reaches the terminal when it names something or
 * reports something: a file or folder name, a session id, a library's error message quoting a
 * file, an argument as typed. Every control character is shown as a visible escape (`\x1b`,
 * `\x9b`, `\n`), so the text stays on one line and cannot act on the terminal, yet still says
 * what it is (a name is shown, not silently changed). Text that has none comes back as it is.
 */
export function escapeControls(text: string): string {
  return HAS_ACTIVE.test(text) ? text.replace(ACTIVE, visibleEscape) : text;
}

// JSON.stringify escapes C0 controls but leaves DEL, C1 controls and bidi overrides raw.
const JSON_RAW = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (indented by two) that no terminal acts on: the characters JSON.stringify leaves raw
 * and a terminal would act on are written as `\u` escapes, which JSON reads back as the same
 * characters. Every JSON mockprep prints or saves goes through it.
 */
export function stringifyJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_RAW, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
