import type { KeyPointMark } from '../core/grade.js';
import type { Deadline } from '../core/session.js';
import type { SessionSummary } from '../core/summary.js';
import type { AskedQuestion, TranscriptItem } from '../core/transcript-schema.js';

// The ports of an interview: what the runner needs from a terminal. `src/terminal/` implements
// them (full screen and plain lines); tests hand the runner a scripted UI.

/** Everything the answer screen shows for one question, or one of its follow-ups. */
export interface AnswerRequest {
  /** The question asked (for a follow-up: the question it follows up, shown as context). */
  question: AskedQuestion;
  /** 1-based position and the session's length: "Question 2 of 5". */
  number: number;
  total: number;
  /** Set when this is an interviewer's follow-up to the question rather than the question itself. */
  followUp: { number: number; total: number; prompt: string } | null;
  /** The answer so far of this very attempt (a resumed draft; a follow-up's own), which the screen starts from. */
  draft: string;
  /** Hints already revealed, and how many the question has (none for follow-ups). */
  hintsShown: string[];
  hintsTotal: number;
  hintsEnabled: boolean;
  /** When the answer is due, or null when untimed. */
  deadline: Deadline | null;
  /** When this sitting of the answer began, and the time already used before it (resume). */
  startedAt: number;
  timeUsedBeforeMs: number;
}

/** What the answer screen reports while the user types. */
export interface AnswerEvents {
  /** The whole answer text so far, after changes (a full-screen UI coalesces them). */
  onDraft(text: string): void;
  /** Writes the latest draft to disk now (before the process stops for Ctrl-Z, say). */
  flush(): Promise<unknown>;
  /** Asks for the next hint; returns its text, or null when none is left (or hints are off). */
  onHint(): string | null;
}

export type AnswerOutcome =
  | { action: 'submit' | 'skip' | 'timeout'; text: string }
  /** /quit, Ctrl-C, a signal, a closed terminal, or (plain mode) the end of input. */
  | {
      action: 'stop';
      reason: 'quit' | 'interrupted' | 'input-ended';
      text: string;
    };

/**
 * The end of a question's review: the self-rating (null: none) and the key points as the
 * candidate confirmed them (indexes; absent when they were not asked, e.g. a skipped question).
 * A stop keeps the marks confirmed before it.
 */
export type RatingOutcome = { rating: number | null; covered?: number[] } | { stop: 'interrupted' | 'input-ended'; covered?: number[] };

/**
 * The terminal side of an interview. Two implementations: the full-screen one on a TTY and the
 * line protocol of plain mode; tests use a scripted one.
 */
export interface InterviewUI {
  askAnswer(request: AnswerRequest, events: AnswerEvents, signal: AbortSignal): Promise<AnswerOutcome>;
  /**
   * Shows what a strong answer covers (the grader's marks, with their evidence, for the candidate
   * to confirm or correct), the answer's insights, and asks for a 1–5 self-rating; in practice
   * mode the question's notes and red flags on request.
   */
  review(
    item: TranscriptItem,
    position: { number: number; total: number; notesOnRequest: boolean },
    signal: AbortSignal,
  ): Promise<RatingOutcome>;
  showSummary(
    summary: SessionSummary,
    details: {
      transcriptPath: string;
      status: string;
      endReason: string | null;
      /** False when the transcript could not be written: the path then holds an older copy, or nothing. */
      saved: boolean;
    },
  ): void;
  /**
   * Shows that the model is reading the answer (a spinner on a terminal, one line in plain mode)
   * until the returned function is called. `interrupt` is called when the user presses Ctrl-C
   * while it waits (on a terminal in raw mode that is a key, not a signal).
   */
  showWaiting(message: string, interrupt: () => void): Promise<() => void>;
  /** A one-line warning (saving failed, say) that must not disturb the answer screen; null clears it. */
  warn(message: string | null): void;
  /** Prints text the user must not lose (answers that could not be saved). */
  printUnsaved(text: string): void;
  /** Lets go of the terminal (stops reading input); called once, when the interview is over. */
  close(): void;
}

/** A model's grade of one main answer (see core/llm-grade.ts), or why there is none. */
export type GradeOutcome =
  | { ok: true; marks: KeyPointMark[]; followUp: string | null; feedback: string | null }
  | { ok: false; message: string };

/** The opt-in model grader, asked once per submitted main answer; absent: offline marks only. */
export type AnswerGrader = (question: AskedQuestion, answer: string, signal: AbortSignal) => Promise<GradeOutcome>;
