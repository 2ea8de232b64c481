import type { Context } from '../context.js';
import { formatClock } from '../core/duration.js';
import { formatDateTime } from '../core/format-date.js';
import { describeFollowUpInsights } from '../core/insights.js';
import { escapeControls } from '../core/sanitize-text.js';
import { summarizeTranscript } from '../core/summary.js';
import { formatQuestionMeta } from '../core/text.js';
import type { Transcript, TranscriptItem } from '../core/transcript-schema.js';
import type { WordOrder } from '../core/word-order.js';
import { wordOrderFor } from '../io/collation.js';
import type { Output } from '../io/output.js';
import { formatFollowUpHeading, formatInsights, formatKeyPoints, formatQuestionHeading, formatSummary } from '../terminal/feedback-text.js';
import { wrapText } from '../terminal/text-wrap.js';
import { loadSessionOption } from './session-option.js';
import { describeScope } from './sessions.js';

export interface ReviewOptions {
  /** A session id, a unique start of one, or `latest` (the default). */
  session?: string;
}

/** `mockprep review [id|latest]`: a past session in the terminal, question by question. */
export async function runReview(
  options: ReviewOptions,
  ctx: Pick<Context, 'stdout' | 'stderr' | 'store' | 'dataDir' | 'env' | 'timeZone'>,
): Promise<void> {
  const { id, path, transcript } = await loadSessionOption(options.session, ctx);
  const out = ctx.stdout;
  const wordOrder = wordOrderFor(ctx.env);
  // One write, as the listings make theirs: into a pipe, each line was a write of its own.
  out.write(`${formatReview(transcript, { id, path, out, timeZone: ctx.timeZone, wordOrder }).join('\n')}\n`);
}

/** The lines of a review: the session's summary, then every question with the answer exactly as typed. */
export function formatReview(
  transcript: Transcript,
  details: {
    id: string;
    path: string;
    out: Pick<Output, 'color' | 'columns' | 'isTTY'>;
    timeZone?: string;
    /** How words that tie in the insights are ordered (core/word-order.ts); localeCompare when omitted. */
    wordOrder?: WordOrder;
  },
): string[] {
  const { color, columns } = details.out;
  // The id is a file name, the path the user's: both shown as names from outside.
  const id = escapeControls(details.id);
  const width = Math.max(20, columns - 2);
  // On a terminal long answer lines wrap inside the gutter; in a pipe they stay as typed.
  const answerWidth = details.out.isTTY ? Math.max(20, columns - 4) : Number.POSITIVE_INFINITY;
  const { settings } = transcript;
  // On a terminal, lines are word-wrapped with a hanging indent rather than cut by the terminal.
  const fitRows = (text: string, hanging: string) => (details.out.isTTY ? wrapText(text, width, hanging) : [text]);
  const about = `${formatDateTime(transcript.startedAt, { timeZone: details.timeZone })} · ${describeScope(transcript)} · ${settings.mode}`;
  const heading = fitRows(`Session ${id} · ${about}`, '  ');
  let lines = [
    // The id in bold, the rest dim, over as many rows as it takes.
    ...heading.map((row, i) => (i === 0 ? color.bold(`Session ${id}`) + color.dim(row.slice(`Session ${id}`.length)) : color.dim(row))),
    ...formatSummary(
      summarizeTranscript(transcript),
      { transcriptPath: escapeControls(details.path), status: transcript.status, endReason: transcript.endReason },
      color,
    ).flatMap((line) => (line.includes('\u001b') ? [line] : fitRows(line, '    '))),
  ];
  const total = transcript.items.length;
  for (const [index, item] of transcript.items.entries()) {
    lines.push('', color.dim('─'.repeat(Math.min(width, 60))));
    lines = lines.concat(formatItem(item, { number: index + 1, total }, { width, answerWidth, color, order: details.wordOrder }));
  }
  if (transcript.status !== 'completed') {
    lines.push('', `This session is not finished; continue it with: mockprep resume ${id}`);
  }
  return lines;
}

