import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { spawnInPty } from '../support/pty.js';
import { BIN, ROOT, spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// Answers are private: transcripts are 0600 in a 0700 folder, and no answer text is written
// anywhere but the data folder (or the file the user names with -o), not even a temporary file,
// not even when the session is interrupted (TMPDIR holds at most the code cache of the commands,
// no data). Every child runs with its own empty TMPDIR and HOME, and under umask 000, so a mode
// the code forgets to set would show as 0666 or 0777.

const modeOf = (path: string) => statSync(path).mode & 0o777;

let previousUmask = 0;
beforeAll(() => {
  previousUmask = process.umask(0o000);
  // A control: a folder made without a mode is now 0777, so the children's modes are their own doing.
  const control = join(makeTempDir('mockprep-umask-'), 'control');
  mkdirSync(control);
  expect(modeOf(control).toString(8)).toBe('777');
});
afterAll(() => {
  process.umask(previousUmask);
});

/** A fresh place for one run: HOME, TMPDIR and a data folder that does not exist yet. */
function sandbox() {
  const root = makeTempDir('mockprep-privacy-');
  const dirs = { home: join(root, 'home'), tmp: join(root, 'tmp'), data: join(root, 'data') };
  mkdirSync(dirs.home, { mode: 0o700 });
  mkdirSync(dirs.tmp, { mode: 0o700 });
  const env = { HOME: dirs.home, TMPDIR: dirs.tmp, TMP: dirs.tmp, TEMP: dirs.tmp, MOCKPREP_HOME: dirs.data, NO_COLOR: '1' };
  return { ...dirs, env };
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Checks the data folder after a session: one transcript, private, no leftovers; returns its text. */
function expectPrivateData(box: ReturnType<typeof sandbox>, options: { dataCreatedByUs?: boolean } = {}): string {
  const sessions = join(box.data, 'sessions');
  if (options.dataCreatedByUs !== false) expect(modeOf(box.data).toString(8)).toBe('700');
  expect(modeOf(sessions).toString(8)).toBe('700');
  const all = filesUnder(box.data);
  // The summary index (io/session-index.ts), when a command wrote one: private too, and it holds
  // no answer text (records are counts and names; see core/session-summary.ts).
  if (all.includes('session-index.bin')) expect(modeOf(join(box.data, 'session-index.bin')).toString(8)).toBe('600');
  const files = all.filter((file) => file !== 'session-index.bin');
  // One transcript and nothing else: no `.<id>.json.<pid>-<hex>.tmp` left by the atomic writes.
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^sessions\/\d{8}-\d{6}-[0-9a-f]{4}\.json$/);
  const transcript = join(box.data, files[0] ?? '');
  expect(modeOf(transcript).toString(8)).toBe('600');
  return readFileSync(transcript, 'utf8');
}

/** Nothing at all in the child's temp folder or home folder, so no answer text either. */
/**
 * Nothing in HOME, and in TMPDIR only the launcher's code cache (bin/mockprep.cjs, on Node
 * without a compile cache of its own): compiled code of the commands, 0600 in a 0700 folder of
 * the user's, which holds no answer text.
 */
function expectNothingElsewhere(box: ReturnType<typeof sandbox>, answer: string): void {
  const cacheFolder = `mockprep-compile-cache-${process.getuid?.()}`;
  const tmpFiles = filesUnder(box.tmp);
  for (const file of tmpFiles) {
    expect(file, box.tmp).toMatch(
      new RegExp(`^${cacheFolder}/(commands|validate|stats)-[a-z]+-[0-9a-f]{16}-[0-9a-z]+\\.[0-9a-z]+-c1-v[\\d.]+-\\w+\\.bin$`),
    );
    expect(modeOf(join(box.tmp, file)).toString(8)).toBe('600');
    expect(readFileSync(join(box.tmp, file), 'latin1')).not.toContain(answer);
  }
  if (tmpFiles.length > 0) expect(modeOf(join(box.tmp, cacheFolder)).toString(8)).toBe('700');
  expect(filesUnder(box.home), box.home).toEqual([]);
}

const answerText = (label: string) => `PRIVATE-${label}-${Math.random().toString(36).slice(2)}`;

describe('privacy of answers', () => {
  it('a completed plain-mode session: 0600 transcript in 0700 folders, nothing in TMPDIR or HOME', async () => {
    const box = sandbox();
    const answer = answerText('completed');
    const result = await spawnCli(['start', '--plain', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '2', '--order', 'in-order'], {
      env: box.env,
      input: `${answer} first line\n${answer} second line\n/done\n${answer} follow-up\n/done\n4\n${answer} two\n/done\n\n`,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const transcript = expectPrivateData(box);
    expect(transcript).toContain(`${answer} first line\\n${answer} second line`);
    expect(transcript).toContain('"status": "completed"');
    expectNothingElsewhere(box, answer);
  });

  it('SIGTERM mid-answer in plain mode: the interrupted transcript is as private, nothing left behind', async () => {
    const box = sandbox();
    const answer = answerText('sigterm');
    const child = spawn(
      process.execPath,
      [BIN, 'start', '--plain', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '2', '--order', 'in-order'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, ...box.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    const hinted = new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('Hint 1:')) resolve();
      });
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The hint is printed after the answer line is read: once it shows, the line is in the draft.
    child.stdin.write(`${answer} half an answer\n/hint\n`);
    await hinted;
    child.kill('SIGTERM');
    expect(await closed).toBe(130);
    child.stdin.destroy();
    const transcript = expectPrivateData(box);
    expect(transcript).toContain(`"answer": "${answer} half an answer"`);
    expect(transcript).toContain('"status": "interrupted"');
    expectNothingElsewhere(box, answer);
  });

  it('Ctrl-C mid-answer in a terminal: the interrupted transcript is as private, nothing left behind', async () => {
    const box = sandbox();
    const answer = answerText('ctrl-c');
    const session = spawnInPty(['start', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '2', '--order', 'in-order'], { env: box.env });
    await session.waitFor(/Your answer/);
    session.write(`${answer} first line\r`);
    session.write(`${answer} typing`);
    await session.waitFor(new RegExp(`${answer} typing`));
    session.write('\u0003');
    expect((await session.exited).exitCode).toBe(130);
    const transcript = expectPrivateData(box);
    expect(transcript).toContain(`"answer": "${answer} first line\\n${answer} typing"`);
    expect(transcript).toContain('"status": "interrupted"');
    expectNothingElsewhere(box, answer);
  });

  it('an existing data folder is left as it is, but its sessions folder is made 0700', async () => {
    const box = sandbox();
    mkdirSync(join(box.data, 'sessions'), { recursive: true, mode: 0o755 });
    expect(modeOf(join(box.data, 'sessions')).toString(8)).toBe('755');
    const answer = answerText('existing');
    const result = await spawnCli(['start', '--plain', '-s', MINI_SET_PATH, '-n', '1', '--follow-ups', '0'], {
      env: box.env,
      input: `${answer}\n/done\n\n`,
    });
    expect(result.code).toBe(0);
    expect(expectPrivateData(box, { dataCreatedByUs: false })).toContain(answer);
    // The user's own folder (it may be ~/Documents) keeps its mode.
    expect(modeOf(box.data).toString(8)).toBe('755');
    expectNothingElsewhere(box, answer);
  });

  it('exports are written 0600 where the user said, and nowhere else', async () => {
    const box = sandbox();
    const answer = answerText('export');
    const run = await spawnCli(['start', '--plain', '-s', MINI_SET_PATH, '-n', '1', '--follow-ups', '0'], {
      env: box.env,
      input: `${answer}\n/done\n\n`,
    });
    expect(run.code).toBe(0);
    const out = makeTempDir('mockprep-privacy-out-');
    const file = join(out, 'notes.md');
    expect((await spawnCli(['export', '-o', file], { env: box.env })).code).toBe(0);
    expect(modeOf(file).toString(8)).toBe('600');
    expect(readFileSync(file, 'utf8')).toContain(answer);
    const folder = join(out, 'all');
    expect((await spawnCli(['export', '--all', '--format', 'json', '-o', folder], { env: box.env })).code).toBe(0);
    expect(modeOf(folder).toString(8)).toBe('700');
    const exported = filesUnder(folder);
    expect(exported).toHaveLength(1);
    expect(modeOf(join(folder, exported[0] ?? '')).toString(8)).toBe('600');
    // Only what was asked for: no temporary file beside them, nothing in TMPDIR or HOME.
    expect(filesUnder(out)).toEqual([`all/${exported[0]}`, 'notes.md']);
    const transcript = expectPrivateData(box);
    expect(transcript).toContain(answer);
    // export --all lists the sessions through the summary index, which keeps no answer text.
    expect(readFileSync(join(box.data, 'session-index.bin'), 'latin1')).not.toContain(answer);
    expectNothingElsewhere(box, answer);
  });
});
