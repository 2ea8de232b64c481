import type { Context } from '../context.js';
import { UsageError } from '../core/errors.js';
import type { AnswerGrader } from '../interview/ports.js';

// `--grader llm|offline` (or MOCKPREP_GRADER) for start and resume. Offline is the default; the
// model client is imported only when the model grader is chosen, so without the opt-in no code
// that can send anything is even loaded.

const GRADERS = ['offline', 'llm'] as const;
export type GraderName = (typeof GRADERS)[number];

/** The grader asked for: the option, else MOCKPREP_GRADER, else offline. */
export function chooseGrader(option: string | undefined, env: Record<string, string | undefined>): GraderName {
  const name = (option ?? env.MOCKPREP_GRADER ?? 'offline').trim().toLowerCase() || 'offline';
  if (name === 'offline' || name === 'llm') return name;
  throw new UsageError(`unknown grader "${name}": use offline or llm`);
}

/** The model grader for `--grader llm`, or undefined for offline. Notices go to `notice` (one line each). */
export async function loadGrader(
  name: GraderName,
  ctx: Pick<Context, 'env'>,
  notice: (message: string) => void,
): Promise<AnswerGrader | undefined> {
  if (name !== 'llm') return undefined;
  const { createLlmGrader, isLocalHost, readLlmConfig, LlmConfigError } = await import('../io/llm-client.js');
  let config: ReturnType<typeof readLlmConfig>;
  try {
    config = readLlmConfig(ctx.env);
  } catch (error) {
    if (error instanceof LlmConfigError) throw new UsageError(error.message);
    throw error;
  }
  // Before anything is sent, and before the interview's screen takes the terminal.
  if (!isLocalHost(config.baseUrl))
    notice(`the model grader will send each main answer, with its question, to ${new URL(config.baseUrl).host}`);
  const grader = createLlmGrader(config, () => {});
  return async (question, answer, signal) => {
    const result = await grader.grade(question, answer, signal);
    if (result.ok) return { ok: true, ...result.grade };
    return { ok: false, message: result.failure.message };
  };
}
