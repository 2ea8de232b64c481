import { link, open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Thrown by {@link writeNewFile} when something already exists at the path. */
export class FileExistsError extends Error {
  override name = 'FileExistsError';
  constructor(readonly path: string) {
    super(`${path} already exists`);
  }
}

/**
 * Writes a file that must not exist yet, all at once or not at all: a temporary file in the
 * same folder, then a hard link to the name (which fails if the name is taken, even when
 * another process takes it between a check and the write), then the temporary name goes.
 */
export async function writeNewFile(path: string, text: string, options: { mode?: number } = {}): Promise<void> {
  const { randomBytes } = await import('node:crypto');
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx', options.mode ?? 0o644);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await link(temp, path).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EEXIST' ? new FileExistsError(path) : error;
    });
  } finally {
    await handle?.close().catch(() => {});
    await rm(temp, { force: true }).catch(() => {});
  }
}
