import { join, resolve, sep } from 'node:path';
import type { Context } from '../context.js';
import { MockprepError, UsageError } from '../core/errors.js';
import type { MarkdownOptions } from '../core/render-transcript-markdown.js';
import { renderTranscriptMarkdown } from '../core/render-transcript-markdown.js';
import { escapeControls } from '../core/sanitize-text.js';
import { plural } from '../core/text.js';
import { wordOrderFor } from '../io/collation.js';
import type { FileStore } from '../io/file-store.js';
import { describeFsError, WriteFailure } from '../io/file-store.js';
import { startProgress } from '../io/progress.js';
import type { SessionProblem, StoredSession } from '../io/read-sessions.js';
import { formatSessionProblem, isProblem, readSession } from '../io/read-sessions.js';
import { serializeTranscript } from '../io/session-files.js';
import { loadSessionOption } from './session-option.js';
import { readIndexReporting } from './sessions.js';

export const EXPORT_FORMATS = ['md', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** A session id, a unique start of one, or `latest` (the default). */
  session?: string;
  /** Every session, one file each, into the folder `output`. */
  all?: boolean;
  format: ExportFormat;
  /** A file (or an existing folder) to write to; stdout when omitted. */
  output?: string;
}

/** How many export files are written, then fsynced together, at a time (each holds a descriptor until its rename). */
const EXPORT_BATCH = 16;
/**
 * How many batches are in flight at once: the next is read and rendered while these are fsynced.
 * With two, the main thread waited on the disk a quarter of the time (fsyncs of one batch finish
 * at different moments, and a batch is renamed only once all of its own are done); with four it
 * rarely does. 64 descriptors at most.
 */
const BATCHES_IN_FLIGHT = 4;

type ExportContext = Pick<Context, 'stdout' | 'stderr' | 'store' | 'dataDir' | 'env' | 'timeZone' | 'clock'>;

/** `mockprep export [id|latest]`: a session as a markdown document or its JSON transcript. */
export async function runExport(options: ExportOptions, ctx: ExportContext): Promise<void> {
  if (options.all) {
    if (options.session !== undefined) throw new UsageError('--all exports every session: give either an id or --all, not both');
    if (options.output === undefined) throw new UsageError('--all writes one file per session: name a folder with -o <folder>');
    await exportAll(options.format, resolve(options.output), ctx);
    return;
  }
  const session = await loadSessionOption(options.session, ctx);
  const text = renderExport(session, options.format, renderOptions(ctx));
  if (options.output === undefined) {
    ctx.stdout.write(text);
    return;
  }
  let path = resolve(options.output);
  if ((await statOutput(ctx.store, path))?.kind === 'directory') path = join(path, fileNameOf(session, options.format));
  await writeExport(ctx.store, path, text);
  ctx.stdout.line(`Exported session ${escapeControls(session.id)} to ${escapeControls(path)}`);
}

