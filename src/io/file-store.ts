import {
  closeSync,
  fstatSync,
  fsync,
  lstatSync,
  open as openCallback,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFile as writeFileCallback,
  writeFileSync,
} from 'node:fs';
import { chmod, lstat, mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { escapeControls } from '../core/sanitize-text.js';

export interface FileInfo {
  kind: 'file' | 'directory' | 'other';
  size: number;
  /** Modification and status-change times (ms, sub-millisecond where the file system has them) and inode: the summary index compares them. */
  mtimeMs?: number;
  ctimeMs?: number;
  ino?: number;
}

/** The file operations mockprep needs, behind an interface so tests can use a temp dir or memory. */
export interface FileStore {
  /** What is at `path`, or null when nothing is. */
  stat(path: string): Promise<FileInfo | null>;
  /** What is at each path, in order, as {@link stat} says it (an error there is null here): one call for a folder's worth. */
  statAll(paths: readonly string[]): Promise<(FileInfo | null)[]>;
  readBytes(path: string): Promise<Uint8Array>;
  readText(path: string): Promise<string>;
  /** Names (not paths) of the entries of a folder, sorted. */
  list(dir: string): Promise<string[]>;
  /**
   * Writes `text` so that a reader sees the old file or the new one, never half of either:
   * a temporary file in the same folder (never /tmp: answers stay in the data folder), then a rename.
   */
  writeAtomic(path: string, text: string | Uint8Array, options?: { mode?: number }): Promise<void>;
  /**
   * Writes an output the user named (`export -o`): a regular file or a new path atomically, like
   * {@link writeAtomic}; a symbolic link to a file by writing its target atomically in the
   * target's folder (the link stays); a device, FIFO or socket by writing through to it (never
   * replaced by a file). A link to nothing is refused (code `EDANGLING`).
   */
  writeOutput(path: string, text: string, options?: { mode?: number }): Promise<void>;
  /**
   * Writes several outputs as {@link writeOutput} writes each, with the same durability (each
   * regular file or new path: a temporary file, fsynced, renamed into place) but without waiting
   * on each fsync in turn: the temporary files are created, written and fsynced all at once (in
   * Node's thread pool), then renamed in order. The first failure (in the order of `files`) is
   * thrown as a {@link WriteFailure} naming its path; files before it are in place.
   *
   * `after` is an earlier call still going (the batch before): these files are written and
   * fsynced meanwhile, but renamed only once it has succeeded. If it fails, none of these is
   * renamed (their temporary files are removed) and its failure is thrown as it is, so the files
   * in place are still the ones before the first failure.
   */
  writeOutputs(files: readonly { path: string; text: string }[], options?: { mode?: number; after?: Promise<void> }): Promise<void>;
  /** Creates `path` with `text` only if nothing is there (`EEXIST` otherwise): a lock file. */
  createExclusive(path: string, text: string, options?: { mode?: number }): Promise<void>;
  /** Creates a folder (and its parents); `mode` is applied to the folder itself even if it existed. */
  ensureDir(dir: string, options?: { mode?: number }): Promise<void>;
  /** Removes a file; nothing there is not an error. */
  remove(path: string): Promise<void>;
}

export function createNodeFileStore(): FileStore {
  const store: FileStore = {
    // Reads and stats are synchronous: a CLI has nothing else to do meanwhile, and an
    // asynchronous read of a small file costs about four thread-pool round trips (open, stat,
    // read, close), more than the read itself. Large files (the caps: 64 MB transcripts, 2 MB
    // sets) are checked by size before they are read.
    async stat(path) {
      return statNow(path);
    },
    async statAll(paths) {
      // Synchronously, in one loop: 10,000 awaited stats cost more in promises than in system calls.
      return paths.map((path) => {
        try {
          return statNow(path);
        } catch {
          return null;
        }
      });
    },
    async readBytes(path) {
      // A view of the Buffer's bytes, not a copy: over 50 files of 600 KB the copies showed.
      const buffer = readBytesOf(path);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    },
    async readText(path) {
      // One call into Node's C++ (open, read, close): over a folder of transcripts several times
      // faster than through a descriptor (fstat alone cost more than the read). A folder is
      // refused with EISDIR all the same.
      return readFileSync(path, 'utf8');
    },
    async list(dir) {
      // Synchronous like the reads: an awaited readdir of 10,000 names cost about 2 ms more.
      return readdirSync(dir).sort();
    },
    async writeAtomic(path, text, options = {}) {
      const mode = options.mode ?? 0o644;
      // Loaded here, not at the top: commands that only read (list, review) skip node:crypto.
      const { randomBytes } = await import('node:crypto');
      const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
      let handle: Awaited<ReturnType<typeof open>> | undefined;
      try {
        handle = await open(temp, 'wx', mode);
        await (typeof text === 'string' ? handle.writeFile(text, 'utf8') : handle.writeFile(text));
        await handle.sync();
        await handle.close();
        handle = undefined;
        await rename(temp, path);
      } catch (error) {
        await handle?.close().catch(() => {});
        await rm(temp, { force: true }).catch(() => {});
        throw error;
      }
    },
    async writeOutput(path, text, options = {}) {
      // Our own stdout or stderr by name: written to the descriptor we hold. Opened again by name
      // it may not be ours to open (a pipe made by another user: permission denied).
      const fd = ownDescriptor(path);
      if (fd !== null) {
        await new Promise<void>((resolve, reject) => writeFileCallback(fd, text, 'utf8', (error) => (error ? reject(error) : resolve())));
        return;
      }
      const link = await lstat(path).catch((error: unknown) => {
        if (isErrnoCode(error, 'ENOENT')) return null;
        throw error;
      });
      if (!link) return store.writeAtomic(path, text, options);
      const info = link.isSymbolicLink()
        ? await stat(path).catch((error: unknown) => {
            if (isErrnoCode(error, 'ENOENT')) throw Object.assign(new Error(`${path} is a dangling link`), { code: 'EDANGLING' });
            throw error;
          })
        : link;
      if (info.isFile()) return store.writeAtomic(link.isSymbolicLink() ? await realpath(path) : path, text, options);
      if (info.isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' });
      // /dev/null, /dev/stdout, a terminal, a FIFO: what is there stays there, and gets the text.
      const handle = await open(path, 'w');
      try {
        await handle.writeFile(text, 'utf8');
      } finally {
        await handle.close();
      }
    },
    async writeOutputs(files, options = {}) {
      // Awaited once these files are fsynced; a failure meanwhile is not an unhandled rejection.
      options.after?.catch(() => {});
      const mode = options.mode ?? 0o644;
      const { randomBytes } = await import('node:crypto');
      const pending: { path: string; text: string; temp: string; fd: number | null; created: boolean }[] = [];
      const others: { path: string; text: string }[] = [];
      let current = '';
      try {
        for (const file of files) {
          current = file.path;
          // Links, devices, FIFOs and our own stdout keep writeOutput's handling, one by one.
          const own = ownDescriptor(file.path);
          const link = own === null ? lstatSync(file.path, { throwIfNoEntry: false }) : null;
          if (own !== null || (link && !link.isFile())) {
            others.push(file);
            continue;
          }
          pending.push({ path: file.path, text: file.text, temp: '', fd: null, created: false });
        }
        // One draw for the batch; each temporary name still has 4 random bytes of its own.
        const random = randomBytes(4 * pending.length).toString('hex');
        for (const [i, entry] of pending.entries()) {
          entry.temp = join(dirname(entry.path), `.${basename(entry.path)}.${process.pid}-${random.slice(8 * i, 8 * i + 8)}.tmp`);
        }
        // Each temporary file is created and fsynced in Node's thread pool, the whole batch at once:
        // the disk takes them together, and the main thread goes on meanwhile (export renders the
        // next batch). Where several fail, the first in the batch's order is the one named.
        const results = await Promise.allSettled(
          pending.map(async (entry) => {
            entry.fd = await openDescriptor(entry.temp, mode);
            entry.created = true;
            writeFileSync(entry.fd, entry.text, 'utf8');
            await syncDescriptor(entry.fd);
          }),
        );
        // The batch before first: a failure there comes first in the order of the files.
        if (options.after) await options.after.catch((earlier: unknown) => Promise.reject(new EarlierFailure(earlier)));
        const failed = results.findIndex((result) => result.status === 'rejected');
        if (failed !== -1) {
          current = pending[failed]?.path ?? current;
          throw (results[failed] as PromiseRejectedResult).reason;
        }
        for (const entry of pending) {
          closeSync(entry.fd ?? -1);
          entry.fd = null;
        }
        // The renames in the thread pool too, all at once: replacing a file costs the main thread
        // a tenth of a millisecond each. Where several fail, the first in order is named.
        const renamed = await Promise.allSettled(
          pending.map(async (entry) => {
            await rename(entry.temp, entry.path);
            entry.created = false;
          }),
        );
        const unrenamed = renamed.findIndex((result) => result.status === 'rejected');
        if (unrenamed !== -1) {
          current = pending[unrenamed]?.path ?? current;
          throw (renamed[unrenamed] as PromiseRejectedResult).reason;
        }
        for (const file of others) {
          current = file.path;
          await store.writeOutput(file.path, file.text, options);
        }
      } catch (error) {
        for (const entry of pending) {
          if (entry.fd !== null) closeSync(entry.fd);
          // Only what this call created: a temporary name that was taken already is someone else's.
          if (entry.created) rmSync(entry.temp, { force: true });
        }
        throw error instanceof EarlierFailure ? error.cause : new WriteFailure(current, error);
      }
    },
    async createExclusive(path, text, options = {}) {
      const handle = await open(path, 'wx', options.mode ?? 0o644);
      try {
        await handle.writeFile(text, 'utf8');
      } finally {
        await handle.close();
      }
    },
    async ensureDir(dir, options = {}) {
      await makeDirs(dir, options.mode);
      if (options.mode !== undefined) await chmod(dir, options.mode);
    },
    async remove(path) {
      await rm(path, { force: true });
    },
  };
  return store;
}

/** A new file opened for writing (`wx`: never one that exists), in Node's thread pool. */
function openDescriptor(path: string, mode: number): Promise<number> {
  return new Promise((resolve, reject) => openCallback(path, 'wx', mode, (error, fd) => (error ? reject(error) : resolve(fd))));
}

/** fsync in Node's thread pool. */
function syncDescriptor(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
}

/** The failure of the call a {@link FileStore.writeOutputs} waited for (`after`), thrown on as it is. */
class EarlierFailure {
  constructor(readonly cause: unknown) {}
}

/** A write of {@link FileStore.writeOutputs} that failed, with the path it was writing. */
export class WriteFailure extends Error {
  override name = 'WriteFailure';
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`cannot write ${path}`);
  }
}

