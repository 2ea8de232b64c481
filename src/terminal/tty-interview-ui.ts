import { AbortPromptError, ExitPromptError } from '@inquirer/core';
import type { AnswerOutcome, InterviewUI, RatingOutcome } from '../interview/ports.js';
import type { Clock } from '../io/clock.js';
import type { Output, TerminalStream } from '../io/output.js';
import { answerPrompt } from './answer-prompt.js';
import { formatFeedback, formatNotesBeside, formatSummary } from './feedback-text.js';
import { ratingPrompt } from './rating-prompt.js';

export interface TtyStreams {
  input: NodeJS.ReadableStream;
  /** The terminal stream itself (for its size, resize events and the prompts' rendering). */
  output: TerminalStream;
}

const CLEAR_SCREEN = '\u001b[2J\u001b[H';

/** The full-screen interview: one question per screen, a live countdown, one-key rating. */
export function createTtyInterviewUI(streams: TtyStreams, out: Output, stderr: Output, clock: Clock): InterviewUI {
  let notice: string | null = null;
  let prompting = false;
  const context = (signal: AbortSignal) => ({
    input: streams.input,
    output: streams.output,
    signal,
  });

  return {
    async askAnswer(request, events, signal): Promise<AnswerOutcome> {
      out.write(CLEAR_SCREEN);
      // The draft of this very attempt (a follow-up's own, never its question's answer).
      let draft = request.draft;
      prompting = true;
      try {
        const result = await answerPrompt(
          {
            request,
            clock,
            color: out.color,
            screen: streams.output,
            notice: () => notice,
            onDraft: (text) => {
              draft = text;
              events.onDraft(text);
            },
            onHint: events.onHint,
          },
          context(signal),
        );
        return result.action === 'quit'
          ? { action: 'stop', reason: 'quit', text: result.text }
          : { action: result.action, text: result.text };
      } catch (error) {
        // Ctrl-C, a signal or a closed terminal: the draft typed so far is the answer in progress.
        if (error instanceof ExitPromptError || error instanceof AbortPromptError)
          return { action: 'stop', reason: 'interrupted', text: draft };
        throw error;
      } finally {
        prompting = false;
      }
    },

    async review(item, position, signal): Promise<RatingOutcome> {
      out.write(CLEAR_SCREEN);
      for (const line of formatFeedback(item, position, out.color)) out.line(line);
      out.line();
      let offerNotes = position.notesOnRequest;
      try {
        for (;;) {
          const choice = await ratingPrompt({ color: out.color, allowRating: !item.skipped, offerNotes }, context(signal));
          if (choice !== 'notes') return { rating: choice };
          out.line();
          for (const line of formatNotesBeside(item, streams.output.columns || 80, out.color)) out.line(line);
          out.line();
          offerNotes = false;
        }
      } catch (error) {
        if (error instanceof ExitPromptError || error instanceof AbortPromptError) return { stop: 'interrupted' };
        throw error;
      }
    },

    showSummary(summary, details) {
      out.line();
      for (const line of formatSummary(summary, details, out.color)) out.line(line);
    },

    warn(message) {
      // While the answer screen is up the warning is drawn inside it; otherwise it is a line on stderr.
      notice = message;
      if (message !== null && !prompting) stderr.line(stderr.color.yellow(`mockprep: ${message}`));
    },

    printUnsaved(text) {
      out.line();
      out.line(text);
    },

    close() {},
  };
}
