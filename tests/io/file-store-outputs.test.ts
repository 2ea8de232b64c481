import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeFileStore, WriteFailure } from '../../src/io/file-store.js';
import { makeTempDir } from '../support/temp-dir.js';

// FileStore.writeOutputs (export --all): every file durably in place, or, at the first failure in
// the order given, a WriteFailure naming that file and no temporary file left behind.

const TOO_LONG = 'x'.repeat(300);

async function failureOf(promise: Promise<unknown>): Promise<WriteFailure> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof WriteFailure)) throw new Error(`expected a WriteFailure, got ${String(error)}`);
  return error;
}

describe('writeOutputs', () => {
  it('writes each file whole, with the mode asked for, and leaves no temporary file', async () => {
    const dir = makeTempDir();
    const files = Array.from({ length: 70 }, (_, i) => ({ path: join(dir, `s${i}.md`), text: `session ${i}\n`.repeat(i + 1) }));
    await createNodeFileStore().writeOutputs(files, { mode: 0o600 });
    expect(readdirSync(dir).sort()).toEqual(files.map((file) => file.path.slice(dir.length + 1)).sort());
    for (const file of files) {
      expect(readFileSync(file.path, 'utf8')).toBe(file.text);
      expect(statSync(file.path).mode & 0o777).toBe(0o600);
    }
  });

  it.each([
    ['one file that cannot be created', [1], 1],
    ['two: the first in order is named', [3, 1], 1],
    ['the last one', [4], 4],
  ])('%s: a WriteFailure naming it, and nothing of the batch left', async (_name, failing, named) => {
    const dir = makeTempDir();
    const files = Array.from({ length: 5 }, (_, i) => ({
      path: join(dir, failing.includes(i) ? `${TOO_LONG}${i}` : `s${i}.md`),
      text: 'x',
    }));
    const failure = await failureOf(createNodeFileStore().writeOutputs(files));
    expect(failure.path).toBe(files[named]?.path);
    expect((failure.cause as NodeJS.ErrnoException).code).toBe('ENAMETOOLONG');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('renames after the batch before it (`after`), and writes nothing when that batch failed', async () => {
    const dir = makeTempDir();
    const store = createNodeFileStore();
    const files = (from: number) =>
      Array.from({ length: 4 }, (_, i) => ({ path: join(dir, `s${from + i}.md`), text: `session ${from + i}\n` }));
    // The earlier batch succeeds only once this one has been fsynced: this one waits for it.
    let release: () => void = () => {};
    const earlier = new Promise<void>((resolve) => {
      release = resolve;
    });
    const later = store.writeOutputs(files(4), { mode: 0o600, after: earlier });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readdirSync(dir).filter((name) => !name.endsWith('.tmp'))).toEqual([]);
    release();
    await later;
    expect(readdirSync(dir).sort()).toEqual(['s4.md', 's5.md', 's6.md', 's7.md']);

    // A failed batch before: its failure is thrown as it is, nothing of this one is left.
    const failedBefore = new WriteFailure(join(dir, 'elsewhere.md'), new Error('disk full'));
    const other = makeTempDir();
    const thrown = await store.writeOutputs([{ path: join(other, 'a.md'), text: 'a' }], { after: Promise.reject(failedBefore) }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(thrown).toBe(failedBefore);
    expect(readdirSync(other)).toEqual([]);
  });
});
