import { describeOutcome, formatTimeUsed } from './attempt-text.js';
import { formatClock, formatDuration } from './duration.js';
import { formatDateTime } from './format-date.js';
import { countCoveredKeyPoints, describeCoverage, describeKeyPoints, describeOfflineDifference } from './grade.js';
import { analyzeAnswer, describeFollowUpInsights, describeInsights } from './insights.js';
import { escapeControls } from './sanitize-text.js';
import { summarizeTranscript } from './summary.js';
import { firstLine, fitWidth, formatQuestionMeta, maxOf, plural } from './text.js';
import type { FollowUpAnswer, Transcript, TranscriptItem } from './transcript-schema.js';
import type { WordOrder } from './word-order.js';

// The markdown export: a document a mentor can read. Its structure is ours alone: the answers
// are fenced with a fence longer than any run of backticks in them, and every other text that
// came from a file (prompts, notes, titles) is escaped, so no text can add a heading, a list,
// HTML or a link to the document, or end it early.

export interface MarkdownOptions {
  /** The zone dates are written in (an IANA name); the default zone when omitted. */
  timeZone?: string;
  /** How words that tie in the insights are ordered (word-order.ts); localeCompare when omitted. */
  wordOrder?: WordOrder;
}

/** The whole session as a markdown document: title, details, summary table, then every question. */
export function renderTranscriptMarkdown(transcript: Transcript, options: MarkdownOptions = {}): string {
  const { settings } = transcript;
  const summary = summarizeTranscript(transcript);
  const scope = settings.category ? settings.category.title : 'All categories';
  const blocks: string[] = [`# Mock interview: ${escapeInline(scope)}`];

  const details = [
    `**Date:** ${formatDateTime(transcript.startedAt, { timeZone: options.timeZone, zone: true })}`,
    `**Question set:** ${settings.sets.map((set) => `${escapeInline(set.title)}${attribution(set)}`).join('; ') || 'none'}`,
    `**Category:** ${escapeInline(scope)}`,
    `**Mode:** ${settings.mode}${settings.hints ? ', hints on request' : ', no hints'}${settings.followUps > 0 ? `, ${plural(settings.followUps, 'follow-up')} per question` : ''}${settings.overtime ? ', overtime allowed' : ''}`,
    `**Status:** ${describeStatus(transcript)}`,
    `**Session:** ${escapeInline(transcript.id)}`,
  ];
  blocks.push(details.map((line) => `- ${line}`).join('\n'));

  blocks.push('## Summary');
  const rows = transcript.items.map((item, index) => {
    const cells = [
      String(index + 1),
      escapeInline(fitWidth(firstLine(item.question.prompt), 70)),
      describeOutcome(item),
      item.shownAt === null ? '' : formatTimeUsed(item),
      String(item.hintsUsed.length),
      item.question.keyPoints.length === 0 || item.finishedAt === null
        ? ''
        : `${countCoveredKeyPoints(item)} of ${item.question.keyPoints.length}`,
      item.selfRating === null ? '' : `${item.selfRating} of 5`,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  blocks.push(
    ['| # | Question | Outcome | Time used | Hints | Key points | Self-rating |', '|---:|---|---|---|---:|---|---|', ...rows].join('\n'),
  );
  const coverage =
    summary.keyPoints.total === 0
      ? ''
      : ` · key points covered ${summary.keyPoints.touched} of ${summary.keyPoints.total} (${Math.round((100 * summary.keyPoints.touched) / summary.keyPoints.total)}%)`;
  blocks.push(
    `Answered ${summary.answered} of ${summary.total} · skipped ${summary.skipped} · timed out ${summary.timedOut} · ` +
      `time used ${formatDuration(summary.timeUsedMs / 1000)} · hints ${summary.hintsUsed}${coverage}` +
      (summary.averageRating === null ? '' : ` · average self-rating ${summary.averageRating.toFixed(1)}`),
  );

  // Index loops here and below: every export renders these, and entries() with its pairs makes
  // the optimizing compiler's work larger (it runs beside the export, on the same cores).
  for (let index = 0; index < transcript.items.length; index++)
    blocks.push(...renderItem(transcript.items[index] as TranscriptItem, index + 1, transcript.items.length, options.wordOrder));

  blocks.push(`*Exported by mockprep from transcript ${escapeInline(transcript.id)} (format version ${transcript.version}).*`);
  return `${blocks.join('\n\n')}\n`;
}

function renderItem(item: TranscriptItem, number: number, total: number, order: WordOrder | undefined): string[] {
  const { question } = item;
  const meta = formatQuestionMeta(question);
  const blocks = [`## Question ${number} of ${total}: ${escapeInline(question.id)}`, `*${escapeInline(meta)}*`];
  blocks.push(quote(question.prompt));

  if (item.shownAt === null) {
    blocks.push('*Not asked: the session ended before this question.*');
    return blocks;
  }
  const outcome = describeOutcome(item);
  blocks.push(
    `**${capitalize(outcome)}** · time used ${formatTimeUsed(item)} · ${plural(item.hintsUsed.length, 'hint')} · ` +
      (item.selfRating === null ? 'not rated' : `self-rating ${item.selfRating} of 5`),
  );
  blocks.push(...renderAnswer(item, 'Your answer'));

  if (item.hintsUsed.length > 0) {
    blocks.push(
      '**Hints revealed**',
      item.hintsUsed.map((hint, i) => `${i + 1}. At ${formatClock(hint.atSec)}: ${escapeInline(hint.text)}`).join('\n'),
    );
  }
  // A draft has not been marked against the key points yet: that happens when it is submitted.
  if (question.keyPoints.length > 0 && item.finishedAt !== null) {
    blocks.push(
      `**What a strong answer covers** (${describeCoverage(item)})`,
      describeKeyPoints(item)
        .map((point) => {
          const evidence = point.evidence === null ? '' : ` — “${escapeInline(point.evidence)}”`;
          const byYou = point.correction === null ? '' : point.correction === 'added' ? ' *(marked by you)*' : ' *(unmarked by you)*';
          const offline = describeOfflineDifference(point);
          return `- [${point.covered ? 'x' : ' '}] ${escapeInline(point.text)}${point.covered ? evidence : ''}${byYou}${offline === '' ? '' : ` *${offline.trim()}*`}`;
        })
        .join('\n'),
    );
  }
  if (!item.skipped && item.answer.trim() !== '') {
    const insights = describeInsights(analyzeAnswer(item.answer, question, item.limitSec, order), item.limitSec);
    blocks.push('**Answer insights**', insights.map((line) => `- ${escapeInline(line)}`).join('\n'));
  }
  if (item.llmFeedback) blocks.push("**The model's feedback**", quote(item.llmFeedback));
  if (item.llmFollowUp) blocks.push('**The model would ask next**', quote(item.llmFollowUp));
  for (let i = 0; i < item.followUps.length; i++) blocks.push(...renderFollowUp(item.followUps[i] as FollowUpAnswer, i + 1, order));
  if (question.notes) blocks.push('**Reference notes**', quote(question.notes));
  if (question.redFlags.length > 0) {
    blocks.push('**Red flags**', question.redFlags.map((flag) => `- ${escapeInline(flag)}`).join('\n'));
  }
  return blocks;
}

function renderFollowUp(followUp: FollowUpAnswer, number: number, order: WordOrder | undefined): string[] {
  const blocks = [`**Follow-up ${number}:** ${escapeInline(followUp.prompt)}`];
  if (followUp.shownAt === null) {
    blocks.push(`*${followUp.skipped ? 'Not asked: the question was skipped.' : 'Not asked.'}*`);
    return blocks;
  }
  blocks.push(`*${capitalize(describeOutcome(followUp))} · time used ${formatTimeUsed(followUp)}*`);
  blocks.push(...renderAnswer(followUp, 'Answer'));
  const insights = describeFollowUpInsights(followUp, order);
  if (insights.length > 0) blocks.push(insights.map((line) => `- ${escapeInline(line)}`).join('\n'));
  return blocks;
}

/** The answer exactly as typed, as one fenced block; a line saying so when there is none. */
function renderAnswer(attempt: Pick<TranscriptItem, 'answer' | 'finishedAt' | 'skipped'>, label: string): string[] {
  const draft = attempt.finishedAt === null ? ' (a draft: the session stopped while it was being typed)' : '';
  if (attempt.answer.trim() === '') return [`**${label}:** *${attempt.skipped ? 'skipped, nothing typed' : 'nothing typed'}*`];
  return [`**${label}**${draft}`, fenceBlock(attempt.answer)];
}

/**
 * Text as a fenced code block that nothing inside can close: the fence is one backtick longer
 * than the longest run of backticks in the text (at least three).
 */
export function fenceBlock(text: string, info = 'text'): string {
  // Most answers hold no backtick at all: one native scan says so.
  const longest = text.includes('`')
    ? maxOf(
        Array.from(text.matchAll(/`+/g), (match) => match[0].length),
        0,
      )
    : 0;
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

// Characters that start inline markup anywhere on a line: emphasis, code, links, HTML, tables,
// strikethrough, math (`$x$` renders as a formula on GitHub), email autolinks (`@`), and backslash itself.
const INLINE_SPECIAL = /[\\`*_[\]<|~$@]/g;
const HAS_INLINE_SPECIAL = /[\\`*_[\]<|~$@]/;
// Bare URLs and `www.` names turn into links in GFM (autolinks): an escaped `:` or `.` stops them.
const AUTOLINK = /\b([a-z][a-z0-9+.-]*)(:\/\/)|\b(www)(\.)/gi;
const MAY_AUTOLINK_WWW = /www\./i;
// What starts a block at the beginning of a line: headings, quotes, lists, setext underlines,
// thematic breaks, ordered lists ("1." or "1)").
const BLOCK_START = /^(?:[#>+=-]|\d+(?=[.)]))/;

/** One line of text that renders as itself: markup characters escaped, whitespace runs collapsed. */
export function escapeInline(text: string): string {
  // Control characters (an id from a file name) are shown as escapes, never passed on.
  // Most text has single spaces only: then there is no run to collapse.
  const collapsed = WHITESPACE_TO_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ') : text;
  return escapeLine(escapeControls(collapsed.trim()));
}

// White space other than a single space: a run, a tab, a line break, a wide space.
const WHITESPACE_TO_COLLAPSE = /[^\S ]| {2}/;

function escapeLine(line: string): string {
  let escaped = HAS_INLINE_SPECIAL.test(line) ? line.replace(INLINE_SPECIAL, '\\$&') : line;
  // Each pattern only where its text is there at all: the autolink pattern tries every word start.
  if (escaped.includes('&')) escaped = escaped.replace(/&(?=#?\w+;)/g, '\\&');
  if (escaped.includes('://') || MAY_AUTOLINK_WWW.test(escaped))
    escaped = escaped.replace(AUTOLINK, (_match, scheme, slashes, www, dot) => (scheme ? `${scheme}\\${slashes}` : `${www}\\${dot}`));
  // Only the first block marker matters; a number keeps its digits and escapes the dot after it.
  return escaped.replace(BLOCK_START, (marker) => (/^\d/.test(marker) ? `${marker}\\` : `\\${marker}`));
}

/**
 * Multi-line text as a block quote that renders as itself: each line escaped (leading
 * indentation dropped, so nothing becomes a code block), line breaks kept, blank lines kept as
 * paragraph breaks.
 */
export function quote(text: string): string {
  const lines = text.trim().split('\n');
  return lines
    .map((line, i) => {
      const content = escapeLine(line.trim());
      if (content === '') return '>';
      const next = lines[i + 1];
      // Two trailing spaces: a line break that is not a new paragraph.
      return next !== undefined && next.trim() !== '' ? `> ${content}  ` : `> ${content}`;
    })
    .join('\n');
}

function describeStatus(transcript: Transcript): string {
  if (transcript.status === 'completed')
    return transcript.endReason === 'total-time' ? 'completed (the session time ran out)' : 'completed';
  if (transcript.status === 'interrupted') return 'interrupted (continue it with: mockprep resume)';
  return 'in progress';
}

function attribution(set: { source: string | null; license: string | null }): string {
  // "(Written from … by its contributors; license CC BY 4.0)": the source's own full stop dropped.
  const parts = [set.source?.trim().replace(/\.$/, ''), set.license ? `license ${set.license.trim()}` : null].filter(
    (part): part is string => Boolean(part),
  );
  return parts.length === 0 ? '' : ` (${parts.map(escapeInline).join('; ')})`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
