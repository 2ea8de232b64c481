import type { ChalkInstance } from 'chalk';
import { describeOutcome, formatTimeUsed } from '../core/attempt-text.js';
import { formatDuration } from '../core/duration.js';
import type { KeyPointView } from '../core/grade.js';
import { describeCoverage, describeKeyPoints, describeOfflineDifference } from '../core/grade.js';
import { analyzeAnswer, describeFollowUpInsights, describeInsights } from '../core/insights.js';
import { sanitizeText } from '../core/sanitize-text.js';
import type { SessionSummary } from '../core/summary.js';
import type { TranscriptItem } from '../core/transcript-schema.js';
import type { WordOrder } from '../core/word-order.js';
import { wrapText } from './text-wrap.js';

// Text shared by the full-screen and plain interviews, so both say the same things.

/**
 * How the answer went: the heading, what a strong answer covers (each key point marked, with the
 * words that earned it) unless `keyPoints` is false (the full screen shows them as a checklist
 * of its own), the answer's insights and the follow-ups. On a terminal, `width` word-wraps the
 * lines with a hanging indent (plain mode: not wrapped).
 */
export function formatFeedback(
  item: TranscriptItem,
  position: { number: number; total: number },
  color: ChalkInstance,
  options: { keyPoints?: boolean; width?: number } = {},
): string[] {
  const { width } = options;
  const wrap = (text: string, indent: string) => (width === undefined ? [text] : wrapText(text, Math.max(10, width - 1), indent));
  const lines = [formatQuestionHeading(item, position, color)];
  if (options.keyPoints !== false) lines.push('', ...formatKeyPoints(item, color, { width }));
  if (!item.skipped) lines.push('', 'Your answer:', ...formatInsights(item).flatMap((line) => wrap(line, '    ')));
  if (item.llmFeedback) lines.push('', "The model's feedback:", ...wrap(`  ${item.llmFeedback}`, '  '));
  for (const [index, followUp] of item.followUps.entries()) {
    const heading = `${formatFollowUpHeading(followUp, index + 1)}: `;
    const rows = wrap(`${heading}${followUp.prompt}`, '  ');
    // The prompt is dim, the heading before it is not.
    lines.push('', ...rows.map((row, i) => (i === 0 ? `${heading}${color.dim(row.slice(heading.length))}` : color.dim(row))));
    lines.push(...describeFollowUpInsights(followUp).flatMap((line) => wrap(`  ${line}`, '    ')));
  }
  return lines;
}

/** "Question 2 of 5 · timed out · 3:00 of 3:00 · 1 hint", in bold. */
export function formatQuestionHeading(item: TranscriptItem, position: { number: number; total: number }, color: ChalkInstance): string {
  const hints = `${item.hintsUsed.length} hint${item.hintsUsed.length === 1 ? '' : 's'}`;
  return color.bold(`Question ${position.number} of ${position.total} · ${describeOutcome(item)} · ${formatTimeUsed(item)} · ${hints}`);
}

/** "Follow-up 1 · answered · 0:40 of 1:00". */
export function formatFollowUpHeading(followUp: TranscriptItem['followUps'][number], number: number): string {
  return `Follow-up ${number} · ${describeOutcome(followUp)} · ${formatTimeUsed(followUp)}`;
}

/** The answer's insights (length, fillers, top words, structure), indented; `order` orders words that tie (core/word-order.ts). */
export function formatInsights(item: TranscriptItem, order?: WordOrder): string[] {
  return describeInsights(analyzeAnswer(item.answer, item.question, item.limitSec, order), item.limitSec).map((line) => `  ${line}`);
}

/** Said instead of an empty checklist, for a question (a realbank-style set, say) that lists no key points. */
export const NO_KEY_POINTS = 'This question lists no key points, so the answer is not judged.';

type MarkedItem = Pick<TranscriptItem, 'question' | 'keyPointsTouched' | 'keyPointsCorrected' | 'keyPointEvidence' | 'offlineKeyPoints'>;

/**
 * What a strong answer covers, numbered, each point the answer covers marked ✔ with the words
 * of the answer that earned it, and the candidate's own corrections said as such. `covered`
 * shows marks being corrected (the checklist); `width` word-wraps each point under its text.
 */
export function formatKeyPoints(
  item: MarkedItem,
  color: ChalkInstance,
  options: { covered?: ReadonlySet<number>; width?: number } = {},
): string[] {
  if (item.question.keyPoints.length === 0) return [color.dim(NO_KEY_POINTS)];
  const { covered, width } = options;
  const marked = covered === undefined ? item : { ...item, keyPointsCorrected: [...covered] };
  const views = describeKeyPoints(marked);
  return [
    `What a strong answer covers (${describeCoverage(marked)}):`,
    ...views.flatMap((view, index) => formatKeyPointLines(view, index, color, width)),
  ];
}

/** ` 1 ✔ Outer vs inner alignment — “the objective we write down can be wrong”`, wrapped under the text. */
function formatKeyPointLines(view: KeyPointView, index: number, color: ChalkInstance, width: number | undefined): string[] {
  const number = String(index + 1).padStart(2);
  // Evidence is the candidate's own text: shown without control characters.
  const evidence = view.covered && view.evidence !== null ? ` — “${sanitizeText(view.evidence)}”` : '';
  const byYou = view.correction === 'added' ? ' (marked by you)' : view.correction === 'removed' ? ' (unmarked by you)' : '';
  const text = `${view.text}${evidence}${byYou}${describeOfflineDifference(view)}`;
  const rows = width === undefined ? [text] : wrapText(text, Math.max(6, width - 5), '     ');
  const mark = view.covered ? color.green('✔') : color.dim('·');
  return rows.map((row, i) => (i === 0 ? `${color.dim(number)} ${mark} ${row}` : row));
}

/**
 * The question's notes and red flags next to the answer: two columns when the terminal is wide
 * enough, one after the other otherwise.
 */
export function formatNotesBeside(item: TranscriptItem, width: number, color: ChalkInstance): string[] {
  // The answer in memory is kept exactly as typed (or piped); an escape in it must not act on the screen.
  const answer = ['Your answer', ...(item.answer.trim() === '' ? ['(no answer)'] : sanitizeText(item.answer).split('\n'))];
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
  details: { transcriptPath: string; status: string; endReason: string | null; saved?: boolean },
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
    `  time used ${formatDuration(summary.timeUsedMs / 1000)} · hints used ${summary.hintsUsed} · key points covered ${coverage}${summary.averageRating === null ? '' : ` · self-rating ${summary.averageRating.toFixed(1)}`}`,
    details.saved === false
      ? color.red(`Transcript: not saved (${details.transcriptPath} could not be written)`)
      : `Transcript: ${details.transcriptPath}`,
  ];
}
