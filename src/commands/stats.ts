import type { Context } from '../context.js';
import { answerColumns } from '../core/answer-columns.js';
import { formatDateTime } from '../core/format-date.js';
import { localDay, monthName, parseDay } from '../core/local-day.js';
import { questionKey, scheduleColumns, schedulePractice, WEAKNESS_WINDOW } from '../core/practice-schedule.js';
import type { Calibration, CategoryRef, CategoryTrend, DueSummary, PracticeDays } from '../core/progress.js';
import {
  calibrationOf,
  dueSummary,
  HEATMAP_WEEKS,
  narrowRecords,
  practiceDaysOf,
  progressRows,
  resolveHistoryCategory,
  TREND_SESSIONS,
  trendsOf,
} from '../core/progress.js';
import { stringifyJson } from '../core/sanitize-text.js';
import type { SessionRecord } from '../core/session-summary.js';
import { startedAtMs } from '../core/session-summary.js';
import type { SinceSpec } from '../core/since.js';
import { resolveSince } from '../core/since.js';
import { sparkline } from '../core/sparkline.js';
import type { CategoryStats, PracticeStats, WeakQuestion } from '../core/stats.js';
import { columnStats, weakQuestionWords } from '../core/stats.js';
import { firstLine, fitWidth, maxOf, plural } from '../core/text.js';
import type { SessionMode, TranscriptItem } from '../core/transcript-schema.js';
import { loadBuiltinSets } from '../io/builtin-sets.js';
import { isProblem, readSession } from '../io/read-sessions.js';
import { wrapText } from '../terminal/text-wrap.js';
import { setFlags } from './next-steps.js';
import { describeNoSessions, inMode, readIndexReporting } from './sessions.js';
import { shellQuote } from './shell-quote.js';

export interface StatsOptions {
  json?: boolean;
  /** Only sessions sat in this mode. */
  mode?: SessionMode;
  /** `--since`: only sessions started then or later (parsed by cli.ts, pinned to the clock here). */
  since?: SinceSpec;
  /** `-c`: only this category's questions (id or title, case-insensitive, or `set-id/category-id`). */
  category?: string;
}

/** Everything `stats` shows, as `--json` prints it. */
export interface StatsReport extends PracticeStats {
  /** When the figures were computed, and the zone days are counted in. */
  now: string;
  timeZone: string | null;
  /** The start of `--since` (ISO), or null. */
  since: string | null;
  category: CategoryRef | null;
  /** Each with the command that practises just that question, with the `-s` its sessions used. */
  weakest: (WeakQuestion & { practise: string })[];
  /** The command that crams the weakest questions (with `-c` when narrowed to a category). */
  cram: string;
  trends: CategoryTrend[];
  practiceDays: PracticeDays;
  /** The schedule is replayed from every session (a partial history would misplace it); `-c` narrows it to the category. */
  due: DueSummary;
  calibration: Calibration;
}

/**
 * `mockprep stats`: progress per category (totals and trends), practice days, what is due,
 * calibration, and the five weakest questions with the command to practise each.
 */
export async function runStats(
  options: StatsOptions,
  ctx: Pick<Context, 'stdout' | 'stderr' | 'store' | 'dataDir' | 'env' | 'timeZone' | 'timeZoneName' | 'clock'>,
): Promise<void> {
  // From the summary index: the sessions' records hold every figure (core/session-summary.ts).
  const all = (await readIndexReporting(ctx)).sessions;
  const out = ctx.stdout;
  const none = describeNoSessions(all, options.mode, ctx.dataDir, out.color);
  if (none && !options.json) {
    for (const line of none) out.line(line);
    return;
  }
  const history = inMode(all, options.mode).map((session) => session.record);
  const reportOptions = {
    now: ctx.clock.now(),
    timeZone: ctx.timeZone,
    timeZoneName: ctx.timeZoneName,
    since: options.since,
    category: options.category,
  };
  const flagsFor = newestSetFlags(history, process.cwd());
  const { report, places } = buildReport(history, reportOptions, flagsFor);
  // A weak question of the built-in bank is practised by its id alone where no other question of
  // the bank has it (commands that fit a narrow terminal): the bank (compiled JSON, 260 KB, which
  // a long history's stats pays 5-25 ms to parse) is read only when such a question is listed.
  if (report.weakest.some((weak) => flagsFor(weak.question.setId) === '')) {
    report.weakest = withPractise(report.weakest, flagsFor, idsOnce(await loadBuiltinSets(ctx.store).catch(() => [])));
  }
  // The weakest questions show words (the prompt, the key points missed) that records lack:
  // they come from the few sessions holding those questions' latest answers, read in full.
  report.weakest = await withWords(report, places, ctx);
  if (options.json) {
    out.line(stringifyJson(report));
    return;
  }
  for (const line of formatStats(report, {
    color: out.color,
    width: out.isTTY ? out.columns : Number.POSITIVE_INFINITY,
    timeZone: ctx.timeZone,
  }))
    out.line(line);
}

