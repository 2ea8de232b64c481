import { basename, dirname } from 'node:path';
import type { FileInfo, FileStore } from '../../src/io/file-store.js';
import { WriteFailure } from '../../src/io/file-store.js';

/** An in-memory FileStore; `failWrites` makes writes fail like a full disk. */
export interface MemoryStore extends FileStore {
  files: Map<string, { text: string; mode: number }>;
  dirs: Map<string, number>;
  failWrites: NodeJS.ErrnoException | null;
  writes: number;
}

export function createMemoryStore(initial: Record<string, string> = {}): MemoryStore {
  const files = new Map(Object.entries(initial).map(([path, text]) => [path, { text, mode: 0o644 }]));
  const dirs = new Map<string, number>();
  const store: MemoryStore = {
    files,
    dirs,
    failWrites: null,
    writes: 0,
    async stat(path): Promise<FileInfo | null> {
      const file = files.get(path);
      if (file) return { kind: 'file', size: Buffer.byteLength(file.text) };
      if (dirs.has(path) || [...files.keys()].some((name) => dirname(name) === path)) return { kind: 'directory', size: 0 };
      return null;
    },
    async readBytes(path) {
      return new Uint8Array(Buffer.from(await store.readText(path)));
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
      files.set(path, { text, mode: options.mode ?? 0o644 });
    },
    async writeOutput(path, text, options = {}) {
      await store.writeAtomic(path, text, options);
    },
    async writeOutputs(list, options = {}) {
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
