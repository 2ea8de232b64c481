import type { Context } from '../context.js';
import { formatDuration } from '../core/duration.js';
import { MockprepError } from '../core/errors.js';
import { formatDateTime } from '../core/format-date.js';
import { escapeControls, stringifyJson } from '../core/sanitize-text.js';
import type { SessionRecord } from '../core/session-summary.js';
import { startedAtMs } from '../core/session-summary.js';
import { fitWidth, plural } from '../core/text.js';
import type { SessionMode, Transcript } from '../core/transcript-schema.js';
import { formatSessionProblem } from '../io/read-sessions.js';
import { sessionsDir } from '../io/session-files.js';
import type { IndexedSession, IndexedSessions } from '../io/session-index.js';
import { readSessionIndex } from '../io/session-index.js';

export interface SessionsOptions {
  /** Only sessions that asked questions of this category (id or title, case-insensitive). */
  category?: string;
  /** Only sessions sat in this mode. */
  mode?: SessionMode;
  /** At most this many, newest first. */
  limit?: number;
  json?: boolean;
}

/**
 * Every readable session's record from the summary index (io/session-index.ts), newest first,
 * with unreadable files reported on stderr exactly as a full read reports them. Fails only when
 * there were files and none could be read.
 */
export async function readIndexReporting(ctx: Pick<Context, 'store' | 'dataDir' | 'stderr' | 'clock'>): Promise<IndexedSessions> {
  const indexed = await readSessionIndex(ctx.dataDir, ctx.store, ctx.clock.now());
  const lines = indexed.problems.map(formatSessionProblem);
  if (lines.length > 0) ctx.stderr.write(`${lines.join('\n')}\n`);
  if (indexed.sessions.length === 0 && indexed.problems.length > 0) {
    throw new MockprepError(`no transcript in ${sessionsDir(ctx.dataDir)} could be read`);
  }
  return indexed;
}

/** `mockprep sessions` (alias `history`): past sessions, newest first. */
export async function runSessions(
  options: SessionsOptions,
  ctx: Pick<Context, 'stdout' | 'stderr' | 'store' | 'dataDir' | 'env' | 'timeZone' | 'clock'>,
): Promise<void> {
  const all = (await readIndexReporting(ctx)).sessions;
  const wanted = options.category?.trim().toLowerCase();
  const inTheMode = options.mode === undefined ? all : all.filter(({ record }) => record.mode === options.mode);
  const matching = inTheMode.filter(({ record }) => wanted === undefined || askedCategory(record, wanted));
  const shown = options.limit === undefined ? matching : matching.slice(0, options.limit);
  const out = ctx.stdout;

  if (options.json) {
    out.line(stringifyJson({ sessions: shown.map(describeSession) }));
    return;
  }
  const none = describeNone(all.length, inTheMode.length, options.mode, ctx.dataDir, out.color);
  if (none) {
    for (const line of none) out.line(line);
    return;
  }
  if (matching.length === 0) {
    const categories = [...new Set(all.flatMap(({ record }) => record.askedCategories.map((category) => category.id)))].sort();
    out.line(`No sessions asked questions of category "${options.category}". Categories in your sessions: ${categories.join(', ')}`);
    return;
  }

  const { color } = out;
  const timeZone = ctx.timeZone;
  const width = out.isTTY ? out.columns : Number.POSITIVE_INFINITY;
  // A write per 500 sessions (1,000 lines), not per line: a write each is a system call each. Not
  // one for the whole listing either: 10,000 sessions' lines kept to the end were 8 MB the
  // collector copied twice.
  let lines: string[] = [];
  for (const session of shown) {
    if (lines.length >= 1000) {
      out.write(`${lines.join('\n')}\n`);
      lines = [];
    }
    const { record } = session;
    const id = escapeControls(session.id);
    const { summary } = record;
    // A session another process sits right now: its transcript says in-progress, and it is.
    const status = session.running
      ? color.cyan('running')
      : record.status === 'completed'
        ? color.green('completed')
        : record.status === 'interrupted'
          ? color.yellow('interrupted')
          : color.yellow('in progress');
    // From the start's milliseconds, which a record from the index holds (its ISO string is made when read).
    const started = startedAtMs(record);
    const head = `${color.cyan(id)}  ${formatDateTime(Number.isNaN(started) ? record.startedAt : started, { timeZone })}  `;
    const scope = fitWidth(describeScopeOf(record.category, record.sets), Math.max(10, width - (id.length + 20) - 13));
    lines.push(`${head}${scope}  ${status}`);
    const parts = [
      `answered ${summary.answered} of ${summary.total}`,
      `time ${formatDuration(summary.timeUsedMs / 1000)}`,
      plural(summary.hintsUsed, 'hint'),
      `${summary.timedOut} timed out`,
      summary.averageRating === null ? 'not rated' : `self-rating ${summary.averageRating.toFixed(1)}`,
    ];
    lines.push(color.dim(`  ${parts.join(' · ')}`));
  }
  const more = matching.length - shown.length;
  lines.push(
    '',
    `${plural(shown.length, 'session')}${more > 0 ? ` (${more} older: --limit ${matching.length})` : ''} · ` +
      color.dim('mockprep review <id> shows one; ids can be shortened to a unique start'),
  );
  out.write(`${lines.join('\n')}\n`);
}

