import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseDelimited } from '../../src/core/import/delimited.js';
import { htmlToText } from '../../src/core/import/html-to-text.js';
import { detectImportFormat, importList } from '../../src/core/import/import-lists.js';
import { parseQuestionSet } from '../../src/core/parse-question-set.js';
import type { Question, QuestionSet } from '../../src/core/question-set-schema.js';
import { createIdAllocator, slugify } from '../../src/core/slug.js';
import { REALBANK_PATH } from '../support/fixture-sets.js';
import { runCli } from '../support/run-cli.js';
import { ROOT } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const REAL = join(dirname(REALBANK_PATH), 'import');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'import');
const fixture = (name: string) => join(FIXTURES, name);

/** Imports files through the CLI into a temp file; the set as the loader reads it, and the run. */
async function importSet(args: string[]): Promise<{ set: QuestionSet; stdout: string; text: string }> {
  const out = join(makeTempDir(), 'set.yaml');
  const run = await runCli(['import', ...args, '-o', out]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const text = readFileSync(out, 'utf8');
  const parsed = parseQuestionSet(text, out);
  if (!parsed.ok) throw new Error(parsed.problems.map((problem) => problem.message).join('\n'));
  return { set: parsed.set, stdout: run.stdout, text };
}

const byPrompt = (set: QuestionSet, start: string): Question => {
  const question = set.questions.find((entry) => entry.prompt.startsWith(start));
  if (!question) throw new Error(`no question starting ${start}`);
  return question;
};

describe('mockprep import on the real lists in ../shared/realbank/import', () => {
  it('general-questions.md: 31 questions, the three nested follow-ups (two under one question), the front matter title', async () => {
    const { set, stdout, text } = await importSet([join(REAL, 'general-questions.md')]);
    expect(set.title).toBe('General Questions');
    expect(set.id).toBe('general-questions');
    expect(set.questions).toHaveLength(31);
    expect(set.categories).toEqual([{ id: 'general-questions', title: 'General Questions' }]);
    expect(set.questions.flatMap((question) => question.followUps ?? [])).toHaveLength(3);
    expect(byPrompt(set, 'How many resources will a browser download').followUps).toEqual(['What are the exceptions?']);
    expect(byPrompt(set, 'Describe the difference between SSR and CSR').followUps).toEqual([
      'Are you familiar with static rendering?',
      'Rehydration?',
    ]);
    // Every question kept word for word (the bullets' text, trailing spaces trimmed).
    const source = readFileSync(join(REAL, 'general-questions.md'), 'utf8');
    const bullets = source
      .split('\n')
      .filter((line) => line.startsWith('* '))
      .map((line) => line.slice(2).trim());
    expect(set.questions.map((question) => question.prompt)).toEqual(bullets);
    expect(new Set(set.questions.map((question) => question.id)).size).toBe(31);
    for (const question of set.questions) expect(question.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(stdout).toContain('Wrote');
    expect(stdout).toContain('31 questions in 1 category (General Questions 31), 3 follow-ups');
    expect(stdout).toMatch(/Guessed:\n {2}- the list's title "General Questions" from the front matter/);
    expect(stdout).toContain('mockprep start -s ');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/question-set\.schema\.json$/);
  });

  it('both lists at once: one set, a category per list, 42 questions, ids unique across them', async () => {
    const { set, stdout } = await importSet([
      join(REAL, 'general-questions.md'),
      join(REAL, 'html-questions.md'),
      '--title',
      'Front-end interviews',
    ]);
    expect(set.title).toBe('Front-end interviews');
    expect(set.id).toBe('front-end-interviews');
    expect(set.categories.map((category) => category.title)).toEqual(['General Questions', 'HTML Questions']);
    expect(set.questions.filter((question) => question.category === set.categories[1]?.id)).toHaveLength(11);
    expect(set.questions).toHaveLength(42);
    expect(stdout).toContain('html-questions.md: the list');
  });

  it('--id and --category override what it would guess', async () => {
    const { set, stdout } = await importSet([join(REAL, 'html-questions.md'), '--id', 'html', '--category', 'Markup']);
    expect(set.id).toBe('html');
    expect(set.categories).toEqual([{ id: 'markup', title: 'Markup' }]);
    expect(set.questions.every((question) => question.category === 'markup')).toBe(true);
    expect(stdout).not.toContain('set\'s id "');
    expect(stdout).toContain('every question in the category "Markup" (--category)');
  });

  it('the imported set runs: an interview in plain mode over it', async () => {
    const out = join(makeTempDir(), 'html.yaml');
    expect((await runCli(['import', join(REAL, 'html-questions.md'), '-o', out])).code).toBe(0);
    const run = await runCli(['start', '-s', out, '--plain', '-n', '1', '--order', 'in-order', '--follow-ups', '0'], {
      input: 'The doctype tells the browser which mode to render in.\n/done\n\n',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Question 1 of 1 · HTML Questions');
    expect(run.stdout).toContain('What does a `doctype` do?');
    expect(run.stdout).toContain(`mockprep start -s ${out}`);
  });
});

describe('mockprep import on markdown edge cases', () => {
  it('### headings with text and code under them: code right under the question stays in its prompt, later code in the notes, fenced', async () => {
    const { set, stdout } = await importSet([fixture('qa-headings.md')]);
    expect(set.title).toBe('Backend Interview Notes');
    expect(set.description).toBe('Questions I was asked, with what I would answer now.');
    expect(set.categories.map((category) => category.title)).toEqual(['Databases', 'Caching strategies']);
    const index = byPrompt(set, 'What is a database index?');
    expect(index.notes).toContain('- B-trees for ranges');
    expect(index.notes).toContain('```sql\nCREATE INDEX users_email ON users (email);\n```');
    const query = byPrompt(set, 'What does this query return?');
    expect(query.prompt).toBe('What does this query return?\n\n```sql\nSELECT COUNT(*) FROM users WHERE email IS NULL;\n```');
    expect(query.notes).toBe('The number of users without an email.');
    expect(byPrompt(set, 'What is cache stampede').followUps).toEqual(['Would a lock help?']);
    expect(stdout).toContain('2 ### headings read as questions');
    expect(stdout).toContain('1 ### heading followed by a list read as categories');
  });

  it('numbered items under ## headings, indented code in an item, a wrapped item, bold lines with Q:/A: labels', async () => {
    const { set, stdout } = await importSet([fixture('numbered-bold.md')]);
    expect(set.categories.map((category) => category.title)).toEqual(['JavaScript', 'Behavioral']);
    expect(set.questions.map((question) => question.prompt.split('\n')[0])).toEqual([
      'What does `typeof null` return?',
      'What is the output of the following code?',
      'Explain event delegation, and when you would use it.',
      'Tell me about a time you disagreed with a teammate.',
      'Describe a project you are proud of.',
    ]);
    const output = byPrompt(set, 'What is the output');
    expect(output.prompt).toContain('```js\nconsole.log([1, 2, 3].map(parseInt));\n```');
    expect(output.notes).toBe('It prints `[1, NaN, NaN]`: map passes the index as the radix.');
    expect(byPrompt(set, 'Tell me about a time').notes).toBe('Use the STAR structure. Say what you did, not what the team did.');
    expect(stdout).toContain('2 bold lines read as questions');
  });

  it.each([
    ['bad-front-matter.md', ':1:1: the front matter that starts here (---) is never closed'],
    ['bad-fence.md', ':7:3: this code block (```) is never closed'],
    ['bad-no-questions.md', ':1:1: found no questions'],
  ])('%s: a located error, exit 1, nothing written', async (name, message) => {
    const out = join(makeTempDir(), 'set.yaml');
    const run = await runCli(['import', fixture(name), '-o', out]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('mockprep: 1 problem in the file to import; nothing was written');
    expect(lines).toHaveLength(2);
    expect(lines[1]?.startsWith(`${fixture(name)}${message}`)).toBe(true);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});

describe('mockprep import on CSV, TSV and Anki exports', () => {
  it('CSV with a BOM, CRLF, quoted commas, doubled quotes and line breaks; difficulty words, tags, hints; unknown columns reported', async () => {
    const { set, stdout } = await importSet([fixture('questions.csv')]);
    expect(set.categories.map((category) => category.title)).toEqual(['Machine Learning', 'Data Structures']);
    const overfitting = byPrompt(set, 'What is overfitting, and how do you spot it?');
    expect(overfitting).toMatchObject({
      difficulty: 'easy',
      tags: ['ml', 'basics'],
      hints: ['Compare two curves.', 'Which data did the model not see?'],
    });
    expect(overfitting.notes).toBe('A model that fits noise: training error falls while validation error rises.');
    const tradeOff = byPrompt(set, 'Explain the "bias-variance" trade-off.');
    expect(tradeOff.notes).toBe('Bias: error from wrong assumptions.\nVariance: error from sensitivity to the training set.');
    expect(byPrompt(set, 'How does a hash map').difficulty).toBe('hard');
    expect(stdout).toContain('ignored the column "Source"');
    expect(stdout).toContain('difficulty "Beginner" read as easy');
  });

  it('TSV with other header names (prompt, notes, topic, level, follow-ups) and a quoted tab', async () => {
    const { set } = await importSet([fixture('questions.tsv')]);
    expect(set.categories).toEqual([{ id: 'javascript', title: 'JavaScript' }]);
    expect(byPrompt(set, 'What is a closure?')).toMatchObject({ difficulty: 'easy', followUps: ['When would you use one?'] });
    expect(byPrompt(set, 'Why does "0.1 + 0.2" not equal 0.3?').notes).toBe('Binary floating point\tcannot hold 0.1 exactly.');
  });

  it("Anki's export with header lines: note type, deck and tags columns, HTML to text, decks as categories", async () => {
    const { set, stdout } = await importSet([fixture('anki-basic.txt')]);
    expect(set.categories.map((category) => category.title)).toEqual(['Python', 'Databases']);
    expect(byPrompt(set, 'What does GIL stand for?')).toMatchObject({
      tags: ['python', 'concurrency'],
      notes: 'Global Interpreter Lock.\nOnly one thread runs Python bytecode at a time.',
    });
    expect(byPrompt(set, 'What does this print?')).toMatchObject({
      prompt: 'What does this print?\nprint(0.1 + 0.2 == 0.3)',
      notes: 'False: "0.1 + 0.2" is 0.30000000000000004.',
    });
    expect(byPrompt(set, 'What is an index?').notes).toBe('- A sorted structure\n- that speeds up lookups\n[image: btree.png]');
    expect(stdout).toContain("categories from Anki's decks");
  });

  it('an Anki export without header lines (tab-separated), and cloze notes with a semicolon separator', async () => {
    const legacy = await importSet([fixture('anki-legacy.txt')]);
    expect(legacy.set.questions.map((question) => [question.prompt, question.notes])).toEqual([
      ['What is a mutex?', 'A lock that lets one thread in at a time.'],
      ['What is a semaphore?', 'A counter of permits.\n\nos'],
    ]);
    const cloze = await importSet([fixture('anki-cloze.txt')]);
    expect(cloze.set.questions[0]).toMatchObject({
      category: 'networking',
      tags: ['network'],
      prompt: '[…] guarantees ordered delivery; [a datagram protocol] does not.',
      notes: 'TCP guarantees ordered delivery; UDP does not.\n\nTransport layer',
    });
  });

  it.each([
    ['bad-unclosed-quote.csv', ['bad-unclosed-quote.csv:2:1: a quoted field is never closed']],
    ['bad-after-quote.csv', ['bad-after-quote.csv:2:20: unexpected text after a closing quote']],
    ['bad-extra-field.csv', ['bad-extra-field.csv:2:30: this row has 3 fields but the header has 2']],
    ['bad-no-question-column.csv', ['bad-no-question-column.csv:1:1: no question column in the header row (found "title", "body")']],
    [
      'bad-values.csv',
      [
        'bad-values.csv:2:18: difficulty "hardd" must be easy, medium or hard (did you mean "hard"?)',
        'bad-values.csv:3:27: time "5" must be a duration',
      ],
    ],
  ])('%s: every problem located, exit 1, nothing written', async (name, messages) => {
    const out = join(makeTempDir(), 'set.yaml');
    const run = await runCli(['import', fixture(name), '-o', out]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^mockprep: \d problems? in the file to import; nothing was written$/);
    expect(lines.slice(1)).toHaveLength(messages.length);
    for (const [i, message] of messages.entries()) expect(lines[i + 1]).toContain(message);
    expect(existsSync(out)).toBe(false);
  });
});

describe('mockprep import: files and options', () => {
  it('without -o the set goes to stdout and the summary to stderr', async () => {
    const run = await runCli(['import', join(REAL, 'html-questions.md')]);
    expect(run.code).toBe(0);
    expect(parseQuestionSet(run.stdout, 'stdout.yaml').ok).toBe(true);
    expect((parseYaml(run.stdout) as { questions: unknown[] }).questions).toHaveLength(11);
    expect(run.stderr).toContain('✔ Imported 11 questions');
  });

  it('never writes over a file unless --force', async () => {
    const dir = makeTempDir();
    const out = join(dir, 'set.yaml');
    writeFileSync(out, 'mine\n');
    const refused = await runCli(['import', join(REAL, 'html-questions.md'), '-o', out]);
    expect(refused).toMatchObject({ code: 1, stderr: `mockprep: ${out} already exists; add --force to replace it\n` });
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    const forced = await runCli(['import', join(REAL, 'html-questions.md'), '-o', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('id: html-questions');
  });

  it.each([
    [['--id', 'my set'], 2, 'mockprep: --id "my set": a set id must be letters, digits, dots, dashes or underscores (no spaces)'],
    [['--title', ' '], 2, 'mockprep: --title must not be empty'],
    [
      ['--format', 'docx'],
      2,
      "mockprep: option '--format <format>' argument 'docx' is invalid. Allowed choices are markdown, csv, tsv, anki.",
    ],
  ])('bad options %j: one line, exit %i', async (options, code, message) => {
    const run = await runCli(['import', join(REAL, 'html-questions.md'), ...options]);
    expect(run.code).toBe(code);
    expect(run.stderr.trim()).toBe(message);
  });

  it('a missing file, a folder, a binary file: each named, exit 1', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const run = await runCli(['import', join(dir, 'nope.md'), dir, join(dir, 'image.md')]);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').slice(1, 4)).toEqual([
      `${join(dir, 'nope.md')}: no such file`,
      `${dir}: a folder: name the files to import`,
      `${join(dir, 'image.md')}:1:5: not a text file (binary data): import reads markdown, CSV, TSV or Anki text exports`,
    ]);
  });

  it('a list the loader would refuse once imported (a note over the field cap) is one message, nothing written', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'long.csv');
    writeFileSync(file, `question,answer\nWhat is long?,${'x'.repeat(70_000)}\n`);
    const out = join(dir, 'set.yaml');
    const run = await runCli(['import', file, '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^mockprep: the imported set would not pass mockprep validate; nothing was written\nimported set:\d+:\d+: .*notes must be at most 65,536 characters\n$/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('terminal control sequences in a list never reach the set', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'evil.md');
    writeFileSync(file, '# \u001b]0;pwned\u0007Title\n\n* What is \u001b[2Jalignment?\n');
    const { set, text } = await importSet([file]);
    expect(text.includes('\u001b') || text.includes('\u0007')).toBe(false);
    expect(set.questions[0]?.prompt).toBe('What is alignment?');
  });
});

describe('import building blocks', () => {
  it.each([
    [
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      '"a,b","c""d"\r\n"line\nbreak",x',
      [
        ['a,b', 'c"d'],
        ['line\nbreak', 'x'],
      ],
    ],
    ['\uFEFFq\n\n\nz\n', [['q'], ['z']]],
    ['a,,c\n', [['a', '', 'c']]],
    ['a,b', [['a', 'b']]],
  ])('parseDelimited(%j)', (text, records) => {
    const result = parseDelimited(text, ',');
    expect(result.ok ? result.records.map((record) => record.map((field) => field.value)) : result).toEqual(records);
  });

  it('parseDelimited locates fields across quoted line breaks', () => {
    const result = parseDelimited('"a\nb",c\nd,e', ',');
    expect(result.ok && result.records.map((record) => record.map((field) => `${field.line}:${field.col}`))).toEqual([
      ['1:1', '2:4'],
      ['3:1', '3:3'],
    ]);
  });

  it.each([
    ['a<br>b', 'a\nb'],
    ['<div>one</div><div>two</div>', 'one\ntwo'],
    ['x &amp; y &lt;z&gt; &#39;q&#x27; &nbsp;', "x & y <z> 'q'"],
    ['<b>bold</b> [sound:a.mp3]<script>alert(1)</script>', 'bold'],
    ['<img src="a.png">', '[image: a.png]'],
  ])('htmlToText(%j)', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it.each([
    ['list.md', '* q', 'markdown'],
    ['list.csv', 'question,answer', 'csv'],
    ['list.tsv', 'question\tanswer', 'tsv'],
    ['deck.txt', '#separator:tab\nq\ta', 'anki'],
    ['deck.txt', 'front\tback', 'anki'],
    ['notes.txt', '* q', 'markdown'],
    ['export', 'Question,Answer\n', 'csv'],
    ['export', '#html:true\n', 'anki'],
  ])('detectImportFormat(%j, %j) is %s', (file, text, format) => {
    expect(detectImportFormat(file, text)).toBe(format);
  });

  it.each([
    ['What is CORS?', 'cors'],
    ['Can you explain what happens when you enter a URL into the browser?', 'happens-enter-url-into-browser'],
    ['Écrire un test unitaire', 'ecrire-un-test-unitaire'],
    ['???', 'q-fallback'],
    ['What is it?', 'what-is-it'],
  ])('slugify(%j) is %s', (text, id) => {
    expect(slugify(text, { fallback: 'q-fallback' })).toBe(id);
  });

  it('ids stay unique: a number is added to a taken one', () => {
    const next = createIdAllocator(['cors']);
    expect([next('cors'), next('cors'), next('http')]).toEqual(['cors-2', 'cors-3', 'http']);
  });

  it('a markdown list without any structure it knows reports where it looked', () => {
    const list = importList('Just prose.\n', 'notes.md');
    expect(list.problems).toEqual([
      expect.objectContaining({ file: 'notes.md', line: 1, col: 1, message: expect.stringContaining('found no questions') }),
    ]);
  });
});