/** What the report is computed for: the clock's time, the zone days are counted in, `--since`, `-c`. */
export interface ReportOptions {
  now: number;
  /** The zone dates are computed in; undefined for the process's own (see Context.timeZone). */
  timeZone?: string;
  /** The zone's name for the report, when `timeZone` is left undefined for the process's own zone (default: `timeZone`). */
  timeZoneName?: string;
  since?: SinceSpec;
  category?: string;
}

/**
 * The whole report from the sessions' records (pure; a transcript's record is
 * `summarizeSession(transcript)`): `since` and `category` narrow everything but
 * the schedule, which is replayed from every session and narrowed to the category's questions.
 * `flagsFor(setId)` gives the `-s` options that load a set again (see next-steps.ts);
 * `uniqueIds` the question ids that name one question alone in the built-in bank, which the
 * practise commands then use bare (`-q what-is-alignment`, short enough for 60 columns).
 */
export function buildStatsReport(
  history: readonly SessionRecord[],
  options: ReportOptions,
  flagsFor: (setId: string) => string = () => '',
  uniqueIds: ReadonlySet<string> = new Set(),
): StatsReport {
  return buildReport(history, options, flagsFor, uniqueIds).report;
}

/** Where a weak question's latest answers are: per weak question (by key), the session and place in its items of each, oldest first. */
type AnswerPlaces = Map<string, { sessionId: string; index: number }[]>;

/**
 * {@link buildStatsReport}, and where the weakest questions' latest {@link WEAKNESS_WINDOW}
 * answers are (the answers their schedule weighed, in its order), for their words.
 */
function buildReport(
  history: readonly SessionRecord[],
  options: ReportOptions,
  flagsFor: (setId: string) => string = () => '',
  uniqueIds: ReadonlySet<string> = new Set(),
): { report: StatsReport; places: AnswerPlaces } {
  const { now, timeZone } = options;
  const { category, since, narrowed } = narrowHistory(history, options);
  // Without --since the narrowed history is the one to schedule (narrowed by category only).
  // Every figure from the narrowed history's columns, made once.
  const columns = answerColumns(narrowed);
  const scheduled =
    since === undefined ? scheduleColumns(columns) : schedulePractice(narrowRecords(history, { category: category ?? undefined }));
  // Without --since the narrowed history is the scheduled one: its FSRS replay serves the weakest too.
  const weighed = since === undefined ? scheduled : scheduleColumns(columns);
  const stats = columnStats(columns, { schedules: weighed });
  const places: AnswerPlaces = new Map(
    stats.weakest.map((weak) => [
      weak.key,
      (weighed.get(weak.key)?.latestAttempts(WEAKNESS_WINDOW) ?? []).map(({ sessionId, index }) => ({ sessionId, index })),
    ]),
  );
  const records = progressRows(columns);
  const schedules = [...scheduled.values()];
  const categoryFlag = category ? ` -c ${shellQuote(category.id)}` : '';
  const report: StatsReport = {
    now: new Date(now).toISOString(),
    timeZone: options.timeZoneName ?? timeZone ?? null,
    since: since === undefined ? null : new Date(since).toISOString(),
    category,
    ...stats,
    weakest: withPractise(stats.weakest, flagsFor, uniqueIds),
    cram: `mockprep start${stats.weakest[0] ? flagsFor(stats.weakest[0].question.setId) : ''}${categoryFlag} --order weakest`,
    trends: trendsOf(records),
    practiceDays: practiceDaysOf(records, now, timeZone),
    due: dueSummary(schedules, now, timeZone),
    calibration: calibrationOf(records),
  };
  return { report, places };
}

/** Each weak question with the command that practises it ({@link practiseCommand}). */
function withPractise(weakest: readonly WeakQuestion[], flagsFor: (setId: string) => string, uniqueIds: ReadonlySet<string>) {
  return weakest.map((weak) => ({ ...weak, practise: practiseCommand(weak, flagsFor(weak.question.setId), uniqueIds) }));
}

