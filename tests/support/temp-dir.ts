import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
// Test folders hold practice answers too: remove them when the test process ends.
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system temp dir, removed at exit; tests never write to the real home folder. */
export function makeTempDir(prefix = 'mockprep-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

let childTmp: string | undefined;
/**
 * The TMPDIR of the CLI processes a test file starts, one for the test process: what they leave
 * there (the launcher's code cache) is theirs alone, never the system's temporary folder's.
 */
export function childTempDir(): string {
  childTmp ??= makeTempDir('mockprep-tmpdir-');
  return childTmp;
}
