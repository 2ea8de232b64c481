import { execFileSync } from 'node:child_process';
import { chownSync } from 'node:fs';
import { makeTempDir } from './temp-dir.js';

// "As a normal user" cases: the tests run as root here (and in CI), where permissions do not
// apply; such a case runs the binary as an unprivileged user created for the purpose. Off root,
// those tests are skipped with this reason.

export const IS_ROOT = process.getuid?.() === 0;
export const NOT_ROOT_REASON = 'needs root to run the binary as a normal user (useradd, then spawn with uid/gid)';

const NAME = 'mockprep-tester';
let user: { uid: number; gid: number } | undefined;

/** The unprivileged user (created once with useradd when missing). Only as root. */
export function normalUser(): { uid: number; gid: number } {
  if (user) return user;
  try {
    execFileSync('id', ['-u', NAME], { stdio: 'ignore' });
  } catch {
    try {
      execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', NAME], { stdio: 'ignore' });
    } catch {
      // Another test process may have created it just now: `id` below says.
    }
  }
  const id = (flag: string) => Number(execFileSync('id', [flag, NAME], { encoding: 'utf8' }).trim());
  user = { uid: id('-u'), gid: id('-g') };
  return user;
}

/** A temp folder owned by the normal user (mode 0700), for its HOME and data folder. */
export function makeUserTempDir(owner: { uid: number; gid: number }): string {
  const dir = makeTempDir();
  chownSync(dir, owner.uid, owner.gid);
  return dir;
}
