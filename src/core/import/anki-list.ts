import type { Field } from './delimited.js';
import { parseDelimited } from './delimited.js';
import type { DraftQuestion, ImportedList } from './draft.js';
import { tidyText, titleFromFileName } from './draft.js';
import { htmlToText, looksLikeHtml } from './html-to-text.js';

// Anki's "Notes in Plain Text" export: `#key:value` header lines (separator, html, tags,
// columns, and which column holds the guid, note type, deck and tags), then one note per
// record, fields quoted as in CSV. Older exports have no header: tab-separated front and back.

const SEPARATORS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', space: ' ', pipe: '|', colon: ':' };

/** True when `text` starts with Anki's export header lines. */
export function looksLikeAnkiExport(text: string): boolean {
  return /^\uFEFF?#(separator|html|tags|columns|deck|notetype|guid|deck column|notetype column|tags column|guid column):/i.test(text);
}

/** Replaces Anki cloze deletions: `{{c1::answer::hint}}` becomes `[hint]` (or `[…]`) in the question, `answer` in the notes. */
function splitCloze(text: string): { question: string; answer: string } | null {
  const cloze = /\{\{c\d+::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;
  if (!cloze.test(text)) return null;
  return {
    question: text.replace(cloze, (_, _answer: string, hint?: string) => `[${hint ?? '…'}]`),
    answer: text.replace(cloze, (_, answer: string) => answer),
  };
}

export function parseAnkiList(text: string, file: string): ImportedList {
  const list: ImportedList = { file, title: titleFromFileName(file), questions: [], guesses: [], problems: [] };
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split(/\r\n|\n|\r/);
  const header = new Map<string, string>();
  let bodyStart = 0;
  for (const [index, line] of lines.entries()) {
    const match = /^#([a-z ]+):(.*)$/i.exec(line);
    if (!match) break;
    header.set((match[1] ?? '').trim().toLowerCase(), (match[2] ?? '').trim());
    bodyStart = index + 1;
  }
  const separatorName = header.get('separator');
  let separator = '\t';
  if (separatorName !== undefined) {
    const known = SEPARATORS[separatorName.toLowerCase()];
    if (known) separator = known;
    else if ([...separatorName].length === 1) separator = separatorName;
    else {
      const line = lines.findIndex((line) => line.toLowerCase().startsWith('#separator:')) + 1;
      list.problems.push({
        file,
        line,
        col: 12,
        message: `unknown separator ${JSON.stringify(separatorName)}: Anki writes Tab, Comma, Semicolon, Space, Pipe or Colon`,
      });
      return list;
    }
  } else {
    list.guesses.push('no #separator line: read as tab-separated, as Anki writes by default');
  }
  const html = header.get('html')?.toLowerCase();
  const columnOf = (name: string) => {
    const value = header.get(`${name} column`);
    const number = value === undefined ? Number.NaN : Number(value);
    return Number.isInteger(number) && number >= 1 ? number - 1 : -1;
  };
  const special = { guid: columnOf('guid'), notetype: columnOf('notetype'), deck: columnOf('deck'), tags: columnOf('tags') };
  const sharedTags = (header.get('tags') ?? '').split(/\s+/).filter((tag) => tag !== '');
  const deck = header.get('deck');

  const parsed = parseDelimited(lines.slice(bodyStart).join('\n'), separator, bodyStart + 1);
  if (!parsed.ok) {
    list.problems.push({ file, line: parsed.line, col: parsed.col, message: parsed.message });
    return list;
  }
  const toText = (value: string) => tidyText(html === 'false' || !looksLikeHtml(value) ? value : htmlToText(value));
  let clozes = 0;
  let htmlFields = 0;
  for (const record of parsed.records) {
    const specialIndexes = new Set(Object.values(special).filter((index) => index >= 0));
    const fields: Field[] = record.filter((_, index) => !specialIndexes.has(index));
    const first = fields[0];
    if (!first || first.value.trim() === '') {
      const at = first ?? record[0];
      list.problems.push({ file, line: at?.line ?? 1, col: at?.col ?? 1, message: 'this note has an empty first field: nothing to ask' });
      continue;
    }
    if (fields.some((field) => html !== 'false' && looksLikeHtml(field.value))) htmlFields++;
    let prompt = toText(first.value);
    const notes: string[] = [];
    const cloze = splitCloze(prompt);
    if (cloze) {
      clozes++;
      prompt = cloze.question;
      notes.push(cloze.answer);
    }
    for (const field of fields.slice(1)) {
      const value = toText(field.value);
      if (value !== '') notes.push(value);
    }
    if (prompt === '') {
      list.problems.push({
        file,
        line: first.line,
        col: first.col,
        message: 'this note has no text once its HTML is removed: nothing to ask',
      });
      continue;
    }
    const draft: DraftQuestion = { prompt, tags: [...sharedTags], hints: [], followUps: [], line: first.line };
    const noteDeck = special.deck >= 0 ? record[special.deck]?.value.trim() : deck;
    if (noteDeck) draft.category = noteDeck.split('::').pop()?.trim() || noteDeck;
    if (special.tags >= 0) draft.tags.push(...(record[special.tags]?.value ?? '').split(/\s+/).filter((tag) => tag !== ''));
    draft.tags = [...new Set(draft.tags)];
    if (notes.length > 0) draft.notes = notes.join('\n\n');
    list.questions.push(draft);
  }
  if (special.deck >= 0 || deck) list.guesses.push("categories from Anki's decks (the last part of a nested deck name)");
  if (htmlFields > 0) list.guesses.push(`HTML turned into plain text in ${htmlFields} note${htmlFields === 1 ? '' : 's'}`);
  if (clozes > 0)
    list.guesses.push(
      `${clozes} cloze note${clozes === 1 ? '' : 's'}: the deletions are blanks in the question and spelled out in the notes`,
    );
  list.guesses.push('the first field of each note is the question, the other fields its notes');
  if (list.questions.length === 0 && list.problems.length === 0) {
    list.problems.push({ file, line: bodyStart + 1, col: 1, message: 'no notes found after the header lines' });
  }
  return list;
}
