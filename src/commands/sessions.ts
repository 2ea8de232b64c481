import type { Context } from '../context.js';
import { formatDuration } from '../core/duration.js';
import { MockprepError } from '../core/errors.js';
import { formatDateTime } from '../core/format-date.js';
import { escapeControls, stringifyJson } from '../core/sanitize-text.js';
import { summarizeTranscript } from '../core/summary.js';
import { fitWidth, plural } from '../core/text.js';
import type { SessionMode, Transcript } from '../core/transcript-schema.js';
import type { StoredSession } from '../io/read-sessions.js';
import { formatSessionProblem, readAllSessions } from '../io/read-sessions.js';
import { sessionsDir } from '../io/session-files.js';

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
 * Every readable session, newest first, with unreadable files reported on stderr (one line
 * each). Fails only when there were files and none could be read.
 */
export async function readSessionsReporting(ctx: Pick<Context, 'store' | 'dataDir' | 'stderr'>): Promise<StoredSession[]> {
  const { sessions, problems } = await readAllSessions(ctx.dataDir, ctx.store);
  for (const problem of problems) ctx.stderr.line(formatSessionProblem(problem));
  if (sessions.length === 0 && problems.length > 0) {
    throw new MockprepError(`no transcript in ${sessionsDir(ctx.dataDir)} could be read`);
  }
  return sessions;
}

/** `mockprep sessions` (alias `history`): past sessions, newest first. */
export async function runSessions(
  options: SessionsOptions,
  ctx: Pick<Context, 'stdout' | 'stderr' | 'store' | 'dataDir' | 'env' | 'timeZone'>,
): Promise<void> {
  const all = await readSessionsReporting(ctx);
  const wanted = options.category?.trim().toLowerCase();
  const matching = inMode(all, options.mode).filter(({ transcript }) => wanted === undefined || askedCategory(transcript, wanted));
  const shown = options.limit === undefined ? matching : matching.slice(0, options.limit);
  const out = ctx.stdout;

  if (options.json) {
    out.line(stringifyJson({ sessions: shown.map(describeSession) }));
    return;
  }
  const none = describeNoSessions(all, options.mode, ctx.dataDir, out.color);
  if (none) {
    for (const line of none) out.line(line);
    return;
  }
  if (matching.length === 0) {
    const categories = [...new Set(all.flatMap(({ transcript }) => transcript.items.map((item) => item.question.categoryId)))].sort();
    out.line(`No sessions asked questions of category "${options.category}". Categories in your sessions: ${categories.join(', ')}`);
    return;
  }

  const { color } = out;
  const timeZone = ctx.timeZone;
  const width = out.isTTY ? out.columns : Number.POSITIVE_INFINITY;
  for (const session of shown) {
    const { transcript } = session;
    const id = escapeControls(session.id);
    const summary = summarizeTranscript(transcript);
    // A session another process sits right now: its transcript says in-progress, and it is.
    const status = session.running
      ? color.cyan('running')
      : transcript.status === 'completed'
        ? color.green('completed')
        : transcript.status === 'interrupted'
          ? color.yellow('interrupted')
          : color.yellow('in progress');
    const head = `${color.cyan(id)}  ${formatDateTime(transcript.startedAt, { timeZone })}  `;
    const scope = fitWidth(describeScope(transcript), Math.max(10, width - (id.length + 20) - 13));
    out.line(`${head}${scope}  ${status}`);
    const parts = [
      `answered ${summary.answered} of ${summary.total}`,
      `time ${formatDuration(summary.timeUsedMs / 1000)}`,
      plural(summary.hintsUsed, 'hint'),
      `${summary.timedOut} timed out`,
      summary.averageRating === null ? 'not rated' : `self-rating ${summary.averageRating.toFixed(1)}`,
    ];
    out.line(color.dim(`  ${parts.join(' · ')}`));
  }
  const more = matching.length - shown.length;
  out.line();
  out.line(
    `${plural(shown.length, 'session')}${more > 0 ? ` (${more} older: --limit ${matching.length})` : ''} · ` +
      color.dim('mockprep review <id> shows one; ids can be shortened to a unique start'),
  );
}

/**
 * What to say when there is nothing to show: no sessions at all, or none in the mode asked for.
 * Null when some session is in that mode.
 */
export function describeNoSessions(
  all: StoredSession[],
  mode: SessionMode | undefined,
  dataDir: string,
  color: Context['stdout']['color'],
): string[] | null {
  if (all.length === 0) return [`No sessions yet in ${sessionsDir(dataDir)}.`, color.dim('Start one: mockprep start')];
  if (inMode(all, mode).length === 0) return [`No ${mode} sessions yet: ${plural(all.length, 'session')} in other modes.`];
  return null;
}

/** The sessions sat in `mode`, or all of them when no mode is asked for. */
export function inMode(sessions: StoredSession[], mode: SessionMode | undefined): StoredSession[] {
  return mode === undefined ? sessions : sessions.filter(({ transcript }) => transcript.settings.mode === mode);
}

/** "Basics · Mini set", or "All categories · Mini set": the category first, as it matters most in a list. */
export function describeScope(transcript: Transcript): string {
  const sets = transcript.settings.sets.map((set) => set.title).join(', ') || 'no set';
  return `${transcript.settings.category?.title ?? 'All categories'} · ${sets}`;
}

function askedCategory(transcript: Transcript, wanted: string): boolean {
  const { category } = transcript.settings;
  if (category && (category.id.toLowerCase() === wanted || category.title.toLowerCase() === wanted)) return true;
  return transcript.items.some(
    ({ question }) => question.categoryId.toLowerCase() === wanted || question.categoryTitle.toLowerCase() === wanted,
  );
}

/** One session in `--json` output: what the listing shows, as data. */
function describeSession({ id, path, transcript, running }: StoredSession) {
  const summary = summarizeTranscript(transcript);
  return {
    id,
    path,
    startedAt: transcript.startedAt,
    endedAt: transcript.endedAt,
    status: transcript.status,
    running: Boolean(running),
    endReason: transcript.endReason,
    sets: transcript.settings.sets.map((set) => ({ id: set.id, title: set.title })),
    category: transcript.settings.category,
    mode: transcript.settings.mode,
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
