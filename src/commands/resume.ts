import { MockprepError } from '../core/errors.js';
import { escapeControls } from '../core/sanitize-text.js';
import { nextPart } from '../core/session.js';
import { summarizeTranscript } from '../core/summary.js';
import type { Transcript } from '../core/transcript-schema.js';
import type { InterviewContext } from '../interview/sit-interview.js';
import { sitInterview } from '../interview/sit-interview.js';
import { sessionsDir } from '../io/session-files.js';
import { loadSessionOption } from './session-option.js';
import { describeScope } from './sessions.js';

export interface ResumeOptions {
  /** A session id, a unique start of one, or `latest` (the default): the newest session not completed. */
  session?: string;
  plain?: boolean;
}

/**
 * `mockprep resume [id|latest]`: continues an interrupted session in the same transcript file,
 * from its first unfinished question, with its own settings; the draft in progress comes back
 * in the answer box. A completed session is an error: there is nothing left to answer.
 */
export async function runResume(options: ResumeOptions, ctx: InterviewContext): Promise<Transcript> {
  const session = await loadSessionOption(options.session, ctx, {
    accept: ({ transcript }) => transcript.status !== 'completed',
    noneAccepted: `no interrupted session to resume in ${sessionsDir(ctx.dataDir)}: every session there is completed`,
  });
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
  return sitInterview(transcript, await createInterviewUI(ctx, wantsPlainMode(options.plain, ctx)), ctx);
}
