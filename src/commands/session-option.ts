import type { Context } from '../context.js';
import { MockprepError } from '../core/errors.js';
import { findSession } from '../core/find-session.js';
import type { StoredSession } from '../io/read-sessions.js';
import { formatSessionProblem, listSessionIds, readSessionRef } from '../io/read-sessions.js';
import { sessionsDir } from '../io/session-files.js';

/**
 * The session a command works on: `[id|latest]` as typed (unique prefixes work). With `latest`,
 * the newest readable session `accept` takes; damaged files passed on the way are reported on
 * stderr. An unknown or ambiguous id is a usage error; no session at all, or a damaged file
 * asked for by id, is an error.
 */
export async function loadSessionOption(
  query: string | undefined,
  ctx: Pick<Context, 'store' | 'dataDir' | 'stderr'>,
  options: { accept?: (session: StoredSession) => boolean; noneAccepted?: () => string } = {},
): Promise<StoredSession> {
  const listing = await listSessionIds(ctx.dataDir, ctx.store);
  const { ids } = listing;
  const ref = findSession(query, ids);
  if (ref.kind === 'latest' && ids.length === 0) {
    throw new MockprepError(`no sessions yet in ${sessionsDir(ctx.dataDir)}; start one with: mockprep start`);
  }
  const { session, problems } = await readSessionRef(ctx.dataDir, ref, listing, ctx.store, options.accept);
  if (ref.kind === 'id') {
    const [problem] = problems;
    if (problem) throw new MockprepError(`cannot read session ${ref.id}: ${problem.message}`, { details: [`file: ${problem.path}`] });
  } else {
    for (const problem of problems) ctx.stderr.line(formatSessionProblem(problem));
  }
  if (!session) {
    throw new MockprepError(options.noneAccepted?.() ?? `no readable session in ${sessionsDir(ctx.dataDir)}`);
  }
  return session;
}
