import { execFileSync, spawn } from 'node:child_process';
import { chownSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killStrayProcesses, trackProcess, within } from '../support/deadline.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';
import { IS_ROOT, makeUserTempDir, NOT_ROOT_REASON, normalUser } from '../support/normal-user.js';
import { spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// `export -o` names a path the user chose, and that path may be a device, a FIFO or a link. A
// temporary file and a rename are only for regular files and new paths: a device or a FIFO is
// written through (never replaced by a 0600 file), a link's target is written atomically in the
// target's folder (the link stays a link), a link to nothing is refused, and a full device says
// "no space left". Devices are made with mknod in a temp folder, so that a regression replaces
// that node and never the machine's /dev/null.

afterEach(killStrayProcesses);

const ID = '20261120-100000-a1b2';

/** A data folder with one completed session; owned by `owner` when given. */
function dataFolder(owner?: { uid: number; gid: number }): string {
  const home = owner ? makeUserTempDir(owner) : makeTempDir();
  const sessions = join(home, 'sessions');
  mkdirSync(sessions, { mode: 0o700 });
  const transcript = makeMiniTranscript({ now: Date.parse('2026-11-20T10:00:00Z') });
  const path = join(sessions, `${ID}.json`);
  writeFileSync(path, JSON.stringify({ ...transcript, id: ID, status: 'interrupted', endReason: 'quit' }), { mode: 0o600 });
  if (owner) {
    chownSync(sessions, owner.uid, owner.gid);
    chownSync(path, owner.uid, owner.gid);
  }
  return home;
}

const exportTo = (home: string, output: string, user?: { uid: number; gid: number }) =>
  spawnCli(['export', ID, '-o', output], { env: { MOCKPREP_HOME: home }, ...(user ? { user } : {}) });

describe('export -o onto what is not a regular file', () => {
  it('writes through a FIFO to its reader and leaves the FIFO in place', async () => {
    const dir = makeTempDir();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      read += chunk;
    });
    const untrack = trackProcess(() => reader.kill('SIGKILL'));
    const readerDone = new Promise((resolve) => reader.on('close', resolve));
    const result = await exportTo(dataFolder(), fifo);
    // Replaced by a file, the FIFO would never get a writer: its reader must not wait forever.
    await within(readerDone, 10_000, () => reader.kill('SIGKILL'));
    untrack();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(read).toMatch(/^# Mock interview: All categories/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('writes a link’s target atomically in the target’s folder; the link stays a link', async () => {
    const dir = makeTempDir();
    const targetDir = join(dir, 'notes');
    mkdirSync(targetDir);
    const target = join(targetDir, 'session.md');
    writeFileSync(target, 'old notes\n');
    const link = join(dir, 'latest.md');
    symlinkSync(target, link);
    const result = await exportTo(dataFolder(), link);
    expect(result.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toMatch(/^# Mock interview/);
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('refuses a link to nothing in one line', async () => {
    const dir = makeTempDir();
    const link = join(dir, 'dangling.md');
    symlinkSync(join(dir, 'nowhere', 'x.md'), link);
    const result = await exportTo(dataFolder(), link);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(`mockprep: cannot write ${link} (it is a dangling link, pointing to nothing)\n`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it.skipIf(!IS_ROOT)('keeps a character device a device (a null device made with mknod)', async () => {
    const dir = makeTempDir();
    const device = join(dir, 'null');
    execFileSync('mknod', [device, 'c', '1', '3']);
    const result = await exportTo(dataFolder(), device);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const info = lstatSync(device);
    expect(info.isCharacterDevice()).toBe(true);
    expect(info.mode & 0o777).not.toBe(0o600);
  });

  it.skipIf(!IS_ROOT)('says "no space left" on a full device (a full device made with mknod)', async () => {
    const dir = makeTempDir();
    const device = join(dir, 'full');
    execFileSync('mknod', [device, 'c', '1', '7']);
    const result = await exportTo(dataFolder(), device);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(`mockprep: cannot write ${device} (no space left on the device)\n`);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });
});

describe.skipIf(!IS_ROOT)(`as a normal user (skipped off root, as it ${NOT_ROOT_REASON})`, () => {
  it('-o /dev/stdout, -o /dev/null and -o /dev/full do what the device does', async () => {
    const user = normalUser();
    const home = dataFolder(user);
    const toStdout = await exportTo(home, '/dev/stdout', user);
    expect(toStdout.stderr).toBe('');
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdout).toMatch(/^# Mock interview: All categories/);
    const toNull = await exportTo(home, '/dev/null', user);
    expect(toNull).toMatchObject({ code: 0, stderr: '' });
    const toFull = await exportTo(home, '/dev/full', user);
    expect(toFull).toMatchObject({ code: 1, stdout: '', stderr: 'mockprep: cannot write /dev/full (no space left on the device)\n' });
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});
