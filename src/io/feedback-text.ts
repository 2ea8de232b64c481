import type { ChalkInstance } from 'chalk';
import { formatClock, formatDuration } from '../core/duration.js';
import type { SessionSummary } from '../core/summary.js';
import type { TranscriptItem } from '../core/transcript-schema.js';

// Text shared by the full-screen and plain interviews, so both say the same things.

/** "1:42 of 3:00" (or "1:42, untimed"). */
export function formatTimeUsed(item: Pick<TranscriptItem, 'timeUsedMs' | 'limitSec'>): string {
  const used = formatClock(item.timeUsedMs / 1000);
  return item.limitSec === null ? `${used}, untimed` : `${used} of ${formatClock(item.limitSec)}`;
}

/** What a strong answer covers, each key point marked when the answer touched it, and how the answer went. */
export function formatFeedback(item: TranscriptItem, position: { number: number; total: number }, color: ChalkInstance): string[] {
  const { question } = item;
  const touched = new Set(item.keyPointsTouched);
  const outcome = item.skipped ? 'skipped' : item.timedOut ? 'timed out' : 'answered';
  const lines = [
    color.bold(
      `Question ${position.number} of ${position.total} · ${outcome} · ${formatTimeUsed(item)} · ${item.hintsUsed.length} hint${item.hintsUsed.length === 1 ? '' : 's'}`,
    ),
    '',
  ];
  if (question.keyPoints.length === 0) {
    lines.push(color.dim('This question lists no key points.'));
  } else {
    lines.push(`What a strong answer covers (${touched.size} of ${question.keyPoints.length} touched):`);
    question.keyPoints.forEach((point, index) => {
      lines.push(touched.has(index) ? `  ${color.green('✔')} ${point.point}` : `  ${color.dim('·')} ${point.point}`);
    });
  }
  return lines;
}

export function formatSummary(
  summary: SessionSummary,
  details: { transcriptPath: string; status: string; endReason: string | null },
  color: ChalkInstance,
): string[] {
  const coverage =
    summary.keyPoints.total === 0
      ? 'n/a'
      : `${summary.keyPoints.touched} of ${summary.keyPoints.total} (${Math.round((100 * summary.keyPoints.touched) / summary.keyPoints.total)}%)`;
  const ended =
    details.endReason === 'total-time'
      ? 'The session time ran out.'
      : details.status === 'interrupted'
        ? 'Session stopped; continue it with: mockprep resume'
        : 'Session complete.';
  return [
    color.bold(ended),
    `  answered ${summary.answered} of ${summary.total} · skipped ${summary.skipped} · timed out ${summary.timedOut}${summary.notReached > 0 ? ` · not reached ${summary.notReached}` : ''}`,
    `  time used ${formatDuration(summary.timeUsedMs / 1000)} · hints used ${summary.hintsUsed} · key points touched ${coverage}${summary.averageRating === null ? '' : ` · self-rating ${summary.averageRating.toFixed(1)}`}`,
    `Transcript: ${details.transcriptPath}`,
  ];
}
