import { closestMatches } from '../closest-match.js';
import { parseDuration } from '../duration.js';
import type { Problem } from '../problem.js';
import { DIFFICULTIES, KINDS } from '../question-enums.js';
import type { Difficulty, QuestionKind } from '../question-set-schema.js';
import { ID_PATTERN } from '../slug.js';
import type { Field } from './delimited.js';
import { parseDelimited } from './delimited.js';
import type { DraftQuestion, ImportedList } from './draft.js';
import { tidyText, titleFromFileName } from './draft.js';

type Column = 'prompt' | 'notes' | 'category' | 'difficulty' | 'kind' | 'tags' | 'hints' | 'followUps' | 'id' | 'time';

// Header names, compared without case, spaces, dashes or underscores.
const HEADERS: Record<Column, string[]> = {
  prompt: ['question', 'questions', 'prompt', 'q', 'front'],
  notes: ['answer', 'answers', 'notes', 'note', 'a', 'back', 'explanation', 'solution'],
  category: ['category', 'section', 'topic', 'group'],
  difficulty: ['difficulty', 'level'],
  kind: ['kind', 'type'],
  tags: ['tags', 'tag'],
  hints: ['hints', 'hint'],
  followUps: ['followups', 'followup', 'followupquestions'],
  id: ['id'],
  time: ['time', 'timelimit', 'duration'],
};

const DIFFICULTY_WORDS: Record<string, Difficulty> = {
  beginner: 'easy',
  basic: 'easy',
  junior: 'easy',
  intermediate: 'medium',
  mid: 'medium',
  advanced: 'hard',
  senior: 'hard',
  expert: 'hard',
};

function columnOf(header: string): Column | null {
  const key = header.toLowerCase().replace(/[\s_-]+/g, '');
  for (const [column, names] of Object.entries(HEADERS) as [Column, string[]][]) {
    if (names.includes(key)) return column;
    // Numbered repeats: hint 1, hint 2, follow-up 2.
    if ((column === 'hints' || column === 'followUps') && names.some((name) => new RegExp(`^${name}\\d+$`).test(key))) return column;
  }
  return null;
}

