import { randomBytes } from 'node:crypto';
import { join, sep } from 'node:path';
import { stringifyJson } from '../core/sanitize-text.js';
import type { Transcript } from '../core/transcript-schema.js';
import type { FileStore } from './file-store.js';

/** Transcripts live in `<data-dir>/sessions/<id>.json`. */
export function sessionsDir(dataDir: string): string {
  return join(dataDir, 'sessions');
}

/** The folder {@link transcriptPath} made last, and the data folder it is of: the index and export --all ask for a path per transcript. */
let lastFolder = { dataDir: '', sessions: sessionsDir('') };

export function transcriptPath(dataDir: string, id: string): string {
  if (lastFolder.dataDir !== dataDir) lastFolder = { dataDir, sessions: sessionsDir(dataDir) };
  // A name without a separator is the folder, a separator and the name, as path.join would make it (without its normalizing).
  return id.includes('/') || id.includes(sep) ? join(lastFolder.sessions, `${id}.json`) : `${lastFolder.sessions}${sep}${id}.json`;
}

/** A session id that sorts by time and is safe as a file name: `20261125-193012-a3f9`. */
export function createSessionId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

export function serializeTranscript(transcript: Transcript): string {
  return `${stringifyJson(transcript)}\n`;
}

/** Creates the sessions folder (mode 0700). The data folder above it is created if missing, never re-moded. */
export async function prepareSessionsDir(dataDir: string, store: Pick<FileStore, 'ensureDir' | 'stat'>): Promise<string> {
  if (!(await store.stat(dataDir))) await store.ensureDir(dataDir, { mode: 0o700 });
  const dir = sessionsDir(dataDir);
  await store.ensureDir(dir, { mode: 0o700 });
  return dir;
}