/** A file's bytes, read through one descriptor: a folder is refused with EISDIR like readFile's. */
function statNow(path: string): FileInfo | null {
  try {
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) return null;
    return {
      kind: info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other',
      size: info.size,
      mtimeMs: info.mtimeMs,
      ctimeMs: info.ctimeMs,
      ino: info.ino,
    };
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return null;
    throw error;
  }
}

function readBytesOf(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    if (fstatSync(fd).isDirectory())
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The descriptor `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N` name, when it is 1 or 2. */
function ownDescriptor(path: string): number | null {
  // Called for every file of an export: most paths are none of these, and say so by their start.
  if (!path.startsWith('/dev/') && !path.startsWith('/proc/')) return null;
  const match = /^\/(?:dev\/(?:std(out|err)|fd\/([12]))|proc\/self\/fd\/([12]))$/.exec(path);
  if (!match) return null;
  if (match[1]) return match[1] === 'out' ? 1 : 2;
  return Number(match[2] ?? match[3]);
}

/**
 * `mkdir -p`, a level at a time. Node's own recursive mkdir never returns where a parent exists
 * but refuses new entries with ENOENT (/proc, /sys): it retries for ever, deaf to signals.
 */
async function makeDirs(dir: string, mode: number | undefined): Promise<void> {
  try {
    await mkdir(dir, { mode });
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) {
      if ((await stat(dir)).isDirectory()) return;
      throw error;
    }
    const parent = dirname(dir);
    if (!isErrnoCode(error, 'ENOENT') || parent === dir) throw error;
    await makeDirs(parent, mode);
    // Once: a folder that still cannot be made is an error, not a loop.
    await mkdir(dir, { mode }).catch((again: unknown) => {
      if (!isErrnoCode(again, 'EEXIST')) throw again;
    });
  }
}

/** True when `error` is a Node system error with this `code` (ENOENT, EACCES, ENOSPC...). */
export function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

const FS_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EFBIG: 'the file is too large for the device',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EDQUOT: 'disk quota exceeded',
  ELOOP: 'too many symbolic links (a link loop?)',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  ENXIO: 'nothing is reading at the other end (a socket?)',
  EDANGLING: 'it is a dangling link, pointing to nothing',
  EEXIST: 'it exists already',
};

/** A system error in a few words ("permission denied"), for one-line messages. */
export function describeFsError(error: unknown): string {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  if (code && FS_ERRORS[code]) return FS_ERRORS[code];
  // Node's messages name the path: shown like any name from outside.
  return escapeControls(error instanceof Error ? error.message : String(error));
}
