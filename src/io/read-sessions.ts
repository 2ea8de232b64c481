import { join } from 'node:path';
import { nestsDeeperThan } from '../core/data-shape.js';
import { MockprepError } from '../core/errors.js';
import type { SessionRef } from '../core/find-session.js';
import { newestFirst } from '../core/find-session.js';
import { TRANSCRIPT_VERSION } from '../core/question-enums.js';
import { escapeControls, jsonMayNeedCleaning, sanitizeText, sanitizeValuesInPlace } from '../core/sanitize-text.js';
import { checkTranscriptBounds } from '../core/transcript-bounds.js';
import { checkTranscriptQuickly } from '../core/transcript-check.js';
import type { Transcript } from '../core/transcript-schema.js';
import type { FileStore } from './file-store.js';
import { describeFsError, isErrnoCode } from './file-store.js';
import { sessionsDir, transcriptPath } from './session-files.js';
import type { SessionLock } from './session-lock.js';
import { acquireSessionLock, describeRunning, lockedId, readLockOwner } from './session-lock.js';

// Reading transcripts back. Each file is read through the FileStore, every string in it is
// cleaned of terminal control sequences (a hand-edited transcript must not drive the terminal),
// and the result is validated: by the quick check (transcript-check.ts), and by the transcript
// schema (zod, loaded only here, and only when the check cannot tell). A file that fails is a
// problem reported by name; it never stops the others.

/** A transcript read back, with the id it is known by: its file name without `.json`. */
export interface StoredSession {
  id: string;
  path: string;
  transcript: Transcript;
  /** True while another process sits it (it holds the session's lock): see session-lock.ts. */
  running?: boolean;
  /**
   * The transcript as written (validated, not cleaned), when asked for: what resume continues and
   * writes back, so that typed text keeps its escape characters. `transcript` is the clean copy for display.
   */
  stored?: Transcript;
}

/** A file in the sessions folder that could not be read as a transcript. */
export interface SessionProblem {
  path: string;
  message: string;
  /** The file could not be read at all (permission denied, say): it may read next time. */
  access?: true;
}

export interface SessionListing {
  /** Ids of the files that may be transcripts (`<id>.json`). */
  ids: string[];
  /** Other files found in the folder (not dotfiles: those are temporary files of atomic writes). */
  problems: SessionProblem[];
  /** Ids with a lock file (a process sits them, or one did and died: see session-lock.ts). */
  locked: Set<string>;
}

/** A transcript is a few levels deep (items, question, keyPoints, keywords: 5). */
const MAX_TRANSCRIPT_DEPTH = 16;
/** The largest transcript read: a session's questions (at most 4 MB of text per set) and its answers fit many times over. */
export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;

/** How many files are read at once. */
const CONCURRENCY = 32;

/** The ids in the sessions folder, without reading any file; an absent folder has none. */
export async function listSessionIds(dataDir: string, store: Pick<FileStore, 'list'>): Promise<SessionListing> {
  const dir = sessionsDir(dataDir);
  let names: string[];
  try {
    names = await store.list(dir);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return { ids: [], problems: [], locked: new Set() };
    // A data folder that is a file, a folder we may not read, a name too long: one line, by name.
    throw new MockprepError(`cannot read the sessions folder ${dir} (${describeFsError(error)})`, { cause: error });
  }
  const ids: string[] = [];
  const problems: SessionProblem[] = [];
  const locked = new Set<string>();
  for (const name of names) {
    // Dotfiles: lock files (whose ids are kept) and the temporary files of atomic writes.
    if (name.startsWith('.')) {
      const lockOf = lockedId(name);
      if (lockOf !== null) locked.add(lockOf);
      continue;
    }
    // The lower-case copy only for a name that is not already `.json` (10,000 copies showed).
    if (name.length > 5 && (name.endsWith('.json') || name.toLowerCase().endsWith('.json'))) ids.push(name.slice(0, -5));
    else problems.push({ path: join(dir, name), message: 'not a transcript (transcripts are .json files); ignored' });
  }
  return { ids, problems, locked };
}

