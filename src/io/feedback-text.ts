import type { ChalkInstance } from 'chalk';
import { formatClock, formatDuration } from '../core/duration.js';
import { analyzeAnswer, describeInsights } from '../core/insights.js';
import type { SessionSummary } from '../core/summary.js';
import type { TranscriptItem } from '../core/transcript-schema.js';
import { wrapText } from './question-screen.js';

// Text shared by the full-screen and plain interviews, so both say the same things.

/** "1:42 of 3:00", "3:24 of 3:00 (0:24 over)" or "1:42, untimed". */
export function formatTimeUsed(item: Pick<TranscriptItem, 'timeUsedMs' | 'limitSec' | 'overtimeMs'>): string {
  const used = formatClock(item.timeUsedMs / 1000);
  if (item.limitSec === null) return `${used}, untimed`;
  const over = item.overtimeMs > 0 ? ` (${formatClock(item.overtimeMs / 1000)} over)` : '';
  return `${used} of ${formatClock(item.limitSec)}${over}`;
}

function outcomeOf(attempt: Pick<TranscriptItem, 'skipped' | 'timedOut' | 'shownAt'>): string {
  if (attempt.shownAt === null) return 'not asked';
  return attempt.skipped ? 'skipped' : attempt.timedOut ? 'timed out' : 'answered';
}

/** What a strong answer covers, each key point marked when the answer touched it, and how the answer went. */
export function formatFeedback(item: TranscriptItem, position: { number: number; total: number }, color: ChalkInstance): string[] {
  const { question } = item;
  const touched = new Set(item.keyPointsTouched);
  const outcome = outcomeOf(item);
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
  if (!item.skipped) {
    lines.push('', 'Your answer:');
    for (const line of describeInsights(analyzeAnswer(item.answer, question, item.limitSec), item.limitSec)) lines.push(`  ${line}`);
  }
  for (const [index, followUp] of item.followUps.entries()) {
    lines.push('', `Follow-up ${index + 1} · ${outcomeOf(followUp)} · ${formatTimeUsed(followUp)}: ${color.dim(followUp.prompt)}`);
  }
  return lines;
}

/**
 * The question's notes and red flags next to the answer: two columns when the terminal is wide
 * enough, one after the other otherwise.
 */
export function formatNotesBeside(item: TranscriptItem, width: number, color: ChalkInstance): string[] {
  const answer = ['Your answer', ...(item.answer.trim() === '' ? ['(no answer)'] : item.answer.split('\n'))];
  const notes = [
    'Reference notes',
    ...(item.question.notes ? item.question.notes.split('\n') : ['(this question has no notes)']),
    ...(item.question.redFlags.length > 0 ? ['', 'Red flags', ...item.question.redFlags.map((flag) => `- ${flag}`)] : []),
  ];
  if (width < 100) return [color.bold(answer[0] ?? ''), ...answer.slice(1), '', color.bold(notes[0] ?? ''), ...notes.slice(1)];
  const column = Math.floor((width - 3) / 2);
  const left = answer.flatMap((line, i) => (i === 0 ? [line] : wrapText(line, column)));
  const right = notes.flatMap((line, i) => (i === 0 ? [line] : wrapText(line, column)));
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => {
    const l = (left[i] ?? '').padEnd(column);
    const r = right[i] ?? '';
    return i === 0 ? `${color.bold(l)} │ ${color.bold(r)}` : `${l} │ ${r}`;
  });
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
