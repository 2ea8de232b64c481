import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { BIN, ROOT, spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

let home: string;
let env: Record<string, string>;
beforeAll(() => {
  // `mockprep` on the PATH is the built binary; the data folder holds two sessions.
  const bin = makeTempDir();
  writeFileSync(join(bin, 'mockprep'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'mockprep'), 0o755);
  home = makeTempDir();
  mkdirSync(join(home, 'sessions'));
  for (const id of ['20261120-080000-aaaa', '20261125-193012-a3f9']) writeFileSync(join(home, 'sessions', `${id}.json`), '{}');
  env = { PATH: `${bin}:${process.env.PATH}`, MOCKPREP_HOME: home, HOME: makeTempDir(), NO_COLOR: '1' };
});

async function complete(...words: string[]): Promise<string[]> {
  const run = await spawnCli(['__complete', '--', ...words], { env, cwd: ROOT });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout.split('\n').filter((line) => line !== '');
}
const values = (lines: string[]) => lines.map((line) => line.split('\t')[0]);

describe('mockprep __complete (what the shell scripts ask)', () => {
  it('completes commands with their descriptions, hiding itself', async () => {
    const lines = await complete('');
    expect(values(lines)).toEqual([
      'list',
      'validate',
      'start',
      'init',
      'import',
      'schema',
      'sessions',
      'review',
      'grade',
      'export',
      'resume',
      'stats',
      'completion',
      'help',
    ]);
    expect(lines).toContain('start\ta timed mock interview, one question at a time');
    expect(values(await complete('s'))).toEqual(['start', 'schema', 'sessions', 'stats']);
  });

  it("completes a command's options and the global ones", async () => {
    const options = values(await complete('start', '--o'));
    expect(options).toEqual(['--order', '--overtime']);
    expect(values(await complete('list', '-'))).toEqual(expect.arrayContaining(['-s', '--set', '--json', '--data-dir']));
  });

  it('completes categories, from the built-in bank or from the sets given with -s on the line', async () => {
    expect(values(await complete('start', '-c', ''))).toEqual(expect.arrayContaining(['beginner', 'advanced', 'behavioral']));
    expect(values(await complete('start', '-s', MINI_SET_PATH, '-c', ''))).toEqual(['basics', 'systems']);
    expect(await complete('list', '--set', MINI_SET_PATH, 'ba')).toEqual(['basics\tBasics']);
  });

  it('completes choices, session ids (newest first, and latest) and shells; paths are left to the shell', async () => {
    expect(values(await complete('start', '--order', ''))).toEqual(['random', 'in-order', 'due', 'weakest']);
    expect(values(await complete('review', ''))).toEqual(['latest', '20261125-193012-a3f9', '20261120-080000-aaaa']);
    expect(values(await complete('export', '20261125'))).toEqual(['20261125-193012-a3f9']);
    expect(values(await complete('completion', ''))).toEqual(['bash', 'zsh', 'fish']);
    expect(await complete('start', '-s', '')).toEqual([':files']);
    expect(await complete('import', '')).toEqual([':files']);
    expect(await complete('stats', '')).toEqual([]);
  });

  it('a bad -s on the line completes no categories rather than failing', async () => {
    expect(await complete('start', '-s', '/nowhere.yaml', '-c', '')).toEqual([]);
  });
});

describe('mockprep completion <shell>', () => {
  it('an unknown shell is a usage error', async () => {
    const run = await spawnCli(['completion', 'tcsh']);
    expect(run).toMatchObject({ code: 2, stderr: "mockprep: no completion for the shell 'tcsh': mockprep completes in bash, zsh, fish\n" });
  });

  it('bash: the script completes categories after -c', () => {
    const script = `source <(mockprep completion bash)
COMP_WORDS=(mockprep start -c adv); COMP_CWORD=3; _mockprep_complete; echo "\${COMPREPLY[*]}"
COMP_WORDS=(mockprep rev); COMP_CWORD=1; _mockprep_complete; echo "\${COMPREPLY[*]}"`;
    const run = spawnSync('bash', ['-c', script], { env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('advanced\nreview\n');
  });

  it.skipIf(!has('zsh'))('zsh: the script hands _describe the values and descriptions, and _files for paths', () => {
    const script = `compdef() {}; _describe() { print -l -- "\${(@P)\${@[-1]}}" }; _files() { print FILES }
source <(mockprep completion zsh)
words=(mockprep start -c adv); CURRENT=4; _mockprep
words=(mockprep validate ''); CURRENT=3; _mockprep`;
    const run = spawnSync('zsh', ['-f', '-c', script], { env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('advanced:Advanced\nFILES\n');
  });

  it.skipIf(!has('fish'))('fish: complete -C lists what the script completes', () => {
    const run = spawnSync(
      'fish',
      [
        '--no-config',
        '-c',
        'mockprep completion fish | source; complete -C "mockprep start -c adv"; complete -C "mockprep resume 20261125"',
      ],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('advanced\tAdvanced\n20261125-193012-a3f9\n');
  });
});

describe('mockprep help <command>', () => {
  it('shows the help of a command, an alias too', async () => {
    const help = await spawnCli(['help', 'import']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mockprep import \[options\] <file\.\.\.>/);
    expect((await spawnCli(['import', '--help'])).stdout).toBe(help.stdout);
    expect((await spawnCli(['help', 'history'])).stdout).toMatch(/^Usage: mockprep sessions\|history/);
    expect((await spawnCli(['help'])).stdout).toMatch(/^Usage: mockprep \[options\] \[command\]/);
  });

  it('an unknown command: one line with the closest, exit 2', async () => {
    const run = await spawnCli(['help', 'imprt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mockprep: no command 'imprt' \(did you mean import\?\); the commands: list, validate, start, .*, help\n$/);
  });

  it('every help text fits 80 columns', async () => {
    for (const command of ['', 'init', 'import', 'schema', 'completion', 'help']) {
      const run = await spawnCli(command ? ['help', command] : ['--help']);
      for (const line of run.stdout.split('\n')) expect(line.length, `${command}: ${line}`).toBeLessThanOrEqual(80);
    }
  });
});
