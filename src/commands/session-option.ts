import type { Context } from '../context.js';
import { MockprepError } from '../core/errors.js';
import { findSession, newestFirst } from '../core/find-session.js';
import type { SessionProblem, StoredSession } from '../io/read-sessions.js';
import { formatSessionProblem, isProblem, listSessionIds, readSessionRef } from '../io/read-sessions.js';
import { sessionsDir } from '../io/session-files.js';
import type { IndexedSession, IndexedSessions } from '../io/session-index.js';
import { readSessionIndex } from '../io/session-index.js';

/**
 * The session a command works on: `[id|latest]` as typed (unique prefixes work). With `latest`,
 * the newest readable session `accept` takes; damaged files passed on the way are reported on
 * stderr. An unknown or ambiguous id is a usage error; no session at all, or a damaged file
 * asked for by id, is an error.
 */
export async function loadSessionOption(
  query: string | undefined,
  ctx: Pick<Context, 'store' | 'dataDir' | 'stderr'> & Partial<Pick<Context, 'clock'>>,
  options: {
    accept?: (session: StoredSession) => boolean;
    /**
     * With `latest`, walk the summary index instead of reading every transcript on the way: the
     * first session this takes is the one read in full. Needs `ctx.clock`.
     */
    acceptIndexed?: (session: IndexedSession) => boolean;
    noneAccepted?: () => string;
  } = {},
): Promise<StoredSession> {
  const indexed =
    options.acceptIndexed && ctx.clock && isLatest(query) ? await readSessionIndex(ctx.dataDir, ctx.store, ctx.clock.now()) : null;
  const listing = indexed?.listing ?? (await listSessionIds(ctx.dataDir, ctx.store));
  const { ids } = listing;
  const ref = findSession(query, ids);
  if (ref.kind === 'latest' && ids.length === 0) {
    throw new MockprepError(`no sessions yet in ${sessionsDir(ctx.dataDir)}; start one with: mockprep start`);
  }
  const { session, problems } =
    indexed && options.acceptIndexed
      ? await readIndexedLatest(ctx, indexed, options.acceptIndexed)
      : await readSessionRef(ctx.dataDir, ref, listing, ctx.store, options.accept);
  if (ref.kind === 'id') {
    const [problem] = problems;
    if (problem) throw new MockprepError(`cannot read session ${ref.id} (${problem.path}): ${problem.message}`);
  } else {
    for (const problem of problems) ctx.stderr.line(formatSessionProblem(problem));
  }
  if (!session) {
    throw new MockprepError(options.noneAccepted?.() ?? `no readable session in ${sessionsDir(ctx.dataDir)}`);
  }
  return session;
}

/** Whether what was typed asks for the newest session (as {@link findSession} reads it). */
function isLatest(query: string | undefined): boolean {
  return (
    (query ?? 'latest')
      .trim()
      .replace(/\.json$/i, '')
      .toLowerCase() === 'latest'
  );
}

/**
 * The newest session `accept` takes, walking ids newest first as a full read would, but over the
 * index's records; the problems passed on the way are the ones a full read would have met. The
 * session found is then read in full (as it is now: it may have changed since the index saw it).
 */
async function readIndexedLatest(
  ctx: Pick<Context, 'store' | 'dataDir'>,
  indexed: IndexedSessions,
  accept: (session: IndexedSession) => boolean,
): Promise<{ session: StoredSession | null; problems: SessionProblem[] }> {
  const problems: SessionProblem[] = [];
  for (const id of newestFirst(indexed.listing.ids)) {
    const entry = indexed.byId.get(id);
    if (!entry) continue;
    if (isProblem(entry)) {
      problems.push(entry);
      continue;
    }
    if (!accept(entry)) continue;
    const read = await readSessionRef(ctx.dataDir, { kind: 'id', id }, indexed.listing, ctx.store);
    return { session: read.session, problems: [...problems, ...read.problems] };
  }
  return { session: null, problems };
}
