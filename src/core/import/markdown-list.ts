import { parse as parseYaml } from 'yaml';
import type { DraftQuestion, ImportedList } from './draft.js';
import { tidyText, titleFromFileName } from './draft.js';

// A markdown list of questions as people keep them: front matter with a `title`, headings as
// categories, one question per top-level bullet, numbered item, bold line or `###` heading,
// nested bullets as follow-ups, and text or fenced code under a question kept with it.

type Token =
  | { type: 'blank'; line: number }
  | { type: 'heading'; line: number; level: number; text: string }
  | { type: 'item'; line: number; indent: number; content: number; text: string; raw: string }
  | { type: 'bold'; line: number; text: string; raw: string }
  | { type: 'text'; line: number; indent: number; raw: string }
  | { type: 'code'; line: number; indent: number; raw: string[] };

const FENCE = /^(\s*)(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const ITEM = /^(\s*)([*+-]|\d{1,9}[.)])[ \t]+(.*)$/;
const BOLD_LINE = /^ {0,3}(?:\*\*|__)(.+?)(?:\*\*|__)[ \t]*:?[ \t]*$/;

function indentOf(text: string): number {
  let width = 0;
  for (const char of text) {
    if (char === ' ') width++;
    else if (char === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** Removes up to `width` columns of leading white space. */
function dedent(text: string, width: number): string {
  let i = 0;
  let column = 0;
  while (i < text.length && column < width && (text[i] === ' ' || text[i] === '\t')) {
    column += text[i] === '\t' ? 4 - (column % 4) : 1;
    i++;
  }
  return text.slice(i);
}

/** A question's own words without the labels lists put before them: `Q1:`, `Question:`, `3.`. */
function cleanPrompt(text: string): string {
  let prompt = text.trim();
  const bold = /^(?:\*\*|__)(.+)(?:\*\*|__)$/.exec(prompt);
  if (bold?.[1] && !bold[1].includes('**')) prompt = bold[1].trim();
  return prompt.replace(/^(?:q(?:uestion)?[ \t]*\d*[ \t]*[:.)–-]|\d{1,4}[.)])[ \t]+/i, '').trim();
}

/** Notes without an `Answer:` label in front. */
function cleanNotes(text: string): string {
  return text.replace(/^(?:\*\*|__)?(?:a|answer)[ \t]*:(?:\*\*|__)?[ \t]*/i, '');
}

type Problems = ImportedList['problems'];

function tokenize(lines: readonly string[], firstLine: number, file: string, problems: Problems): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    const line = firstLine + i;
    const fence = FENCE.exec(text);
    if (fence) {
      const marker = fence[2] as string;
      const raw = [text];
      let closed = false;
      for (i++; i < lines.length; i++) {
        const inner = lines[i] as string;
        raw.push(inner);
        const close = /^\s*(`{3,}|~{3,})\s*$/.exec(inner);
        if (close?.[1] && close[1][0] === marker[0] && close[1].length >= marker.length) {
          closed = true;
          break;
        }
      }
      if (!closed) {
        problems.push({
          file,
          line,
          col: indentOf(text) + 1,
          message: `this code block (${marker}) is never closed: add a line ${marker} where the code ends`,
        });
      }
      tokens.push({ type: 'code', line, indent: indentOf(text), raw });
      continue;
    }
    if (text.trim() === '') {
      tokens.push({ type: 'blank', line });
      continue;
    }
    const heading = HEADING.exec(text);
    if (heading) {
      tokens.push({ type: 'heading', line, level: (heading[1] as string).length, text: (heading[2] ?? '').trim() });
      continue;
    }
    const item = ITEM.exec(text);
    // A horizontal rule (`***`, `- - -`) is not an item.
    if (item && !/^\s*([*_-])(\s*\1){2,}\s*$/.test(text)) {
      const indent = indentOf(item[1] ?? '');
      tokens.push({ type: 'item', line, indent, content: indent + (item[2] as string).length + 1, text: item[3] ?? '', raw: text });
      continue;
    }
    const bold = BOLD_LINE.exec(text);
    if (bold) {
      tokens.push({ type: 'bold', line, text: bold[1] ?? '', raw: text });
      continue;
    }
    tokens.push({ type: 'text', line, indent: indentOf(text), raw: text });
  }
  return tokens;
}

/** A question being read: its prompt and notes lines so far, and what started it. */
type OpenQuestion = DraftQuestion & {
  owner: 'item' | 'heading' | 'bold';
  /** Where an item's text starts: nested items at least this far in are its follow-ups. */
  itemContent: number;
  notes_: string[];
  prompt_: string[];
  /** Tokens read since the question's own line. */
  sinceQuestion: number;
};

function nextSolid(tokens: readonly Token[], from: number): Token | undefined {
  for (let i = from; i < tokens.length; i++) if (tokens[i]?.type !== 'blank') return tokens[i];
  return undefined;
}

/** Parses a markdown list of questions; problems are located at their line and column. */
export function parseMarkdownList(text: string, file: string): ImportedList {
  const list: ImportedList = { file, title: titleFromFileName(file), questions: [], guesses: [], problems: [] };
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split(/\r\n|\n|\r/);
  let bodyStart = 0;
  let titleFrom = 'the file name';
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (end < 0) {
      list.problems.push({
        file,
        line: 1,
        col: 1,
        message: 'the front matter that starts here (---) is never closed: add a line --- after it',
      });
      return list;
    }
    try {
      const data: unknown = parseYaml(lines.slice(1, end).join('\n'));
      if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
        const { title, description } = data as Record<string, unknown>;
        if (typeof title === 'string' && title.trim() !== '') {
          list.title = title.trim();
          titleFrom = 'the front matter';
        } else if (title !== undefined) {
          const at = lines.findIndex((line) => /^title\s*:/.test(line));
          list.problems.push({ file, line: at + 1, col: 1, message: 'the front matter title must be text' });
        }
        if (typeof description === 'string' && description.trim() !== '') list.description = tidyText(description);
      }
    } catch (error) {
      const pos = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
      list.problems.push({ file, line: (pos?.line ?? 0) + 1, col: pos?.col ?? 1, message: `front matter is not valid YAML: ${message}` });
      return list;
    }
    bodyStart = end + 1;
  }
  const tokens = tokenize(lines.slice(bodyStart), bodyStart + 1, file, list.problems);

  // A lone first-level heading before any other heading names the list, unless front matter did.
  const h1s = tokens.filter((token) => token.type === 'heading' && token.level === 1);
  const firstHeading = tokens.find((token) => token.type === 'heading');
  const titleHeading = h1s.length === 1 && firstHeading === h1s[0] ? firstHeading : undefined;
  if (titleHeading?.type === 'heading' && titleFrom !== 'the front matter') {
    list.title = cleanPrompt(titleHeading.text) || list.title;
    titleFrom = 'the first heading';
  }

  let category: string | undefined;
  let question = null as OpenQuestion | null;
  let description: string[] = [];
  let followUp = null as { text: string[]; content: number } | null;
  const counts = { headingQuestions: 0, headingCategories: 0, boldQuestions: 0, boldCategories: 0, codeInPrompt: 0, codeInNotes: 0 };
  const categoryDescriptions = new Map<string, string>();

  const finishDescription = () => {
    const textOf = tidyText(description.join('\n'));
    if (textOf !== '') {
      if (category !== undefined && !categoryDescriptions.has(category)) categoryDescriptions.set(category, textOf);
      else if (category === undefined && list.description === undefined) list.description = textOf;
    }
    description = [];
  };
  const finishFollowUp = () => {
    if (question && followUp) {
      const textOf = tidyText(followUp.text.join(' ').replace(/\s+/g, ' '));
      if (textOf !== '') question.followUps.push(cleanPrompt(textOf));
    }
    followUp = null;
  };
  const finishQuestion = () => {
    finishFollowUp();
    if (question) {
      const { owner: _owner, itemContent: _content, notes_, prompt_, sinceQuestion: _since, ...draft } = question;
      draft.prompt = tidyText(prompt_.join('\n'));
      const notes = tidyText(cleanNotes(tidyText(notes_.join('\n'))));
      if (notes !== '') draft.notes = notes;
      if (draft.prompt !== '') list.questions.push(draft);
    }
    question = null;
  };
  const startQuestion = (promptText: string, line: number, col: number, owner: 'item' | 'heading' | 'bold', itemContent = 0) => {
    finishQuestion();
    finishDescription();
    const prompt = cleanPrompt(promptText);
    if (prompt === '') {
      list.guesses.push(`skipped an empty question at ${file}:${line}:${col}`);
      return;
    }
    question = {
      prompt,
      category: category ?? undefined,
      tags: [],
      hints: [],
      followUps: [],
      line,
      owner,
      itemContent,
      notes_: [],
      prompt_: [prompt],
      sinceQuestion: 0,
    };
  };
  const startCategory = (title: string) => {
    finishQuestion();
    finishDescription();
    category = cleanPrompt(title) || title;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const current = question;
    switch (token.type) {
      case 'heading': {
        if (token === titleHeading) {
          finishQuestion();
          finishDescription();
          break;
        }
        if (token.level <= 2) {
          startCategory(token.text);
          break;
        }
        const next = nextSolid(tokens, i + 1);
        const holdsItems = next?.type === 'item' || next?.type === 'bold';
        if (holdsItems && !token.text.trim().endsWith('?')) {
          counts.headingCategories++;
          startCategory(token.text);
        } else {
          counts.headingQuestions++;
          startQuestion(token.text, token.line, 1, 'heading');
        }
        break;
      }
      case 'bold': {
        if (current?.owner === 'heading') {
          current.notes_.push(token.raw);
          current.sinceQuestion++;
          break;
        }
        const next = nextSolid(tokens, i + 1);
        if (next?.type === 'item' && next.indent < 2 && !token.text.trim().endsWith('?')) {
          counts.boldCategories++;
          startCategory(token.text);
        } else {
          counts.boldQuestions++;
          startQuestion(token.text, token.line, 1, 'bold');
        }
        break;
      }
      case 'item': {
        if (current && current.owner !== 'item') {
          // Bullets under a heading or bold question are part of its notes.
          current.notes_.push(token.raw);
          current.sinceQuestion++;
          break;
        }
        if (current && token.indent >= 2 && token.indent >= current.itemContent - 1) {
          finishFollowUp();
          followUp = { text: [token.text], content: token.content };
          break;
        }
        startQuestion(token.text, token.line, token.indent + 1, 'item', token.content);
        break;
      }
      case 'text': {
        if (!current) {
          description.push(token.raw.trim());
          break;
        }
        const previous = tokens[i - 1];
        const continues = previous !== undefined && previous.type !== 'blank' && previous.type !== 'code' && previous.type !== 'heading';
        if (followUp && continues) {
          followUp.text.push(token.raw.trim());
          break;
        }
        finishFollowUp();
        if (current.owner === 'item' && continues && current.notes_.length === 0 && previous?.type === 'item') {
          // A question that wraps onto the next line.
          current.prompt_[current.prompt_.length - 1] += ` ${token.raw.trim()}`;
          break;
        }
        if (current.owner === 'item' && continues && current.notes_.length === 0 && current.sinceQuestion === 0) {
          current.prompt_[current.prompt_.length - 1] += ` ${token.raw.trim()}`;
          break;
        }
        current.notes_.push(current.owner === 'item' ? dedent(token.raw, current.itemContent) : token.raw);
        current.sinceQuestion++;
        break;
      }
      case 'code': {
        if (!current) {
          description.push(...token.raw.map((line) => dedent(line, token.indent)));
          break;
        }
        finishFollowUp();
        const body = token.raw.map((line) => dedent(line, token.indent));
        if (current.sinceQuestion === 0 && current.notes_.length === 0) {
          // Code right under the question is what the question is about ("What does this print?").
          counts.codeInPrompt++;
          current.prompt_.push('', ...body);
        } else {
          counts.codeInNotes++;
          current.notes_.push(...body);
        }
        current.sinceQuestion++;
        break;
      }
      case 'blank': {
        if (current) {
          if (current.notes_.length > 0) current.notes_.push('');
          if (followUp) finishFollowUp();
        } else if (description.length > 0) description.push('');
        break;
      }
    }
  }
  finishQuestion();
  finishDescription();

  const guesses: string[] = [];
  guesses.push(`the list's title "${list.title}" from ${titleFrom}`);
  if (counts.headingQuestions > 0)
    guesses.push(
      `${counts.headingQuestions} ### heading${counts.headingQuestions === 1 ? '' : 's'} read as questions (the text under each as its notes)`,
    );
  if (counts.headingCategories > 0)
    guesses.push(
      `${counts.headingCategories} ### heading${counts.headingCategories === 1 ? '' : 's'} followed by a list read as categories`,
    );
  if (counts.boldQuestions > 0) guesses.push(`${counts.boldQuestions} bold line${counts.boldQuestions === 1 ? '' : 's'} read as questions`);
  if (counts.boldCategories > 0)
    guesses.push(`${counts.boldCategories} bold line${counts.boldCategories === 1 ? '' : 's'} followed by a list read as categories`);
  if (counts.codeInPrompt > 0)
    guesses.push(`${counts.codeInPrompt} code block${counts.codeInPrompt === 1 ? '' : 's'} right under a question kept in its prompt`);
  if (counts.codeInNotes > 0)
    guesses.push(`${counts.codeInNotes} code block${counts.codeInNotes === 1 ? '' : 's'} after a question's text kept in its notes`);
  list.guesses.unshift(...guesses);
  for (const draft of list.questions) {
    const described = draft.category === undefined ? undefined : categoryDescriptions.get(draft.category);
    if (described) draft.categoryDescription = described;
  }
  if (list.questions.length === 0 && list.problems.length === 0) {
    list.problems.push({
      file,
      line: bodyStart + 1,
      col: 1,
      message: 'found no questions: write one per bullet (* or -), numbered item (1.), bold line (**…**) or ### heading',
    });
  }
  return list;
}
