import { isUtf8 } from 'node:buffer';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileStore } from '../../src/io/file-store.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { loadQuestionSets } from '../../src/io/load-question-sets.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// The bad-input corpus of tests/fixtures/bad/, run through the built binary as a user would:
// each file gets its precise `file:line:col: message` lines and exit code, on stdout for
// `validate` and on stderr for `start`, and never a stack trace. Paths are relative to the
// project root, where spawnCli runs the binary, so the messages are exact.

const BAD = 'tests/fixtures/bad';
const bad = (name: string) => `${BAD}/${name}`;
/** No spawned run may take longer than this: nothing hangs. */
const TIMEOUT_MS = 15_000;

/** Each bad file with every line `validate` prints for it; all exit 1. */
const INVALID: [name: string, problems: string[]][] = [
  ['alias-bomb.yaml', ['4:8: too many YAML aliases (an alias bomb?); refusing to expand them']],
  ['binary.yaml', ['3:1: not a text file (binary data): a question set is a UTF-8 YAML file']],
  [
    'duplicate-ids.yaml',
    ['6:9: duplicate category id "basics"', '12:9: duplicate question id "q1"', '15:5: duplicate key: each key may appear once in a map'],
  ],
  ['empty.yaml', ['1:1: the file is empty: a question set needs id, title, categories and questions']],
  ['empty-set.yaml', ['3:13: categories must list at least one category', '4:12: questions must hold at least one question']],
  [
    'escape-only-key-point.yaml',
    ['10:13: questions[0] (q1).prompt must not be empty', '12:16: questions[0] (q1).keyPoints[0].point must not be empty'],
  ],
  ['invalid-utf8.yaml', ['2:11: not valid UTF-8 text: save the file as UTF-8']],
  ['list.yaml', ['1:1: a question set must be a map with keys id, title, categories and questions; this file holds a list']],
  ['syntax-error.yaml', ['10:5: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  // Only the two tab errors: the parser's recovery must not add a duplicate key that is not there.
  [
    'tabs.yaml',
    ['4:1: tabs are not allowed for indentation in YAML; use spaces', '5:1: tabs are not allowed for indentation in YAML; use spaces'],
  ],
  ['undeclared-category.yaml', ['8:15: category "basic" is not declared under categories (did you mean "basics"?); declared: basics']],
  [
    'unknown-keys.yaml',
    [
      '6:5: unknown key "colour" in categories[0] (basics); allowed keys: id, title, description',
      '11:5: unknown key "hint" in questions[0] (q1) (did you mean "hints"?); allowed keys: id, category, difficulty, kind, tags, time, prompt, hints, keyPoints, redFlags, followUps, notes, related',
      '12:5: unknown key "keypoints" in questions[0] (q1) (did you mean "keyPoints"?); allowed keys: id, category, difficulty, kind, tags, time, prompt, hints, keyPoints, redFlags, followUps, notes, related',
    ],
  ],
  [
    'wrong-types.yaml',
    [
      '9:13: questions[0] (q1).prompt must be text, not a list',
      '10:11: questions[0] (q1).tags must be a list, not text "anthropic"',
      '11:12: questions[0] (q1).hints must be a list, not number 3',
      '12:17: questions[0] (q1).difficulty must be one of easy, medium, hard; got number 2',
      '14:9: questions[0] (q1).keyPoints[0] must be a map, not text "outer alignment"',
    ],
  ],
];

const summary = (problems: number) => `✖ ${problems} problem${problems === 1 ? '' : 's'} in 1 file`;

describe('the corpus holds what its names say', () => {
  const bytes = (name: string) => readFileSync(bad(name));

  it('covers every file in the folder', () => {
    const covered = new Set([...INVALID.map(([name]) => name), 'bom.yaml', 'crlf.yaml', 'no-sets']);
    expect(readdirSync(BAD).sort()).toEqual([...covered].sort());
  });

  it.each([
    ['binary.yaml', (data: Buffer) => data.includes(0) && data.subarray(1, 4).toString('latin1') === 'PNG'],
    ['invalid-utf8.yaml', (data: Buffer) => data.includes(0xe9) && !isUtf8(data)],
    ['bom.yaml', (data: Buffer) => data.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) && isUtf8(data)],
    // Every line ends in CRLF, and there are several.
    ['crlf.yaml', (data: Buffer) => data.toString('latin1').split('\r\n').length > 5 && !/[^\r]\n/.test(data.toString('latin1'))],
    // A tab, not spaces, indents the lines under `categories:`.
    ['tabs.yaml', (data: Buffer) => /^categories:\n\t- id: basics\n\t {2}title:/m.test(data.toString('utf8'))],
    ['empty.yaml', (data: Buffer) => data.length === 0],
    ['list.yaml', (data: Buffer) => data.toString('utf8').startsWith('- id: ')],
    // Nine levels of nine aliases each: 9^9 strings if expanded.
    ['alias-bomb.yaml', (data: Buffer) => (data.toString('utf8').match(/\*[a-h]\b/g) ?? []).length === 8 * 9],
    ['escape-only-key-point.yaml', (data: Buffer) => data.toString('utf8').includes('point: "\\e[31m\\a"')],
  ])('%s', (name, holds) => {
    expect(holds(bytes(name))).toBe(true);
  });

  it('no-sets is a folder without a single .yaml or .yml file', () => {
    expect(statSync(bad('no-sets')).isDirectory()).toBe(true);
    expect(readdirSync(bad('no-sets'))).toEqual(['README.txt']);
  });
});

describe('mockprep validate over the corpus', () => {
  it.concurrent.for(INVALID)('%s: its precise problems, exit 1', { timeout: TIMEOUT_MS }, async ([name, problems], { expect }) => {
    const result = await spawnCli(['validate', bad(name)]);
    expect(result.stdout.split('\n')).toEqual([...problems.map((problem) => `${bad(name)}:${problem}`), summary(problems.length), '']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  });

  it.concurrent.for<[name: string, id: string, prompt: string]>([
    ['bom.yaml', 'bom', 'What is alignment?'],
    ['crlf.yaml', 'crlf', 'What is alignment?\nGive an example.'],
  ])(
    '%s is valid and loads, its text clean of the BOM and carriage returns',
    { timeout: TIMEOUT_MS },
    async ([name, id, prompt], { expect }) => {
      const validated = await spawnCli(['validate', bad(name)]);
      expect(validated).toMatchObject({ code: 0, stdout: '✔ 1 file valid: 1 set, 1 question\n', stderr: '' });
      const listed = await spawnCli(['list', '-s', bad(name), 'basics', '--json']);
      expect(listed.code).toBe(0);
      const json = JSON.parse(listed.stdout) as { set: { id: string }; questions: { id: string; prompt: string }[] };
      expect(json.set.id).toBe(id);
      expect(json.questions).toEqual([{ id: 'q1', prompt }]);
    },
  );

  it(
    'a folder with no sets is a problem of that folder, exit 1',
    async () => {
      const result = await spawnCli(['validate', bad('no-sets')]);
      expect(result).toMatchObject({
        code: 1,
        stdout: `${bad('no-sets')}: no .yaml or .yml files in this folder\n${summary(1)}\n`,
        stderr: '',
      });
    },
    TIMEOUT_MS,
  );

  it(
    'the whole folder at once: every file reported, the valid ones load, no crash',
    async () => {
      const result = await spawnCli(['validate', BAD]);
      const lines = result.stdout.trimEnd().split('\n');
      const expected = INVALID.flatMap(([name, problems]) => problems.map((problem) => `${bad(name)}:${problem}`));
      expect(lines.slice(0, -1).sort()).toEqual(expected.sort());
      expect(lines.at(-1)).toBe(`✖ ${expected.length} problems in ${INVALID.length} files`);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
    },
    TIMEOUT_MS,
  );

  it(
    'the same set id in two files: the second is refused, naming the first',
    async () => {
      const dir = makeTempDir();
      copyFileSync(MINI_SET_PATH, join(dir, 'a.yaml'));
      copyFileSync(MINI_SET_PATH, join(dir, 'b.yaml'));
      const message = `${join(dir, 'b.yaml')}:1:5: duplicate set id "mini": ${join(dir, 'a.yaml')} uses it too`;
      // As a folder, and as two file arguments.
      for (const args of [[dir], [join(dir, 'a.yaml'), join(dir, 'b.yaml')]]) {
        const result = await spawnCli(['validate', ...args]);
        expect(result).toMatchObject({ code: 1, stdout: `${message}\n${summary(1)}\n`, stderr: '' });
      }
    },
    TIMEOUT_MS,
  );
});

describe('a 50 MB file', () => {
  const SIZE = 50 * 1024 * 1024;
  /** Generated at test time, never committed: a valid start, then comment lines up to 50 MB. */
  function writeHugeSet(): string {
    const path = join(makeTempDir(), 'huge.yaml');
    const head = readFileSync(MINI_SET_PATH);
    const padding = Buffer.alloc(SIZE - head.length, '# padding\n');
    writeFileSync(path, Buffer.concat([head, padding]));
    expect(statSync(path).size).toBe(SIZE);
    return path;
  }

  it(
    'is refused by its size, exit 1',
    async () => {
      const path = writeHugeSet();
      const result = await spawnCli(['validate', path]);
      expect(result).toMatchObject({
        code: 1,
        stdout: `${path}:1:1: file is 50.0 MB; a question set may be at most 2 MB\n${summary(1)}\n`,
        stderr: '',
      });
    },
    TIMEOUT_MS,
  );

  it('is refused from stat alone: not one byte of it is read', async () => {
    const path = writeHugeSet();
    const node = createNodeFileStore();
    const read: string[] = [];
    const store: Pick<FileStore, 'stat' | 'list' | 'readBytes' | 'readText'> = {
      stat: (file) => node.stat(file),
      list: (dir) => node.list(dir),
      readBytes: (file) => {
        read.push(file);
        return node.readBytes(file);
      },
      readText: (file) => {
        read.push(file);
        return node.readText(file);
      },
    };
    const loaded = await loadQuestionSets([path, MINI_SET_PATH], store);
    expect(loaded.problems).toEqual([{ file: path, line: 1, col: 1, message: 'file is 50.0 MB; a question set may be at most 2 MB' }]);
    expect(loaded.sets.map((set) => set.id)).toEqual(['mini']);
    // The store was working: the small file was read, the big one never.
    expect(read).toEqual([MINI_SET_PATH]);
  });
});

describe('mockprep start with a bad set never starts', () => {
  it.concurrent.for(INVALID)(
    '%s: the problems on stderr, exit 1, no question asked, no transcript',
    { timeout: TIMEOUT_MS },
    async ([name, problems], { expect }) => {
      const home = makeTempDir();
      const result = await spawnCli(['start', '--plain', '-s', bad(name)], {
        env: { MOCKPREP_HOME: home },
        input: 'my answer\n/done\n',
      });
      const count = problems.length;
      expect(result.stderr.split('\n')).toEqual([
        `mockprep: ${count} problem${count === 1 ? '' : 's'} in the question sets`,
        ...problems.map((problem) => `${bad(name)}:${problem}`),
        '',
      ]);
      expect(result.stdout).toBe('');
      expect(result.code).toBe(1);
      expect(existsSync(join(home, 'sessions'))).toBe(false);
    },
  );

  it(
    'a folder with no sets stops start too',
    async () => {
      const home = makeTempDir();
      const result = await spawnCli(['start', '--plain', '-s', bad('no-sets')], { env: { MOCKPREP_HOME: home }, input: 'x\n/done\n' });
      expect(result).toMatchObject({
        code: 1,
        stdout: '',
        stderr: `mockprep: 1 problem in the question sets\n${bad('no-sets')}: no .yaml or .yml files in this folder\n`,
      });
      expect(existsSync(join(home, 'sessions'))).toBe(false);
    },
    TIMEOUT_MS,
  );
});

describe('a data folder that can never be made', () => {
  // Node's own recursive mkdir retries for ever under /proc (ENOENT with the parent there), deaf
  // to signals: mockprep makes folders a level at a time and says so in one line.
  it.runIf(existsSync('/proc/self'))('--data-dir under /proc: one line, exit 1, no hang', async () => {
    const result = await spawnCli(['--data-dir', '/proc/mockprep-test/data', 'start', '-s', MINI_SET_PATH, '-n', '1', '--plain'], {
      env: { MOCKPREP_HOME: makeTempDir() },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mockprep: cannot save transcripts in \/proc\/mockprep-test\/data \(.*\); nothing was started\./);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