/** Reads, cleans and validates one transcript by its id (an id from {@link listSessionIds}, never typed text). */
export async function readSession(
  dataDir: string,
  id: string,
  store: Pick<FileStore, 'readText' | 'stat'>,
  options: {
    keepStored?: boolean;
    /** What stat said of the file moments before (a regular file of this size), when the caller has it: not asked again. */
    seen?: { size: number };
  } = {},
): Promise<StoredSession | SessionProblem> {
  const path = transcriptPath(dataDir, id);
  let text: string;
  try {
    // The size from stat, before a byte is read: a 400 MB file is refused, not loaded.
    const info = options.seen ? { kind: 'file' as const, size: options.seen.size } : await store.stat(path);
    const size = info?.size ?? 0;
    // A FIFO or a device named like a transcript would block the read.
    if (info?.kind === 'other') return { path, message: 'not a regular file' };
    if (size > MAX_TRANSCRIPT_BYTES) {
      return { path, message: `too large to be a transcript (${Math.round(size / (1024 * 1024))} MB; at most 64 MB)` };
    }
    text = await store.readText(path);
  } catch (error) {
    return { path, message: `cannot be read (${describeFsError(error)})`, access: true };
  }
  const parsed = await parseTranscriptText(text, options);
  if (!parsed.ok) return { path, message: parsed.message };
  // The file name is the session's identity: resume writes back to the same file.
  const stored = parsed.stored ? { stored: { ...parsed.stored, id } } : {};
  return { id, path, transcript: { ...parsed.transcript, id }, ...stored };
}

export function isProblem<T extends { id: string }>(result: T | SessionProblem): result is SessionProblem {
  return 'message' in result;
}

/** Every transcript in the sessions folder, newest first, and a problem for each file that failed. */
export async function readAllSessions(
  dataDir: string,
  store: Pick<FileStore, 'list' | 'readText' | 'stat'>,
): Promise<{ sessions: StoredSession[]; problems: SessionProblem[] }> {
  const listing = await listSessionIds(dataDir, store);
  const results: (StoredSession | SessionProblem)[] = new Array(listing.ids.length);
  let next = 0;
  const worker = async () => {
    while (next < listing.ids.length) {
      const index = next++;
      results[index] = await readSession(dataDir, listing.ids[index] ?? '', store);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, listing.ids.length) }, worker));
  const sessions = results.filter((result): result is StoredSession => !isProblem(result));
  for (const session of sessions) await markRunning(dataDir, session, listing.locked, store);
  sessions.sort((a, b) => compareNewestFirst(a.id, a.transcript.startedAt, b.id, b.transcript.startedAt));
  return { sessions, problems: [...listing.problems, ...results.filter(isProblem)] };
}

/** Sets `running` on a session whose lock is held by a live process (only sessions with a lock file are looked at). */
async function markRunning(
  dataDir: string,
  session: StoredSession,
  locked: ReadonlySet<string>,
  store: Pick<FileStore, 'readText' | 'stat'>,
): Promise<void> {
  session.running = locked.has(session.id) && (await readLockOwner(dataDir, session.id, store)) !== null;
}

/** Newest first by start time; ties by id. */
export function compareNewestFirst(idA: string, startedA: string, idB: string, startedB: string): number {
  return compareNewestFirstMs(idA, Date.parse(startedA), idB, Date.parse(startedB));
}

/** {@link compareNewestFirst} over start times already parsed (ms). */
export function compareNewestFirstMs(idA: string, startedA: number, idB: string, startedB: number): number {
  const byStart = startedB - startedA;
  return byStart !== 0 ? byStart : idA < idB ? 1 : idA > idB ? -1 : 0;
}

/**
 * The session a {@link SessionRef} names. For `latest`, the newest readable session that
 * `accept` takes (by default any), skipping damaged files on the way; null when there is none.
 * Every file that failed on the way is in `problems`.
 */
export async function readSessionRef(
  dataDir: string,
  ref: SessionRef,
  listing: Pick<SessionListing, 'ids' | 'locked'>,
  store: Pick<FileStore, 'readText' | 'stat'>,
  accept: (session: StoredSession) => boolean = () => true,
): Promise<{ session: StoredSession | null; problems: SessionProblem[] }> {
  const problems: SessionProblem[] = [];
  const candidates = ref.kind === 'id' ? [ref.id] : newestFirst(listing.ids);
  for (const id of candidates) {
    const result = await readSession(dataDir, id, store);
    if (isProblem(result)) {
      problems.push(result);
      continue;
    }
    await markRunning(dataDir, result, listing.locked, store);
    if (ref.kind === 'id' || accept(result)) return { session: result, problems };
  }
  return { session: null, problems };
}

