import { join, sep } from 'node:path';
import type { FileStamp, SessionIndexEntry, SessionRecord } from '../core/session-summary.js';
import { parseSessionIndex, serializeSessionIndex, summarizeSession } from '../core/session-summary.js';
import type { FileInfo, FileStore } from './file-store.js';
import type { SessionListing, SessionProblem } from './read-sessions.js';
import { compareNewestFirst, isProblem, listSessionIds, readSession } from './read-sessions.js';
import { sessionsDir } from './session-files.js';
import { readLockOwner } from './session-lock.js';

// The summary index: `<data-dir>/session-index.json`, one record per transcript (see
// core/session-summary.ts), so that `sessions`, `stats`, `resume` and the schedule read only the
// transcripts that are new or changed since the last run. It is kept in step by listing the
// sessions folder and comparing each file's size, times and inode with what the index saw; it is
// rebuilt silently when missing, damaged or from another version, written atomically (temporary
// file, fsync, rename) only when something changed, and never the truth: delete it and the next
// run makes it again from the transcripts. A data folder it cannot be written to costs speed, not
// correctness.

const SESSION_INDEX_FILE = 'session-index.json';

/**
 * A file modified this recently (ms) is read again on the next run rather than trusted: two
 * writes within one tick of the file system's clock can leave the same size and times (and a
 * freed inode can be reused), the "racily clean" case git guards against the same way.
 */
const RACY_WINDOW_MS = 3000;

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

type IndexStore = Pick<FileStore, 'list' | 'readText' | 'stat' | 'writeAtomic'>;

/**
 * Every session's record, from the index where the file is unchanged and from the transcript
 * where it is new or changed; then the index is written back if anything differed. `now` (the
 * injected clock) decides which files are too fresh to trust next time.
 */
export async function readSessionIndex(dataDir: string, store: IndexStore, now: number): Promise<IndexedSessions> {
  const listing = await listSessionIds(dataDir, store);
  const known = await loadIndex(dataDir, store);
  const entries: (SessionIndexEntry | null)[] = new Array(listing.ids.length).fill(null);
  const results: (IndexedSession | SessionProblem)[] = new Array(listing.ids.length);
  // Each miss with its stamp, taken before it is read: a file replaced during the read is read again next time.
  const misses: { i: number; stamp: ReturnType<typeof stampOf> }[] = [];
  let changed = known === null;
  // The folder joined once: path.join per file costs more than its stat.
  const folder = sessionsDir(dataDir) + sep;
  for (const [i, id] of listing.ids.entries()) {
    const path = `${folder}${id}.json`;
    const stamp = stampOf(await store.stat(path).catch(() => null));
    const entry = stamp ? known?.get(`${id}.json`) : undefined;
    if (stamp && entry && sameStamp(entry.stamp, stamp)) {
      results[i] = entry.record ? { id, path, record: entry.record, running: false } : { path, message: entry.problem ?? '' };
      entries[i] = fresh(stamp, now) ? null : entry;
      if (entries[i] === null) changed = true;
    } else {
      changed = true;
      misses.push({ i, stamp });
    }
  }
  // The misses, read in full: the same reading, cleaning and validation as every other command.
  let next = 0;
  const worker = async () => {
    while (next < misses.length) {
      const { i, stamp } = misses[next++] ?? { i: 0, stamp: null };
      const id = listing.ids[i] ?? '';
      const path = `${folder}${id}.json`;
      const result = await readSession(dataDir, id, store);
      if (isProblem(result)) {
        results[i] = result;
        // A problem of the content is kept with its stamp; one of access (permission denied) is not.
        if (stamp && !result.access) entries[i] = { name: `${id}.json`, stamp, record: null, problem: result.message };
      } else {
        const record = summarizeSession(result.transcript);
        results[i] = { id, path, record, running: false };
        if (stamp) entries[i] = { name: `${id}.json`, stamp, record, problem: null };
      }
      if (entries[i] && stamp && fresh(stamp, now)) entries[i] = null;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, misses.length) }, worker));
  if (known !== null && known.size !== listing.ids.length) changed = true;
  if (changed && (listing.ids.length > 0 || (known?.size ?? 0) > 0)) {
    await saveIndex(
      dataDir,
      store,
      entries.filter((entry): entry is SessionIndexEntry => entry !== null),
    );
  }

  const byId = new Map<string, IndexedSession | SessionProblem>();
  const sessions: IndexedSession[] = [];
  const problems: SessionProblem[] = [...listing.problems];
  for (const [i, id] of listing.ids.entries()) {
    const result = results[i];
    if (!result) continue;
    byId.set(id, result);
    if (isProblem(result)) {
      problems.push(result);
      continue;
    }
    if (listing.locked.has(id)) result.running = (await readLockOwner(dataDir, id, store)) !== null;
    sessions.push(result);
  }
  sessions.sort((a, b) => compareNewestFirst(a.id, a.record.startedAt, b.id, b.record.startedAt));
  return { sessions, problems, byId, listing };
}

function stampOf(info: FileInfo | null): FileStamp | null {
  if (info?.kind !== 'file' || info.mtimeMs === undefined || info.ctimeMs === undefined || info.ino === undefined) return null;
  return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

function fresh(stamp: FileStamp, now: number): boolean {
  return Math.max(stamp.mtimeMs, stamp.ctimeMs) > now - RACY_WINDOW_MS;
}

/** The index's entries by file name, or null when there is none this version can use. */
async function loadIndex(dataDir: string, store: Pick<FileStore, 'readText' | 'stat'>): Promise<Map<string, SessionIndexEntry> | null> {
  let text: string;
  try {
    const info = await store.stat(sessionIndexPath(dataDir));
    if (info?.kind !== 'file') return null;
    text = await store.readText(sessionIndexPath(dataDir));
  } catch {
    return null;
  }
  const index = parseSessionIndex(text);
  if (index === null) return null;
  const byName = new Map<string, SessionIndexEntry>();
  for (const entry of index.entries) byName.set(entry.name, entry);
  return byName;
}

/** Writes the index atomically, mode 0600 (it holds what the transcripts hold about you); any failure is ignored. */
async function saveIndex(dataDir: string, store: Pick<FileStore, 'writeAtomic'>, entries: SessionIndexEntry[]): Promise<void> {
  try {
    await store.writeAtomic(sessionIndexPath(dataDir), serializeSessionIndex({ entries }), { mode: 0o600 });
  } catch {
    // Read-only data folder, full disk: the next run reads the transcripts again.
  }
}
