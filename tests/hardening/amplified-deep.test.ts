import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureData, nestsDeeperThan } from '../../src/core/data-shape.js';
import { MINI_SET_PATH, makeMiniTranscript } from '../support/fixture-sets.js';
import { spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// Amplified and deep structures. A 2 MB set of 199 aliases to one long string validated, and every
// session then wrote a ~400 MB transcript; 200 KB of nested `[` in one transcript made sessions,
// stats, weakest-first and export --all fail with "internal error: Maximum call stack size
// exceeded", and 45,000 empty questions did the same to validate. Now a set's expanded text and
// each field are capped, depth is measured without recursion, lists are never spread into
// arguments, and each such file is reported by name while the rest still works.

const MINI = readFileSync(MINI_SET_PATH, 'utf8');

function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('measureData', () => {
  it('measures a hundred thousand levels without recursion, and stops at the limits', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(measureData(deep, { chars: 100, depth: 32 }).depth).toBe(33);
    const shared = 'x'.repeat(1000);
    expect(measureData({ a: [shared, shared, shared] }, { chars: 1e9, depth: 32 })).toEqual({ chars: 3001, depth: 2 });
  });
});

describe('nestsDeeperThan', () => {
  it('says what measureData says of the depth, on random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (json, max) => {
        // As JSON.parse gives it (fast-check's objects may have a null prototype or -0).
        const value: unknown = JSON.parse(JSON.stringify(json));
        expect(nestsDeeperThan(value, max)).toBe(measureData(value, { chars: Number.POSITIVE_INFINITY, depth: max }).depth > max);
      }),
      { numRuns: 2000, seed: 20261202 },
    );
  });

  it('stops at the limit: a hundred thousand levels are one answer, not a stack overflow', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = { k: [deep] };
    expect(nestsDeeperThan(deep, 16)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }], c: 'x' }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: 1 }], c: 'x' }, 2)).toBe(true);
  });
});

describe('question sets', () => {
  it('a hundred aliases of one 1.9 MB string: refused at the first alias, before anything is expanded', async () => {
    const dir = makeTempDir();
    const long = 'y'.repeat(1_900_000);
    const hints =
      '    hints:\n      - Think about the gap between what we specify and what we want.\n' +
      '      - Outer alignment is about the objective; inner alignment is about what the model learns.\n';
    expect(MINI).toContain(hints);
    const set = MINI.replace('description: A small set for tests.', `description: &long ${long}`).replace(
      hints,
      `    hints: [${Array.from({ length: 100 }, () => '*long').join(', ')}]\n`,
    );
    expect(set).toContain('*long');
    const file = write(dir, 'amplified.yaml', set);
    const result = await spawnCli(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `^${file}:\\d+:\\d+: the set's text expands to more than 4 MB through its YAML aliases; refusing to expand it\\n✖ 1 problem in 1 file\\n$`,
      ),
    );
  });

  it('one field longer than 65,536 characters is refused at its line and column', async () => {
    const dir = makeTempDir();
    const file = write(
      dir,
      'long-notes.yaml',
      MINI.replace('      Outer alignment: the objective matches intent.', `      ${'word '.repeat(14_000)}`),
    );
    const result = await spawnCli(['validate', file]);
    expect(result).toMatchObject({
      code: 1,
      stdout: `${file}:31:12: questions[0] (define-alignment).notes must be at most 65,536 characters\n✖ 1 problem in 1 file\n`,
    });
  });

  it('200 KB of nested [ is one problem by name, and the next file still validates', async () => {
    const dir = makeTempDir();
    const deep = write(dir, 'deep.yaml', `id: deep\ntitle: Deep\ncategories: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    const good = write(dir, 'good.yaml', MINI);
    const result = await spawnCli(['validate', deep, good]);
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toMatch(
      new RegExp(`^${deep}:\\d+:\\d+: nested too deeply: a question set is at most 32 levels deep\\n✖ 1 problem in 1 file\\n$`),
    );
  });

  it('45,000 empty questions: every problem listed, no internal error', async () => {
    const dir = makeTempDir();
    const file = write(
      dir,
      'many.yaml',
      `id: many\ntitle: Many\ncategories: [{id: a, title: A}]\nquestions:\n${'  - {}\n'.repeat(45_000)}`,
    );
    const result = await spawnCli(['validate', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${file}:5:5: missing required key "id" in questions[0]`);
    expect(lines.at(-1)).toBe('✖ 135000 problems in 1 file');
  }, 60_000);
});

describe('transcripts', () => {
  /** A data folder with one good, completed session (with a 100,000-line answer) and the damaged files given. */
  function dataFolder(damaged: Record<string, string | number>): { home: string; sessions: string } {
    const home = makeTempDir();
    const sessions = join(home, 'sessions');
    mkdirSync(sessions);
    const base = makeMiniTranscript({ now: Date.parse('2026-11-20T10:00:00Z') });
    const answer = Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join('\n');
    const done = {
      ...base,
      id: '20261120-100000-g00d',
      status: 'completed',
      endReason: 'finished',
      endedAt: base.startedAt,
      items: base.items.map((item, i) => ({
        ...item,
        shownAt: base.startedAt,
        finishedAt: base.startedAt,
        answer: i === 0 ? answer : 'short',
        selfRating: 2,
      })),
    };
    writeFileSync(join(sessions, '20261120-100000-g00d.json'), JSON.stringify(done));
    for (const [name, content] of Object.entries(damaged)) {
      const path = join(sessions, name);
      if (typeof content === 'number') {
        writeFileSync(path, '');
        truncateSync(path, content);
      } else writeFileSync(path, content);
    }
    return { home, sessions };
  }

  it('200 KB of nested [ and a 65 MB file are skipped by name; sessions, stats, weakest-first, review and export --all go on', async () => {
    const { home, sessions } = dataFolder({
      '20261121-100000-deep.json': `{"version": 1, "items": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
      '20261122-100000-huge.json': 65 * 1024 * 1024,
    });
    const skipped = [
      `mockprep: skipped ${join(sessions, '20261121-100000-deep.json')}: not a mockprep transcript (nested more than 16 levels deep)`,
      `mockprep: skipped ${join(sessions, '20261122-100000-huge.json')}: too large to be a transcript (65 MB; at most 64 MB)`,
    ];
    const env = { MOCKPREP_HOME: home };
    const out = makeTempDir();
    const runs: [string[], string, RegExp][] = [
      [['sessions'], '', /20261120-100000-g00d .* completed/],
      [['stats'], '', /Progress by category/],
      [['export', '--all', '-o', out], '', /Exported 1 session to/],
      [['start', '--plain', '-s', MINI_SET_PATH, '--order', 'weakest', '-n', '1', '--follow-ups', '0'], '/quit\n', /Question 1 of 1/],
    ];
    for (const [args, input, expected] of runs) {
      const result = await spawnCli(args, { env, input });
      expect(
        result.stderr.split('\n').filter((line) => line !== ''),
        args.join(' '),
      ).toEqual(skipped);
      expect(result.stdout, args.join(' ')).toMatch(expected);
      expect(result.code, args.join(' ')).toBe(args[0] === 'start' ? 130 : 0);
    }
    const review = await spawnCli(['review', '20261120'], { env });
    expect(review).toMatchObject({ code: 0, stderr: '' });
    expect(review.stdout).toContain('│ line 99999\n');
  }, 60_000);
});
