import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSessionIndex, summarizeSession } from '../../src/core/session-summary.js';
import type { FileStore } from '../../src/io/file-store.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { isProblem, readAllSessions } from '../../src/io/read-sessions.js';
import { readSessionIndex, sessionIndexPath } from '../../src/io/session-index.js';
import { buildSessionFixtures, copySessionFixtures, IDS } from '../support/session-fixtures.js';
import { changeIndex } from '../support/session-index-bytes.js';

// The summary index (io/session-index.ts) over a real data folder: it must give what reading
// every transcript gives, read only what is new or changed, and never be needed (missing,
// damaged, from another version, unwritable: the same answers, silently).

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

/** Far enough after the files' times that none is "too fresh to trust". */
const LATER = () => Date.now() + 60_000;

/** A node store that counts the transcripts it reads in full. */
function countingStore(base: FileStore = createNodeFileStore()) {
  const reads: string[] = [];
  const store: FileStore = {
    ...base,
    readText: async (path) => {
      const name = /\/sessions\/([^/]+\.json)$/.exec(path)?.[1];
      if (name !== undefined) reads.push(name);
      return base.readText(path);
    },
  };
  return { store, reads };
}

/** What a full read gives, in the index's terms: records newest first and the problems. */
async function fullRead(dataDir: string) {
  const { sessions, problems } = await readAllSessions(dataDir, createNodeFileStore());
  return {
    records: sessions.map((session) => ({ ...summarizeSession(session.transcript), running: Boolean(session.running) })),
    problems,
  };
}

async function indexRead(dataDir: string, store: FileStore = createNodeFileStore(), now = LATER()) {
  const indexed = await readSessionIndex(dataDir, store, now);
  return { records: indexed.sessions.map((session) => ({ ...session.record, running: session.running })), problems: indexed.problems };
}

const transcriptFile = (home: string, id: string) => join(home, 'sessions', `${id}.json`);

