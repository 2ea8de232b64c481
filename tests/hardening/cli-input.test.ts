import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// Every option of every command with a wrong value, unknown commands and options, and the
// option combinations the CLI refuses: each is a usage error, one line on stderr starting with
// "mockprep:" (commander's parsing errors too), nothing on stdout, no stack trace, exit 2.

const M = MINI_SET_PATH;
const duration = 'expected a duration like 90s, 3m or 1m30s';
const count = (min: number, max: number) => `expected a whole number from ${min} to ${max}.`;
const invalid = (option: string, value: string, expected: string) =>
  `mockprep: option '${option}' argument '${value}' is invalid. ${expected}`;

/** A data folder holding two sessions (so that "20" is an ambiguous id) and a plain file for `export --all -o`. */
const home = makeTempDir();
const aFile = join(home, 'a-file.md');

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const run = await spawnCli(['start', '--plain', '-s', M, '-n', '1', '--follow-ups', '0'], {
      env: { MOCKPREP_HOME: home },
      input: 'an answer\n/done\n\n',
    });
    expect(run.code).toBe(0);
  }
  expect(readdirSync(join(home, 'sessions'))).toHaveLength(2);
  writeFileSync(aFile, '');
}, 30_000);

const CASES: [string, string[], string][] = [
  // start: numbers
  ['--count 0', ['start', '-s', M, '-n', '0'], invalid('-n, --count <n>', '0', count(1, 1000))],
  ['--count -1', ['start', '-s', M, '--count', '-1'], invalid('-n, --count <n>', '-1', count(1, 1000))],
  ['--count 1e9', ['start', '-s', M, '-n', '1e9'], invalid('-n, --count <n>', '1e9', count(1, 1000))],
  ['--count abc', ['start', '-s', M, '-n', 'abc'], invalid('-n, --count <n>', 'abc', count(1, 1000))],
  ['--count 1.5', ['start', '-s', M, '-n', '1.5'], invalid('-n, --count <n>', '1.5', count(1, 1000))],
  ['--count empty', ['start', '-s', M, '-n', ''], invalid('-n, --count <n>', '', count(1, 1000))],
  ['--count huge', ['start', '-s', M, '-n', '99999999999999999999'], invalid('-n, --count <n>', '99999999999999999999', count(1, 1000))],
  ['--count 1001', ['start', '-s', M, '-n', '1001'], invalid('-n, --count <n>', '1001', count(1, 1000))],
  [
    '--count 1000 (more than the set holds)',
    ['start', '-s', M, '-n', '1000'],
    'mockprep: the question sets has only 3 questions; asked for 1000',
  ],
  ['--count with no value', ['start', '-s', M, '-n'], "mockprep: option '-n, --count <n>' argument missing"],
  // start: durations
  ['--time 5x', ['start', '-s', M, '-t', '5x'], invalid('-t, --time <duration>', '5x', `${duration}, or off.`)],
  ['--time -3m', ['start', '-s', M, '-t', '-3m'], invalid('-t, --time <duration>', '-3m', `${duration}, or off.`)],
  ['--time 0s', ['start', '-s', M, '-t', '0s'], invalid('-t, --time <duration>', '0s', `${duration}, or off.`)],
  ['--time abc', ['start', '-s', M, '--time', 'abc'], invalid('-t, --time <duration>', 'abc', `${duration}, or off.`)],
  ['--time 90 (no unit)', ['start', '-s', M, '-t', '90'], invalid('-t, --time <duration>', '90', `${duration}, or off.`)],
  ['--total -1', ['start', '-s', M, '--total', '-1'], invalid('--total <duration>', '-1', `${duration}.`)],
  ['--total -3m', ['start', '-s', M, '--total', '-3m'], invalid('--total <duration>', '-3m', `${duration}.`)],
  ['--total 0m', ['start', '-s', M, '--total', '0m'], invalid('--total <duration>', '0m', `${duration}.`)],
  ['--total off', ['start', '-s', M, '--total', 'off'], invalid('--total <duration>', 'off', `${duration}.`)],
  // start: choices and names
  [
    '--difficulty wrong',
    ['start', '-s', M, '--difficulty', 'wrong'],
    invalid('--difficulty <level>', 'wrong', 'Allowed choices are easy, medium, hard.'),
  ],
  [
    '--order wrong',
    ['start', '-s', M, '--order', 'wrong'],
    invalid('--order <order>', 'wrong', 'Allowed choices are random, in-order, due, weakest.'),
  ],
  ['--mode wrong', ['start', '-s', M, '--mode', 'wrong'], invalid('--mode <mode>', 'wrong', 'Allowed choices are practice, live.')],
  ['--follow-ups -1', ['start', '-s', M, '--follow-ups', '-1'], invalid('--follow-ups <n>', '-1', count(0, 10))],
  ['--follow-ups abc', ['start', '-s', M, '--follow-ups', 'abc'], invalid('--follow-ups <n>', 'abc', count(0, 10))],
  ['--follow-ups 11', ['start', '-s', M, '--follow-ups', '11'], invalid('--follow-ups <n>', '11', count(0, 10))],
  ['--seed abc', ['start', '-s', M, '--seed', 'abc'], invalid('--seed <n>', 'abc', count(0, 2 ** 31 - 1))],
  ['--seed -1', ['start', '-s', M, '--seed', '-1'], invalid('--seed <n>', '-1', count(0, 2 ** 31 - 1))],
  ['--seed 2^31', ['start', '-s', M, '--seed', '2147483648'], invalid('--seed <n>', '2147483648', count(0, 2 ** 31 - 1))],
  [
    '--tag unknown',
    ['start', '-s', M, '--tag', 'unknown'],
    'mockprep: unknown tag "unknown"; tags in the question sets: anthropic, fundamentals, openai',
  ],
  ['--tag empty', ['start', '-s', M, '--tag', ''], 'mockprep: unknown tag ""; tags in the question sets: anthropic, fundamentals, openai'],
  ['--category unknown', ['start', '-s', M, '-c', 'nope'], 'mockprep: unknown category "nope". Categories: basics, systems'],
  ['--category empty', ['start', '-s', M, '-c', ''], 'mockprep: unknown category "". Categories: basics, systems'],
  [
    '--difficulty with no such question',
    ['start', '-s', M, '-c', 'systems', '--difficulty', 'easy'],
    'mockprep: no easy questions in category "systems"',
  ],
  ['--set empty', ['start', '-s', ''], invalid('-s, --set <path>', '', 'expected a path, not an empty string.')],
  ['--category with no value', ['start', '-c'], "mockprep: option '-c, --category <name>' argument missing"],
  [
    'an argument start does not take',
    ['start', '-s', M, 'extra'],
    "mockprep: too many arguments for 'start'. Expected 0 arguments but got 1.",
  ],
  ['an unknown option of start', ['start', '--bogus'], "mockprep: unknown option '--bogus'"],
  ['a misspelt option of start', ['start', '--cout', '3'], "mockprep: unknown option '--cout' (Did you mean --count?)"],
  // list and validate
  ['list: an unknown category', ['list', '-s', M, 'nope'], 'mockprep: unknown category "nope". Categories: basics, systems'],
  ['list: --set empty', ['list', '--set', ''], invalid('-s, --set <path>', '', 'expected a path, not an empty string.')],
  ['list: two categories', ['list', 'a', 'b'], "mockprep: too many arguments for 'list'. Expected 1 argument but got 2."],
  ['list: an unknown option', ['list', '--count', '3'], "mockprep: unknown option '--count'"],
  ['validate: no path', ['validate'], "mockprep: missing required argument 'path'"],
  // sessions, review, export, resume, stats
  ['sessions --limit 0', ['sessions', '--limit', '0'], invalid('-n, --limit <n>', '0', count(1, 1_000_000))],
  ['sessions -n -1', ['sessions', '-n', '-1'], invalid('-n, --limit <n>', '-1', count(1, 1_000_000))],
  ['sessions -n abc', ['sessions', '-n', 'abc'], invalid('-n, --limit <n>', 'abc', count(1, 1_000_000))],
  ['sessions --mode wrong', ['sessions', '--mode', 'wrong'], invalid('--mode <mode>', 'wrong', 'Allowed choices are practice, live.')],
  ['stats --mode wrong', ['stats', '--mode', 'wrong'], invalid('--mode <mode>', 'wrong', 'Allowed choices are practice, live.')],
  ['stats: an argument', ['stats', 'extra'], "mockprep: too many arguments for 'stats'. Expected 0 arguments but got 1."],
  ['review: an unknown id', ['review', '1999'], 'mockprep: no session "1999". See them all with: mockprep sessions'],
  ['review: an empty id', ['review', ''], 'mockprep: an empty session id; give an id from mockprep sessions, or latest'],
  ['review: two ids', ['review', 'a', 'b'], "mockprep: too many arguments for 'review'. Expected 1 argument but got 2."],
  ['resume: an unknown id', ['resume', 'nope'], 'mockprep: no session "nope". See them all with: mockprep sessions'],
  ['export --format xml', ['export', '--format', 'xml'], invalid('-f, --format <format>', 'xml', 'Allowed choices are md, json.')],
  ['export -o with no value', ['export', '-o'], "mockprep: option '-o, --output <path>' argument missing"],
  ['export -o empty', ['export', '-o', ''], invalid('-o, --output <path>', '', 'expected a path, not an empty string.')],
  ['export --all without -o', ['export', '--all'], 'mockprep: --all writes one file per session: name a folder with -o <folder>'],
  [
    'export --all with an id',
    ['export', 'latest', '--all', '-o', home],
    'mockprep: --all exports every session: give either an id or --all, not both',
  ],
  [
    'export --all into a file',
    ['export', '--all', '-o', aFile],
    `mockprep: ${aFile} is not a folder; --all writes one file per session into a folder`,
  ],
  // global
  ['--data-dir empty', ['--data-dir', '', 'sessions'], invalid('--data-dir <dir>', '', 'expected a path, not an empty string.')],
  ['--data-dir with no value', ['--data-dir'], "mockprep: option '--data-dir <dir>' argument missing"],
  ['an unknown global option', ['--bogus'], "mockprep: unknown option '--bogus'"],
  ['a command typed with two letters swapped', ['lsit'], "mockprep: unknown command 'lsit' (did you mean list?); see mockprep --help"],
  [
    'a command typed with a letter missing',
    ['sesions'],
    "mockprep: unknown command 'sesions' (did you mean sessions?); see mockprep --help",
  ],
  ['an alias typed wrong', ['histroy'], "mockprep: unknown command 'histroy' (did you mean history?); see mockprep --help"],
  ['a command like no other', ['xyzzy'], "mockprep: unknown command 'xyzzy'; see mockprep --help"],
];

