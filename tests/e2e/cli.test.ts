import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { MINI_SET_PATH, REALBANK_PATH } from '../support/fixture-sets.js';
import { spawnInPty } from '../support/pty.js';
import { runCli } from '../support/run-cli.js';
import { BIN, ROOT, spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const TRACE = fileURLToPath(new URL('../support/trace-imports.mjs', import.meta.url));
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Runs the binary with an import tracer and returns the npm packages whose code it loaded. dist/
 * is a bundle, so the loaded files are mapped back to their sources through esbuild's metafile.
 */
async function packagesLoaded(args: string[]): Promise<Set<string>> {
  const result = await spawnCli(args, { env: { NODE_OPTIONS: `--import=${TRACE}` } });
  expect(result.code).toBe(0);
  const metafile = JSON.parse(readFileSync(join(ROOT, 'dist', 'metafile.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  const loaded = [...result.stderr.matchAll(/^import: file:\/\/(.*)$/gm)].map((match) => relative(ROOT, match[1] ?? ''));
  const packages = new Set<string>();
  for (const file of loaded) {
    for (const input of Object.keys(metafile.outputs[file]?.inputs ?? {})) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
      if (name) packages.add(name);
    }
  }
  return packages;
}

describe('the built binary, no terminal', () => {
  it('prints its version and help', async () => {
    expect(await spawnCli(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = await spawnCli(['--help']);
    expect(help.code).toBe(0);
    for (const word of ['list', 'validate', 'start', 'Examples:', 'Exit codes: 0 done, 1 error, 2 usage error, 130 interrupted']) {
      expect(help.stdout).toContain(word);
    }
    // Without a terminal, no command means help.
    expect((await spawnCli([])).stdout).toBe(help.stdout);
  });

  it.each([
    [['lst'], "mockprep: unknown command 'lst' (did you mean list?); see mockprep --help"],
    [['list', '--bogus'], "mockprep: unknown option '--bogus'"],
    [
      ['start', '-t', '5x'],
      "mockprep: option '-t, --time <duration>' argument '5x' is invalid. expected a duration like 90s, 3m or 1m30s, or off.",
    ],
    [['start', '-n', '0'], "mockprep: option '-n, --count <n>' argument '0' is invalid. expected a whole number from 1 to 1000."],
    [
      ['start', '--total', '-3m'],
      "mockprep: option '--total <duration>' argument '-3m' is invalid. expected a duration like 90s, 3m or 1m30s.",
    ],
    [
      ['start', '--difficulty', 'brutal'],
      "mockprep: option '--difficulty <level>' argument 'brutal' is invalid. Allowed choices are easy, medium, hard.",
    ],
    [
      ['start', '-s', MINI_SET_PATH, '-c', 'basix'],
      'mockprep: unknown category "basix". Did you mean "basics"? Categories: basics, systems',
    ],
    [['start', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '9'], 'mockprep: category "basics" has only 2 questions; asked for 9'],
    [
      ['start', '-s', MINI_SET_PATH, '--tag', 'nope'],
      'mockprep: unknown tag "nope"; tags in the question sets: anthropic, fundamentals, openai',
    ],
  ])('mockprep %j is a usage error: one line, exit 2', async (args, message) => {
    const result = await spawnCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.stdout).toBe('');
  });

  it('lists a set, a category and JSON', async () => {
    const list = await spawnCli(['list', '-s', MINI_SET_PATH]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Mini set  mini · 3 questions');
    expect(list.stdout).toMatch(/basics\s+Basics\s+2\s+easy 1 · medium 1/);
    const category = await spawnCli(['list', '-s', MINI_SET_PATH, 'Systems Design']);
    expect(category.stdout).toMatch(/design-eval\s+hard\s+Design an evaluation pipeline for a new model release\./);
    const json = JSON.parse((await spawnCli(['list', '-s', MINI_SET_PATH, '--json'])).stdout);
    expect(json.totals).toEqual({ sets: 1, categories: 2, questions: 3 });
  });

  it('lists the built-in bank: three sets, twelve categories, 87 questions', async () => {
    const json = JSON.parse((await spawnCli(['list', '--json'])).stdout);
    expect(json.totals).toEqual({ sets: 3, categories: 12, questions: 87 });
    const beginner = await spawnCli(['list', 'beginner']);
    expect(beginner.code).toBe(0);
    expect(beginner.stdout.trim().split('\n')).toHaveLength(6);
  });

  it('validates: a summary when valid, every problem and exit 1 otherwise, never a stack trace', async () => {
    const good = await spawnCli(['validate', MINI_SET_PATH]);
    expect(good).toMatchObject({ code: 0, stdout: '✔ 1 file valid: 1 set, 3 questions\n' });
    // Valid, with warnings about key points that will judge badly: exit 0, and 1 with --strict.
    const thin = join(makeTempDir(), 'thin.yaml');
    writeFileSync(
      thin,
      'id: t\ntitle: T\ncategories:\n  - id: a\n    title: A\nquestions:\n  - id: q\n    category: a\n    prompt: How do you spot reward hacking?\n    keyPoints:\n      - point: Watches the score\n        keywords: [result, reward hacking, score climbs]\n',
    );
    const warned = await spawnCli(['validate', thin]);
    expect(warned.code).toBe(0);
    expect(warned.stdout.split('\n')).toEqual([
      `${thin}:12:20: warning: keyword "result" is an everyday word: alone it says nothing, so it never credits a point; use a phrase`,
      `${thin}:12:28: warning: keyword "reward hacking" is in the question's prompt: restating the question earns nothing, so it never credits a point`,
      '✔ 1 file valid: 1 set, 1 question; 2 warnings about key points',
      '',
    ]);
    const strict = await spawnCli(['validate', '--strict', thin]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain(`${thin}:12:20: error (strict): keyword "result" is an everyday word`);
    expect(strict.stdout).toMatch(/✖ 2 problems in 1 file \(warnings count with --strict\)\n$/);
    const dir = makeTempDir();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'id: x\ntitle: X\ncategories:\n  - id: a\n    title: A\nquestions:\n  - id: q\n    category: b\n    prompt: P\n    hint: [h]\n',
    );
    const result = await spawnCli(['validate', bad, join(dir, 'missing.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      `${join(dir, 'missing.yaml')}: no such file or folder`,
      `${bad}:8:15: category "b" is not declared under categories; declared: a`,
      `${bad}:10:5: unknown key "hint" in questions[0] (q) (did you mean "hints"?); allowed keys: id, category, difficulty, kind, tags, time, prompt, hints, keyPoints, redFlags, followUps, notes, related`,
      '✖ 3 problems in 2 files',
      '',
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to start when transcripts cannot be saved, before any question', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'a-file'), '');
    const result = await spawnCli(['start', '--plain', '-s', MINI_SET_PATH, '--data-dir', join(dir, 'a-file', 'data')], {
      input: 'answer\n/done\n',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^mockprep: cannot save transcripts in .*a-file\/data \(a part of the path is not a folder\); nothing was started\./,
    );
    expect(result.stdout).not.toContain('Question 1');
  });

  it('runs a whole plain-mode interview from piped answers', async () => {
    const home = makeTempDir();
    const input = [
      'Outer and inner alignment; Goodhart.',
      '/hint',
      'More thoughts.',
      '/done',
      'With interpretability probes.',
      '/done',
      '5',
      'Reward models learn human preferences.',
      '/done',
      '',
    ].join('\n');
    const result = await spawnCli(['start', '-s', MINI_SET_PATH, '-c', 'basics', '--order', 'in-order', '-n', '2'], {
      env: { MOCKPREP_HOME: home },
      input,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Question 1 of 2 · Basics · easy · conceptual · #anthropic · #fundamentals');
    expect(result.stdout).toContain('Hint 1: Think about the gap between what we specify and what we want.');
    expect(result.stdout).toContain('Session complete.');
    const files = readdirSync(join(home, 'sessions'));
    expect(files).toHaveLength(1);
    const transcript = transcriptSchema.parse(JSON.parse(readFileSync(join(home, 'sessions', files[0] ?? ''), 'utf8')));
    expect(transcript.status).toBe('completed');
    expect(
      transcript.items.map((item) => [item.answer, item.hintsUsed.length, item.selfRating, item.followUps.map((entry) => entry.answer)]),
    ).toEqual([
      ['Outer and inner alignment; Goodhart.\nMore thoughts.', 1, 5, ['With interpretability probes.']],
      ['Reward models learn human preferences.', 0, null, []],
    ]);
    expect(result.stdout).toContain('Question 1 of 2 · follow-up 1 of 1 · Basics');
    expect(result.stdout).toContain(`Transcript: ${join(home, 'sessions', files[0] ?? '')}`);
  });

  it('ends as interrupted (exit 130) when the input runs out before the last question', async () => {
    const result = await spawnCli(['start', '-s', MINI_SET_PATH, '-c', 'basics', '--order', 'in-order', '-n', '2', '--follow-ups', '0'], {
      input: 'only one\n/done\n\n',
    });
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('Session stopped; continue it with: mockprep resume');
  });

  it('stops quietly when the reader goes away (mockprep list | head)', async () => {
    const child = spawn(process.execPath, [BIN, 'list', '-s', REALBANK_PATH, 'decision trees'], {
      env: { PATH: process.env.PATH, HOME: makeTempDir() },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('list loads neither inquirer, ora, zod, yaml nor ts-fsrs (only commands that schedule load it)', async () => {
    for (const args of [['list'], ['list', 'beginner'], ['start', '--help']]) {
      const loaded = await packagesLoaded(args);
      // A positive control: the tracer sees packages at all.
      expect(loaded.has('commander')).toBe(true);
      for (const heavy of ['@inquirer/core', '@inquirer/prompts', 'ora', 'zod', 'yaml', 'ts-fsrs']) {
        expect(loaded.has(heavy), `${args.join(' ')} loaded ${heavy}`).toBe(false);
      }
    }
  });

  it('validate of valid sets loads neither zod nor yaml: the quick check vouches for them (js-yaml parses)', async () => {
    const loaded = await packagesLoaded(['validate', 'questions', REALBANK_PATH, MINI_SET_PATH]);
    expect(loaded.has('js-yaml')).toBe(true);
    // Its own bundle (src/direct-validate.ts): no commander either.
    for (const heavy of ['zod', 'yaml', '@inquirer/core', 'ora', 'commander'])
      expect(loaded.has(heavy), `validate loaded ${heavy}`).toBe(false);
    // Given what that bundle does not take, validate goes through the full CLI, commander and all.
    expect((await packagesLoaded(['validate', '--', MINI_SET_PATH])).has('commander')).toBe(true);
    // The control: a valid set with text to clean takes the careful road, which loads both.
    const dir = makeTempDir();
    const cleaned = join(dir, 'escape.yaml');
    writeFileSync(cleaned, readFileSync(MINI_SET_PATH, 'utf8').replace('title: Mini set', 'title: "Mini \\e[2J set"'));
    const careful = await packagesLoaded(['validate', cleaned]);
    expect(careful.has('zod') && careful.has('yaml')).toBe(true);
  });

  it('stats loads its own bundle: no commander, inquirer, zod or yaml (ts-fsrs, which it schedules with, it does)', async () => {
    const loaded = await packagesLoaded(['stats']);
    expect(loaded.has('ts-fsrs')).toBe(true);
    for (const heavy of ['commander', '@inquirer/core', 'zod', 'yaml', 'js-yaml'])
      expect(loaded.has(heavy), `stats loaded ${heavy}`).toBe(false);
    // The control: narrowed, stats goes through the full CLI, commander and all.
    expect((await packagesLoaded(['stats', '--since', '30d'])).has('commander')).toBe(true);
  });

  it('--help and --version are answered by the launcher alone, with the text commander prints', async () => {
    for (const args of [['--help'], ['-h'], ['--version'], ['-v']]) {
      expect(await packagesLoaded(args), args.join(' ')).toEqual(new Set());
    }
    const fromCommander = await runCli(['--help']);
    expect(fromCommander.code).toBe(0);
    expect((await spawnCli(['--help'])).stdout).toBe(fromCommander.stdout);
    expect((await spawnCli(['-h'])).stdout).toBe(fromCommander.stdout);
    expect((await runCli(['--version'])).stdout).toBe(`${version}\n`);
  });

  it('in a terminal, list fits each category on one line, cutting titles rather than wrapping', async () => {
    const session = spawnInPty(['list', '-s', REALBANK_PATH], { env: {}, cols: 100 });
    expect((await session.exit()).exitCode).toBe(0);
    const rows = session
      .text()
      .replace(/\r/g, '')
      .split('\n')
      .filter((line) => line.startsWith('  '));
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((line) => line.length > 100)).toEqual([]);
    expect(session.text()).toContain('random-forest');
    expect(session.text()).toMatch(/random-forest +Random forest +9 +easy 1 · medium 7 · hard 1/);
  });

  it('in a terminal, help is wrapped to its width up to 80 columns', async () => {
    const saved = readFileSync(join(ROOT, 'dist', 'help.txt'), 'utf8');
    const lines = (text: string) => text.replace(/\r/g, '').trimEnd().split('\n');
    const wide = spawnInPty(['--help'], { env: {}, cols: 120 });
    await wide.exited;
    expect(lines(wide.text())).toEqual(lines(saved));
    // (commander stops wrapping when less than 40 columns would be left for the descriptions)
    const narrow = spawnInPty(['--help'], { env: {}, cols: 76 });
    await narrow.exited;
    const narrowLines = lines(narrow.text());
    // commander wraps the options and commands; the examples after them are ours, kept under 80.
    const listing = narrowLines.slice(0, narrowLines.indexOf('Examples:'));
    expect(listing.length).toBeGreaterThan(10);
    expect(Math.max(...listing.map((line) => line.length))).toBeLessThanOrEqual(76);
    expect(Math.max(...lines(saved).map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(narrowLines.length).toBeGreaterThan(lines(saved).length);
    expect(narrow.text()).toContain('Exit codes: 0 done, 1 error, 2 usage error, 130 interrupted.');
  });
});
