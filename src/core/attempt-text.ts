import { formatClock } from './duration.js';
import type { TranscriptItem } from './transcript-schema.js';

// How one answer went, in words: shared by the terminal (feedback, review) and the markdown export.

type AttemptFields = Pick<TranscriptItem, 'timeUsedMs' | 'limitSec' | 'overtimeMs'>;

/** "1:42 of 3:00", "3:24 of 3:00 (0:24 over)" or "1:42, untimed". */
export function formatTimeUsed(attempt: AttemptFields): string {
  const used = formatClock(attempt.timeUsedMs / 1000);
  if (attempt.limitSec === null) return `${used}, untimed`;
  const over = attempt.overtimeMs > 0 ? ` (${formatClock(attempt.overtimeMs / 1000)} over)` : '';
  return `${used} of ${formatClock(attempt.limitSec)}${over}`;
}

/** "answered", "skipped", "timed out", "not asked", or "in progress" for a draft an interruption left open. */
export function describeOutcome(attempt: Pick<TranscriptItem, 'skipped' | 'timedOut' | 'shownAt' | 'finishedAt'>): string {
  if (attempt.shownAt === null) return 'not asked';
  if (attempt.finishedAt === null) return 'in progress';
  return attempt.skipped ? 'skipped' : attempt.timedOut ? 'timed out' : 'answered';
}
