import { AbortPromptError, ExitPromptError } from '@inquirer/core';
import { sanitizeText } from '../core/sanitize-text.js';
import type { AnswerOutcome, InterviewUI, RatingOutcome } from '../interview/ports.js';
import type { Clock } from '../io/clock.js';
import { watchTerminal } from '../io/lost-terminal.js';
import type { Output, TerminalStream } from '../io/output.js';
import { startSpinner } from '../io/progress.js';
import type { JobControl, TerminalInput } from './answer-prompt.js';
import { BRACKETED_PASTE_OFF, isTerminalGone, processJobControl, runAnswerPrompt, setRawModeSafely } from './answer-prompt.js';
import { checklistPrompt } from './checklist-prompt.js';
import { formatFeedback, formatNotesBeside, formatSummary, NO_KEY_POINTS } from './feedback-text.js';
import { ratingPrompt } from './rating-prompt.js';

export interface TtyStreams {
  input: TerminalInput;
  /** The terminal stream itself (for its size, resize events and the prompts' rendering). */
  output: TerminalStream;
  /** Ctrl-Z and `fg` (the process's own unless a test says otherwise). */
  jobControl?: JobControl;
}

const CLEAR_SCREEN = '\u001b[2J\u001b[H';
const CTRL_C = '\u0003';

/** The spinner below the answer while the model reads; a terminal that reports no columns gets a line instead (ora loops for ever there). */
async function startWaitSpinner(output: TerminalStream, text: string, color: boolean): Promise<{ stop(): void }> {
  const stream = output as unknown as NodeJS.WriteStream;
  if (stream.columns > 0) return startSpinner(stream, text, color);
  stream.write(`\r\n${text}\r\n`);
  return { stop: () => {} };
}

/**
 * The full-screen interview: one question per screen, a live countdown, one-key rating.
 * Between prompts the keyboard stays in raw mode and what is typed is dropped: a key pressed
 * as the time ran out must not become a rating, a command, or text in the shell afterwards.
 */
export function createTtyInterviewUI(streams: TtyStreams, out: Output, stderr: Output, clock: Clock): InterviewUI {
  const { input, output } = streams;
  let notice: string | null = null;
  // A set with no key points (the realbank's, say) is told so once a session, not on every question.
  let saidNoKeyPoints = false;
  let prompting = false;
  let gone = false;
  let holding = false;
  const context = (signal: AbortSignal) => ({ input, output, signal });

  // A terminal that went away (a closed window) fails reads and writes with EIO or EPIPE: the
  // session ends as interrupted, saved, without a stack trace. These stay for the process's life.
  const terminal = watchTerminal();
  const terminalGone = () => {
    if (gone) return;
    gone = true;
    terminal.lost();
  };
  const onStreamError = (error: unknown) => {
    if (isTerminalGone(error)) terminalGone();
  };
  output.on('error', onStreamError);
  input.on('error', onStreamError);
  const stderrStream = stderr.stream as Partial<NodeJS.EventEmitter>;
  if (stderrStream !== (output as unknown) && typeof stderrStream.on === 'function') stderrStream.on('error', onStreamError);
  const setRaw = (mode: boolean) => {
    if (!gone) setRawModeSafely(input, mode, terminalGone);
  };
  const drop = () => {};
  /** Keeps the keyboard in raw mode and reads (and drops) what is typed while no prompt is up. */
  const hold = () => {
    if (gone) return;
    setRaw(true);
    if (!holding) input.on('data', drop);
    holding = true;
    input.resume();
  };
  const release = () => {
    if (holding) input.off('data', drop);
    holding = false;
    setRaw(false);
    input.pause();
  };
  const print = (text: string) => {
    if (!gone) out.write(text);
  };

  return {
    async askAnswer(request, events, signal): Promise<AnswerOutcome> {
      if (gone) return { action: 'stop', reason: 'interrupted', text: request.draft };
      print(CLEAR_SCREEN);
      prompting = true;
      try {
        const result = await runAnswerPrompt({
          // The box cannot show control characters: it starts from the draft as shown.
          request: { ...request, draft: sanitizeText(request.draft) },
          input,
          output,
          clock,
          color: out.color,
          signal,
          jobControl: streams.jobControl ?? processJobControl,
          notice: () => notice,
          onDraft: events.onDraft,
          onHint: events.onHint,
          flush: events.flush,
          onTerminalLost: terminalGone,
        });
        if (result.action === 'quit') return { action: 'stop', reason: 'quit', text: result.text };
        // Ctrl-C, a signal or a closed terminal: what is typed is the answer in progress.
        if (result.action === 'interrupted' || result.action === 'closed')
          return { action: 'stop', reason: 'interrupted', text: result.text };
        return { action: result.action, text: result.text };
      } finally {
        prompting = false;
        hold();
      }
    },

    async review(item, position, signal): Promise<RatingOutcome> {
      if (gone) return { stop: 'interrupted' };
      print(CLEAR_SCREEN);
      const width = output.columns || 80;
      // The key points come last, as a checklist the candidate confirms (an answered question's only).
      const checklist = !item.skipped && item.question.keyPoints.length > 0;
      for (const line of formatFeedback(item, position, out.color, { keyPoints: false, width })) out.line(line);
      if (!checklist && item.question.keyPoints.length === 0 && !saidNoKeyPoints) {
        saidNoKeyPoints = true;
        out.line();
        out.line(out.color.dim(NO_KEY_POINTS));
      }
      out.line();
      let covered: number[] | undefined;
      let offerNotes = position.notesOnRequest;
      // Readline stops on Ctrl-Z by itself but, continued, leaves the keyboard paused (and with
      // nothing else to wait for the process would exit): take it back after `fg`.
      const stopListening = (streams.jobControl ?? processJobControl).onContinue(() =>
        setImmediate(() => {
          setRaw(true);
          input.resume();
        }),
      );
      try {
        if (checklist) {
          covered = await checklistPrompt({ item, color: out.color, width }, context(signal));
          hold();
          out.line();
        }
        for (;;) {
          const choice = await ratingPrompt({ color: out.color, allowRating: !item.skipped, offerNotes }, context(signal));
          hold();
          if (choice !== 'notes') return { rating: choice, covered };
          out.line();
          for (const line of formatNotesBeside(item, width, out.color)) out.line(line);
          out.line();
          offerNotes = false;
        }
      } catch (error) {
        if (error instanceof ExitPromptError || error instanceof AbortPromptError) return { stop: 'interrupted', covered };
        throw error;
      } finally {
        stopListening();
        hold();
      }
    },

    showSummary(summary, details) {
      if (gone) return;
      out.line();
      for (const line of formatSummary(summary, details, out.color)) out.line(line);
    },

    async showWaiting(message, interrupt) {
      if (gone) return () => {};
      // The keyboard is held in raw mode, so Ctrl-C arrives as a key: it stops the wait.
      const onKey = (data: Buffer | string) => {
        if (String(data).includes(CTRL_C)) interrupt();
      };
      input.on('data', onKey);
      const spinner = await startWaitSpinner(output, message, out.color.level > 0);
      return () => {
        input.off('data', onKey);
        spinner.stop();
      };
    },

    warn(message) {
      // While the answer screen is up the warning is drawn inside it; otherwise it is a line on stderr.
      notice = message;
      if (message !== null && !prompting && !gone) stderr.line(stderr.color.yellow(`mockprep: ${message}`));
    },

    printUnsaved(text) {
      if (gone) return;
      out.line();
      out.line(text);
    },

    close() {
      release();
      if (!gone) print(BRACKETED_PASTE_OFF);
    },
  };
}
