import { spawn } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killStrayProcesses, trackProcess, within } from '../support/deadline.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { IS_ROOT, makeUserTempDir, NOT_ROOT_REASON, normalUser } from '../support/normal-user.js';
import { confirmChecklist, spawnInPty } from '../support/pty.js';
import { BIN, ROOT, spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// One line, never a stack trace: a data folder that is a file (ENOTDIR), a sessions folder the
// user may not read (EACCES), a 5,000-character path (ENAMETOOLONG), stdout failing (a full
// disk under a redirection), an endless stdin line; and a signal at the last rating, which used
// to end with exit 0 as if the session had run to its end, exits 130 with every answer kept.

afterEach(killStrayProcesses);

const START = ['start', '--plain', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '1', '--order', 'in-order', '--follow-ups', '0'];
const COMMANDS = [
  ['sessions'],
  ['stats'],
  ['review'],
  ['export'],
  ['export', '--all', '-o', join(makeTempDir(), 'out')],
  ['resume', '--plain'],
  START,
];

/** Exactly one line on stderr, starting with "mockprep: " and never an internal error or a stack trace. */
function expectOneLine(stderr: string, where: string, reason: string): void {
  expect(stderr, where).toMatch(/^mockprep: [^\n]+\n$/);
  expect(stderr, where).not.toContain('internal error');
  expect(stderr, where).toContain(reason);
}

describe('a data folder the file system refuses', () => {
  it.each([
    [
      'is a file (ENOTDIR)',
      () => {
        const file = join(makeTempDir(), 'data');
        writeFileSync(file, 'not a folder');
        return file;
      },
      'a part of the path is not a folder',
    ],
    ['has a 5,000-character name (ENAMETOOLONG)', () => join(makeTempDir(), 'a'.repeat(5000)), 'the name is too long'],
  ])(
    '%s: every command says so in one line',
    async (_name, make, reason) => {
      const dataDir = make();
      for (const args of COMMANDS) {
        const result = await spawnCli(['--data-dir', dataDir, ...args], { input: 'an answer\n/done\n' });
        expect(result.code, args.join(' ')).toBe(1);
        expectOneLine(result.stderr, args.join(' '), reason);
      }
    },
    60_000,
  );

  it.skipIf(!IS_ROOT)(
    `a sessions folder the user may not read (EACCES; skipped off root, as it ${NOT_ROOT_REASON})`,
    async () => {
      const user = normalUser();
      const home = makeUserTempDir(user);
      mkdirSync(join(home, 'sessions'), { mode: 0o700 });
      // Owned by root, mode 0700: the normal user may not list it.
      for (const args of COMMANDS.filter((command) => command[0] !== 'start')) {
        const result = await spawnCli(args, { env: { MOCKPREP_HOME: home, HOME: home }, user, input: '' });
        expect(result.code, args.join(' ')).toBe(1);
        expectOneLine(result.stderr, args.join(' '), 'permission denied');
      }
      chmodSync(join(home, 'sessions'), 0o700);
    },
    60_000,
  );
});

/** Runs the binary with stdout on `stdoutPath` (a file or a device). */
async function runWithStdout(args: string[], stdoutPath: string, options: { env?: Record<string, string>; input?: string } = {}) {
  const fd = openSync(stdoutPath, 'w');
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: makeTempDir(), MOCKPREP_HOME: makeTempDir(), ...options.env },
    stdio: ['pipe', fd, 'pipe'],
  });
  closeSync(fd);
  const untrack = trackProcess(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin?.on('error', () => {});
  child.stdin?.end(options.input ?? '');
  const code = await within(new Promise<number | null>((resolve) => child.on('close', resolve)), 30_000, () => child.kill('SIGKILL'));
  untrack();
  return { code, stderr };
}

