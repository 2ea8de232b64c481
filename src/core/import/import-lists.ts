import type { Problem } from '../problem.js';
import { sanitizeText } from '../sanitize-text.js';
import { looksLikeAnkiExport, parseAnkiList } from './anki-list.js';
import type { ImportedList, ImportFormat } from './draft.js';
import { parseMarkdownList } from './markdown-list.js';
import { parseTableList } from './table-list.js';

/**
 * The format of a file to import: by its name (`.md`, `.csv`, `.tsv`, `.txt`), else by what
 * it starts with. Anki's export is a `.txt` file (its header lines, or tab-separated fields).
 */
export function detectImportFormat(file: string, text: string): ImportFormat {
  const name = file.toLowerCase();
  if (looksLikeAnkiExport(text)) return 'anki';
  if (/\.(md|markdown|mdown|mkd)$/.test(name)) return 'markdown';
  if (name.endsWith('.csv')) return 'csv';
  if (/\.(tsv|tab)$/.test(name)) return 'tsv';
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (name.endsWith('.txt')) return firstLine.includes('\t') ? 'anki' : 'markdown';
  if (/^\s*"?(question|prompt|q|front)"?\s*\t/i.test(firstLine)) return 'tsv';
  if (/^\s*"?(question|prompt|q|front)"?\s*,/i.test(firstLine) || /,\s*"?(question|prompt)"?\s*(,|$)/i.test(firstLine)) return 'csv';
  return 'markdown';
}

/** One file's text as questions, in the given format (or the one its name and start suggest). */
export function importList(text: string, file: string, format: ImportFormat = detectImportFormat(file, text)): ImportedList {
  // Control characters go first: nothing of them may reach the set or the terminal.
  const clean = sanitizeText(text);
  switch (format) {
    case 'markdown':
      return parseMarkdownList(clean, file);
    case 'csv':
      return parseTableList(clean, file, ',');
    case 'tsv':
      return parseTableList(clean, file, '\t');
    case 'anki':
      return parseAnkiList(clean, file);
  }
}

export type { ImportedList, ImportFormat, Problem };
