import type { Context } from '../context.js';
import type { InterviewUI } from '../interview/ports.js';

export type InterviewUIContext = Pick<Context, 'stdin' | 'stdout' | 'stderr' | 'env' | 'clock' | 'terminal'>;

/** Plain mode when asked for, and whenever the full screen cannot work (no TTY, or TERM=dumb). */
export function wantsPlainMode(
  requested: boolean | undefined,
  ctx: Pick<InterviewUIContext, 'stdin' | 'stdout' | 'env' | 'terminal'>,
): boolean {
  return Boolean(requested) || !ctx.stdin.isTTY || !ctx.stdout.isTTY || !ctx.terminal || ctx.env.TERM === 'dumb';
}

/**
 * The interview's terminal side: the full-screen UI on a terminal, the line protocol of plain
 * mode otherwise. Each loads only what it needs (the prompts are not loaded for plain mode).
 */
export async function createInterviewUI(ctx: InterviewUIContext, plain: boolean): Promise<InterviewUI> {
  if (plain || !ctx.terminal) {
    const [{ createLineReader }, { createPlainInterviewUI }] = await Promise.all([
      import('./line-reader.js'),
      import('./plain-interview-ui.js'),
    ]);
    const reader = createLineReader(ctx.stdin, ctx.clock, {
      onLongLine: () =>
        ctx.stderr.line(`mockprep: an input line was longer than 1 MiB: its first 1 MiB is kept, the rest of that line dropped`),
    });
    return createPlainInterviewUI(reader, ctx.stdout, ctx.stderr, ctx.clock);
  }
  const { createTtyInterviewUI } = await import('./tty-interview-ui.js');
  return createTtyInterviewUI({ input: ctx.stdin, output: ctx.terminal }, ctx.stdout, ctx.stderr, ctx.clock);
}
