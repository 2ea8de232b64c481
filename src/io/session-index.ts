import { join } from 'node:path';
import type { FileStamp, SessionIndexEntry, SessionIndexTable, SessionRecord } from '../core/session-summary.js';
import { parseSessionIndex, serializeSessionIndex, startedAtMs, summarizeSession } from '../core/session-summary.js';
import { sortInOrder } from '../core/sort-in-order.js';
import type { FileInfo, FileStore } from './file-store.js';
import type { SessionListing, SessionProblem } from './read-sessions.js';
import { compareNewestFirstMs, isProblem, listSessionIds, readSession } from './read-sessions.js';
import { transcriptPath } from './session-files.js';
import { readLockOwner } from './session-lock.js';

// The summary index: `<data-dir>/session-index.bin`, one record per transcript (see
// core/session-summary.ts), so that `sessions`, `stats`, `resume` and the schedule read only the
// transcripts that are new or changed since the last run. It is kept in step by listing the
// sessions folder and comparing each file's size, times and inode with what the index saw; it is
// rebuilt silently when missing, damaged or from another version, written atomically (temporary
// file, fsync, rename) only when something changed, and never the truth: delete it and the next
// run makes it again from the transcripts. A data folder it cannot be written to costs speed, not
// correctness.

const SESSION_INDEX_FILE = 'session-index.bin';
/** The index's name while it was JSON text: removed when the new one is written. */
const OLD_SESSION_INDEX_FILE = 'session-index.json';

/**
 * A file modified this recently (ms) is read again on the next run rather than trusted: two
 * writes within one tick of the file system's clock can leave the same size and times (and a
 * freed inode can be reused), the "racily clean" case git guards against the same way.
 */
const RACY_WINDOW_MS = 3000;

/** How many files are stat'ed in one call. */
const STAT_BATCH = 256;

/** How many transcripts are read at once when the index misses. */
const CONCURRENCY = 16;

export function sessionIndexPath(dataDir: string): string {
  return join(dataDir, SESSION_INDEX_FILE);
}

/** A session as the index knows it. */
export interface IndexedSession {
  id: string;
  path: string;
  record: SessionRecord;
  /** True while another process sits it (it holds the session's lock). */
  running: boolean;
  /** The transcript's size when the index looked (a regular file then), or null when stat gave none: `readSession`'s `seen`. */
  size: number | null;
}

export interface IndexedSessions {
  /** Every readable session, newest first (by start time, then id). */
  sessions: IndexedSession[];
  /** Every file that is not a readable transcript, as a full read reports it, in the folder's order. */
  problems: SessionProblem[];
  /** Every id in the folder with what it holds, in the folder's order: for `latest` walks. */
  byId: Map<string, IndexedSession | SessionProblem>;
  listing: SessionListing;
}

type IndexStore = Pick<FileStore, 'list' | 'readBytes' | 'readText' | 'stat' | 'statAll' | 'writeAtomic' | 'remove'>;

/**
 * Every session's record, from the index where the file is unchanged and from the transcript
 * where it is new or changed; then the index is written back if anything differed. `now` (the
 * injected clock) decides which files are too fresh to trust next time.
 */
