import { parentPort, workerData } from 'node:worker_threads';
import { checkSetFile } from './io/check-question-sets.js';
import { createNodeFileStore } from './io/file-store.js';
import type { SetCheckAnswer, SetCheckRequest } from './io/set-check-pool.js';

// A worker thread of validate (io/set-check-pool.ts): checks each set file it is sent as
// validate checks it in turn, and answers with the file's verdict (plain data, no set).

const store = createNodeFileStore();
const options = { warnings: (workerData as { warnings?: boolean } | null)?.warnings === true };

parentPort?.on('message', async ({ index, file }: SetCheckRequest) => {
  const verdict = await checkSetFile(file, store, options);
  parentPort?.postMessage({ index, verdict } satisfies SetCheckAnswer);
});
