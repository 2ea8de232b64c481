import { MockprepError } from '../core/errors.js';
import { escapeControls } from '../core/sanitize-text.js';
import { nextPart } from '../core/session.js';
import { summarizeTranscript } from '../core/summary.js';
import type { Transcript } from '../core/transcript-schema.js';
import type { AnswerGrader } from '../interview/ports.js';
import type { InterviewContext } from '../interview/sit-interview.js';
import { sitInterview } from '../interview/sit-interview.js';
import type { StoredSession } from '../io/read-sessions.js';
import { lockAndReadSession } from '../io/read-sessions.js';
import { sessionsDir } from '../io/session-files.js';
import type { SessionLock } from '../io/session-lock.js';
import { chooseGrader, loadGrader } from './grader-option.js';
import { sessionNextSteps } from './next-steps.js';
import { loadSessionOption } from './session-option.js';
import { describeScope } from './sessions.js';

export interface ResumeOptions {
  /** A session id, a unique start of one, or `latest` (the default): the newest session not completed. */
  session?: string;
  plain?: boolean;
  /** `--grader`: offline (default) or llm; else MOCKPREP_GRADER. */
  grader?: string;
}

/**
 * `mockprep resume [id|latest]`: continues an interrupted session in the same transcript file,
 * from its first unfinished question, with its own settings; the draft in progress comes back
 * in the answer box. A completed session is an error: there is nothing left to answer.
 */
export async function runResume(options: ResumeOptions, ctx: InterviewContext): Promise<Transcript> {
  const grader = await loadGrader(chooseGrader(options.grader, ctx.env), ctx, (line) => ctx.stderr.line(line));
  let running = 0;
  const chosen = await loadSessionOption(options.session, ctx, {
    // Without an id: the newest session neither completed nor sat by another process right now.
    accept: (session) => {
      if (session.running) running++;
      return session.transcript.status !== 'completed' && !session.running;
    },
    // The same choice over the summary index: only the session chosen is read in full.
    acceptIndexed: (session) => {
      if (session.running) running++;
      return session.record.status !== 'completed' && !session.running;
    },
    noneAccepted: () =>
      `no interrupted session to resume in ${sessionsDir(ctx.dataDir)}: every session there is completed${running > 0 ? ` or running in another mockprep (${running})` : ''}`,
  });
  const { lock, session } = await lockAndReadSession(ctx.dataDir, chosen.id, ctx.store);
  try {
    return await resumeLocked(session, options, ctx, lock, grader);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function resumeLocked(
  session: StoredSession,
  options: ResumeOptions,
  ctx: InterviewContext,
  lock: SessionLock,
  grader: AnswerGrader | undefined,
): Promise<Transcript> {
  const { transcript } = session;
  const id = escapeControls(session.id);
  const { answered, total } = summarizeTranscript(transcript);
  if (transcript.status === 'completed') {
    throw new MockprepError(
      `session ${id} is already completed (${answered} of ${total} answered): nothing to resume. See it with: mockprep review ${id}`,
    );
  }
  const next = nextPart(transcript);
  const where =
    next === null
      ? 'its end (every question is answered)'
      : next.part === null
        ? `question ${next.index + 1} of ${total}`
        : `follow-up ${next.part + 1} of question ${next.index + 1}`;
  ctx.stdout.line(ctx.stdout.color.dim(`Resuming session ${id} (${describeScope(transcript)}) at ${where}; ${answered} answered so far.`));
  const { createInterviewUI, wantsPlainMode } = await import('../terminal/create-interview-ui.js');
  // Sat as written: what was typed is written back as typed, never with its escape characters stripped.
  const sat = await sitInterview(
    session.stored ?? transcript,
    await createInterviewUI(ctx, wantsPlainMode(options.plain, ctx)),
    ctx,
    lock,
    grader,
  );
  for (const line of sessionNextSteps(sat, process.cwd())) ctx.stdout.line(ctx.stdout.color.dim(line));
  return sat;
}
