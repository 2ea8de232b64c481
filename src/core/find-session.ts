import { editDistance } from './closest-match.js';
import { UsageError } from './errors.js';
import { sanitizeText } from './sanitize-text.js';

// Finding a session from what the user typed. The answer is always one of the ids that exist:
// what was typed is compared with them, never joined into a path, so `../../etc/passwd` is just
// an id that matches nothing.

/** mockprep's own ids start with the session's start time in UTC: `20261125-193012-a3f9`. */
const TIMED_ID = /^\d{8}-\d{6}-/;

/** What the user asked for: the newest session, or one by its id. */
export type SessionRef = { kind: 'latest' } | { kind: 'id'; id: string };

/**
 * Orders ids newest first. mockprep's ids begin with their start time, so their order is the
 * order the sessions started in; any other names (renamed files) come after them, by name.
 */
export function sortNewestFirst(ids: readonly string[]): string[] {
  // Each id tested once (not twice per comparison: 10,000 ids are some 260,000 tests that way).
  const timed: string[] = [];
  const other: string[] = [];
  for (const id of ids) (TIMED_ID.test(id) ? timed : other).push(id);
  const descending = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
  return [...timed.sort(descending), ...other.sort(descending)];
}

/**
 * The ids in {@link sortNewestFirst}'s order, made as they are asked for: the newest is found in
 * one pass, and the rest are sorted only if it is not the one wanted (a damaged file, a session
 * another filter skips). `latest` nearly always takes the first.
 */
export function* newestFirst(ids: readonly string[]): Generator<string> {
  let newest: string | undefined;
  // From the end, the comparison before the pattern: listings come sorted, so once the newest is
  // found nothing after it in this walk is newer, and none of 10,000 ids is tested again.
  for (let i = ids.length - 1; i >= 0; i--) {
    const id = ids[i] as string;
    if ((newest === undefined || id > newest) && TIMED_ID.test(id)) newest = id;
  }
  if (newest === undefined) {
    yield* sortNewestFirst(ids);
    return;
  }
  yield newest;
  for (const id of sortNewestFirst(ids)) if (id !== newest) yield id;
}

/**
 * Resolves `query` among `ids`: nothing or `latest` is the newest session; otherwise an exact id
 * (a trailing `.json` is ignored, so a file name works) or a prefix that only one id starts with.
 * An unknown or ambiguous id is a usage error that lists the nearest ids.
 */
export function findSession(query: string | undefined, ids: readonly string[]): SessionRef {
  const wanted = (query ?? 'latest')
    .trim()
    .replace(/\.json$/i, '')
    .toLowerCase();
  if (wanted === 'latest') return { kind: 'latest' };
  const shown = `"${sanitizeText(query ?? '').slice(0, 60)}"`;
  if (wanted === '') throw new UsageError(`an empty session id; give an id from mockprep sessions, or latest`);
  const exact = ids.find((id) => id.toLowerCase() === wanted);
  if (exact !== undefined) return { kind: 'id', id: exact };
  const prefixed = sortNewestFirst(ids.filter((id) => id.toLowerCase().startsWith(wanted)));
  const [only, second] = prefixed;
  if (only !== undefined && second === undefined) return { kind: 'id', id: only };
  if (only !== undefined) {
    throw new UsageError(
      `session id ${shown} is ambiguous: ${prefixed.length} sessions start with it (${listIds(prefixed)}); type more of the id`,
    );
  }
  if (ids.length === 0) throw new UsageError(`no session ${shown}: there are no sessions yet`);
  const near = nearSessionIds(wanted, ids);
  const suggestion = near.length > 0 ? ` Did you mean ${listIds(near, 'or')}?` : '';
  throw new UsageError(`no session ${shown}.${suggestion} See them all with: mockprep sessions`);
}

/**
 * Ids close to what was typed, newest first: those containing it (three characters or more), then
 * those whose start is a typo or two away from it (one edit per four characters typed).
 */
export function nearSessionIds(query: string, ids: readonly string[], max = 3): string[] {
  const wanted = query.toLowerCase();
  // Too short a query is no basis for a guess: "x" is not a typo of anything.
  const allowed = Math.floor(wanted.length / 4);
  const scored = ids.flatMap((id) => {
    const lower = id.toLowerCase();
    if (wanted.length >= 3 && lower.includes(wanted)) return [{ id, distance: 0 }];
    if (allowed === 0) return [];
    const distance = Math.min(editDistance(wanted, lower.slice(0, wanted.length)), editDistance(wanted, lower));
    return distance <= allowed ? [{ id, distance }] : [];
  });
  const newest = sortNewestFirst(scored.map((entry) => entry.id));
  const distanceOf = new Map(scored.map((entry) => [entry.id, entry.distance]));
  return newest
    .map((id, order) => ({ id, order, distance: distanceOf.get(id) ?? 0 }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, max)
    .map((entry) => entry.id);
}

/** "a, b and 3 more" (at most three named). */
function listIds(ids: readonly string[], last = 'and'): string {
  const named = ids.slice(0, 3);
  const rest = ids.length - named.length;
  if (rest > 0) return `${named.join(', ')} ${last} ${rest} more`;
  if (named.length <= 1) return named.join('');
  return `${named.slice(0, -1).join(', ')} ${last} ${named.at(-1)}`;
}
