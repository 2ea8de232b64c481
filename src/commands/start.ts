import { randomInt } from 'node:crypto';
import { resolveCategory } from '../core/catalog.js';
import { closestMatches } from '../core/closest-match.js';
import { parseDuration } from '../core/duration.js';
import { UsageError } from '../core/errors.js';
import { createOrderKey } from '../core/practice-schedule.js';
import type { Difficulty, QuestionSet } from '../core/question-set-schema.js';
import type { PoolQuestion } from '../core/select-questions.js';
import { questionPool, selectQuestions } from '../core/select-questions.js';
import { createTranscript, toAskedQuestion } from '../core/session.js';
import type { SessionRecord } from '../core/session-summary.js';
import type { QuestionOrder, SessionMode, SessionSettings, Transcript } from '../core/transcript-schema.js';
import type { InterviewContext } from '../interview/sit-interview.js';
import { sitInterview } from '../interview/sit-interview.js';
import { formatSessionProblem } from '../io/read-sessions.js';
import { createSessionId } from '../io/session-files.js';
import { readSessionIndex } from '../io/session-index.js';
import { chooseGrader, loadGrader } from './grader-option.js';
import { sessionNextSteps } from './next-steps.js';
import { loadSetsWithSources } from './sets-option.js';

/** A question's limit when neither `--time` nor the question says: three minutes. */
export const DEFAULT_LIMIT_SEC = 180;

/** `--time`: seconds, or `off` for untimed, keeping what the user typed for the transcript. */
export type TimeOption = { text: string; seconds: number | null };

export interface StartOptions {
  category?: string;
  set?: string[];
  count?: number;
  time?: TimeOption;
  total?: number;
  difficulty?: Difficulty;
  tag?: string;
  /** `--question`: only these questions (`set-id/question-id` or a question id; repeatable). */
  question?: string[];
  /** `due` and `weakest` order by the history in the data folder (see core/practice-schedule.ts). */
  order: QuestionOrder;
  seed?: number;
  hints: boolean;
  review: boolean;
  plain?: boolean;
  /** practice (default): hints and feedback after each question; live: neither until the end. */
  mode?: SessionMode;
  /** How many of each question's follow-ups to ask (default 1). */
  followUps?: number;
  /** At zero the countdown turns into an overtime counter instead of moving on. */
  overtime?: boolean;
  /** `--grader`: offline (default) or llm; else MOCKPREP_GRADER. */
  grader?: string;
}

/** Follow-ups asked per question when --follow-ups is not given. */
export const DEFAULT_FOLLOW_UPS = 1;

/** `mockprep start`: picks the questions, then sits the interview. */
export async function runStart(options: StartOptions, ctx: InterviewContext): Promise<Transcript> {
  const history = usesHistory(options.order) ? await readHistory(ctx) : [];
  const transcript = await planSession(options, ctx, history);
  const grader = await loadGrader(chooseGrader(options.grader, ctx.env), ctx, (line) => ctx.stderr.line(line));
  const { createInterviewUI, wantsPlainMode } = await import('../terminal/create-interview-ui.js');
  const sat = await sitInterview(transcript, await createInterviewUI(ctx, wantsPlainMode(options.plain, ctx)), ctx, undefined, grader);
  for (const line of sessionNextSteps(sat, process.cwd())) ctx.stdout.line(ctx.stdout.color.dim(line));
  return sat;
}

function usesHistory(order: QuestionOrder): order is 'due' | 'weakest' {
  return order === 'due' || order === 'weakest';
}

/** Every readable past session, for `--order due` and `weakest`; unreadable files are reported and left out. */
async function readHistory(ctx: Pick<InterviewContext, 'store' | 'dataDir' | 'stderr' | 'clock'>): Promise<SessionRecord[]> {
  // The schedule needs no text: the summary index's records are what it reads.
  const indexed = await readSessionIndex(ctx.dataDir, ctx.store, ctx.clock.now());
  for (const problem of indexed.problems) ctx.stderr.line(formatSessionProblem(problem));
  return indexed.sessions.map((session) => session.record);
}

