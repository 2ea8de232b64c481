import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main as fullMain } from '../../src/cli.js';
import type { CliIo } from '../../src/context.js';
import type { DirectValidate } from '../../src/direct-validate.js';
import { main as directMain, parseDirectValidate } from '../../src/direct-validate.js';
import { runCli } from '../support/run-cli.js';

// validate in its plain shape runs without commander (src/direct-validate.ts); the launcher sends
// it there. What it prints and exits with must be what the full CLI gives for the same command
// line: every case below runs both ways and compares.

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const BANK = fileURLToPath(new URL('../../questions', import.meta.url));
const REALBANK = fileURLToPath(new URL('../../../shared/realbank', import.meta.url));

type Main = (argv: readonly string[], io: CliIo) => Promise<number>;

const runWith = (run: Main, argv: string[]) => runCli(argv, { run });

describe('parseDirectValidate', () => {
  it.each<[string[], DirectValidate | null]>([
    [['validate', 'a.yaml'], { paths: ['a.yaml'] }],
    [['validate', 'a.yaml', 'dir'], { paths: ['a.yaml', 'dir'] }],
    [['validate', '--json', 'a.yaml'], { paths: ['a.yaml'], json: true }],
    [['validate', 'a.yaml', '--strict', '--json'], { paths: ['a.yaml'], json: true, strict: true }],
    [['validate'], null],
    [['validate', '--json'], null],
    [['validate', ''], null],
    [['validate', '-'], null],
    [['validate', '--', 'a.yaml'], null],
    [['validate', '--help'], null],
    [['validate', '--json', '--json', 'a.yaml'], null],
    [['validate', '--strict=true', 'a.yaml'], null],
    [['validate', '-s', 'a.yaml'], null],
    [['list', 'a.yaml'], null],
    [[], null],
  ])('%j → %j', (argv, expected) => {
    expect(parseDirectValidate(argv)).toEqual(expected);
  });
});

describe('validate without commander', () => {
  const cases: [string, string[]][] = [
    ['the built-in bank', [BANK]],
    ['the real set in ../shared, as JSON', [REALBANK, '--json']],
    ['a valid set, strictly', ['--strict', fixture('sets/mini.yaml')]],
    ['every bad fixture', [fixture('bad')]],
    ['every bad fixture, as JSON', [fixture('bad'), '--json']],
    ['a hostile set', [fixture('hostile/hostile.yaml')]],
    ['a set with warnings', [fixture('sets/wide.yaml')]],
    ['a set with warnings, strictly, as JSON', [fixture('sets/wide.yaml'), '--strict', '--json']],
    ['one bad file and one good', [fixture('bad/syntax-error.yaml'), fixture('sets/mini.yaml')]],
    ['a folder without sets', [fixture('bad/no-sets')]],
    ['a path that does not exist', [fixture('nothing-here.yaml')]],
    ['the same file twice', [fixture('sets/mini.yaml'), fixture('sets/mini.yaml')]],
  ];
  it.each(cases)('%s: the same output and exit code both ways', async (_name, args) => {
    const argv = ['validate', ...args];
    expect(parseDirectValidate(argv)).not.toBeNull();
    const direct = await runWith(directMain, argv);
    const full = await runWith(fullMain, argv);
    expect(direct).toEqual(full);
    expect(direct.stdout.length + direct.stderr.length).toBeGreaterThan(0);
  });

  it('the cases reach every outcome: valid, problems (exit 1), and warnings that pass without --strict', async () => {
    const codes = await Promise.all(cases.map(async ([, args]) => (await runWith(directMain, ['validate', ...args])).code));
    expect(new Set(codes)).toEqual(new Set([0, 1]));
    const wide = await runWith(directMain, ['validate', fixture('sets/wide.yaml'), '--json']);
    expect(wide.code).toBe(0);
    expect(JSON.parse(wide.stdout).warnings.length).toBeGreaterThan(0);
  });

  it('hands anything else to the full CLI', async () => {
    const help = await runWith(directMain, ['validate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: mockprep validate');
    const missing = await runWith(directMain, ['validate']);
    expect(missing).toEqual(await runWith(fullMain, ['validate']));
    expect(missing.code).toBe(2);
  });
});
