import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main as fullMain } from '../../src/cli.js';
import type { CliIo } from '../../src/context.js';
import type { DirectCommand } from '../../src/direct-commands.js';
import { main as directMain, parseDirectCommand } from '../../src/direct-commands.js';
import { runCli } from '../support/run-cli.js';
import { buildSessionFixtures, copySessionFixtures, IDS } from '../support/session-fixtures.js';
import { makeTempDir } from '../support/temp-dir.js';

// review and export in their plain shapes run without commander (src/direct-commands.ts); the
// launcher sends them there. What they print, write and exit with must be what the full CLI
// gives for the same command line: every case below runs both ways and compares.

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

type Main = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Runs `argv` through `run` with captured output, in a fresh copy of the fixtures; `{out}` in argv is a fresh folder. */
async function runWith(run: Main, argv: string[], env: Record<string, string> = {}) {
  const home = copySessionFixtures(fixtures);
  const out = makeTempDir();
  const args = argv.map((arg) => arg.replaceAll('{out}', out));
  const { code, stdout, stderr } = await runCli(args, { run, env: { TZ: 'UTC', MOCKPREP_HOME: home, ...env } });
  // Paths differ between the two runs only by their temp folders.
  const plain = (text: string) => text.replaceAll(out, '{out}').replaceAll(home, '{home}');
  const files = readdirSync(out, { recursive: true })
    .map(String)
    .sort()
    .map((name) => {
      const path = join(out, name);
      const info = statSync(path);
      return { name, mode: info.mode & 0o777, text: info.isFile() ? plain(readFileSync(path, 'utf8')) : null };
    });
  return { code, stdout: plain(stdout), stderr: plain(stderr), files };
}

describe('parseDirectCommand', () => {
  it.each<[string[], DirectCommand | null]>([
    [['review'], { command: 'review' }],
    [['review', 'latest'], { command: 'review', session: 'latest' }],
    [['review', '2026'], { command: 'review', session: '2026' }],
    [['review', ''], { command: 'review', session: '' }],
    [['review', '--help'], null],
    [['review', '-h'], null],
    [['review', 'a', 'b'], null],
    [['review', '--data-dir', 'x'], null],
    [['export'], { command: 'export', options: { format: 'md' } }],
    [['export', 'latest', '-f', 'json'], { command: 'export', session: 'latest', options: { format: 'json' } }],
    [['export', '--format', 'md', 'x'], { command: 'export', session: 'x', options: { format: 'md' } }],
    [['export', '-o', 'a.md', 'latest'], { command: 'export', session: 'latest', options: { format: 'md', output: 'a.md' } }],
    [['export', '--all', '--output', 'dir'], { command: 'export', options: { format: 'md', output: 'dir', all: true } }],
    [['export', '--all'], { command: 'export', options: { format: 'md', all: true } }],
    [['export', '-f', 'pdf'], null],
    [['export', '-f'], null],
    [['export', '-o', ''], null],
    [['export', '-o', ' '], null],
    [['export', '-o', '-'], null],
    [['export', '-o', 'a', '-o', 'b'], null],
    [['export', '-f', 'md', '-f', 'json'], null],
    [['export', '--all', '--all'], null],
    [['export', '--format=json'], null],
    [['export', '-fjson'], null],
    [['export', 'a', 'b'], null],
    [['export', '--'], null],
    [['sessions'], { command: 'sessions', options: {} }],
    [['history', '--json'], { command: 'sessions', options: { json: true } }],
    [['stats'], null],
    [['sessions', '-n', '2'], null],
    [['sessions', '--json', '--json'], null],
    [['sessions', '--help'], null],
    [['list'], null],
    [['--data-dir', 'x', 'review'], null],
    [[], null],
  ])('%j → %j', (argv, expected) => {
    expect(parseDirectCommand(argv)).toEqual(expected);
  });
});

describe('review and export without commander', () => {
  it.each<[string, string[]]>([
    ['the newest session', ['review']],
    ['latest by name', ['review', 'latest']],
    ['an id', ['review', IDS.completed]],
    ['a unique start of an id', ['review', IDS.interrupted.slice(0, 11)]],
    ['an ambiguous start (usage error)', ['review', '2026']],
    ['an unknown id (usage error)', ['review', 'nope']],
    ['an empty id', ['review', '']],
    ['a damaged transcript asked for by id', ['review', IDS.damaged]],
    ['one from a newer version', ['review', IDS.future]],
    ['export as markdown', ['export']],
    ['export as JSON', ['export', IDS.everything, '-f', 'json']],
    ['export into a file', ['export', 'latest', '-o', '{out}/notes.md']],
    ['export into a folder', ['export', IDS.completed, '--format', 'json', '--output', '{out}']],
    ['export into a folder that does not exist', ['export', '-o', '{out}/missing/notes.md']],
    ['export --all', ['export', '--all', '-o', '{out}/all']],
    ['export --all as JSON', ['export', '--all', '-o', '{out}', '-f', 'json']],
    ['export --all without a folder', ['export', '--all']],
    ['export --all and an id', ['export', 'latest', '--all', '-o', '{out}']],
    ['export --all into a file', ['export', '--all', '-o', '{out}/all/../notes.md']],
    ['sessions', ['sessions']],
    ['history as JSON', ['history', '--json']],
  ])('%s: %j prints, writes and exits as the full CLI does', async (_name, argv) => {
    expect(parseDirectCommand(argv.map((arg) => arg.replaceAll('{out}', '/o')))).not.toBeNull();
    const direct = await runWith(directMain, argv);
    const full = await runWith(fullMain, argv);
    expect(direct).toEqual(full);
  });

  it('a session folder that cannot be read is the same one line', async () => {
    const file = join(makeTempDir(), 'not-a-folder');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'x');
    const env = { MOCKPREP_HOME: file };
    const direct = await runWith(directMain, ['review'], env);
    expect(direct.code).toBe(1);
    expect(direct.stderr).toMatch(/^mockprep: cannot read the sessions folder/);
    expect(direct).toEqual(await runWith(fullMain, ['review'], env));
  });

  it('the comparison sees a difference: two different commands do not compare equal (a control)', async () => {
    const review = await runWith(directMain, ['review', IDS.completed]);
    const other = await runWith(fullMain, ['review', IDS.everything]);
    expect(review.code).toBe(0);
    expect(review).not.toEqual(other);
  });

  it('hands anything else to the full CLI: help, other commands, other spellings', async () => {
    for (const argv of [
      ['review', '--help'],
      ['export', '--format=json'],
      ['list'],
      ['sessions', '-n', '2'],
      ['stats', '--mode', 'live'],
      ['export', '-o', ''],
    ]) {
      expect(await runWith(directMain, argv), argv.join(' ')).toEqual(await runWith(fullMain, argv));
    }
    const help = await runWith(directMain, ['review', '--help']);
    expect(help.stdout).toMatch(/^Usage: mockprep review/);
  });
});
