import { describe, expect, it } from 'vitest';
import { createOutput } from '../../src/io/output.js';
import { startProgress } from '../../src/io/progress.js';

const written: string[] = [];
const stream = (shape: { isTTY?: boolean; columns?: number }) => ({ ...shape, write: (text: string) => written.push(text) });

describe('startProgress', () => {
  it.each([
    ['not a terminal', stream({ isTTY: false }), {}],
    ['a terminal reporting 0 columns (ora would loop forever)', stream({ isTTY: true, columns: 0 }), {}],
    ['CI', stream({ isTTY: true, columns: 80 }), { CI: 'true' }],
    ['TERM=dumb', stream({ isTTY: true, columns: 80 }), { TERM: 'dumb' }],
  ])('draws nothing on %s', async (_name, target, env) => {
    written.length = 0;
    const progress = await startProgress(createOutput(target), 'Exporting 3 sessions…', env);
    progress.update('Exporting sessions… 2 of 3');
    progress.stop();
    expect(written).toEqual([]);
  });
});
