import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// The plain-mode examples the README and `start --help` show, run exactly as written (through
// sh, with `npx mockprep` and `mockprep` meaning the built binary): each must run a whole
// interview to the end.

const run = promisify(execFile);

async function runExample(example: string) {
  const home = makeTempDir();
  const shims = `npx() { shift; node "${BIN}" "$@"; }; mockprep() { node "${BIN}" "$@"; };`;
  const result = await run('/bin/sh', ['-c', `${shims}\n${example}`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: home, MOCKPREP_HOME: home, NO_COLOR: '1' },
    timeout: 60_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? -1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
  const sessions = join(home, 'sessions');
  const files = readdirSync(sessions);
  const transcripts = files.map(
    (file) => JSON.parse(readFileSync(join(sessions, file), 'utf8')) as { status: string; items: { answer: string }[] },
  );
  return { ...result, transcripts };
}

describe('the documented plain-mode examples', () => {
  it("the README's runs a whole interview: exit 0, a completed session, every answer kept", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Plain mode'));
    const example = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    expect(example).toContain('mockprep start --plain');
    const { code, stderr, transcripts } = await runExample(example);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(transcripts).toHaveLength(1);
    expect(transcripts[0]?.status).toBe('completed');
    expect(transcripts[0]?.items.map((item) => item.answer)).toEqual(['Alignment is about the objective...', 'Safety is broader...']);
  });

  it("start --help's shows \\n as typed, and runs a whole interview", async () => {
    const help = await run(process.execPath, [BIN, 'start', '--help'], { cwd: ROOT });
    const line = help.stdout.split('\n').find((row) => row.includes('$ printf')) ?? '';
    expect(line).toContain("printf 'my answer\\n/done\\n' | mockprep start --plain");
    const { code, transcripts } = await runExample(line.replace(/^\s*\$ /, ''));
    expect(code).toBe(0);
    expect(transcripts[0]?.status).toBe('completed');
    expect(transcripts[0]?.items.map((item) => item.answer)).toEqual(['my answer']);
  });
});
