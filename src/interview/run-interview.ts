import { InterruptedError, TranscriptNotSavedError } from '../core/errors.js';
import { escapeControls, sanitizeText, sanitizeValuesInPlace } from '../core/sanitize-text.js';
import type { SessionEvent, SessionState } from '../core/session.js';
import { deadlineOf, isFinished, nextPart, step } from '../core/session.js';
import { summarizeTranscript } from '../core/summary.js';
import type { Transcript } from '../core/transcript-schema.js';
import type { Clock } from '../io/clock.js';
import type { AnswerGrader, InterviewUI, RatingOutcome } from './ports.js';
import type { TranscriptSaver } from './transcript-saver.js';

export interface InterviewDeps {
  ui: InterviewUI;
  clock: Pick<Clock, 'now'>;
  saver: TranscriptSaver;
  signal: AbortSignal;
  transcriptPath: string;
  /** The opt-in model grader (`--grader llm`); without it nothing is sent anywhere. */
  grader?: AnswerGrader;
}

/**
 * Runs a session from `initial` to its end: asks each question, records every draft, hint and
 * answer through the state machine, saves after each change, reviews (after each question, or
 * all at the end with review off), and shows the summary. Returns the final transcript.
 */
export async function runInterview(initial: SessionState, deps: InterviewDeps): Promise<Transcript> {
  const { ui, clock, saver, signal } = deps;
  let state = initial;
  const dispatch = (event: SessionEvent): SessionState => {
    state = step(state, event, clock.now());
    return state;
  };
  let stoppedAfterEnd = false;
  const reviewEach = state.transcript.settings.review;
  const total = state.transcript.items.length;

  try {
    while (state.phase !== 'ended') {
      const shown = dispatch({ type: 'show' });
      if (shown.phase !== 'answering') break;
      await saver.save(shown.transcript);
      const { index, part } = shown;
      const item = shown.transcript.items[index];
      const attempt = part === null ? item : item?.followUps[part];
      if (!item || !attempt) break;
      const outcome = await ui.askAnswer(
        {
          // What the UI shows is a clean copy; the transcript keeps every text as it is (a resumed
          // transcript is as written: typed answers keep their escape characters on disk).
          question: forDisplay(item.question),
          number: index + 1,
          total,
          followUp:
            part === null
              ? null
              : { number: part + 1, total: item.followUps.length, prompt: sanitizeText(item.followUps[part]?.prompt ?? '') },
          // The draft as it is: each UI shows it clean and continues it.
          draft: attempt.answer,
          hintsShown: part === null ? item.hintsUsed.map((hint) => sanitizeText(hint.text)) : [],
          hintsTotal: part === null ? item.question.hints.length : 0,
          hintsEnabled: part === null && shown.transcript.settings.hints,
          deadline: deadlineOf(shown),
          startedAt: shown.segmentStart,
          timeUsedBeforeMs: attempt.timeUsedMs,
        },
        {
          onDraft: (text) => {
            saver.saveSoon(dispatch({ type: 'draft', text }).transcript);
          },
          flush: () => saver.save(state.transcript),
          onHint: () => {
            const before = state.transcript.items[index]?.hintsUsed.length ?? 0;
            const after = dispatch({ type: 'hint' });
            const revealed = after.transcript.items[index]?.hintsUsed;
            if (!revealed || revealed.length === before) return null;
            void saver.save(after.transcript);
            const text = revealed.at(-1)?.text;
            return text === undefined ? null : sanitizeText(text);
          },
        },
        signal,
      );
      if (outcome.action === 'stop') {
        dispatch({ type: 'stop', reason: outcome.reason, text: outcome.text });
        break;
      }
      dispatch({ type: outcome.action, text: outcome.text });
      await saver.save(state.transcript);
      if (part === null && outcome.action !== 'skip' && deps.grader && outcome.text.trim() !== '') {
        if (await gradeWithModel(index, deps.grader, outcome.text)) break;
      }
      // Feedback comes once the question is done: its main answer and its follow-ups.
      const next = nextPart(state.transcript);
      const questionDone = next === null || next.index !== index;
      if (reviewEach && questionDone && (await reviewItem(index))) break;
    }
    if (!reviewEach && state.transcript.status === 'completed') {
      for (const [index, item] of state.transcript.items.entries()) {
        if (isFinished(item) && (await reviewItem(index))) break;
      }
    }
  } finally {
    // The final state (ended, stopped, or mid-question if something threw) always reaches the disk.
    await saver.save(state.transcript);
    saver.dispose();
  }

  const transcript = state.transcript;
  ui.showSummary(summarizeTranscript(transcript), {
    transcriptPath: escapeControls(deps.transcriptPath),
    status: transcript.status,
    endReason: transcript.endReason,
    saved: !saver.unsaved,
  });
  if (saver.unsaved) {
    ui.printUnsaved(formatUnsavedAnswers(transcript));
    throw new TranscriptNotSavedError(deps.transcriptPath, transcript);
  }
  if (stoppedAfterEnd) throw new InterruptedError('stopped at the rating: every answer is saved; the session is complete');
  return transcript;

  /** Asks the model for the marks of a main answer; true when the user stopped while it read (Ctrl-C). */
  async function gradeWithModel(index: number, grader: AnswerGrader, answer: string): Promise<boolean> {
    const item = state.transcript.items[index];
    if (!item) return false;
    // Ctrl-C while the model reads stops the session, like a Ctrl-C anywhere else.
    const waiting = new AbortController();
    const stopWaiting = await ui.showWaiting('the model is reading your answer (Ctrl-C stops; your answer is saved)', () =>
      waiting.abort(),
    );
    let result: Awaited<ReturnType<AnswerGrader>>;
    try {
      result = await grader(item.question, answer, AbortSignal.any([signal, waiting.signal]));
    } finally {
      stopWaiting();
    }
    if (signal.aborted || waiting.signal.aborted) {
      // Everything typed is already saved; the offline marks stand.
      // (saved by the run's finally, as every stop is)
      dispatch({ type: 'stop', reason: 'interrupted' });
      return true;
    }
    if (!result.ok) {
      ui.warn(`model grader: ${sanitizeText(result.message)}; this answer is graded offline`);
      return false;
    }
    dispatch({ type: 'grade', index, marks: result.marks, followUp: result.followUp, feedback: result.feedback });
    await saver.save(state.transcript);
    return false;
  }

  /** Reviews one finished question; true when the user stopped the session there. */
  async function reviewItem(index: number): Promise<boolean> {
    const item = state.transcript.items[index];
    if (!item) return false;
    const notesOnRequest = state.transcript.settings.mode === 'practice';
    const result: RatingOutcome = await ui.review(forDisplay(item), { number: index + 1, total, notesOnRequest }, signal);
    // The candidate's marks have the last word, kept even when they stop right after.
    if (result.covered) dispatch({ type: 'confirm', index, covered: result.covered });
    if ('stop' in result) {
      // Every answer is in: the session stays completed, but a signal (Ctrl-C, SIGTERM) still ends the run as interrupted.
      if (state.phase === 'ended' && result.stop === 'interrupted') stoppedAfterEnd = true;
      dispatch({ type: 'stop', reason: result.stop });
      await saver.save(state.transcript);
      return true;
    }
    if (result.rating !== null) dispatch({ type: 'rate', index, rating: result.rating });
    if (result.covered || result.rating !== null) await saver.save(state.transcript);
    return false;
  }
}

/** Every answer of the session, follow-ups included, as plain text, for when the transcript could not be written. */
export function formatUnsavedAnswers(transcript: Transcript): string {
  // Printed to the terminal: a piped answer's escapes must not act on it (only they are dropped).
  const answer = (text: string) => sanitizeText(text) || '(no answer)';
  const parts = transcript.items
    .filter((item) => item.shownAt !== null)
    .map((item, i) => {
      const followUps = item.followUps
        .filter((followUp) => followUp.shownAt !== null)
        .map((followUp, j) => `\n- follow-up ${j + 1}: ${sanitizeText(followUp.prompt)}\n\n${answer(followUp.answer)}\n`);
      return `--- ${i + 1}. ${sanitizeText(item.question.id)} ---\n${sanitizeText(item.question.prompt)}\n\n${answer(item.answer)}\n${followUps.join('')}`;
    });
  return `The transcript could not be saved. Your answers:\n\n${parts.join('\n')}`;
}

/** A copy of transcript data with every string cleaned, for the screen (the original stays as it is). */
function forDisplay<T>(value: T): T {
  return sanitizeValuesInPlace(structuredClone(value)) as T;
}
