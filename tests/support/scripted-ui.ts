import type { AnswerEvents, AnswerOutcome, AnswerRequest, InterviewUI, RatingOutcome } from '../../src/interview/ports.js';

/** One expected step of a scripted interview. */
export type ScriptStep =
  | { expect: 'answer'; questionId?: string; act: (request: AnswerRequest, events: AnswerEvents) => Promise<AnswerOutcome> | AnswerOutcome }
  /** `covered`: the key points the candidate confirms (their corrections of the grader's marks). */
  | { expect: 'review'; rating: number | null; covered?: number[] }
  | { expect: 'review'; stop: 'interrupted'; covered?: number[] };

/**
 * A terminal that plays a script and fails on any prompt it did not expect, so a test states
 * the whole conversation (as changesets' add.test.ts does).
 */
export function createScriptedUI(script: ScriptStep[]) {
  const steps = [...script];
  const log: string[] = [];
  const warnings: (string | null)[] = [];
  /** Each wait for the model: its message, a way to press Ctrl-C during it, and whether it ended. */
  const waits: { message: string; interrupt: () => void; ended: boolean }[] = [];
  let summary: { status: string; endReason: string | null } | null = null;
  let unsaved: string | null = null;
  let closed = 0;
  const take = (kind: 'answer' | 'review') => {
    const next = steps.shift();
    if (!next || next.expect !== kind)
      throw new Error(`unexpected ${kind} prompt; the script expected ${next ? next.expect : 'nothing more'}`);
    return next;
  };
  const ui: InterviewUI = {
    async askAnswer(request, events) {
      const next = take('answer') as Extract<ScriptStep, { expect: 'answer' }>;
      if (next.questionId && next.questionId !== request.question.id) {
        throw new Error(`expected question ${next.questionId}, got ${request.question.id}`);
      }
      log.push(`answer ${request.number}/${request.total} ${request.question.id}`);
      return next.act(request, events);
    },
    async review(item, position): Promise<RatingOutcome> {
      const next = take('review') as Extract<ScriptStep, { expect: 'review' }>;
      log.push(`review ${position.number} ${item.question.id}`);
      return 'stop' in next ? { stop: next.stop, covered: next.covered } : { rating: next.rating, covered: next.covered };
    },
    showSummary(_summary, details) {
      summary = details;
    },
    async showWaiting(message, interrupt) {
      const wait = { message, interrupt, ended: false };
      waits.push(wait);
      log.push('waiting for the model');
      return () => {
        wait.ended = true;
      };
    },
    warn(message) {
      warnings.push(message);
    },
    printUnsaved(text) {
      unsaved = text;
    },
    close() {
      closed++;
    },
  };
  return {
    ui,
    log,
    warnings,
    waits,
    get summary() {
      return summary;
    },
    get unsaved() {
      return unsaved;
    },
    /** How many times the runner closed the UI (once when the interview is over). */
    get closed() {
      return closed;
    },
    get remaining() {
      return steps.length;
    },
  };
}
