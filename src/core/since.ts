import { parseDay, startOfLocalDay } from './local-day.js';

// `stats --since <date|duration>`: a calendar date (`2026-11-01`, from the start of that day in
// the user's time zone), a span back from now in the style of durations (`30d`, `2w`, `1w3d`,
// `12h`), or `today`. Parsed without a clock; resolved against one.

/** What `--since` asked for, before it is pinned to a clock. */
export type SinceSpec =
  | { kind: 'day'; day: number; text: string }
  | { kind: 'ago'; ms: number; text: string }
  | { kind: 'today'; text: string };

const SPAN = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?$/;
const HOUR = 60 * 60 * 1000;

/** The message for a value that is none of these. */
export const SINCE_PROBLEM = 'expected a date like 2026-11-01, a span like 30d, 2w or 12h, or today.';

/** Reads `2026-11-01`, `30d`, `2w`, `1w3d`, `12h` or `today`; null for anything else (a bare number, zero, `3m`). */
export function parseSince(text: string): SinceSpec | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'today') return { kind: 'today', text: trimmed };
  const day = parseDay(trimmed);
  if (day !== null) return { kind: 'day', day, text: trimmed };
  const match = trimmed === '' ? null : SPAN.exec(trimmed);
  if (!match) return null;
  const [, w = '0', d = '0', h = '0'] = match;
  const ms = ((Number(w) * 7 + Number(d)) * 24 + Number(h)) * HOUR;
  return ms > 0 && Number.isSafeInteger(ms) ? { kind: 'ago', ms, text: trimmed } : null;
}

/** The instant the span starts at `now` in `timeZone`: a date or today from its local midnight. */
export function resolveSince(spec: SinceSpec, now: number, timeZone: string | undefined, today: number): number {
  switch (spec.kind) {
    case 'day':
      return startOfLocalDay(spec.day, timeZone);
    case 'today':
      return startOfLocalDay(today, timeZone);
    case 'ago':
      return now - spec.ms;
  }
}