function formatItem(
  item: TranscriptItem,
  position: { number: number; total: number },
  { width, answerWidth, color, order }: { width: number; answerWidth: number; color: Output['color']; order: WordOrder | undefined },
): string[] {
  const { question } = item;
  const meta = formatQuestionMeta(question);
  // On a terminal every line is word-wrapped with a hanging indent (the terminal would cut words);
  // in a pipe the lines stay whole. answerWidth is the terminal's width there, infinite here.
  const onTerminal = Number.isFinite(answerWidth);
  const wrap = (text: string, hanging: string) => (onTerminal ? wrapText(text, width, hanging) : [text]);
  let lines = [
    formatQuestionHeading(item, position, color),
    ...wrap(meta, '  ').map((row) => color.dim(row)),
    '',
    ...indent(wrapText(question.prompt.trim(), width - 2)),
    '',
  ];
  if (item.shownAt === null) {
    lines.push(color.dim('Not asked: the session ended before this question.'));
    return lines;
  }
  const label = item.finishedAt === null ? 'Your answer (a draft: the session stopped here)' : 'Your answer';
  // An answer may be 100,000 lines long: concat, not a spread into push.
  lines = lines.concat(formatAnswer(item, label, answerWidth, color));
  if (item.hintsUsed.length > 0) {
    lines.push('', 'Hints revealed:');
    for (const [i, hint] of item.hintsUsed.entries())
      lines.push(...wrap(`  ${i + 1}. at ${formatClock(hint.atSec)}: ${hint.text}`, '     '));
  }
  // A draft has not been marked against the key points yet: that happens when it is submitted.
  if (item.finishedAt !== null) lines.push('', ...formatKeyPoints(item, color, onTerminal ? { width } : {}));
  if (!item.skipped && item.answer.trim() !== '')
    lines.push('', 'Answer insights:', ...formatInsights(item, order).flatMap((line) => wrap(line, '    ')));
  if (item.llmFeedback) lines.push('', "The model's feedback:", ...indent(wrapText(item.llmFeedback, width - 2)));
  if (item.llmFollowUp) lines.push('', 'The model would ask next:', ...indent(wrapText(item.llmFollowUp, width - 2)));
  for (const [i, followUp] of item.followUps.entries()) {
    lines.push('', ...wrap(`${formatFollowUpHeading(followUp, i + 1)}: ${followUp.prompt}`, '  '));
    if (followUp.shownAt !== null) lines = lines.concat(formatAnswer(followUp, null, answerWidth, color));
    const insights = describeFollowUpInsights(followUp, order);
    if (insights.length > 0) lines.push(color.dim('  Insights:'), ...insights.flatMap((line) => wrap(`    ${line}`, '      ')));
  }
  if (item.finishedAt !== null)
    lines.push('', item.selfRating === null ? color.dim('Self-rating: none') : `Self-rating: ${item.selfRating} of 5`);
  if (question.notes) lines.push('', 'Reference notes:', ...indent(wrapText(question.notes.trim(), width - 2)));
  if (question.redFlags.length > 0) lines.push('', 'Red flags:', ...question.redFlags.flatMap((flag) => wrap(`  - ${flag}`, '    ')));
  return lines;
}

/** The answer exactly as typed, each line behind a gutter so where it starts and ends is plain. */
function formatAnswer(
  attempt: Pick<TranscriptItem, 'answer' | 'skipped'>,
  label: string | null,
  width: number,
  color: Output['color'],
): string[] {
  const head = label === null ? [] : [`${label}:`];
  if (attempt.answer === '') return [...head, color.dim(attempt.skipped ? '  (skipped, nothing typed)' : '  (nothing typed)')];
  const lines = attempt.answer.split('\n').flatMap((line) => (line.length > width ? wrapText(line, width) : [line]));
  return [...head, ...lines.map((line) => `  ${color.dim('│')} ${line}`)];
}

function indent(lines: readonly string[]): string[] {
  return lines.map((line) => (line === '' ? '' : `  ${line}`));
}
