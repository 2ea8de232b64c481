const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * The longest duration anything may have: a question, a follow-up, a session. Longer is a typo
 * (`99999999h`), and would make the plain mode's announcements and the clocks meaningless.
 */
export const MAX_DURATION_SEC = 24 * 3600;

/** What is wrong with a duration: `format` (not `90s`, `3m`...; or zero), or `too-long` (over 24h). */
export type DurationResult = { ok: true; seconds: number } | { ok: false; reason: 'format' | 'too-long' };

/** Reads `90s`, `3m`, `1m30s`, `1h` as seconds, saying why not for anything else. */
export function readDuration(text: string): DurationResult {
  const trimmed = text.trim().toLowerCase();
  const match = trimmed === '' ? null : DURATION.exec(trimmed);
  if (!match) return { ok: false, reason: 'format' };
  const [, h = '0', m = '0', s = '0'] = match;
  const seconds = Number(h) * 3600 + Number(m) * 60 + Number(s);
  if (seconds === 0) return { ok: false, reason: 'format' };
  return seconds <= MAX_DURATION_SEC ? { ok: true, seconds } : { ok: false, reason: 'too-long' };
}

/** Why `text` is not a duration, or null when it is one. */
export function durationProblem(text: string): 'format' | 'too-long' | null {
  const result = readDuration(text);
  return result.ok ? null : result.reason;
}

/**
 * Parses `90s`, `3m`, `1m30s`, `1h` into seconds. Returns `null` for anything else, including
 * a bare number (is `3` three minutes or three seconds? the user must say), zero, and more than
 * {@link MAX_DURATION_SEC}.
 */
export function parseDuration(text: string): number | null {
  const result = readDuration(text);
  return result.ok ? result.seconds : null;
}

/** Formats seconds the way durations are written: `90` → `1m30s`, `180` → `3m`, `45` → `45s`. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('');
  return parts === '' ? '0s' : parts;
}

/** A countdown display: `2:05`, `0:09`, `1:02:03`. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
