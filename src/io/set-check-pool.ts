import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { CheckFiles, SetFileVerdict } from './check-question-sets.js';
import type { FileStore } from './file-store.js';

// validate over many large files on a machine with cores to spare: worker threads check some of
// the files (read, parse, check, warnings: src/set-check-worker.ts) while this thread checks
// others. Parsing YAML is nearly all of validate's time, one file at a time in one thread; a file
// of 1,000 questions takes about 45 ms, a worker about 50 ms to start, so workers are started only
// for more YAML than a few such files. What comes out is the same as checking in turn: each
// file's verdict is kept at its place and read in the order of the files.

/** The worker's script: a bundle of its own beside the direct bundles (scripts/build.js). */
const SET_CHECK_WORKER = fileURLToPath(new URL('../direct/set-check-worker.cjs', import.meta.url));
/** Below this much YAML in all, the files are checked in this thread alone. */
const MIN_BYTES_PER_WORKER = 4 * 1024 * 1024;
const MAX_WORKERS = 3;
/** Files a worker holds at once: one to check and one ready, while this thread is busy with its own. */
const IN_FLIGHT = 2;

/** A request to the worker and its answer. */
export interface SetCheckRequest {
  index: number;
  file: string;
}
export interface SetCheckAnswer {
  index: number;
  verdict: SetFileVerdict;
}

/** What {@link checkFilesInWorkers} may be told: the worker's script, and when to start workers (for tests). */
export interface PoolOptions {
  script?: string;
  minBytesPerWorker?: number;
  cores?: number;
}

/**
 * A {@link CheckFiles} that checks files in worker threads too, when they are many and large
 * enough and the machine has more than one core; otherwise in turn. A worker that fails or cannot
 * start leaves the files it had to this thread, which checks them at the end as it would have.
 */
export function checkFilesInWorkers(store: Pick<FileStore, 'statAll'>, pool: PoolOptions = {}): CheckFiles {
  const script = pool.script ?? SET_CHECK_WORKER;
  return async (files, check, options) => {
    const verdicts: (SetFileVerdict | undefined)[] = files.map(() => undefined);
    let next = 0;
    const take = () => (next < files.length ? next++ : -1);
    const workers = await workerCount(files, store, script, pool);
    const runs: Promise<void>[] = [];
    if (workers > 0) {
      // Required, not imported: from the CommonJS bundle an import() would start Node's ES module loader.
      const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
      for (let i = 0; i < workers; i++) runs.push(runWorker(Worker, script, files, verdicts, take, options));
    }
    runs.push(
      (async () => {
        for (let index = take(); index >= 0; index = take()) {
          verdicts[index] = await check(files[index] as string);
          // A turn for the workers' answers, so that each gets its next file.
          if (workers > 0) await new Promise((resolve) => setImmediate(resolve));
        }
      })(),
    );
    await Promise.all(runs);
    // The files of a worker that failed (it threw, ran out of memory, exited, never started) are
    // checked here, as they would have been.
    const checked: SetFileVerdict[] = [];
    for (let i = 0; i < files.length; i++) checked.push(verdicts[i] ?? (await check(files[i] as string)));
    return checked;
  };
}

/** How many workers to start: one per few MB of YAML, leaving this thread a core, and none if there is no script (a checkout not built). */
async function workerCount(
  files: readonly string[],
  store: Pick<FileStore, 'statAll'>,
  script: string,
  pool: PoolOptions,
): Promise<number> {
  const cores = pool.cores ?? availableParallelism();
  if (files.length < 2 || cores < 2 || !existsSync(script)) return 0;
  let bytes = 0;
  for (const info of await store.statAll(files)) bytes += info?.kind === 'file' ? info.size : 0;
  return Math.min(MAX_WORKERS, cores - 1, files.length - 1, Math.floor(bytes / (pool.minBytesPerWorker ?? MIN_BYTES_PER_WORKER)));
}

/** One worker, fed files from `take` until none are left or it fails; done either way. */
function runWorker(
  WorkerClass: typeof Worker,
  script: string,
  files: readonly string[],
  verdicts: (SetFileVerdict | undefined)[],
  take: () => number,
  options: { warnings?: boolean },
): Promise<void> {
  return new Promise((resolve) => {
    let held = 0;
    let done = false;
    let worker: Worker;
    const finish = () => {
      if (done) return;
      done = true;
      // Its work is over, or it failed: either way it is not waited for.
      void worker.terminate().catch(() => {});
      resolve();
    };
    const feed = () => {
      while (held < IN_FLIGHT) {
        const index = take();
        if (index < 0) break;
        held++;
        worker.postMessage({ index, file: files[index] as string } satisfies SetCheckRequest);
      }
      if (held === 0) finish();
    };
    try {
      worker = new WorkerClass(script, { workerData: { warnings: options.warnings === true } });
    } catch {
      resolve();
      return;
    }
    worker.on('message', ({ index, verdict }: SetCheckAnswer) => {
      if (done) return;
      verdicts[index] = verdict;
      held--;
      feed();
    });
    // An answer that cannot be read, a worker that throws, runs out of memory or exits: what it
    // held is left without a verdict, and checked at the end.
    worker.on('messageerror', finish);
    worker.on('error', finish);
    worker.on('exit', finish);
    feed();
  });
}
