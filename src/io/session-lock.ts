import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeControls } from '../core/sanitize-text.js';
import type { FileStore } from './file-store.js';
import { isErrnoCode } from './file-store.js';
import { sessionsDir } from './session-files.js';

// One writer per session. The process sitting a session holds `<sessions>/.<id>.lock`, created
// exclusively (O_EXCL: of two processes, one gets it), holding its pid and start time. A lock whose
// process is gone (killed, crashed, the machine restarted) is stale and is taken over; a lock whose
// pid now belongs to another process (its start time differs) is stale too. Dot files are not
// listed as sessions, like the temporary files of atomic writes.

/** What a lock file says about the process that holds it. */
export interface LockOwner {
  pid: number;
  /** When that process started (ISO), for messages. */
  startedAt: string;
  /** The process's start in clock ticks since boot (/proc/<pid>/stat), where there is /proc: tells a reused pid. */
  startTicks: string | null;
}

export interface SessionLock {
  readonly path: string;
  /** Removes the lock file (the session is over in this process). Never throws. */
  release(): Promise<void>;
}

export type LockResult = { ok: true; lock: SessionLock } | { ok: false; owner: LockOwner };

/** How a process is probed; tests inject one. */
export interface ProcessProbe {
  /** True while a process with this pid exists (whoever owns it). */
  exists(pid: number): boolean;
  /** Its start in ticks since boot, or null when unknown. */
  startTicks(pid: number): string | null;
  self(): LockOwner;
}

export const LOCK_SUFFIX = '.lock';

export function lockPath(dataDir: string, id: string): string {
  return join(sessionsDir(dataDir), `.${id}${LOCK_SUFFIX}`);
}

/** The session id a file name of the sessions folder locks, or null when it is not a lock file. */
export function lockedId(name: string): string | null {
  return name.startsWith('.') && name.endsWith(LOCK_SUFFIX) && name.length > 1 + LOCK_SUFFIX.length
    ? name.slice(1, -LOCK_SUFFIX.length)
    : null;
}

export const systemProbe: ProcessProbe = {
  exists(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      // EPERM: it exists, and belongs to another user.
      return isErrnoCode(error, 'EPERM');
    }
  },
  startTicks(pid) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Field 22, counted after the command name, which is in parentheses and may hold spaces.
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
    } catch {
      return null;
    }
  },
  self() {
    return {
      pid: process.pid,
      startedAt: new Date(Date.now() - Math.round(process.uptime() * 1000)).toISOString(),
      startTicks: this.startTicks(process.pid),
    };
  },
};

function parseOwner(text: string): LockOwner | null {
  try {
    const data = JSON.parse(text) as Partial<LockOwner>;
    if (!Number.isSafeInteger(data.pid) || (data.pid ?? 0) <= 0 || typeof data.startedAt !== 'string') return null;
    return { pid: data.pid as number, startedAt: data.startedAt, startTicks: typeof data.startTicks === 'string' ? data.startTicks : null };
  } catch {
    return null;
  }
}

/** Whether the process a lock names still runs: it exists, and (where /proc tells) started when the lock says. */
export function isAlive(owner: LockOwner, probe: ProcessProbe = systemProbe): boolean {
  if (!probe.exists(owner.pid)) return false;
  if (owner.startTicks === null) return true;
  const now = probe.startTicks(owner.pid);
  return now === null || now === owner.startTicks;
}

/** The live owner of a session's lock, or null when it has none (or only a stale one). */
export async function readLockOwner(
  dataDir: string,
  id: string,
  store: Pick<FileStore, 'readText'>,
  probe: ProcessProbe = systemProbe,
): Promise<LockOwner | null> {
  let text: string;
  try {
    text = await store.readText(lockPath(dataDir, id));
  } catch {
    return null;
  }
  const owner = parseOwner(text);
  return owner && isAlive(owner, probe) ? owner : null;
}

/**
 * Takes the lock of session `id` for this process: created exclusively; a stale lock (its process
 * gone, or unreadable) is removed and the lock created again, once. When a live process holds it,
 * says which. The sessions folder must exist.
 */
export async function acquireSessionLock(
  dataDir: string,
  id: string,
  store: Pick<FileStore, 'createExclusive' | 'readText' | 'remove'>,
  probe: ProcessProbe = systemProbe,
): Promise<LockResult> {
  const path = lockPath(dataDir, id);
  const me = probe.self();
  for (let attempt = 0; ; attempt++) {
    try {
      await store.createExclusive(path, `${JSON.stringify(me)}\n`, { mode: 0o600 });
      let released = false;
      return {
        ok: true,
        lock: {
          path,
          // Once only: a second release could remove a lock another process took since.
          release: async () => {
            if (released) return;
            released = true;
            await store.remove(path).catch(() => {});
          },
        },
      };
    } catch (error) {
      if (!isErrnoCode(error, 'EEXIST') || attempt > 0) {
        if (isErrnoCode(error, 'EEXIST')) {
          // Another process took it over between our look and our try: it is running.
          const owner = await readLockOwner(dataDir, id, store, probe);
          if (owner) return { ok: false, owner };
        }
        throw error;
      }
    }
    let text: string | null = null;
    try {
      text = await store.readText(path);
    } catch (error) {
      if (!isErrnoCode(error, 'ENOENT')) throw error;
    }
    const owner = text === null ? null : parseOwner(text);
    if (owner && isAlive(owner, probe)) return { ok: false, owner };
    // Stale: the process that held it is gone.
    await store.remove(path);
  }
}

/** "process 1234, running since 2026-11-25 21:30 UTC" */
export function describeOwner(owner: LockOwner): string {
  const since = owner.startedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return `process ${owner.pid}, running since ${since}`;
}

/** The one line that refuses a session another process is sitting. */
export function describeRunning(id: string, owner: LockOwner): string {
  return `session ${escapeControls(id)} is running in another mockprep (${describeOwner(owner)}); finish it there first`;
}
