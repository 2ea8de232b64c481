import { basename, dirname } from 'node:path';
import type { FileInfo, FileStore } from '../../src/io/file-store.js';
import { WriteFailure } from '../../src/io/file-store.js';

/** An in-memory FileStore; `failWrites` makes writes fail like a full disk. */
export interface MemoryStore extends FileStore {
  /** `bytes` for a file written as bytes (the session index); `text` is then their UTF-8 reading. */
  files: Map<string, { text: string; mode: number; bytes?: Uint8Array }>;
  dirs: Map<string, number>;
  failWrites: NodeJS.ErrnoException | null;
  writes: number;
}

export function createMemoryStore(initial: Record<string, string> = {}): MemoryStore {
  const files: MemoryStore['files'] = new Map(Object.entries(initial).map(([path, text]) => [path, { text, mode: 0o644 }]));
  const dirs = new Map<string, number>();
  const store: MemoryStore = {
    files,
    dirs,
    failWrites: null,
    writes: 0,
    async stat(path): Promise<FileInfo | null> {
      const file = files.get(path);
      if (file) return { kind: 'file', size: file.bytes?.length ?? Buffer.byteLength(file.text) };
      if (dirs.has(path) || [...files.keys()].some((name) => dirname(name) === path)) return { kind: 'directory', size: 0 };
      return null;
    },
    async statAll(paths) {
      return Promise.all(paths.map((path) => store.stat(path).catch(() => null)));
    },
    async readBytes(path) {
      const bytes = files.get(path)?.bytes;
      return bytes ? new Uint8Array(bytes) : new Uint8Array(Buffer.from(await store.readText(path)));
    },
    async readText(path) {
      const file = files.get(path);
      if (!file) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return file.text;
    },
    async list(dir) {
      return [...files.keys()]
        .filter((name) => dirname(name) === dir)
        .map((name) => basename(name))
        .sort();
    },
    async writeAtomic(path, text, options = {}) {
      if (store.failWrites) throw store.failWrites;
      store.writes++;
      const mode = options.mode ?? 0o644;
      files.set(
        path,
        typeof text === 'string' ? { text, mode } : { text: Buffer.from(text).toString('utf8'), mode, bytes: new Uint8Array(text) },
      );
    },
    async writeOutput(path, text, options = {}) {
      await store.writeAtomic(path, text, options);
    },
    async writeOutputs(list, options = {}) {
      // The earlier batch first; its failure is thrown as it is, and nothing of this batch written.
      await options.after;
      for (const file of list) {
        try {
          await store.writeAtomic(file.path, file.text, options);
        } catch (error) {
          throw new WriteFailure(file.path, error);
        }
      }
    },
    async createExclusive(path, text, options = {}) {
      if (store.failWrites) throw store.failWrites;
      if (files.has(path)) throw Object.assign(new Error(`EEXIST: ${path}`), { code: 'EEXIST' });
      files.set(path, { text, mode: options.mode ?? 0o644 });
    },
    async remove(path) {
      files.delete(path);
    },
    async ensureDir(dir, options = {}) {
      if (store.failWrites) throw store.failWrites;
      dirs.set(dir, options.mode ?? 0o755);
    },
  };
  return store;
}