export async function readSessionIndex(dataDir: string, store: IndexStore, now: number): Promise<IndexedSessions> {
  const listing = await listSessionIds(dataDir, store);
  const known = await loadIndex(dataDir, store);
  const count = listing.ids.length;
  const results: (IndexedEntry | SessionProblem)[] = new Array(count);
  // For each file the index answered: its entry there, kept for the index written back (-1: none, or too fresh to keep).
  const keptAt = new Int32Array(count).fill(-1);
  // Each miss with its stamp, taken before it is read: a file replaced during the read is read again next time.
  const misses: { i: number; stamp: FileStamp | null }[] = [];
  const missEntries = new Map<number, SessionIndexEntry>();
  let changed = known === null || known.size !== count;
  // The index holds the folder's names in its order (sorted), so a file is nearly always at its
  // own place in it, and otherwise found by halving.
  const find = (table: SessionIndexTable, id: string, i: number) => {
    if (i < table.size && table.isFileOf(i, id)) return i;
    const name = `${id}.json`;
    let low = 0;
    let high = table.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = table.name(middle);
      if (found === name) return middle;
      if (found < name) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  };
  // Stats a few hundred at a time: what stat says of each file, and its path, are garbage once
  // compared, and the collector copies what lives on (10,000 at once were 1.5 MB carried through
  // the loop). A session keeps its data folder and id, and makes its path when asked.
  let infos: (FileInfo | null)[] = [];
  for (let i = 0; i < count; i++) {
    if (i % STAT_BATCH === 0) infos = await store.statAll(listing.ids.slice(i, i + STAT_BATCH).map((id) => transcriptPath(dataDir, id)));
    const id = listing.ids[i] as string;
    const stamp = stampOf(infos[i % STAT_BATCH] ?? null);
    const at = stamp && known ? find(known, id, i) : -1;
    if (stamp && known && at !== -1 && known.sameStamp(at, stamp)) {
      const record = known.record(at, id);
      results[i] = record
        ? new IndexedEntry(dataDir, id, record, stamp.size)
        : { path: transcriptPath(dataDir, id), message: known.problem(at) ?? '' };
      if (fresh(stamp, now)) changed = true;
      else keptAt[i] = at;
    } else {
      changed = true;
      misses.push({ i, stamp: stamp && copyStamp(stamp) });
    }
  }
  // The misses, read in full: the same reading, cleaning and validation as every other command.
  let next = 0;
  const worker = async () => {
    while (next < misses.length) {
      const { i, stamp } = misses[next++] ?? { i: 0, stamp: null };
      const id = listing.ids[i] ?? '';
      const result = await readSession(dataDir, id, store);
      if (isProblem(result)) {
        results[i] = result;
        // A problem of the content is kept with its stamp; one of access (permission denied) is not.
        if (stamp && !result.access && !fresh(stamp, now))
          missEntries.set(i, { name: `${id}.json`, stamp, record: null, problem: result.message });
      } else {
        const record = summarizeSession(result.transcript);
        results[i] = new IndexedEntry(dataDir, id, record, stamp?.size ?? null);
        if (stamp && !fresh(stamp, now)) missEntries.set(i, { name: `${id}.json`, stamp, record, problem: null });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, misses.length) }, worker));
  if (changed && (count > 0 || (known?.size ?? 0) > 0)) {
    const entries: SessionIndexEntry[] = [];
    for (let i = 0; i < count; i++) {
      const at = keptAt[i] as number;
      const result = results[i];
      if (known && at !== -1 && result) {
        const problem = isProblem(result) ? result.message : null;
        entries.push({ name: known.name(at), stamp: known.stamp(at), record: isProblem(result) ? null : result.record, problem });
      } else {
        const entry = missEntries.get(i);
        if (entry) entries.push(entry);
      }
    }
    await saveIndex(dataDir, store, entries);
  }

  const sessions: IndexedSession[] = [];
  const problems: SessionProblem[] = [...listing.problems];
  for (let i = 0; i < count; i++) {
    const result = results[i];
    if (!result) continue;
    if (!(result instanceof IndexedEntry)) {
      problems.push(result);
      continue;
    }
    if (listing.locked.has(result.id)) result.running = (await readLockOwner(dataDir, result.id, store)) !== null;
    sessions.push(result);
  }
  // Newest first (compareNewestFirst), each start time parsed once; the folder's order (oldest
  // first, by name) is nearly always the reverse, which sortInOrder sees in one pass.
  const starts = Float64Array.from(sessions, (session) => startedAtMs(session.record));
  const order = Int32Array.from(sessions, (_, k) => k);
  sortInOrder(order, (a, b) => {
    const sessionA = sessions[a] as IndexedSession;
    const sessionB = sessions[b] as IndexedSession;
    return compareNewestFirstMs(sessionA.id, starts[a] as number, sessionB.id, starts[b] as number) || a - b;
  });
  let byId: Map<string, IndexedSession | SessionProblem> | undefined;
  return {
    sessions: Array.from(order, (k) => sessions[k] as IndexedSession),
    problems,
    // Made when asked for (the `latest` walks): stats and sessions never need it.
    get byId() {
      byId ??= new Map(listing.ids.flatMap((id, i) => (results[i] ? [[id, results[i]] as const] : [])));
      return byId;
    },
    listing,
  };
}

/** A session the index (or a read) gave: its path made when asked, from the data folder and id it keeps. */
class IndexedEntry implements IndexedSession {
  running = false;
  readonly #dataDir: string;

  constructor(
    dataDir: string,
    readonly id: string,
    readonly record: SessionRecord,
    readonly size: number | null,
  ) {
    this.#dataDir = dataDir;
  }

  get path(): string {
    return transcriptPath(this.#dataDir, this.id);
  }
}

/** What stat says of a transcript, as a stamp (itself: no copy for the files the index answers); null when it is no file with times and inode. */
function stampOf(info: FileInfo | null): FileStamp | null {
  return isStampedFile(info) ? info : null;
}

/** Whether stat found a regular file and gave its times and inode: then its answer is a stamp as it is. */
function isStampedFile(info: FileInfo | null): info is FileInfo & FileStamp {
  return info?.kind === 'file' && info.mtimeMs !== undefined && info.ctimeMs !== undefined && info.ino !== undefined;
}

/** A stamp of its own, kept with a miss (for the index written back). */
function copyStamp(stamp: FileStamp): FileStamp {
  return { size: stamp.size, mtimeMs: stamp.mtimeMs, ctimeMs: stamp.ctimeMs, ino: stamp.ino };
}

function fresh(stamp: FileStamp, now: number): boolean {
  return Math.max(stamp.mtimeMs, stamp.ctimeMs) > now - RACY_WINDOW_MS;
}

/** The index's table, or null when there is none this version can use. */
async function loadIndex(dataDir: string, store: Pick<FileStore, 'readBytes' | 'stat'>): Promise<SessionIndexTable | null> {
  let bytes: Uint8Array;
  try {
    const info = await store.stat(sessionIndexPath(dataDir));
    if (info?.kind !== 'file') return null;
    bytes = await store.readBytes(sessionIndexPath(dataDir));
  } catch {
    return null;
  }
  return parseSessionIndex(bytes);
}

/**
 * Writes the index atomically, mode 0600 (it holds what the transcripts hold about you), and
 * removes one left under its old name; any failure is ignored.
 */
async function saveIndex(dataDir: string, store: Pick<FileStore, 'writeAtomic' | 'remove'>, entries: SessionIndexEntry[]): Promise<void> {
  try {
    await store.writeAtomic(sessionIndexPath(dataDir), serializeSessionIndex({ entries }), { mode: 0o600 });
    await store.remove(join(dataDir, OLD_SESSION_INDEX_FILE));
  } catch {
    // Read-only data folder, full disk: the next run reads the transcripts again.
  }
}
