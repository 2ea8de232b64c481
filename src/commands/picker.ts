import { AbortPromptError, ExitPromptError } from '@inquirer/core';
import { input, number, select } from '@inquirer/prompts';
import { listCategories } from '../core/catalog.js';
import { durationProblem, formatDuration, parseDuration } from '../core/duration.js';
import { countDue, schedulePractice } from '../core/practice-schedule.js';
import { DEFAULT_COUNT, questionPool, withoutNearDuplicates } from '../core/select-questions.js';
import type { InterviewContext } from '../interview/sit-interview.js';
import { readSessionIndex } from '../io/session-index.js';
import { loadSetsOption } from './sets-option.js';
import type { StartOptions, TimeOption } from './start.js';

const ALL = '*';
const DUE = ':due';

/**
 * `mockprep` with no command, in a terminal: asks for a category, how many questions and how
 * much time each, and returns the options to start with; null when the user cancels (Ctrl-C).
 * When the schedule says questions of the built-in bank are due, "What's due" comes first.
 */
export async function runPicker(
  ctx: Pick<InterviewContext, 'store' | 'stdin' | 'terminal' | 'signal' | 'stdout' | 'dataDir' | 'clock'>,
): Promise<StartOptions | null> {
  const sets = await loadSetsOption(undefined, ctx.store);
  const entries = listCategories(sets);
  // Unreadable transcripts are left out quietly here: `start --order due` reports them by name.
  const history = await readSessionIndex(ctx.dataDir, ctx.store, ctx.clock.now()).catch(() => ({ sessions: [] }));
  const schedules = schedulePractice(history.sessions.map((session) => session.record));
  const due = countDue(questionPool(sets), schedules, ctx.clock.now());
  const context = {
    input: ctx.stdin,
    output: ctx.terminal,
    signal: ctx.signal,
  };
  try {
    const category = await select(
      {
        message: 'Which category?',
        pageSize: Math.min(entries.length + (due > 0 ? 2 : 1), 12),
        choices: [
          ...(due > 0
            ? [
                {
                  name: `What's due (${due})`,
                  value: DUE,
                  description: 'what your schedule says to practise now, the most overdue first, from every category',
                },
              ]
            : []),
          ...entries.map(({ set, category, questions }) => ({
            name: `${category.title} · ${questions.length} questions`,
            value: `${set.id}/${category.id}`,
            description: set.title,
          })),
          {
            name: `All categories · ${sets.reduce((sum, set) => sum + set.questions.length, 0)} questions`,
            value: ALL,
            description: 'a mix of every set',
          },
        ],
      },
      context,
    );
    const mode = await select<'practice' | 'live'>(
      {
        message: 'Which mode?',
        choices: [
          { name: 'Practice', value: 'practice', description: 'hints on request, feedback and key points after each question' },
          {
            name: 'Live',
            value: 'live',
            description: "a real interview: no hints, the interviewer's follow-ups, feedback only at the end",
          },
        ],
      },
      context,
    );
    // Near-duplicates (related questions) are never drawn together, so they do not count twice.
    const chosen = entries.find(({ set, category: c }) => `${set.id}/${c.id}` === category);
    const pool =
      category === ALL || category === DUE
        ? questionPool(sets)
        : chosen
          ? questionPool(sets, { setId: chosen.set.id, id: chosen.category.id })
          : [];
    const available = Math.max(1, withoutNearDuplicates(pool).length);
    const count = await number(
      {
        message: `How many questions? (1–${available})`,
        default: Math.min(DEFAULT_COUNT, category === DUE ? due : DEFAULT_COUNT, available),
        min: 1,
        max: available,
        required: true,
      },
      context,
    );
    const time = await select<TimeOption | 'custom' | null>(
      {
        message: 'Time per question?',
        choices: [
          {
            name: "Each question's suggested time (3m when it has none)",
            value: null,
          },
          ...[120, 180, 300].map((seconds) => ({
            name: formatDuration(seconds),
            value: { text: formatDuration(seconds), seconds },
          })),
          {
            name: 'Untimed (shows elapsed time)',
            value: { text: 'off', seconds: null },
          },
          { name: 'Other…', value: 'custom' as const },
        ],
      },
      context,
    );
    let chosenTime: TimeOption | undefined = time === 'custom' ? undefined : (time ?? undefined);
    if (time === 'custom') {
      const text = await input(
        {
          message: 'Time per question (e.g. 90s, 4m, 1m30s):',
          validate: (value) =>
            parseDuration(value) !== null ||
            (durationProblem(value) === 'too-long' ? 'At most 24h' : 'Write a duration like 90s, 4m or 1m30s'),
        },
        context,
      );
      chosenTime = { text: text.trim(), seconds: parseDuration(text) };
    }
    return {
      category: category === ALL || category === DUE ? undefined : category,
      count: count ?? undefined,
      time: chosenTime,
      order: category === DUE ? 'due' : 'random',
      hints: true,
      review: true,
      mode,
    };
  } catch (error) {
    if (error instanceof ExitPromptError || error instanceof AbortPromptError) return null;
    throw error;
  }
}
