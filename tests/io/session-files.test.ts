import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionsDir, transcriptPath } from '../../src/io/session-files.js';

describe('transcriptPath', () => {
  it('is path.join of the sessions folder and `<id>.json`, for any data folder and id, asked in any order', () => {
    const piece = fc.constantFrom('a', 'b', '.', '..', '/', '//', '-', '2026', ' ', 'é');
    const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 6 }), (pairs) => {
        for (const [dataDir, id] of pairs) expect(transcriptPath(dataDir, id)).toBe(join(sessionsDir(dataDir), `${id}.json`));
      }),
      { numRuns: 2000 },
    );
  });
});