/** A problem as the one line printed on stderr. */
export function formatSessionProblem(problem: SessionProblem): string {
  return `mockprep: skipped ${escapeControls(problem.path)}: ${escapeControls(problem.message)}`;
}

type ParseResult = { ok: true; transcript: Transcript; stored?: Transcript } | { ok: false; message: string };

/** JSON text to a validated, cleaned transcript, or why not. */
export async function parseTranscriptText(text: string, options: { keepStored?: boolean } = {}): Promise<ParseResult> {
  let data: unknown;
  try {
    // A transcript edited by hand may come back from the editor with a byte order mark, which
    // JSON.parse refuses: the file is still the same transcript.
    data = JSON.parse(text.startsWith('\ufeff') ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, message: `not valid JSON (${error instanceof Error ? sanitizeText(error.message) : 'parse error'})` };
  }
  // Nearly every file: nothing to clean, and the quick check's answer. That check accepts only a
  // transcript's own shapes (shallower than MAX_TRANSCRIPT_DEPTH), so what it accepts needs no
  // measuring; the road below gives the same transcript, after a walk of the whole data.
  const mayNeedCleaning = jsonMayNeedCleaning(text);
  if (!mayNeedCleaning && !options.keepStored) {
    const quick = checkTranscriptQuickly(data);
    if (quick) return withinBounds(quick);
  }
  // Measured before anything walks it: 200 KB of `[` would overflow the stack of the cleaner.
  if (nestsDeeperThan(data, MAX_TRANSCRIPT_DEPTH)) {
    return { ok: false, message: `not a mockprep transcript (nested more than ${MAX_TRANSCRIPT_DEPTH} levels deep)` };
  }
  const version = typeof data === 'object' && data !== null && 'version' in data ? (data as { version: unknown }).version : undefined;
  if (typeof version === 'number' && version > TRANSCRIPT_VERSION) {
    return {
      ok: false,
      message: `written by a newer mockprep (transcript version ${version}; this one reads version ${TRANSCRIPT_VERSION}): update mockprep to read it`,
    };
  }
  // As written first (the check's output is a copy, which the cleaning below leaves alone), then clean.
  const asWritten = options.keepStored ? await validateTranscript(data) : null;
  const result = await validateTranscript(mayNeedCleaning ? sanitizeValuesInPlace(data) : data);
  if (!result.ok) return result;
  return withinBounds(result.transcript, asWritten?.ok ? asWritten.transcript : undefined);
}

/** A checked transcript, refused if a value is out of bounds (transcript-bounds.ts). */
function withinBounds(transcript: Transcript, stored?: Transcript): ParseResult {
  const outOfBounds = checkTranscriptBounds(transcript);
  if (outOfBounds) return { ok: false, message: `not a mockprep transcript (${outOfBounds})` };
  return { ok: true, transcript, ...(stored ? { stored } : {}) };
}

/**
 * The transcript schema's value for `data`: by the quick check when it can tell (nearly always),
 * else by the zod schema, loaded only then, whose first issue is the message.
 */
async function validateTranscript(data: unknown): Promise<{ ok: true; transcript: Transcript } | { ok: false; message: string }> {
  const quick = checkTranscriptQuickly(data);
  if (quick) return { ok: true, transcript: quick };
  const { transcriptSchema } = await import('../core/transcript-schema.js');
  const result = transcriptSchema.safeParse(data);
  if (result.success) return { ok: true, transcript: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `not a mockprep transcript (${where}${issue ? sanitizeText(issue.message) : 'invalid'})` };
}

/**
 * A session for a command that writes it (resume, grade): its lock taken (one writer per
 * session), then read again, as it is now that no one else writes it, keeping the text as written.
 * Released again when the read fails; otherwise the caller releases it.
 */
export async function lockAndReadSession(
  dataDir: string,
  id: string,
  store: Parameters<typeof acquireSessionLock>[2] & Pick<FileStore, 'readText' | 'stat'>,
): Promise<{ lock: SessionLock; session: StoredSession }> {
  const taken = await acquireSessionLock(dataDir, id, store);
  if (!taken.ok) throw new MockprepError(describeRunning(id, taken.owner));
  const session = await readSession(dataDir, id, store, { keepStored: true });
  if (isProblem(session)) {
    await taken.lock.release();
    throw new MockprepError(`cannot read session ${escapeControls(id)}: ${session.message}`);
  }
  return { lock: taken.lock, session };
}
