import { matchKeyPoints } from './key-points.js';
import type { PoolQuestion } from './select-questions.js';
import {
  type AskedQuestion,
  type EndReason,
  type SessionSettings,
  TRANSCRIPT_VERSION,
  type Transcript,
  type TranscriptItem,
} from './transcript-schema.js';

// The interview as a state machine: `step(state, event, now)` returns the next state and never
// reads the clock, so a whole interview, time-outs included, runs in a test in milliseconds.

export type SessionState =
  /** Between questions: the next one is the first not finished. */
  | { phase: 'ready'; transcript: Transcript }
  /** A question is on screen; `segmentStart` is when the time since the last checkpoint began. */
  | {
      phase: 'answering';
      transcript: Transcript;
      index: number;
      segmentStart: number;
    }
  | { phase: 'ended'; transcript: Transcript };

export type StopReason = Extract<EndReason, 'quit' | 'interrupted' | 'input-ended'>;

export type SessionEvent =
  | { type: 'show' }
  | { type: 'draft'; text: string }
  | { type: 'hint' }
  | { type: 'submit'; text: string }
  | { type: 'skip'; text: string }
  | { type: 'timeout'; text: string }
  | { type: 'rate'; index: number; rating: number | null }
  | { type: 'stop'; reason: StopReason; text?: string };

/** When the question on screen runs out of time, and whether it is its own limit or the session's. */
export interface Deadline {
  at: number;
  scope: 'question' | 'session';
}

/** The question as the transcript keeps it: a copy, so the transcript stands on its own. */
export function toAskedQuestion({ set, question, categoryTitle }: PoolQuestion): AskedQuestion {
  return {
    setId: set.id,
    id: question.id,
    categoryId: question.category,
    categoryTitle,
    difficulty: question.difficulty ?? null,
    kind: question.kind ?? null,
    tags: question.tags ?? [],
    prompt: question.prompt,
    hints: question.hints ?? [],
    keyPoints: question.keyPoints ?? [],
    redFlags: question.redFlags ?? [],
    followUps: question.followUps ?? [],
    notes: question.notes ?? null,
  };
}

/** A new transcript with every question planned and none shown yet. */
export function createTranscript(input: {
  id: string;
  now: number;
  settings: SessionSettings;
  questions: readonly { question: AskedQuestion; limitSec: number | null }[];
}): Transcript {
  const at = iso(input.now);
  return {
    version: TRANSCRIPT_VERSION,
    id: input.id,
    status: 'in-progress',
    endReason: null,
    startedAt: at,
    updatedAt: at,
    endedAt: null,
    settings: input.settings,
    items: input.questions.map(({ question, limitSec }) => ({
      question,
      limitSec,
      shownAt: null,
      finishedAt: null,
      timeUsedMs: 0,
      timedOut: false,
      skipped: false,
      hintsUsed: [],
      answer: '',
      keyPointsTouched: [],
      selfRating: null,
    })),
  };
}

/** The state to run a transcript from: a new one, or an interrupted one being resumed. */
export function startSession(transcript: Transcript): SessionState {
  if (transcript.status === 'completed') return { phase: 'ended', transcript };
  return {
    phase: 'ready',
    transcript: {
      ...transcript,
      status: 'in-progress',
      endReason: null,
      endedAt: null,
    },
  };
}

export function isFinished(item: TranscriptItem): boolean {
  return item.finishedAt !== null;
}

/** The index of the next question to ask, or -1 when all are finished. */
export function nextIndex(transcript: Transcript): number {
  return transcript.items.findIndex((item) => !isFinished(item));
}

/** Answering time used so far over the whole session, in ms. */
export function sessionTimeUsedMs(transcript: Transcript): number {
  return transcript.items.reduce((sum, item) => sum + item.timeUsedMs, 0);
}

/** The deadline of the question on screen, or null when neither it nor the session is timed. */
export function deadlineOf(state: SessionState): Deadline | null {
  if (state.phase !== 'answering') return null;
  const budget = remainingBudget(state.transcript, state.index);
  if (budget === null) return null;
  return { at: state.segmentStart + budget.ms, scope: budget.scope };
}

function remainingBudget(transcript: Transcript, index: number): { ms: number; scope: Deadline['scope'] } | null {
  const item = transcript.items[index];
  if (!item) return null;
  const question = item.limitSec === null ? null : item.limitSec * 1000 - item.timeUsedMs;
  const total = transcript.settings.totalLimitSec;
  const session = total === null ? null : total * 1000 - sessionTimeUsedMs(transcript);
  if (question === null && session === null) return null;
  if (session !== null && (question === null || session < question)) return { ms: Math.max(0, session), scope: 'session' };
  return { ms: Math.max(0, question ?? 0), scope: 'question' };
}

