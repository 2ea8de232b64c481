import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SetFileVerdict } from '../../src/io/check-question-sets.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { checkFilesInWorkers } from '../../src/io/set-check-pool.js';
import { makeTempDir } from '../support/temp-dir.js';

// validate's worker pool with stand-in workers (scripts written here): every file gets its own
// verdict at its own place whoever checked it, and a worker that fails or never starts leaves its
// files to this thread. The real worker is checked through the built binary (tests/e2e/validate-workers.test.ts).

/** `count` files of `size` bytes each. */
function files(count: number, size: number): string[] {
  const dir = makeTempDir();
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `set-${String(i).padStart(2, '0')}.yaml`);
    writeFileSync(file, 'x'.repeat(size));
    return file;
  });
}

/** A worker script: `body` runs on each request `{ index, file }`, with `answer(index, file)` to reply. */
function workerScript(body: string): string {
  const file = join(makeTempDir(), 'worker.cjs');
  writeFileSync(
    file,
    `const { parentPort, workerData } = require('node:worker_threads');
const answer = (index, file) => parentPort.postMessage({ index, verdict: { ok: false, problems: [{ file, line: 0, col: 0, message: 'worker ' + JSON.stringify(workerData) }] } });
let seen = 0;
parentPort.on('message', ({ index, file }) => { seen++; ${body} });
`,
  );
  return file;
}

/** The check this thread does: a little work, then its own answer. */
async function checkHere(file: string): Promise<SetFileVerdict> {
  const until = performance.now() + 3;
  while (performance.now() < until) {}
  return { ok: false, problems: [{ file, line: 0, col: 0, message: 'here' }] };
}

const whoChecked = (verdicts: SetFileVerdict[], names: string[]) =>
  // Index by index (a missing verdict is a hole that map would pass over).
  Array.from({ length: Math.max(verdicts.length, names.length) }, (_, i) => {
    const verdict = verdicts[i];
    // Each verdict sits at the place of its own file.
    expect(verdict?.ok, `verdict ${i}`).toBe(false);
    if (verdict === undefined || verdict.ok) return '';
    expect(verdict.problems[0]?.file).toBe(names[i]);
    return verdict.problems[0]?.message ?? '';
  });

const store = createNodeFileStore();
const small = { minBytesPerWorker: 1000, cores: 4 };

describe('checkFilesInWorkers', () => {
  it('shares the files between workers and this thread, each verdict at its file, with the options passed on', async () => {
    const names = files(40, 2000);
    const script = workerScript('setTimeout(() => answer(index, file), 1 + (index % 3));');
    const verdicts = await checkFilesInWorkers(store, { ...small, script })(names, checkHere, { warnings: true });
    expect(verdicts).toHaveLength(40);
    const who = whoChecked(verdicts, names);
    expect(who.filter((message) => message === 'here').length).toBeGreaterThan(0);
    expect(who.filter((message) => message === 'worker {"warnings":true}').length).toBeGreaterThan(0);
    expect(new Set(who)).toEqual(new Set(['here', 'worker {"warnings":true}']));
  });

  it('checks here what a worker held when it threw, and goes on without it', async () => {
    // Enough files (3 ms each here) for the worker to start and answer before this thread is done.
    const names = files(60, 2000);
    const script = workerScript(
      // It throws a while after its first answer, which has reached this thread by then.
      'if (seen === 1) answer(index, file); else if (seen === 2) setTimeout(() => { throw new Error("broken worker"); }, 30);',
    );
    // Two cores: one worker.
    const verdicts = await checkFilesInWorkers(store, { ...small, cores: 2, script })(names, checkHere, {});
    const who = whoChecked(verdicts, names);
    expect(who.filter((message) => message.startsWith('worker'))).toEqual(['worker {"warnings":false}']);
    expect(who.filter((message) => message === 'here')).toHaveLength(59);
  });

  it('checks here what a worker held when it exited, or never answered before it did', async () => {
    const names = files(60, 2000);
    const script = workerScript('if (seen === 1) answer(index, file); else if (seen === 2) setTimeout(() => process.exit(3), 30);');
    const verdicts = await checkFilesInWorkers(store, { ...small, cores: 2, script })(names, checkHere, {});
    const who = whoChecked(verdicts, names);
    expect(who).toHaveLength(60);
    expect(who.filter((message) => message.startsWith('worker'))).toHaveLength(1);
  });

  it('checks everything here when the worker cannot start', async () => {
    const names = files(6, 2000);
    const script = join(makeTempDir(), 'worker.cjs');
    writeFileSync(script, 'this is not JavaScript (');
    const verdicts = await checkFilesInWorkers(store, { ...small, script })(names, checkHere, {});
    expect(whoChecked(verdicts, names)).toEqual(Array(6).fill('here'));
  });

  it('starts no worker for little YAML, one file, one core, or no script (a checkout not built)', async () => {
    const script = workerScript('answer(index, file);');
    const cases: [string[], Parameters<typeof checkFilesInWorkers>[1]][] = [
      [files(6, 100), { ...small, script }],
      [files(1, 5000), { ...small, script }],
      [files(6, 2000), { ...small, cores: 1, script }],
      [files(6, 2000), { ...small, script: join(makeTempDir(), 'absent.cjs') }],
    ];
    for (const [names, pool] of cases) {
      const verdicts = await checkFilesInWorkers(store, pool)(names, checkHere, {});
      expect(whoChecked(verdicts, names)).toEqual(Array(names.length).fill('here'));
    }
    // The control: the same script does answer when the files are enough.
    const names = files(6, 2000);
    const verdicts = await checkFilesInWorkers(store, { ...small, script })(names, checkHere, {});
    expect(whoChecked(verdicts, names)).toContain('worker {"warnings":false}');
  });
});