/** Splits a cell holding several items: one per line, or separated by `|`. */
function splitItems(value: string): string[] {
  return value
    .split(/\n|\s\|\s/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * A CSV or TSV file with a header row as questions: `question`/`prompt` (required), and any of
 * `answer`/`notes`, `category`, `difficulty`, `kind`, `tags`, `hints`, `follow-ups`, `id`, `time`.
 */
export function parseTableList(text: string, file: string, delimiter: ',' | '\t'): ImportedList {
  const list: ImportedList = { file, title: titleFromFileName(file), questions: [], guesses: [], problems: [] };
  const parsed = parseDelimited(text, delimiter);
  const problem = (at: { line: number; col: number }, message: string) => list.problems.push({ file, line: at.line, col: at.col, message });
  if (!parsed.ok) {
    problem(parsed, parsed.message);
    return list;
  }
  const [header, ...rows] = parsed.records;
  if (!header) {
    problem({ line: 1, col: 1 }, 'the file is empty: expected a header row such as question,answer,category');
    return list;
  }
  const columns = header.map((field) => columnOf(field.value.trim()));
  if (!columns.includes('prompt')) {
    const found = header.map((field) => JSON.stringify(field.value.trim())).join(', ');
    problem(
      { line: header[0]?.line ?? 1, col: 1 },
      `no question column in the header row (found ${found}): name one "question" or "prompt"; "answer", "category", "difficulty", "tags" and "hints" are read too`,
    );
    return list;
  }
  const ignored = header.filter((_, index) => columns[index] === null).map((field) => `"${field.value.trim()}"`);
  if (ignored.length > 0)
    list.guesses.push(`ignored the column${ignored.length === 1 ? '' : 's'} ${ignored.join(', ')} (not a question-set field)`);
  const promptColumns = columns.filter((column) => column === 'prompt').length;
  if (promptColumns > 1) list.guesses.push('several question columns: the first is the prompt, the others go to the notes');
  const readWords = new Set<string>();
  for (const row of rows) {
    if (row.length > header.length) {
      const extra = row[header.length] as Field;
      problem(
        extra,
        `this row has ${row.length} fields but the header has ${header.length}: quote a field that holds a ${delimiter === '\t' ? 'tab' : 'comma'} ("a, b")`,
      );
      continue;
    }
    if (row.every((field) => field.value.trim() === '')) continue;
    const first = row[0] as Field;
    const draft: DraftQuestion = { prompt: '', tags: [], hints: [], followUps: [], line: first.line };
    const notes: string[] = [];
    let bad = false;
    row.forEach((field, index) => {
      const value = tidyText(field.value.trim());
      const column = columns[index];
      if (value === '' || !column) return;
      switch (column) {
        case 'prompt':
          if (draft.prompt === '') draft.prompt = value;
          else notes.push(value);
          break;
        case 'notes':
          notes.push(value);
          break;
        case 'category':
          draft.category = value;
          break;
        case 'difficulty': {
          const word = value.toLowerCase();
          const level = (DIFFICULTIES as readonly string[]).includes(word) ? (word as Difficulty) : DIFFICULTY_WORDS[word];
          if (!level) {
            const guess = closestMatches(word, [...DIFFICULTIES], 1)[0];
            problem(field, `difficulty ${JSON.stringify(value)} must be easy, medium or hard${guess ? ` (did you mean "${guess}"?)` : ''}`);
            bad = true;
          } else {
            if (level !== word) readWords.add(`difficulty "${value}" read as ${level}`);
            draft.difficulty = level;
          }
          break;
        }
        case 'kind': {
          const word = value.toLowerCase();
          if (!(KINDS as readonly string[]).includes(word)) {
            const guess = closestMatches(word, [...KINDS], 1)[0];
            problem(field, `kind ${JSON.stringify(value)} must be one of ${KINDS.join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}`);
            bad = true;
          } else draft.kind = word as QuestionKind;
          break;
        }
        case 'tags':
          draft.tags.push(
            ...value
              .split(/[,;|\n]/)
              .map((tag) => tag.trim())
              .filter((tag) => tag !== ''),
          );
          break;
        case 'hints':
          draft.hints.push(...splitItems(value));
          break;
        case 'followUps':
          draft.followUps.push(...splitItems(value));
          break;
        case 'id':
          if (!ID_PATTERN.test(value)) {
            problem(field, `id ${JSON.stringify(value)} must be letters, digits, dots, dashes or underscores (no spaces)`);
            bad = true;
          } else draft.id = value;
          break;
        case 'time':
          if (parseDuration(value) === null) {
            problem(field, `time ${JSON.stringify(value)} must be a duration like 90s, 3m or 1m30s`);
            bad = true;
          } else draft.time = value;
          break;
      }
    });
    if (draft.prompt === '') {
      const at = row[columns.indexOf('prompt')] ?? first;
      problem(at, 'this row has no question: the question column is empty');
      continue;
    }
    if (bad) continue;
    if (notes.length > 0) draft.notes = notes.join('\n\n');
    list.questions.push(draft);
  }
  list.guesses.push(...readWords);
  checkDuplicateIds(list, rows, columns);
  if (list.questions.length === 0 && list.problems.length === 0) {
    problem({ line: (header[0]?.line ?? 1) + 1, col: 1 }, 'no questions: the header row is the only row');
  }
  return list;
}

function checkDuplicateIds(list: ImportedList, rows: Field[][], columns: (Column | null)[]): void {
  const idColumn = columns.indexOf('id');
  if (idColumn < 0) return;
  const seen = new Map<string, number>();
  for (const row of rows) {
    const field = row[idColumn];
    const id = field?.value.trim();
    if (!field || !id) continue;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      list.problems.push({
        file: list.file,
        line: field.line,
        col: field.col,
        message: `duplicate id "${id}": line ${earlier} uses it too`,
      } satisfies Problem);
    } else seen.set(id, field.line);
  }
}