/** What to say when there is nothing to show (no sessions, or none in the mode asked for); null when there is something. */
function describeNone(
  count: number,
  inTheMode: number,
  mode: SessionMode | undefined,
  dataDir: string,
  color: Context['stdout']['color'],
): string[] | null {
  if (count === 0) return [`No sessions yet in ${sessionsDir(dataDir)}.`, color.dim('Start one: mockprep start')];
  if (inTheMode === 0) return [`No ${mode} sessions yet: ${plural(count, 'session')} in other modes.`];
  return null;
}

/**
 * What to say when there is nothing to show: no sessions at all, or none in the mode asked for.
 * Null when some session is in that mode.
 */
export function describeNoSessions(
  all: readonly { record: Pick<SessionRecord, 'mode'> }[],
  mode: SessionMode | undefined,
  dataDir: string,
  color: Context['stdout']['color'],
): string[] | null {
  if (all.length === 0) return [`No sessions yet in ${sessionsDir(dataDir)}.`, color.dim('Start one: mockprep start')];
  if (inMode(all, mode).length === 0) return [`No ${mode} sessions yet: ${plural(all.length, 'session')} in other modes.`];
  return null;
}

/** The sessions sat in `mode`, or all of them when no mode is asked for. */
export function inMode<T extends { record: Pick<SessionRecord, 'mode'> }>(sessions: readonly T[], mode: SessionMode | undefined): T[] {
  return mode === undefined ? [...sessions] : sessions.filter(({ record }) => record.mode === mode);
}

/** "Basics · Mini set", or "All categories · Mini set": the category first, as it matters most in a list. */
export function describeScope(transcript: Transcript): string {
  return describeScopeOf(transcript.settings.category, transcript.settings.sets);
}

function describeScopeOf(category: { title: string } | null, sets: readonly { title: string }[]): string {
  return `${category?.title ?? 'All categories'} · ${sets.map((set) => set.title).join(', ') || 'no set'}`;
}

function askedCategory(record: SessionRecord, wanted: string): boolean {
  const { category } = record;
  if (category && (category.id.toLowerCase() === wanted || category.title.toLowerCase() === wanted)) return true;
  return record.askedCategories.some(({ id, title }) => id.toLowerCase() === wanted || title.toLowerCase() === wanted);
}

/** One session in `--json` output: what the listing shows, as data. */
function describeSession({ id, path, record, running }: IndexedSession) {
  const { summary } = record;
  return {
    id,
    path,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
    status: record.status,
    running,
    endReason: record.endReason,
    sets: record.sets,
    category: record.category,
    mode: record.mode,
    total: summary.total,
    answered: summary.answered,
    skipped: summary.skipped,
    timedOut: summary.timedOut,
    notReached: summary.notReached,
    timeUsedMs: summary.timeUsedMs,
    hintsUsed: summary.hintsUsed,
    keyPoints: summary.keyPoints,
    averageRating: summary.averageRating,
  };
}