/** `mockprep start -q set/id` with the set's `-s`; the id alone when the sessions used the built-in bank and only one of its questions has it. */
function practiseCommand(weak: WeakQuestion, flags: string, uniqueIds: ReadonlySet<string>): string {
  const ref = flags === '' && uniqueIds.has(weak.question.id) ? weak.question.id : questionKey(weak.question);
  return `mockprep start${flags} -q ${shellQuote(ref)}`;
}

/** The question ids that occur once in these sets. */
export function idsOnce(sets: readonly { questions: readonly { id: string }[] }[]): Set<string> {
  const seen = new Map<string, number>();
  for (const set of sets) for (const question of set.questions) seen.set(question.id, (seen.get(question.id) ?? 0) + 1);
  return new Set([...seen].flatMap(([id, count]) => (count === 1 ? [id] : [])));
}

/** The history as `since` and `category` narrow it (the report's figures but the schedule's). */
function narrowHistory(
  history: readonly SessionRecord[],
  options: ReportOptions,
): { category: CategoryRef | null; since: number | undefined; narrowed: SessionRecord[] } {
  const { now, timeZone } = options;
  const category = options.category === undefined ? null : resolveHistoryCategory(history, options.category);
  const since = options.since === undefined ? undefined : resolveSince(options.since, now, timeZone, localDay(now, timeZone));
  return { category, since, narrowed: narrowRecords(history, { since, category: category ?? undefined }) };
}

/**
 * The report's weakest questions with their words, from the transcripts holding each one's
 * latest {@link WEAKNESS_WINDOW} answers (`places`), read in full (the figures, from the records,
 * are exact already). A transcript that cannot be read now leaves its entry without words.
 */