describe('bad command-line input', () => {
  it.each(CASES)('%s: one line, exit 2', async (_name, args, message) => {
    const result = await spawnCli(args, { env: { MOCKPREP_HOME: home } });
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^mockprep: /);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('an ambiguous session id names the candidates', async () => {
    const result = await spawnCli(['review', '20'], { env: { MOCKPREP_HOME: home } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mockprep: session id "20" is ambiguous: 2 sessions start with it \(.+\); type more of the id\n$/);
  });

  it('an empty path option is refused, never read as the default folder or the current one', async () => {
    const cwd = makeTempDir();
    const exported = await spawnCli(['export', '-o', ''], { env: { MOCKPREP_HOME: home }, cwd });
    expect(exported.code).toBe(2);
    // Before the fix, `-o ""` wrote the session into the current folder and exited 0.
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('what the CLI accepts is not refused: a control for the table above', async () => {
    const ok = await spawnCli(
      ['start', '--plain', '-s', M, '-n', '1', '-t', '1m30s', '--total', '5m', '--seed', '7', '--follow-ups', '0'],
      {
        input: 'an answer\n/done\n\n',
      },
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect((await spawnCli(['sessions', '-n', '1', '--mode', 'practice'], { env: { MOCKPREP_HOME: home } })).code).toBe(0);
    expect((await spawnCli(['export', '--format', 'json'], { env: { MOCKPREP_HOME: home } })).code).toBe(0);
  });
});
