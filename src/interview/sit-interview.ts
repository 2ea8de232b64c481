import type { Context } from '../context.js';
import { MockprepError } from '../core/errors.js';
import { startSession } from '../core/session.js';
import type { Transcript } from '../core/transcript-schema.js';
import { describeFsError } from '../io/file-store.js';
import { prepareSessionsDir, serializeTranscript, transcriptPath } from '../io/session-files.js';
import type { SessionLock } from '../io/session-lock.js';
import { acquireSessionLock, describeRunning } from '../io/session-lock.js';
import type { AnswerGrader, InterviewUI } from './ports.js';
import { runInterview } from './run-interview.js';
import { createTranscriptSaver } from './transcript-saver.js';

export type InterviewContext = Pick<Context, 'stdin' | 'stdout' | 'stderr' | 'env' | 'store' | 'clock' | 'dataDir' | 'signal' | 'terminal'>;

/**
 * Checks the transcript can be written (before anyone types a word), then runs the interview
 * on `ui` and returns the final transcript. The UI is closed when the interview is over, however
 * it ends.
 */
export async function sitInterview(
  transcript: Transcript,
  ui: InterviewUI,
  ctx: Pick<Context, 'store' | 'clock' | 'dataDir' | 'signal'>,
  /** The session's lock when the caller took it already (resume); else it is taken here. */
  held?: SessionLock,
  /** The opt-in model grader; absent: offline marks only. */
  grader?: AnswerGrader,
): Promise<Transcript> {
  let lock = held;
  try {
    const path = transcriptPath(ctx.dataDir, transcript.id);
    try {
      await prepareSessionsDir(ctx.dataDir, ctx.store);
      if (!lock) {
        // One writer per session: a new session's id is new, so only a clash of ids can fail here.
        const taken = await acquireSessionLock(ctx.dataDir, transcript.id, ctx.store);
        if (!taken.ok) throw new MockprepError(describeRunning(transcript.id, taken.owner));
        lock = taken.lock;
      }
      await ctx.store.writeAtomic(path, serializeTranscript(transcript), { mode: 0o600 });
    } catch (error) {
      if (error instanceof MockprepError) throw error;
      throw new MockprepError(
        `cannot save transcripts in ${ctx.dataDir} (${describeFsError(error)}); nothing was started. Choose a writable folder with --data-dir or MOCKPREP_HOME.`,
        { cause: error },
      );
    }
    const saver = createTranscriptSaver({
      store: ctx.store,
      path,
      clock: ctx.clock,
      onWriteError: (message) => ui.warn(message),
      onRecovered: () => ui.warn(null),
    });
    return await runInterview(startSession(transcript), { ui, clock: ctx.clock, saver, signal: ctx.signal, transcriptPath: path, grader });
  } finally {
    ui.close();
    await lock?.release();
  }
}