async function withWords(
  report: StatsReport,
  places: AnswerPlaces,
  ctx: Pick<Context, 'store' | 'dataDir'>,
): Promise<StatsReport['weakest']> {
  if (report.weakest.length === 0) return report.weakest;
  const full = new Map<string, TranscriptItem[] | null>();
  for (const list of places.values()) {
    for (const { sessionId } of list) {
      if (full.has(sessionId)) continue;
      const read = await readSession(ctx.dataDir, sessionId, ctx.store);
      // A record's answers keep their places in the transcript's items, narrowed or not.
      full.set(sessionId, isProblem(read) ? null : read.transcript.items);
    }
  }
  return report.weakest.map((weak) => {
    const items = (places.get(weak.key) ?? []).map(({ sessionId, index }) => full.get(sessionId)?.[index]);
    if (items.length === 0 || items.some((item) => item === undefined)) return weak;
    return { ...weak, ...weakQuestionWords(items as TranscriptItem[]) };
  });
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
/** Which columns go first when the terminal is too narrow for all of them (indexes into COLUMNS). */
const DROP_ORDER = [3, 0, 4, 2];
/** The category column is never narrower than this. */
const MIN_TITLE = 12;

type Color = Context['stdout']['color'];

/** The report as terminal lines, fitted to `width` columns (Infinity: no fitting, for pipes). */
export function formatStats(report: StatsReport, options: { color: Color; width: number; timeZone?: string }): string[] {
  const { color, width } = options;
  const scope = [
    plural(report.sessions, 'session'),
    report.since ? `since ${formatDateTime(report.since, { timeZone: options.timeZone })}` : null,
    report.category ? `${report.category.title} only` : null,
  ].filter(Boolean);
  const lines = section('Progress by category', scope.join(' · '), width, color);
  if (report.sessions === 0) {
    lines.push(color.dim('  no sessions in this span: try a longer --since'));
  } else {
    lines.push(...formatTable(report.categories, width, color));
  }
  lines.push('', ...formatTrends(report.trends, width, color));
  lines.push('', ...formatPracticeDays(report.practiceDays, width, color));
  lines.push('', ...formatDue(report.due, report.category, width, color));
  lines.push('', ...formatCalibration(report.calibration, width, color));
  lines.push('', ...formatWeakest(report, options));
  return lines;
}

function formatTable(categories: readonly CategoryStats[], width: number, color: Color): string[] {
  let shown = COLUMNS.map((_, i) => i);
  const rows = categories.map((entry) => [entry.categoryTitle, ...COLUMNS.map((column) => column.value(entry))]);
  const widthOf = (i: number) =>
    maxOf(
      rows.map((row) => (row[i + 1] ?? '').length),
      COLUMNS[i]?.title.length ?? 0,
    );
  const numbersWidth = () => shown.reduce((sum, i) => sum + widthOf(i) + 2, 0);
  for (const drop of DROP_ORDER) {
    if (2 + MIN_TITLE + numbersWidth() <= width) break;
    shown = shown.filter((i) => i !== drop);
  }
  const titleWidth = Math.max(
    MIN_TITLE,
    Math.min(
      maxOf(
        rows.map((row) => (row[0] ?? '').length),
        8,
      ),
      width - numbersWidth() - 2,
    ),
  );
  const render = (cells: string[]) =>
    `  ${fitWidth(cells[0] ?? '', titleWidth).padEnd(titleWidth)}${shown.map((i) => `  ${(cells[i + 1] ?? '').padStart(widthOf(i))}`).join('')}`;
  const lines = [color.dim(render(['category', ...COLUMNS.map((column) => column.title)])), ...rows.map((row) => render(row))];
  const legend = [
    'answered: with an answer, of those finished',
    shown.includes(2) ? 'time used: median share of the limit' : null,
    shown.includes(3) ? 'hints/q: hints per question' : null,
    'key points: share of the key points covered',
  ].filter((part): part is string => part !== null);
  lines.push(...wrap(legend.join(' · '), width, '  ').map((line) => color.dim(line)));
  return lines;
}

function formatTrends(trends: readonly CategoryTrend[], width: number, color: Color): string[] {
  const lines = section('Trends', `the latest ${TREND_SESSIONS} sessions per category, oldest first`, width, color);
  if (trends.length === 0) return [...lines, color.dim('  nothing answered yet')];
  for (const trend of trends) {
    const text = verdictText(trend);
    const verdict =
      trend.direction === 'improving'
        ? color.green(text)
        : trend.direction === 'slipping'
          ? color.red(text)
          : trend.direction === null
            ? color.dim(text)
            : text;
    const verdictWidth = text.length;
    const full = `${trend.categoryTitle} · ${plural(trend.sessions, 'session')} · `;
    const short = `${trend.categoryTitle} · `;
    if (2 + full.length + verdictWidth <= width) lines.push(`  ${full}${verdict}`);
    else if (2 + short.length + verdictWidth <= width) lines.push(`  ${short}${verdict}`);
    else lines.push(`  ${fitWidth(trend.categoryTitle, width - 2)}`, `    ${verdict}`);
    const coverage = trend.points.map((point) => point.coverage);
    const ratings = trend.points.map((point) => point.rating);
    if (trend.coverage) {
      lines.push(`    key points ${sparkline(coverage, 0, 1)}  ${percent(trend.coverage.first)} → ${percent(trend.coverage.last)}`);
    }
    if (trend.rating) {
      lines.push(`    rating     ${sparkline(ratings, 1, 5)}  ${trend.rating.first.toFixed(1)} → ${trend.rating.last.toFixed(1)}`);
    }
  }
  lines.push(
    ...wrap(
      'improving or slipping: the later half of these sessions against the earlier half, by key points covered (by self-rating where a category lists none), 5 points or more; · is a session without a rating',
      width,
      '  ',
    ).map((line) => color.dim(line)),
  );
  return lines;
}

function verdictText(trend: CategoryTrend): string {
  return trend.direction === null ? 'too few sessions to tell (4 needed)' : `${trend.direction} (${signedPoints(trend.change)})`;
}

const HEAT = ['░', '▒', '▓', '█'] as const;
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function formatPracticeDays(days: PracticeDays, width: number, color: Color): string[] {
  const streak =
    days.streak === 0 ? 'no streak' : `streak ${plural(days.streak, 'day')}${days.practisedToday ? '' : ' (practise today to keep it)'}`;
  const shown = days.heatmap.weeks.flat().filter((count) => count !== null).length;
  const head = `${streak} · longest ${plural(days.longestStreak, 'day')} · practised ${days.activeDays} of the last ${shown} days`;
  const lines = section('Practice days', head, width, color);
  if (width < 6 + HEATMAP_WEEKS * 2) return lines;
  const max = maxOf(
    days.heatmap.weeks.flat().map((count) => count ?? 0),
    0,
  );
  const from = parseDay(days.heatmap.from) ?? 0;
  // Month names over the week that holds the month's first Monday, where they fit.
  let months = '';
  for (let week = 0; week < HEATMAP_WEEKS; week++) {
    const monday = from + week * 7;
    if (week > 0 && monthName(monday) === monthName(monday - 7)) continue;
    const at = 6 + week * 2;
    if (months.length > at - 1 && months.length > 0) continue;
    months = months.padEnd(at) + monthName(monday);
  }
  lines.push(color.dim(months));
  for (let d = 0; d < 7; d++) {
    const cells = days.heatmap.weeks.map((column) => {
      const count = column[d];
      if (count === null || count === undefined) return ' ';
      if (count === 0) return color.dim('·');
      return HEAT[Math.min(HEAT.length - 1, Math.ceil((count / max) * HEAT.length) - 1)] ?? '█';
    });
    lines.push(`  ${color.dim(DAY_NAMES[d] ?? '')} ${cells.join(' ')}`.trimEnd());
  }
  lines.push(
    ...wrap(
      max === 0
        ? `· none: no practice in these weeks (from ${days.heatmap.from})`
        : `· none  ${HEAT.join(' ')} more (the most: ${plural(max, 'answer')} a day) · weeks from ${days.heatmap.from}`,
      width,
      '  ',
    ).map((line) => color.dim(line)),
  );
  return lines;
}

function formatDue(due: DueSummary, category: CategoryRef | null, width: number, color: Color): string[] {
  const lines = section('Schedule', `${plural(due.questions, 'question')} answered so far (FSRS)`, width, color);
  if (due.questions === 0) return [...lines, color.dim('  nothing answered yet')];
  const recall = due.expectedRecall === null ? '-' : percent(due.expectedRecall);
  lines.push(
    ...wrap(
      `due now ${due.now} · by the end of today ${due.today} · within 7 days ${due.week} · expected recall ${recall}`,
      width,
      '  ',
      '  ',
    ),
  );
  if (due.now > 0) {
    const command = `mockprep start${category ? ` -c ${shellQuote(category.id)}` : ''} --order due`;
    lines.push(...commandLine("Practise what's due:", command, width, '  ').map((line) => color.dim(line)));
  }
  return lines;
}

function formatCalibration(cal: Calibration, width: number, color: Color): string[] {
  const lines = section('Calibration', `self-rating against key points, over ${plural(cal.answers, 'rated answer')}`, width, color);
  if (cal.gap === null || cal.rating === null || cal.coverage === null) {
    return [...lines, color.dim('  no rated answers with key points yet')];
  }
  const points = Math.round(Math.abs(cal.gap) * 100);
  const verdict =
    cal.verdict === 'above'
      ? `your self-rating runs above your coverage by ${points} points: you may be marking yourself generously`
      : cal.verdict === 'below'
        ? `your self-rating runs below your coverage by ${points} points: you know more than you credit`
        : `your self-rating is in line with your coverage (within ${points} points)`;
  lines.push(...wrap(verdict, width, '  ', '  '));
  lines.push(
    ...wrap(
      `rating ${percent(cal.rating)} vs key points ${percent(cal.coverage)} · a rating of 1–5 counts as 0, 25, 50, 75, 100%`,
      width,
      '  ',
      '  ',
    ).map((line) => color.dim(line)),
  );
  return lines;
}

function formatWeakest(report: StatsReport, options: { color: Color; width: number; timeZone?: string }): string[] {
  const { color, width } = options;
  const lines = [color.bold('Weakest questions')];
  if (report.weakest.length === 0) {
    lines.push(
      color.dim(
        report.sessions === 0
          ? '  nothing answered in this span'
          : '  none yet: every answer so far was complete, on time, without hints and rated well',
      ),
    );
    return lines;
  }
  for (const [i, weak] of report.weakest.entries()) {
    // The weakness ranks the list: the id and category give way to it when the width is short.
    const score = ` · weakness ${Math.round(weak.weakness * 100)}%`;
    const head = `${fitWidth(`${i + 1}. ${weak.key} (${weak.question.categoryTitle})`, Math.max(10, width - 2 - score.length))}${score}`;
    lines.push(`  ${color.cyan(head)}`);
    lines.push(`     ${fitWidth(firstLine(weak.question.prompt), width - 5)}`);
    lines.push(
      ...wrap(
        `${plural(weak.attempts, 'attempt')}, last ${formatDateTime(weak.lastAt, { timeZone: options.timeZone })} · why: ${weakReasons(weak).join(' · ')}`,
        width,
        '     ',
        '     ',
      ).map((line) => color.dim(line)),
    );
    // Never cut (it is to copy); less indented when that makes it fit.
    lines.push(`${5 + weak.practise.length <= width ? '     ' : '  '}${weak.practise}`);
  }
  lines.push('', ...commandLine('Practise the weakest first:', report.cram, width, '').map((line) => color.dim(line)));
  return lines;
}

/** Why a question is weak, from its recent answers: what was missed, time, hints, skips, rating. */
export function weakReasons(weak: WeakQuestion): string[] {
  const of = weak.recentAnswers > 1 ? ` of the last ${weak.recentAnswers}` : '';
  const reasons: string[] = [];
  if (weak.skipped > 0) reasons.push(weak.recentAnswers > 1 ? `skipped ${weak.skipped}${of}` : 'skipped');
  if (weak.missedKeyPoints.length > 0 && weak.skipped < weak.recentAnswers) {
    const total = weak.question.keyPoints.length;
    const who = weak.recentAnswers > 1 ? 'the last answer missed' : 'missed';
    const named = weak.missedKeyPoints.slice(0, 2).map((point) => fitWidth(point, 40));
    const more = weak.missedKeyPoints.length - named.length;
    reasons.push(`${who} ${weak.missedKeyPoints.length} of ${total} key points (${named.join('; ')}${more > 0 ? `; ${more} more` : ''})`);
  } else if (weak.keyPointCoverage !== null && weak.keyPointCoverage < 1 && weak.skipped < weak.recentAnswers) {
    reasons.push(`key points ${percent(weak.keyPointCoverage)}${weak.recentAnswers > 1 ? ` over the last ${weak.recentAnswers}` : ''}`);
  }
  if (weak.timedOut > 0) reasons.push(weak.recentAnswers > 1 ? `timed out ${weak.timedOut}${of}` : 'timed out');
  if (weak.overtime > 0) reasons.push(weak.recentAnswers > 1 ? `ran over time ${weak.overtime}${of}` : 'ran over time');
  if (weak.hintsUsed > 0)
    reasons.push(`${plural(weak.hintsUsed, 'hint')}${weak.recentAnswers > 1 ? ` in the last ${weak.recentAnswers}` : ''}`);
  if (weak.averageRating !== null && weak.averageRating < 5) reasons.push(`self-rating ${weak.averageRating.toFixed(1)}`);
  return reasons.length > 0 ? reasons : ['hints or time in older answers'];
}

/**
 * The `-s` options that load a set again: those of the newest session that asked from it ('' when
 * that was the built-in bank), for each set of the history, by set id (one pass over the history).
 */
export function newestSetFlags(history: readonly SessionRecord[], cwd: string): (setId: string) => string {
  const newest = new Map<string, { session: SessionRecord; startedAt: number }>();
  for (const session of history) {
    const startedAt = startedAtMs(session);
    for (const set of session.sets) {
      const known = newest.get(set.id);
      if (!known || startedAt > known.startedAt) newest.set(set.id, { session, startedAt });
    }
  }
  return (setId) => setFlags(newest.get(setId)?.session.setSources ?? undefined, cwd);
}

/** A section's title in bold with its details dimmed after it, or under it when the line would not fit. */
function section(title: string, detail: string, width: number, color: Color): string[] {
  if (title.length + 3 + detail.length <= width) return [color.bold(title) + color.dim(` · ${detail}`)];
  return [color.bold(title), ...wrap(detail, width, '  ').map((line) => color.dim(line))];
}

/** `label: command` on one line when it fits, else the command (never cut: it is to copy) under the label. */
function commandLine(label: string, command: string, width: number, indent: string): string[] {
  if (indent.length + label.length + 1 + command.length <= width) return [`${indent}${label} ${command}`];
  return [`${indent}${label}`, `${indent}  ${command}`];
}

/** Word-wrapped to `width` (no wrapping for Infinity), the first row after `first`, the rest after `indent`. */
function wrap(text: string, width: number, indent: string, first = indent): string[] {
  if (!Number.isFinite(width)) return [`${first}${text}`];
  return wrapText(text, Math.max(20, width - first.length), indent).map((line, i) => (i === 0 ? `${first}${line}` : line));
}

function signedPoints(change: number | null): string {
  if (change === null) return '';
  const points = Math.round(change * 100);
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} points`;
}

function percent(value: number | null): string {
  return value === null ? '-' : `${Math.round(value * 100)}%`;
}
