import type { Context } from '../context.js';
import { MockprepError } from '../core/errors.js';
import { startSession } from '../core/session.js';
import type { Transcript } from '../core/transcript-schema.js';
import { describeFsError } from '../io/file-store.js';
import { prepareSessionsDir, serializeTranscript, transcriptPath } from '../io/session-files.js';
import type { InterviewUI } from './interview-ui.js';
import { runInterview } from './run-interview.js';
import { createTranscriptSaver } from './transcript-saver.js';

export type InterviewContext = Pick<Context, 'stdin' | 'stdout' | 'stderr' | 'env' | 'store' | 'clock' | 'dataDir' | 'signal'> & {
  /** The terminal stream behind `stdout`, for the full-screen prompt. */
  stdoutStream?: NodeJS.WritableStream & {
    columns?: number;
    rows?: number;
    on(event: 'resize', listener: () => void): unknown;
    off(event: 'resize', listener: () => void): unknown;
  };
};

/** Plain mode when asked for, and whenever the full screen cannot work (no TTY, or TERM=dumb). */
export function wantsPlainMode(
  requested: boolean | undefined,
  ctx: Pick<InterviewContext, 'stdin' | 'stdout' | 'env' | 'stdoutStream'>,
): boolean {
  return Boolean(requested) || !ctx.stdin.isTTY || !ctx.stdout.isTTY || !ctx.stdoutStream || ctx.env.TERM === 'dumb';
}

/**
 * Checks the transcript can be written (before anyone types a word), then runs the interview
 * on the terminal or in plain mode and returns the final transcript.
 */
export async function sitInterview(transcript: Transcript, options: { plain: boolean }, ctx: InterviewContext): Promise<Transcript> {
  const path = transcriptPath(ctx.dataDir, transcript.id);
  try {
    await prepareSessionsDir(ctx.dataDir, ctx.store);
    await ctx.store.writeAtomic(path, serializeTranscript(transcript), {
      mode: 0o600,
    });
  } catch (error) {
    throw new MockprepError(
      `cannot save transcripts in ${ctx.dataDir} (${describeFsError(error)}); nothing was started. Choose a writable folder with --data-dir or MOCKPREP_HOME.`,
      { cause: error },
    );
  }

  let ui: InterviewUI;
  let close = () => {};
  if (options.plain || !ctx.stdoutStream) {
    const [{ createLineReader }, { createPlainInterviewUI }] = await Promise.all([
      import('../io/line-reader.js'),
      import('../io/plain-interview-ui.js'),
    ]);
    const reader = createLineReader(ctx.stdin, ctx.clock);
    close = () => reader.close();
    ui = createPlainInterviewUI(reader, ctx.stdout, ctx.stderr, ctx.clock);
  } else {
    const { createTtyInterviewUI } = await import('../io/tty-interview-ui.js');
    ui = createTtyInterviewUI({ input: ctx.stdin, output: ctx.stdoutStream }, ctx.stdout, ctx.stderr, () => ctx.clock.now());
  }

  const saver = createTranscriptSaver({
    store: ctx.store,
    path,
    clock: ctx.clock,
    onWriteError: (message) => ui.warn(message),
    onRecovered: () => ui.warn(null),
  });
  try {
    return await runInterview(startSession(transcript), {
      ui,
      clock: ctx.clock,
      saver,
      signal: ctx.signal,
      transcriptPath: path,
    });
  } finally {
    close();
  }
}
