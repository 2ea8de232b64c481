import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/problem.js';
import { escapeControls, stringifyJson } from '../../src/core/sanitize-text.js';
import { MINI_SET_PATH, makeMiniTranscript } from '../support/fixture-sets.js';
import { spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// Round two of the terminal's defence: text from outside that is not a set's text. File and
// folder names, session ids (transcript file names), a YAML parser's messages quoting the file,
// arguments as typed and Node's error messages all reach the terminal through escapeControls
// (core/sanitize-text.ts). The scan below runs every command over such names and fails on any
// control byte in anything printed.

// Every C0 control but tab and newline, DEL, C1, and the bidi overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A clipboard write, a window title, a screen clear and an 8-bit CSI: what a name may carry. */
const EVIL = '\u001b]52;c;Y2xpcA==\u0007\u001b]0;TITLE\u0007\u001b[2J\u009b6n';
const EVIL_SHOWN = '\\x1b]52;c;Y2xpcA==\\x07\\x1b]0;TITLE\\x07\\x1b[2J\\x9b6n';

function expectNoControls(output: string, where: string): void {
  const match = CONTROL.exec(output);
  const context = match ? JSON.stringify(output.slice(Math.max(0, match.index - 40), match.index + 40)) : '';
  expect(match, `${where}: control character U+${match?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} in ${context}`).toBeNull();
}

describe('escapeControls', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a\u001b[2Jb', 'a\\x1b[2Jb'],
    ['two\nlines\r', 'two\\nlines\\r'],
    ['tab\tkept', 'tab\tkept'],
    ['c1 \u009b and DEL \u007f', 'c1 \\x9b and DEL \\x7f'],
    ['rlo \u202e', 'rlo \\u202e'],
  ])('%j → %j', (input, shown) => {
    expect(escapeControls(input)).toBe(shown);
  });

  it('JSON keeps the data and shows DEL, C1 and bidi controls as \\u escapes', () => {
    const value = { text: `a\u009bb\u007f\u202e${EVIL}` };
    const json = stringifyJson(value);
    expectNoControls(json, 'stringifyJson');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('a problem line shows the file name and the message through it', () => {
    const line = formatProblem({ file: `set${EVIL}.yaml`, line: 2, col: 3, message: `bad header |${EVIL}` });
    expect(line).toBe(`set${EVIL_SHOWN}.yaml:2:3: bad header |${EVIL_SHOWN}`);
  });
});

describe('every command, over names and error texts that carry escapes', () => {
  /**
   * A folder of sets (one valid set named with escapes, one bad set whose YAML errors quote escapes
   * from its own text) and a data folder whose transcripts are named with escapes: a readable one,
   * an interrupted one, a damaged one, and a stray file.
   */
  function setUp() {
    const root = makeTempDir();
    const sets = join(root, `sets${EVIL}`);
    mkdirSync(sets);
    const goodSet = join(sets, `good${EVIL}.yaml`);
    copyFileSync(MINI_SET_PATH, goodSet);
    const badDir = join(root, 'bad');
    mkdirSync(badDir);
    const badSet = join(badDir, `bad${EVIL}.yaml`);
    // A block-scalar header, a %YAML directive and an invalid escape: the parser quotes each.
    writeFileSync(badSet, `%YAML 1.2${EVIL}\n---\nid: "x\\${EVIL}"\ntitle: |${EVIL}\n  a\n`);
    const home = join(root, `home${EVIL}`);
    const sessions = join(home, 'sessions');
    mkdirSync(sessions, { recursive: true });
    const completed = makeMiniTranscript({ now: Date.parse('2026-11-20T10:00:00Z') });
    const done = {
      ...completed,
      status: 'completed',
      endReason: 'finished',
      endedAt: completed.startedAt,
      items: completed.items.map((item) => ({
        ...item,
        shownAt: completed.startedAt,
        finishedAt: completed.startedAt,
        answer: 'an answer',
      })),
    };
    const doneId = `20261120-100000-${EVIL}`;
    writeFileSync(join(sessions, `${doneId}.json`), JSON.stringify(done));
    const interrupted = makeMiniTranscript({ now: Date.parse('2026-11-19T10:00:00Z') });
    const openId = `20261119-100000-${EVIL}`;
    writeFileSync(join(sessions, `${openId}.json`), JSON.stringify({ ...interrupted, status: 'interrupted', endReason: 'quit' }));
    writeFileSync(join(sessions, `20261118-100000-${EVIL}.json`), '{"version": 1, "id": ');
    writeFileSync(join(sessions, `stray${EVIL}.txt`), 'x');
    return { root, sets, goodSet, badSet, home, doneId, openId };
  }

  it('prints not one control byte, and shows the names with visible escapes', async () => {
    const { root, sets, goodSet, badSet, home } = setUp();
    const env = { MOCKPREP_HOME: home, NO_COLOR: '1' };
    const out = join(root, `out${EVIL}`);
    mkdirSync(out);
    // A list to import, named with escapes and holding some.
    const listFile = join(root, `list${EVIL}\nid: injected.md`);
    writeFileSync(listFile, `# Title ${EVIL}\n\n- What is ${EVIL} RLHF?\n- Why?\n`);
    const runs: [string[], string?][] = [
      [['validate', badSet]],
      [['validate', badSet, '--json']],
      [['validate', goodSet, join(root, `missing${EVIL}.yaml`)]],
      [['list', '-s', sets]],
      [['list', '-s', badSet]],
      [['list', '-s', goodSet, `basics${EVIL}`]],
      [['list', '-s', sets, '--json']],
      [['start', '-s', badSet]],
      [['start', '-s', goodSet, '-c', `no${EVIL}`]],
      [['start', '--plain', '-s', goodSet, '-c', 'basics', '-n', '1', '--follow-ups', '0'], 'an answer\n/done\n\n'],
      [['sessions']],
      [['sessions', '--json']],
      [['review', '20261120']],
      [['review', `nope${EVIL}`]],
      [['review', '2026111']],
      [['export', '20261120']],
      [['export', '20261120', '--format', 'json']],
      [['export', '20261120', '-o', join(out, `one${EVIL}.md`)]],
      [['export', '--all', '-o', out]],
      [['resume', '20261120']],
      [['resume', '20261119', '--plain'], '/quit\n'],
      [['stats']],
      [['stats', '--json']],
      [[`lis${EVIL}`]],
      [['list', `--se${EVIL}`]],
      [['--data-dir', join(goodSet, 'x'), 'sessions']],
      [['import', listFile]],
      [['import', listFile, '-o', join(out, `imported${EVIL}.yaml`)]],
      [['init', join(out, `starter${EVIL}.yaml`)]],
      [['schema']],
      [['completion', 'bash']],
      [['help', 'start']],
    ];
    const all: string[] = [];
    for (const [args, input] of runs) {
      const result = await spawnCli(args, { env, input });
      const where = args.map((arg) => escapeControls(arg)).join(' ');
      expect(result.stderr, where).not.toMatch(/\n\s+at /);
      expectNoControls(result.stdout + result.stderr, where);
      all.push(result.stdout + result.stderr);
    }
    const text = all.join('\n');
    // Positive controls: the names really were printed, escaped, and the commands did their work.
    expect(text).toContain(`bad${EVIL_SHOWN}.yaml:1:`);
    expect(text).toContain(`Unsupported YAML version 1.2${EVIL_SHOWN}`);
    expect(text).toContain(`20261120-100000-${EVIL_SHOWN}`);
    expect(text).toContain(`skipped ${join(home, 'sessions', `20261118-100000-`).replace(EVIL, EVIL_SHOWN)}`);
    expect(text).toContain('answered 3 of 3');
    expect(text).toContain('# Mock interview');
    expect(text).toContain(`unknown command 'lis${EVIL_SHOWN}'`);
    // The imported set's comment names the file escaped, on its one line.
    expect(text).toContain(`# Imported by mockprep from list${EVIL_SHOWN} id: injected.md.\n`);
  }, 120_000);
});
