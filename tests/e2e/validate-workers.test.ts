import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// validate over more YAML than a few large files: the built binary checks some files in a worker
// thread (src/io/set-check-pool.ts) and must say exactly what checking them in turn says (the
// in-process run: from the sources there is no worker script, so it checks in turn). The folder
// holds every kind of finding: problems of the careful road, a syntax error, warnings, a
// duplicate set id, cross-set references that hold and one that does not.

const TRACE = fileURLToPath(new URL('../support/trace-imports.mjs', import.meta.url));

/** A set file of `count` questions (about 900 bytes each); `extra` is added to question `at`. */
function setFile(id: string, count: number, options: { at?: number; extra?: string; keywords?: string } = {}): string {
  const lines = [`id: ${id}`, `title: Set ${id}`, 'categories:', '  - id: general', '    title: General', 'questions:'];
  for (let i = 0; i < count; i++) {
    lines.push(
      `  - id: q${i}`,
      '    category: general',
      `    difficulty: ${['easy', 'medium', 'hard'][i % 3]}`,
      '    kind: conceptual',
      '    tags: [generated, workers]',
      '    time: 3m',
      `    prompt: Question ${i} of ${id}. Explain the trade-offs involved in the design and give an example from practice.`,
      '    hints:',
      '      - Start from the definition, then narrow it down to the case at hand.',
      '      - Then give a concrete example that shows the trade-off at work.',
      '    keyPoints:',
      '      - point: Defines the term precisely',
      `        keywords: ${options.keywords ?? '[definition, defined as, what it means]'}`,
      '      - point: Gives an example from practice',
      '        keywords: [for instance, such as, a concrete case]',
      '      - point: Names the cost of each choice',
      '        keywords: [costs more, slower, uses more memory]',
    );
    if (i === options.at && options.extra) lines.push(options.extra);
  }
  return `${lines.join('\n')}\n`;
}

let dir: string;
beforeAll(() => {
  dir = join(makeTempDir(), 'sets');
  mkdirSync(dir);
  const files: Record<string, string> = {
    // Large clean files, to make more than the 4 MB a worker is started for.
    'a-clean.yaml': setFile('alpha', 1500),
    // The careful road (the yaml package's Document API) is slow: small files take it.
    'b-warnings.yaml': setFile('beta', 60, { keywords: '[the, defined as]', at: 3, extra: '    related: [delta/q5, delta/q9999]' }),
    'c-problem.yaml': setFile('gamma', 60, { at: 30, extra: '    bogus: true' }).replace('difficulty: easy', 'difficulty: extreme'),
    'd-clean.yaml': setFile('delta', 1500, { at: 7, extra: '    related: [alpha/q1]' }),
    'e-duplicate.yaml': setFile('alpha', 1500),
    'f-syntax.yaml': `${setFile('epsilon', 40)}  - id: [unclosed\n`,
    'g-clean.yaml': setFile('zeta', 1500),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'notes.txt'), 'not a set');
});

describe('validate with worker threads', () => {
  it.skipIf(availableParallelism() < 2)(
    'says what checking in turn says, text, --json and --strict, and a worker did check files',
    async () => {
      for (const flags of [[], ['--json'], ['--strict']]) {
        const args = ['validate', ...flags, dir];
        const inTurn = await runCli(args);
        const built = await spawnCli(args, { env: { NODE_OPTIONS: `--import=${TRACE}` } });
        const label = args.join(' ');
        const traced = built.stderr.split('\n').filter((line) => line.startsWith('import: '));
        expect(
          traced.some((line) => line.endsWith('/dist/direct/set-check-worker.cjs')),
          label,
        ).toBe(true);
        expect(built.code, label).toBe(inTurn.code);
        expect(built.stdout, label).toBe(inTurn.stdout);
        expect(
          built.stderr
            .split('\n')
            .filter((line) => !line.startsWith('import: '))
            .join('\n'),
          label,
        ).toBe(inTurn.stderr);
      }
      // What the folder holds, so that the comparison covers every kind of finding.
      const json = JSON.parse((await runCli(['validate', '--json', dir])).stdout) as {
        files: number;
        sets: number;
        problems: { file: string; message: string }[];
        warnings: { file: string; message: string }[];
      };
      expect(json).toMatchObject({ files: 7, sets: 4 });
      const messages = json.problems.map((problem) => `${problem.file.split('/').at(-1)}: ${problem.message}`);
      expect(messages.some((line) => line.startsWith('c-problem.yaml: ') && /difficulty/.test(line))).toBe(true);
      expect(messages.some((line) => line.startsWith('e-duplicate.yaml: duplicate set id "alpha"'))).toBe(true);
      expect(messages.some((line) => line.startsWith('f-syntax.yaml: '))).toBe(true);
      expect(messages.some((line) => line.startsWith('b-warnings.yaml: ') && line.includes('delta/q9999'))).toBe(true);
      expect(messages.some((line) => line.includes('delta/q5') || line.includes('alpha/q1'))).toBe(false);
      expect(json.warnings.length).toBeGreaterThanOrEqual(120);
      expect(new Set(json.warnings.map((warning) => warning.file.split('/').at(-1)))).toEqual(new Set(['b-warnings.yaml']));
    },
    60_000,
  );

  it('starts no worker for a small folder (the built-in bank)', async () => {
    const built = await spawnCli(['validate', fileURLToPath(new URL('../../questions', import.meta.url))], {
      env: { NODE_OPTIONS: `--import=${TRACE}` },
    });
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/import: .*\/dist\/direct\/validate\.cjs/);
    expect(built.stderr).not.toMatch(/set-check-worker/);
  });
});