describe('the summary index', () => {
  it('gives exactly what reading every transcript gives, damaged files reported the same, first run and later', async () => {
    const home = copySessionFixtures(fixtures);
    const expected = await fullRead(home);
    expect(expected.problems.length).toBeGreaterThan(0);
    const first = countingStore();
    expect(await indexRead(home, first.store)).toEqual(expected);
    expect(first.reads.length).toBeGreaterThan(0);
    expect(parseSessionIndex(readFileSync(sessionIndexPath(home)))?.size).toBeGreaterThan(0);
    const second = countingStore();
    expect(await indexRead(home, second.store)).toEqual(expected);
    // Nothing changed: no transcript is read (the damaged ones neither: their problem is kept with their stamp).
    expect(second.reads).toEqual([]);
  });

  it('reads a new transcript, and only that one', async () => {
    const home = copySessionFixtures(fixtures);
    await indexRead(home);
    const text = readFileSync(transcriptFile(home, IDS.completed), 'utf8');
    const newId = '20261125-100000-beef';
    writeFileSync(transcriptFile(home, newId), text.replace(`"id": "${IDS.completed}"`, `"id": "${newId}"`));
    const counting = countingStore();
    const after = await indexRead(home, counting.store);
    expect(counting.reads).toEqual([`${newId}.json`]);
    expect(after).toEqual(await fullRead(home));
    expect(after.records.map((record) => record.id)).toContain(newId);
  });

  it('reads a transcript again when its size or its modification time changed', async () => {
    const home = copySessionFixtures(fixtures);
    await indexRead(home);
    const path = transcriptFile(home, IDS.interrupted);
    const text = readFileSync(path, 'utf8');
    // Same size, other content, written in place (the same inode): only the times tell.
    const edited = text.replace('"status": "interrupted"', '"status":   "completed"');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    const before = statSync(path);
    writeFileSync(path, edited);
    expect(statSync(path).ino).toBe(before.ino);
    utimesSync(path, before.atime, new Date(before.mtimeMs + 5000));
    const counting = countingStore();
    const after = await indexRead(home, counting.store);
    expect(counting.reads).toEqual([`${IDS.interrupted}.json`]);
    expect(after.records.find((record) => record.id === IDS.interrupted)?.status).toBe('completed');
    expect(after).toEqual(await fullRead(home));
    // Then a change of size.
    writeFileSync(path, `${text}\n`);
    const again = countingStore();
    expect(await indexRead(home, again.store)).toEqual(await fullRead(home));
    expect(again.reads).toEqual([`${IDS.interrupted}.json`]);
  });

  it('drops a deleted transcript, and a damaged file once mended is read again', async () => {
    const home = copySessionFixtures(fixtures);
    await indexRead(home);
    rmSync(transcriptFile(home, IDS.plain));
    writeFileSync(transcriptFile(home, IDS.damaged), readFileSync(transcriptFile(home, IDS.completed), 'utf8'));
    const after = await indexRead(home);
    expect(after).toEqual(await fullRead(home));
    expect(after.records.map((record) => record.id)).not.toContain(IDS.plain);
    expect(after.records.map((record) => record.id)).toContain(IDS.damaged);
    const names = parseSessionIndex(readFileSync(sessionIndexPath(home)))
      ?.entries()
      .map((entry) => entry.name);
    expect(names).not.toContain(`${IDS.plain}.json`);
  });

  it.each([
    ['missing', null],
    ['empty', () => new Uint8Array()],
    ['not what it should be', () => new TextEncoder().encode('garbage\n')],
    ['cut short', (bytes: Uint8Array) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    [
      'from another version',
      (bytes: Uint8Array) =>
        changeIndex(bytes, ({ head }) => {
          head.version = 999;
        }),
    ],
    [
      'for another transcript version',
      (bytes: Uint8Array) =>
        changeIndex(bytes, ({ head }) => {
          head.transcriptVersion = 7;
        }),
    ],
    [
      'of the text layout before it',
      () => new TextEncoder().encode('{"format":"mockprep-session-index","version":2,"transcriptVersion":1,"strings":[]}\n'),
    ],
    [
      'edited into another shape',
      (bytes: Uint8Array) =>
        changeIndex(bytes, ({ table }) => {
          table[0] = 7;
        }),
    ],
    [
      'pointing at strings it has not',
      (bytes: Uint8Array) =>
        changeIndex(bytes, ({ head }) => {
          head.strings = [];
        }),
    ],
  ] as const)('is rebuilt silently when %s', async (_name, damage) => {
    const home = copySessionFixtures(fixtures);
    const expected = await fullRead(home);
    await indexRead(home);
    const path = sessionIndexPath(home);
    const good = readFileSync(path);
    expect(parseSessionIndex(good)).not.toBeNull();
    if (damage === null) rmSync(path);
    else writeFileSync(path, damage(good));
    if (damage !== null) expect(parseSessionIndex(readFileSync(path))).toBeNull();
    expect(await indexRead(home)).toEqual(expected);
    expect(parseSessionIndex(readFileSync(path))).not.toBeNull();
  });

  it('works, read-only, when the index cannot be written (no crash, the same answers)', async () => {
    const home = copySessionFixtures(fixtures);
    const expected = await fullRead(home);
    // A folder where the index would go: the rename onto it fails, even for root.
    mkdirSync(sessionIndexPath(home));
    expect(await indexRead(home)).toEqual(expected);
    expect(await indexRead(home)).toEqual(expected);
    // A store whose every write fails like a read-only file system.
    rmSync(sessionIndexPath(home), { recursive: true });
    const readOnly: FileStore = {
      ...createNodeFileStore(),
      writeAtomic: async () => {
        throw Object.assign(new Error('EROFS'), { code: 'EROFS' });
      },
    };
    expect(await indexRead(home, readOnly)).toEqual(expected);
    // And a data folder without write permission (as a normal user would see it).
    chmodSync(home, 0o500);
    try {
      expect(await indexRead(home)).toEqual(expected);
    } finally {
      chmodSync(home, 0o700);
    }
  });

  it('does not trust files changed moments ago: they are read again next time', async () => {
    const home = copySessionFixtures(fixtures);
    const newest = Math.max(...['completed', 'plain'].map((key) => statSync(transcriptFile(home, IDS[key as 'completed'])).mtimeMs));
    await indexRead(home, createNodeFileStore(), newest + 1000);
    const counting = countingStore();
    await indexRead(home, counting.store, newest + 1000);
    expect(counting.reads.length).toBeGreaterThan(0);
    await indexRead(home, createNodeFileStore(), LATER());
    const settled = countingStore();
    await indexRead(home, settled.store, LATER());
    expect(settled.reads).toEqual([]);
  });

  it('stays whole with several writers at once: every one answers right, and the index left is one of theirs', async () => {
    const home = copySessionFixtures(fixtures);
    const expected = await fullRead(home);
    const results = await Promise.all(Array.from({ length: 6 }, () => indexRead(home)));
    for (const result of results) expect(result).toEqual(expected);
    const index = parseSessionIndex(readFileSync(sessionIndexPath(home)));
    expect(index?.size).toBe(expected.records.length + expected.problems.filter((problem) => problem.path.endsWith('.json')).length);
    // No temporary file is left behind in the data folder.
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(home).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('removes the index left under its old name (session-index.json) when it writes its own', async () => {
    const home = copySessionFixtures(fixtures);
    const old = join(home, 'session-index.json');
    writeFileSync(old, '{"format":"mockprep-session-index","version":2,"transcriptVersion":1,"strings":[]}\n');
    expect(await indexRead(home)).toEqual(await fullRead(home));
    expect(statSync(old, { throwIfNoEntry: false })).toBeUndefined();
    expect(sessionIndexPath(home).endsWith('session-index.bin')).toBe(true);
    expect(parseSessionIndex(readFileSync(sessionIndexPath(home)))).not.toBeNull();
  });

  it('is never the truth: a session lives in its transcript alone', async () => {
    const home = copySessionFixtures(fixtures);
    await indexRead(home);
    rmSync(sessionIndexPath(home));
    expect(await indexRead(home)).toEqual(await fullRead(home));
    const indexed = await readSessionIndex(home, createNodeFileStore(), LATER());
    for (const [id, entry] of indexed.byId) if (!isProblem(entry)) expect(entry.id).toBe(id);
  });
});
