import type { Context } from '../context.js';
import { InterruptedError, MockprepError } from '../core/errors.js';
import type { LlmGrade } from '../core/llm-grade.js';
import { applyLateGrade, isGradable } from '../core/llm-grade.js';
import { escapeControls, sanitizeText } from '../core/sanitize-text.js';
import type { Transcript } from '../core/transcript-schema.js';
import { describeFsError } from '../io/file-store.js';
import { startProgress } from '../io/progress.js';
import { lockAndReadSession } from '../io/read-sessions.js';
import { serializeTranscript, transcriptPath } from '../io/session-files.js';
import { loadGrader } from './grader-option.js';
import { loadSessionOption } from './session-option.js';

export interface GradeOptions {
  /** A session id, a unique start of one, or `latest` (the default). */
  session?: string;
}

/**
 * `mockprep grade [id|latest]`: grades a saved session's answers with the model afterwards (the
 * MOCKPREP_LLM_* server, as for `--grader llm`) and stores the marks, evidence, feedback and the
 * follow-up it would ask in the transcript. The transcript is written after each answer, so a
 * Ctrl-C or a server that goes away keeps what was graded; an answer the model could not grade
 * keeps its marks. Exit 1 when no answer could be graded.
 */
export async function runGrade(
  options: GradeOptions,
  ctx: Pick<Context, 'stdout' | 'stderr' | 'store' | 'dataDir' | 'env' | 'signal'>,
): Promise<void> {
  const grader = await loadGrader('llm', ctx, (line) => ctx.stderr.line(line));
  if (!grader) throw new MockprepError('the model grader could not be loaded');
  const chosen = await loadSessionOption(options.session, ctx);
  // One writer per session: a session being sat right now is not graded under its feet.
  const { lock, session } = await lockAndReadSession(ctx.dataDir, chosen.id, ctx.store);
  try {
    // The file is written back as it was written (escape characters and all), with the grades in.
    let stored: Transcript = session.stored ?? session.transcript;
    const id = escapeControls(session.id);
    const gradable = stored.items.flatMap((item, index) => (isGradable(item) ? [index] : []));
    const out = ctx.stdout;
    if (gradable.length === 0) {
      out.line(`Session ${id} has no answers to grade (every question was skipped, left empty or not reached).`);
      return;
    }
    out.line(`Grading ${gradable.length === 1 ? 'the answer' : `${gradable.length} answers`} of session ${id} with the model:`);
    const path = transcriptPath(ctx.dataDir, session.id);
    let graded = 0;
    for (const [n, index] of gradable.entries()) {
      const item = stored.items[index];
      if (!item) continue;
      const label = `${index + 1}. ${sanitizeText(item.question.id)}`;
      const progress = await startProgress(ctx.stderr, `grading ${n + 1} of ${gradable.length}: ${label}`, ctx.env);
      let result: Awaited<ReturnType<typeof grader>>;
      try {
        result = await grader(item.question, item.answer, ctx.signal);
      } finally {
        progress.stop();
      }
      if (ctx.signal.aborted) {
        throw new InterruptedError(`stopped: ${describeGraded(graded)} saved in ${escapeControls(path)}`);
      }
      if (!result.ok) {
        out.line(`  ${label}: ${sanitizeText(result.message)}; its marks are kept`);
        continue;
      }
      const grade: LlmGrade = { marks: result.marks, followUp: result.followUp, feedback: result.feedback };
      const next = applyLateGrade(item, grade);
      stored = { ...stored, items: stored.items.map((entry, i) => (i === index ? next : entry)) };
      try {
        await ctx.store.writeAtomic(path, serializeTranscript(stored), { mode: 0o600 });
      } catch (error) {
        throw new MockprepError(
          `cannot save the grades in ${escapeControls(path)} (${describeFsError(error)}); ${describeGraded(graded)} saved before this one`,
          { cause: error },
        );
      }
      graded++;
      out.line(`  ${label}: ${describeMarks(next)}`);
    }
    if (graded === 0) throw new MockprepError(`the model graded none of the answers; the transcript is unchanged`);
    out.line(`${capitalize(describeGraded(graded))} saved. See them with: mockprep review ${id}`);
  } finally {
    await lock.release();
  }
}

function describeGraded(count: number): string {
  return count === 1 ? '1 answer graded by the model' : `${count} answers graded by the model`;
}

function describeMarks(item: Transcript['items'][number]): string {
  const total = item.question.keyPoints.length;
  if (total === 0) return 'no key points listed; the model gave feedback';
  const offline = item.offlineKeyPoints?.length ?? 0;
  const corrected = item.keyPointsCorrected ? ' (your corrections still count)' : '';
  return `${item.keyPointsTouched.length} of ${total} key points (offline grader: ${offline} of ${total})${corrected}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
