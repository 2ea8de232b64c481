import { escapeControls } from '../core/sanitize-text.js';

/**
 * `text` as one word for a POSIX shell, quoted only when it needs to be: for commands we print.
 * Control characters are shown as visible escapes, like every name from outside.
 */
export function shellQuote(text: string): string {
  const shown = escapeControls(text);
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(shown)) return shown;
  return `'${shown.replaceAll("'", `'\\''`)}'`;
}