async function exportAll(format: ExportFormat, folder: string, ctx: ExportContext): Promise<void> {
  const existing = await statOutput(ctx.store, folder);
  if (existing && existing.kind !== 'directory')
    throw new UsageError(`${folder} is not a folder; --all writes one file per session into a folder`);
  // Which sessions there are, newest first, and what is not readable (reported as a full read
  // reports it), from the summary index: a stat per file. Each transcript is then read in full
  // for its batch alone, while the batch before it is fsynced.
  const { sessions } = await readIndexReporting(ctx);
  if (sessions.length === 0) {
    ctx.stdout.line('No sessions to export yet. Start one: mockprep start');
    return;
  }
  try {
    await ctx.store.ensureDir(folder, existing ? {} : { mode: 0o700 });
  } catch (error) {
    throw new MockprepError(`cannot create ${folder} (${describeFsError(error)})`, { cause: error });
  }
  const progress = await startProgress(ctx.stderr, `Exporting ${plural(sessions.length, 'session')}…`, ctx.env);
  const writeBatch = async (files: { path: string; text: string }[], after: Promise<void> | undefined) => {
    try {
      await ctx.store.writeOutputs(files, { mode: 0o600, after });
    } catch (error) {
      // The batch before failed: its message is already made.
      if (error instanceof MockprepError) throw error;
      const path = error instanceof WriteFailure ? error.path : folder;
      const cause = error instanceof WriteFailure ? error.cause : error;
      throw new MockprepError(`cannot write ${path} (${describeFsError(cause)})`, { cause });
    }
  };
  // The folder is resolved (absolute, normalized): each file's path is the folder and its name, without path.join's normalizing.
  const prefix = folder.endsWith(sep) ? folder : `${folder}${sep}`;
  // A transcript changed since the index saw it may no longer read: reported once the spinner is gone.
  const unreadable: SessionProblem[] = [];
  let exported = 0;
  // Every file is written as one export is (temporary file, fsync, rename into place), a batch at
  // a time: the batch's fsyncs overlap instead of each waiting for the last (FileStore.writeOutputs).
  // Several batches are in flight (BATCHES_IN_FLIGHT): while they are fsynced, the next is read,
  // rendered and fsynced too, and each is renamed only once the one before it is in place, so a
  // failure leaves the files before it, as one by one would. Waiting on the oldest batch before
  // starting one more keeps the work going and stops the export soon after a failure.
  const render = renderOptions(ctx);
  let writing: Promise<void> | undefined;
  try {
    const inFlight: { promise: Promise<void>; done: number }[] = [];
    for (let start = 0; start < sessions.length; start += EXPORT_BATCH) {
      const files = await renderBatch(sessions.slice(start, start + EXPORT_BATCH), { format, render, prefix, unreadable }, ctx);
      const oldest = inFlight.length >= BATCHES_IN_FLIGHT ? inFlight.shift() : undefined;
      if (oldest) {
        await oldest.promise;
        progress.update(`Exporting sessions… ${oldest.done} of ${sessions.length}`);
      }
      const batch = writeBatch(files, writing);
      // Awaited later; rejected meanwhile, it is not an unhandled rejection.
      batch.catch(() => {});
      inFlight.push({ promise: batch, done: Math.min(start + EXPORT_BATCH, sessions.length) });
      writing = batch;
      exported += files.length;
    }
    await writing;
  } finally {
    // A batch still in flight when an earlier one failed removes its temporary files: let it.
    await writing?.catch(() => {});
    progress.stop();
    for (const problem of unreadable) ctx.stderr.line(formatSessionProblem(problem));
  }
  ctx.stdout.line(`Exported ${plural(exported, 'session')} to ${escapeControls(folder)}`);
}

/**
 * One batch of export --all read and rendered, in order; a transcript that no longer reads goes
 * to `unreadable`. A function of its own, so that the optimizing compiler takes this loop alone,
 * not the whole of exportAll around it.
 */
async function renderBatch(
  batch: readonly { id: string; size: number | null }[],
  how: { format: ExportFormat; render: MarkdownOptions; prefix: string; unreadable: SessionProblem[] },
  ctx: Pick<Context, 'dataDir' | 'store'>,
): Promise<{ path: string; text: string }[]> {
  const files: { path: string; text: string }[] = [];
  for (const { id, size } of batch) {
    // The index stat'ed each file a moment ago: its size is not asked for again.
    const read = await readSession(ctx.dataDir, id, ctx.store, size === null ? {} : { seen: { size } });
    if (isProblem(read)) how.unreadable.push(read);
    else files.push({ path: `${how.prefix}${fileNameOf(read, how.format)}`, text: renderExport(read, how.format, how.render) });
  }
  return files;
}

/** How the markdown is rendered in this environment: made once per command (reading the environment is not free). */
function renderOptions(ctx: Pick<Context, 'timeZone' | 'env'>): MarkdownOptions {
  return { timeZone: ctx.timeZone, wordOrder: wordOrderFor(ctx.env) };
}

function renderExport(session: StoredSession, format: ExportFormat, options: MarkdownOptions): string {
  return format === 'json' ? serializeTranscript(session.transcript) : renderTranscriptMarkdown(session.transcript, options);
}

/** What is at an output path; a path the file system refuses (no permission, a name too long) is one line. */
async function statOutput(store: Pick<FileStore, 'stat'>, path: string) {
  try {
    return await store.stat(path);
  } catch (error) {
    throw new MockprepError(`cannot write ${path} (${describeFsError(error)})`, { cause: error });
  }
}

function fileNameOf(session: StoredSession, format: ExportFormat): string {
  return `${session.id}.${format}`;
}

/**
 * Answers are private: exports are written like transcripts, mode 0600, atomically; a device or a
 * FIFO named with -o is written through, never replaced (see FileStore.writeOutput).
 */
async function writeExport(store: Pick<FileStore, 'writeOutput'>, path: string, text: string): Promise<void> {
  try {
    await store.writeOutput(path, text, { mode: 0o600 });
  } catch (error) {
    throw new MockprepError(`cannot write ${path} (${describeFsError(error)})`, { cause: error });
  }
}
