import type { Context } from '../context.js';
import { formatDateTime } from '../core/format-date.js';
import { stringifyJson } from '../core/sanitize-text.js';
import type { CategoryStats, PracticeStats } from '../core/stats.js';
import { computeStats } from '../core/stats.js';
import { firstLine, fitWidth, maxOf, plural } from '../core/text.js';
import type { SessionMode, Transcript } from '../core/transcript-schema.js';
import { setFlags } from './next-steps.js';
import { describeNoSessions, inMode, readSessionsReporting } from './sessions.js';

export interface StatsOptions {
  json?: boolean;
  /** Only sessions sat in this mode. */
  mode?: SessionMode;
}

/** `mockprep stats`: progress per category over every session, and the five weakest questions. */
export async function runStats(
  options: StatsOptions,
  ctx: Pick<Context, 'stdout' | 'stderr' | 'store' | 'dataDir' | 'env' | 'timeZone'>,
): Promise<void> {
  const all = await readSessionsReporting(ctx);
  const sessions = inMode(all, options.mode);
  const stats = computeStats(sessions.map((session) => session.transcript));
  const out = ctx.stdout;
  if (options.json) {
    out.line(stringifyJson(stats));
    return;
  }
  const none = describeNoSessions(all, options.mode, ctx.dataDir, out.color);
  if (none) {
    for (const line of none) out.line(line);
    return;
  }
  for (const line of formatStats(stats, {
    color: out.color,
    width: out.isTTY ? out.columns : Number.POSITIVE_INFINITY,
    timeZone: ctx.timeZone,
    setFlags: weakestSetFlags(stats, sessions, process.cwd()),
  }))
    out.line(line);
}

const COLUMNS: { title: string; value: (entry: CategoryStats) => string }[] = [
  { title: 'sessions', value: (entry) => String(entry.sessions) },
  { title: 'answered', value: (entry) => `${entry.answered}/${entry.asked}` },
  { title: 'time used', value: (entry) => percent(entry.medianTimeShare) },
  { title: 'hints/q', value: (entry) => (entry.hintsPerQuestion === null ? '-' : entry.hintsPerQuestion.toFixed(1)) },
  { title: 'timed out', value: (entry) => percent(entry.timeOutRate) },
  { title: 'rating', value: (entry) => (entry.averageRating === null ? '-' : entry.averageRating.toFixed(1)) },
  { title: 'key points', value: (entry) => percent(entry.keyPointCoverage) },
];

/** The stats as terminal lines: a table of categories, then the weakest questions. */
export function formatStats(
  stats: PracticeStats,
  options: { color: Context['stdout']['color']; width: number; timeZone?: string; setFlags?: string },
): string[] {
  const { color } = options;
  const lines = [color.bold(`Progress by category`) + color.dim(` · ${plural(stats.sessions, 'session')}`)];
  const rows = stats.categories.map((entry) => [entry.categoryTitle, ...COLUMNS.map((column) => column.value(entry))]);
  const headers = ['category', ...COLUMNS.map((column) => column.title)];
  const widths = headers.map((header, i) =>
    maxOf(
      rows.map((row) => (row[i] ?? '').length),
      header.length,
    ),
  );
  const numbersWidth = widths.slice(1).reduce((sum, width) => sum + width + 2, 0);
  widths[0] = Math.max(8, Math.min(widths[0] ?? 8, options.width - numbersWidth - 2));
  const render = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? fitWidth(cell, widths[0] ?? 8).padEnd(widths[0] ?? 8) : cell.padStart(widths[i] ?? 0))).join('  ');
  lines.push(`  ${color.dim(render(headers))}`, ...rows.map((row) => `  ${render(row)}`));
  lines.push(
    color.dim('  answered: with an answer, of those finished · time used: median share of the limit'),
    color.dim('  hints/q: hints per question · key points: share of the key points covered'),
  );

  lines.push('', color.bold('Weakest questions'));
  if (stats.weakest.length === 0) {
    lines.push(color.dim('  none yet: every answer so far was complete, on time, without hints and rated well'));
    return lines;
  }
  for (const [i, weak] of stats.weakest.entries()) {
    const signs = [
      weak.keyPointCoverage === null ? null : `key points ${percent(weak.keyPointCoverage)}`,
      weak.averageRating === null ? null : `rating ${weak.averageRating.toFixed(1)}`,
      weak.timedOut > 0 ? `timed out ${weak.timedOut}×` : null,
      weak.skipped > 0 ? `skipped ${weak.skipped}×` : null,
      weak.hintsUsed > 0 ? plural(weak.hintsUsed, 'hint') : null,
    ].filter((sign): sign is string => sign !== null);
    lines.push(
      `  ${i + 1}. ${color.cyan(weak.key)} ${color.dim(`(${weak.question.categoryTitle})`)} · weakness ${Math.round(weak.weakness * 100)}% · ${plural(weak.attempts, 'attempt')}, last ${formatDateTime(weak.lastAt, { timeZone: options.timeZone })}`,
      `     ${fitWidth(firstLine(weak.question.prompt), options.width - 5)}`,
    );
    if (signs.length > 0) lines.push(color.dim(`     ${signs.join(' · ')}`));
  }
  lines.push('', color.dim(`Practise the weakest first: mockprep start${options.setFlags ?? ''} --order weakest`));
  return lines;
}

/**
 * The `-s` options that load the weakest question's set again: those of the newest session
 * that asked from it ('' when that was the built-in bank).
 */
function weakestSetFlags(stats: PracticeStats, sessions: readonly { transcript: Transcript }[], cwd: string): string {
  const setId = stats.weakest[0]?.question.setId;
  if (setId === undefined) return '';
  const newest = sessions
    .map((session) => session.transcript)
    .filter((transcript) => transcript.settings.sets.some((set) => set.id === setId))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  return setFlags(newest?.settings.setSources, cwd);
}

function percent(value: number | null): string {
  return value === null ? '-' : `${Math.round(value * 100)}%`;
}