describe('stdout that fails', () => {
  it('sessions > /dev/full: one line, exit 1', async () => {
    const home = makeTempDir();
    await spawnCli(START, { env: { MOCKPREP_HOME: home }, input: 'an answer\n/done\n\n' });
    const result = await runWithStdout(['sessions'], '/dev/full', { env: { MOCKPREP_HOME: home } });
    expect(result).toEqual({ code: 1, stderr: 'mockprep: cannot write the output (no space left on the device)\n' });
  });

  it('a plain interview redirected to a full disk: one line, exit 1, and every answer in the transcript', async () => {
    const home = makeTempDir();
    const result = await runWithStdout(START, '/dev/full', {
      env: { MOCKPREP_HOME: home },
      input: 'typed while the disk was full\n/done\n4\n',
    });
    expect(result).toEqual({ code: 1, stderr: 'mockprep: cannot write the output (no space left on the device)\n' });
    const [file = ''] = readdirSync(join(home, 'sessions')).filter((name) => name.endsWith('.json'));
    const transcript = JSON.parse(readFileSync(join(home, 'sessions', file), 'utf8'));
    expect(transcript.status).toBe('completed');
    expect(transcript.items[0]).toMatchObject({ answer: 'typed while the disk was full', selfRating: 4 });
  });
});

describe('an endless input line', () => {
  it('keeps the first mebibyte of the line, says so in one line, and goes on', async () => {
    const home = makeTempDir();
    const line = 'x'.repeat(5 * 1024 * 1024);
    const result = await spawnCli(START, { env: { MOCKPREP_HOME: home, NO_COLOR: '1' }, input: `${line}\nthe next line\n/done\n3\n` });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('mockprep: an input line was longer than 1 MiB: its first 1 MiB is kept, the rest of that line dropped\n');
    const [file = ''] = readdirSync(join(home, 'sessions')).filter((name) => name.endsWith('.json'));
    const transcript = JSON.parse(readFileSync(join(home, 'sessions', file), 'utf8'));
    expect(transcript.items[0].answer).toBe(`${'x'.repeat(1024 * 1024)}\nthe next line`);
    expect(transcript.items[0].selfRating).toBe(3);
  }, 60_000);
});

describe('a signal at the last rating', () => {
  it('SIGTERM while the last answer waits for its rating: exit 130, the session completed with every answer', async () => {
    const home = makeTempDir();
    const child = spawn(process.execPath, [BIN, ...START], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: makeTempDir(), MOCKPREP_HOME: home, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const untrack = trackProcess(() => child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    const rating = new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('[rate your answer 1-5')) resolve();
      });
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdin.write('the only answer\n/done\n');
    await within(rating, 15_000, () => child.kill('SIGKILL'));
    child.kill('SIGTERM');
    const code = await within(new Promise((resolve) => child.on('close', resolve)), 15_000, () => child.kill('SIGKILL'));
    untrack();
    expect(code).toBe(130);
    expect(stderr).toBe('mockprep: stopped at the rating: every answer is saved; the session is complete\n');
    const [file = ''] = readdirSync(join(home, 'sessions')).filter((name) => name.endsWith('.json'));
    const transcript = JSON.parse(readFileSync(join(home, 'sessions', file), 'utf8'));
    expect(transcript.status).toBe('completed');
    expect(transcript.items[0].answer).toBe('the only answer');
  });

  it('Ctrl-C at the last rating on a terminal: exit 130', async () => {
    const home = makeTempDir();
    const session = spawnInPty(
      START.filter((arg) => arg !== '--plain'),
      { env: { MOCKPREP_HOME: home } },
    );
    await session.waitFor(/Your answer/);
    session.write('the only answer');
    await session.waitFor(/the only answer/);
    session.write('\u0013');
    await confirmChecklist(session);
    await session.waitFor(/Rate your answer 1–5/);
    session.write('\u0003');
    expect((await session.exit()).exitCode).toBe(130);
    const [file = ''] = readdirSync(join(home, 'sessions')).filter((name) => name.endsWith('.json'));
    expect(JSON.parse(readFileSync(join(home, 'sessions', file), 'utf8')).items[0].answer).toBe('the only answer');
  });
});