/**
 * The questions `--question` names, in the pool's order: `set-id/question-id`, or a bare id when
 * only one set has it. An unknown one is a usage error naming the closest.
 */
function pickQuestions(pool: readonly PoolQuestion[], names: readonly string[], scope: string): PoolQuestion[] {
  const wanted = new Set<PoolQuestion>();
  for (const name of names) {
    const text = name.trim();
    const matches = pool.filter(({ set, question }) => `${set.id}/${question.id}` === text || question.id === text);
    if (matches.length > 1) {
      throw new UsageError(
        `question "${name}" is in more than one set; name one of: ${matches.map(({ set, question }) => `${set.id}/${question.id}`).join(', ')}`,
      );
    }
    const [match] = matches;
    if (!match) {
      const guess = closestMatches(
        text,
        pool.map(({ set, question }) => (text.includes('/') ? `${set.id}/${question.id}` : question.id)),
        1,
      )[0];
      throw new UsageError(
        `no question "${name}" in ${scope}${guess ? ` (did you mean "${guess}"?)` : ''}; mockprep list <category> shows their ids`,
      );
    }
    wanted.add(match);
  }
  return pool.filter((entry) => wanted.has(entry));
}

/**
 * The new session's transcript: every question chosen and timed, none asked yet. `history`
 * (past sessions) orders the questions for `--order due` and `weakest`.
 */
export async function planSession(
  options: StartOptions,
  ctx: Pick<InterviewContext, 'store' | 'clock'>,
  history: readonly SessionRecord[] = [],
): Promise<Transcript> {
  const { sets, sources } = await loadSetsWithSources(options.set, ctx.store);
  return planFromSets(sets, sources, options, ctx.clock.now(), history);
}

/** {@link planSession} over sets already loaded (`sources`: the `-s` values they came from). */
export function planFromSets(
  sets: readonly QuestionSet[],
  sources: readonly string[],
  options: StartOptions,
  now: number,
  history: readonly SessionRecord[] = [],
): Transcript {
  const category = options.category === undefined ? null : resolveCategory(sets, options.category);
  const categoryPool = questionPool(sets, category ? { setId: category.set.id, id: category.category.id } : undefined);
  const pool = options.question
    ? pickQuestions(categoryPool, options.question, category ? `category "${category.category.id}"` : 'the question sets')
    : categoryPool;
  const seed = options.seed ?? randomInt(2 ** 31);
  const chosen = selectQuestions(pool, {
    // Named questions are all asked unless -n says fewer.
    count: options.count ?? (options.question ? pool.length : undefined),
    difficulty: options.difficulty,
    tag: options.tag,
    order: options.order,
    seed,
    priority: usesHistory(options.order) ? createOrderKey(options.order, history, now) : undefined,
    scope: category ? `category "${category.category.id}"` : 'the question sets',
  });
  const usedSets = sets.filter((set) => chosen.some((entry) => entry.set === set));
  const settings: SessionSettings = {
    sets: usedSets.map((set) => ({
      id: set.id,
      title: set.title,
      source: set.source ?? null,
      license: set.license ?? null,
    })),
    ...(sources.length > 0 ? { setSources: [...sources] } : {}),
    category: category
      ? {
          setId: category.set.id,
          id: category.category.id,
          title: category.category.title,
        }
      : null,
    count: chosen.length,
    time: options.time?.text ?? null,
    totalLimitSec: options.total ?? null,
    difficulty: options.difficulty ?? null,
    tag: options.tag ?? null,
    order: options.order,
    seed,
    // Live mode is a real interview: no hints, and no feedback until the end.
    hints: options.mode === 'live' ? false : options.hints,
    review: options.mode === 'live' ? false : options.review,
    mode: options.mode ?? 'practice',
    followUps: options.followUps ?? DEFAULT_FOLLOW_UPS,
    overtime: options.overtime ?? false,
  };
  return createTranscript({
    id: createSessionId(now),
    now,
    settings,
    questions: chosen.map((entry) => ({
      question: toAskedQuestion(entry),
      limitSec: options.time ? options.time.seconds : (parseDuration(entry.question.time ?? '') ?? DEFAULT_LIMIT_SEC),
    })),
  });
}
