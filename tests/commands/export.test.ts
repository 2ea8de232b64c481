import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tokens } from 'marked';
import { lexer } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { runCli } from '../support/run-cli.js';
import { buildSessionFixtures, IDS, TRICKY_ANSWER } from '../support/session-fixtures.js';
import { makeTempDir } from '../support/temp-dir.js';

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

const exportCli = (args: string[], home = fixtures) => runCli(['export', ...args], { env: { MOCKPREP_HOME: home, TZ: 'UTC' } });

describe('mockprep export', () => {
  it('writes a markdown document to stdout whose answers parse back exactly as typed', async () => {
    const result = await exportCli([IDS.completed]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const tokens = lexer(result.stdout);
    expect(tokens.filter((token): token is Tokens.Heading => token.type === 'heading').map((token) => token.text)).toEqual([
      'Mock interview: Basics',
      'Summary',
      'Question 1 of 2: define-alignment',
      'Question 2 of 2: reward-model',
    ]);
    expect(tokens.filter((token): token is Tokens.Code => token.type === 'code').map((token) => token.text)).toEqual([
      `Outer alignment asks whether the objective we wrote matches what we meant; a proxy optimised too hard drifts from it (Goodhart).\n${TRICKY_ANSWER}`,
      'Probe the activations: ```ts\ncode\n```',
      'Reward hacking: the policy games the scorer',
    ]);
    expect(result.stdout).toContain('- **Date:** 2026-11-20 10:00 UTC\n');
  });

  it('--format json prints the transcript itself, valid and complete', async () => {
    const result = await exportCli([IDS.interrupted.slice(0, 10), '--format', 'json']);
    expect(result.code).toBe(0);
    const exported = transcriptSchema.parse(JSON.parse(result.stdout));
    const onDisk = transcriptSchema.parse(JSON.parse(readFileSync(join(fixtures, 'sessions', `${IDS.interrupted}.json`), 'utf8')));
    expect(exported).toEqual(onDisk);
    expect((await exportCli(['--format', 'pdf'])).code).toBe(2);
  });

  it('-o writes a private file (or into a folder) and says where', async () => {
    const out = makeTempDir();
    const file = join(out, 'notes.md');
    const result = await exportCli(['latest', '-o', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Exported session ${IDS.plain} to ${file}\n`);
    expect(readFileSync(file, 'utf8')).toMatch(/^# Mock interview: Basics\n/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const intoFolder = await exportCli([IDS.completed, '--format', 'json', '-o', out]);
    expect(intoFolder.stdout).toBe(`Exported session ${IDS.completed} to ${join(out, `${IDS.completed}.json`)}\n`);
    expect(JSON.parse(readFileSync(join(out, `${IDS.completed}.json`), 'utf8')).id).toBe(IDS.completed);
  });

  it('--all -o <folder> writes one file per readable session, reporting the rest', async () => {
    const folder = join(makeTempDir(), 'exports');
    const result = await exportCli(['--all', '-o', folder]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Exported 4 sessions to ${folder}\n`);
    expect(result.stderr.trim().split('\n')).toHaveLength(3);
    expect(readdirSync(folder).sort()).toEqual([IDS.completed, IDS.everything, IDS.interrupted, IDS.plain].map((id) => `${id}.md`).sort());
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const json = await exportCli(['--all', '--format', 'json', '-o', folder]);
    expect(json.code).toBe(0);
    expect(readdirSync(folder)).toHaveLength(8);
  });

  it.each([
    [['--all'], 2, 'mockprep: --all writes one file per session: name a folder with -o <folder>\n'],
    [['--all', IDS.plain, '-o', '/tmp'], 2, 'mockprep: --all exports every session: give either an id or --all, not both\n'],
    [
      [IDS.plain, '-o', '/nonexistent-folder-for-mockprep/x/out.md'],
      1,
      'mockprep: cannot write /nonexistent-folder-for-mockprep/x/out.md (no such file or folder)\n',
    ],
    [['nope'], 2, 'mockprep: no session "nope". See them all with: mockprep sessions\n'],
  ])('%j exits %i', async (args, code, stderr) => {
    const result = await exportCli(args);
    expect(result).toMatchObject({ code, stderr });
  });

  it('refuses --all into a path that is a file', async () => {
    const file = join(makeTempDir(), 'a-file');
    writeFileSync(file, '');
    const result = await exportCli(['--all', '-o', file]);
    expect(result).toMatchObject({
      code: 2,
      stderr: `mockprep: ${file} is not a folder; --all writes one file per session into a folder\n`,
    });
  });

  it('with no readable session, --all fails (exit 1) after naming every bad file', async () => {
    const home = makeTempDir();
    mkdirSync(join(home, 'sessions'));
    writeFileSync(join(home, 'sessions', 'x.json'), '{');
    const result = await exportCli(['--all', '-o', join(home, 'out')], home);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mockprep: skipped .*x\.json: not valid JSON .*\nmockprep: no transcript in .* could be read\n$/);
  });
});
