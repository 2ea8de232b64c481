import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the system temp dir; tests never write to the real home folder. */
export function makeTempDir(prefix = 'mockprep-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