/** Advances the session by one event at time `now` (ms). Events that make no sense in the current phase change nothing. */
export function step(state: SessionState, event: SessionEvent, now: number): SessionState {
  switch (event.type) {
    case 'show':
      return show(state, now);
    case 'draft':
      if (state.phase !== 'answering') return state;
      return updateCurrent(checkpoint(state, now), now, (item) => ({
        ...item,
        answer: event.text,
      }));
    case 'hint':
      return revealHint(state, now);
    case 'submit':
    case 'skip':
    case 'timeout':
      return finishQuestion(state, event, now);
    case 'rate':
      return rate(state, event.index, event.rating, now);
    case 'stop':
      return stop(state, event.reason, event.text, now);
  }
}

function show(state: SessionState, now: number): SessionState {
  if (state.phase !== 'ready') return state;
  const index = nextIndex(state.transcript);
  if (index === -1) return end(state.transcript, 'finished', now);
  const transcript = updateItem(state.transcript, index, now, (item) => ({
    ...item,
    shownAt: item.shownAt ?? iso(now),
  }));
  return { phase: 'answering', transcript, index, segmentStart: now };
}

/** Moves the time since the last checkpoint into the question's time used (never past its budget). */
function checkpoint(state: Extract<SessionState, { phase: 'answering' }>, now: number): Extract<SessionState, { phase: 'answering' }> {
  const elapsed = Math.max(0, now - state.segmentStart);
  const budget = remainingBudget(state.transcript, state.index);
  const used = budget === null ? elapsed : Math.min(elapsed, budget.ms);
  const transcript = updateItem(state.transcript, state.index, now, (item) => ({
    ...item,
    timeUsedMs: item.timeUsedMs + used,
  }));
  return { ...state, transcript, segmentStart: now };
}

function updateCurrent(
  state: Extract<SessionState, { phase: 'answering' }>,
  now: number,
  update: (item: TranscriptItem) => TranscriptItem,
): SessionState {
  return {
    ...state,
    transcript: updateItem(state.transcript, state.index, now, update),
  };
}

function revealHint(state: SessionState, now: number): SessionState {
  if (state.phase !== 'answering' || !state.transcript.settings.hints) return state;
  const item = state.transcript.items[state.index];
  if (!item || item.hintsUsed.length >= item.question.hints.length) return state;
  const checked = checkpoint(state, now);
  return updateCurrent(checked, now, (current) => {
    const index = current.hintsUsed.length;
    const text = current.question.hints[index] ?? '';
    return {
      ...current,
      hintsUsed: [
        ...current.hintsUsed,
        {
          index,
          text,
          at: iso(now),
          atSec: Math.round(current.timeUsedMs / 100) / 10,
        },
      ],
    };
  });
}

function finishQuestion(state: SessionState, event: { type: 'submit' | 'skip' | 'timeout'; text: string }, now: number): SessionState {
  if (state.phase !== 'answering') return state;
  const scope = deadlineOf(state)?.scope;
  const checked = checkpoint(state, now);
  const transcript = updateItem(checked.transcript, state.index, now, (item) => ({
    ...item,
    answer: event.text,
    finishedAt: iso(now),
    timedOut: event.type === 'timeout',
    skipped: event.type === 'skip',
    keyPointsTouched: matchKeyPoints(event.text, item.question.keyPoints),
  }));
  if (event.type === 'timeout' && scope === 'session') return end(transcript, 'total-time', now);
  if (nextIndex(transcript) === -1) return end(transcript, 'finished', now);
  return { phase: 'ready', transcript };
}

function rate(state: SessionState, index: number, rating: number | null, now: number): SessionState {
  const item = state.transcript.items[index];
  if (!item || !isFinished(item)) return state;
  if (rating !== null && (!Number.isInteger(rating) || rating < 1 || rating > 5)) return state;
  return {
    ...state,
    transcript: updateItem(state.transcript, index, now, (current) => ({
      ...current,
      selfRating: rating,
    })),
  };
}

function stop(state: SessionState, reason: StopReason, text: string | undefined, now: number): SessionState {
  if (state.phase === 'ended') return state;
  let transcript = state.transcript;
  if (state.phase === 'answering') {
    transcript = updateItem(checkpoint(state, now).transcript, state.index, now, (item) => ({ ...item, answer: text ?? item.answer }));
  }
  return {
    phase: 'ended',
    transcript: {
      ...transcript,
      status: 'interrupted',
      endReason: reason,
      endedAt: iso(now),
      updatedAt: iso(now),
    },
  };
}

function end(transcript: Transcript, reason: 'finished' | 'total-time', now: number): SessionState {
  return {
    phase: 'ended',
    transcript: {
      ...transcript,
      status: 'completed',
      endReason: reason,
      endedAt: iso(now),
      updatedAt: iso(now),
    },
  };
}

function updateItem(transcript: Transcript, index: number, now: number, update: (item: TranscriptItem) => TranscriptItem): Transcript {
  return {
    ...transcript,
    updatedAt: iso(now),
    items: transcript.items.map((item, i) => (i === index ? update(item) : item)),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
