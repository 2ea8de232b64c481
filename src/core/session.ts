import type { KeyPointMark } from './grade.js';
import { coveredIndexes } from './grade.js';
import { gradeOffline } from './key-points.js';
import { TRANSCRIPT_VERSION } from './question-enums.js';
import type { PoolQuestion } from './select-questions.js';
import { isFinished } from './summary.js';
import type { AskedQuestion, EndReason, SessionSettingsInput, Transcript, TranscriptItem } from './transcript-schema.js';

// The interview as a state machine: `step(state, event, now)` returns the next state and never
// reads the clock, so a whole interview, time-outs included, runs in a test in milliseconds.
//
// Each question has parts: its main answer, then the follow-ups planned for it. Drafts, submits,
// skips and time-outs apply to the part on screen; hints only to the main answer.

/** Which part of a question: `null` the main answer, a number that follow-up. */
export type Part = number | null;

export type SessionState =
  /** Between parts: the next one is the first not finished. */
  | { phase: 'ready'; transcript: Transcript }
  /** A part is on screen; `segmentStart` is when the time since the last checkpoint began. */
  | { phase: 'answering'; transcript: Transcript; index: number; part: Part; segmentStart: number }
  | { phase: 'ended'; transcript: Transcript };

type Answering = Extract<SessionState, { phase: 'answering' }>;

export type StopReason = Extract<EndReason, 'quit' | 'interrupted' | 'input-ended'>;

export type SessionEvent =
  | { type: 'show' }
  | { type: 'draft'; text: string }
  | { type: 'hint' }
  | { type: 'submit'; text: string }
  /** A model's grade of a finished main answer: its marks replace the offline ones, its follow-up the first authored one. */
  | { type: 'grade'; index: number; marks: readonly KeyPointMark[]; followUp: string | null; feedback: string | null }
  | { type: 'skip'; text: string }
  | { type: 'timeout'; text: string }
  | { type: 'rate'; index: number; rating: number | null }
  /** The candidate's own marks for a finished question's key points (indexes covered). */
  | { type: 'confirm'; index: number; covered: readonly number[] }
  | { type: 'stop'; reason: StopReason; text?: string };

/** When the part on screen runs out of time. */
export interface Deadline {
  at: number;
  /** Whether `at` is the part's own limit or the session's (`--total`). */
  scope: 'question' | 'session';
  /** Overtime mode: at `at` the countdown turns into an overtime counter instead of ending the answer. */
  overtime: boolean;
  /** When the answer is cut off regardless: `at` without overtime, the session's end with it (or never). */
  hardAt: number | null;
}

/** The fields an answer has, whether to the main question or to a follow-up. */
type Attempt = Pick<
  TranscriptItem,
  'limitSec' | 'shownAt' | 'finishedAt' | 'timeUsedMs' | 'timedOut' | 'skipped' | 'overtimeMs' | 'answer'
>;

/** A follow-up's limit: a third of the question's, at least 45 s; untimed when the question is. */
export function followUpLimitSec(questionLimitSec: number | null): number | null {
  return questionLimitSec === null ? null : Math.max(45, Math.round(questionLimitSec / 3));
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

const emptyAttempt = (limitSec: number | null): Attempt => ({
  limitSec,
  shownAt: null,
  finishedAt: null,
  timeUsedMs: 0,
  timedOut: false,
  skipped: false,
  overtimeMs: 0,
  answer: '',
});

/** A new transcript with every question (and the follow-ups to ask) planned and none shown yet. */
export function createTranscript(input: {
  id: string;
  now: number;
  settings: SessionSettingsInput;
  questions: readonly { question: AskedQuestion; limitSec: number | null }[];
}): Transcript {
  const at = iso(input.now);
  const settings = { mode: 'practice' as const, followUps: 0, overtime: false, ...input.settings };
  return {
    version: TRANSCRIPT_VERSION,
    id: input.id,
    status: 'in-progress',
    endReason: null,
    startedAt: at,
    updatedAt: at,
    endedAt: null,
    settings,
    items: input.questions.map(({ question, limitSec }) => ({
      question,
      ...emptyAttempt(limitSec),
      hintsUsed: [],
      keyPointsTouched: [],
      keyPointEvidence: [],
      selfRating: null,
      followUps: question.followUps.slice(0, settings.followUps).map((prompt) => ({ prompt, ...emptyAttempt(followUpLimitSec(limitSec)) })),
    })),
  };
}

/** The state to run a transcript from: a new one, or an interrupted one being resumed. */
export function startSession(transcript: Transcript): SessionState {
  if (transcript.status === 'completed') return { phase: 'ended', transcript };
  return { phase: 'ready', transcript: { ...transcript, status: 'in-progress', endReason: null, endedAt: null } };
}

// isFinished lives with the summary, which needs it without the rest of this module (the offline
// marker and its word tables, built when this module loads); here too for the runner.
export { isFinished };

/** The next part to ask: the first unfinished main answer or follow-up, in order; null when all are done. */
export function nextPart(transcript: Transcript): { index: number; part: Part } | null {
  for (const [index, item] of transcript.items.entries()) {
    if (!isFinished(item)) return { index, part: null };
    const followUp = item.followUps.findIndex((entry) => entry.finishedAt === null);
    if (followUp !== -1) return { index, part: followUp };
  }
  return null;
}

function attemptOf(item: TranscriptItem, part: Part): Attempt | undefined {
  return part === null ? item : item.followUps[part];
}

/** Answering time used so far over the whole session (main answers and follow-ups), in ms. */
export function sessionTimeUsedMs(transcript: Transcript): number {
  return transcript.items.reduce(
    (sum, item) => sum + item.timeUsedMs + item.followUps.reduce((inner, entry) => inner + entry.timeUsedMs, 0),
    0,
  );
}

/** The deadline of the part on screen, or null when neither it nor the session is timed. */
export function deadlineOf(state: SessionState): Deadline | null {
  if (state.phase !== 'answering') return null;
  const attempt = currentAttempt(state);
  if (!attempt) return null;
  const own = attempt.limitSec === null ? null : attempt.limitSec * 1000 - attempt.timeUsedMs;
  const total = state.transcript.settings.totalLimitSec;
  const session = total === null ? null : Math.max(0, total * 1000 - sessionTimeUsedMs(state.transcript));
  const overtime = state.transcript.settings.overtime;
  const sessionAt = session === null ? null : state.segmentStart + session;
  if (own === null || (session !== null && session <= own)) {
    return sessionAt === null ? null : { at: sessionAt, scope: 'session', overtime: false, hardAt: sessionAt };
  }
  const at = state.segmentStart + Math.max(0, own);
  return { at, scope: 'question', overtime, hardAt: overtime ? sessionAt : at };
}

/** Advances the session by one event at time `now` (ms). Events that make no sense in the current phase change nothing. */
export function step(state: SessionState, event: SessionEvent, now: number): SessionState {
  switch (event.type) {
    case 'show':
      return show(state, now);
    case 'draft':
      if (state.phase !== 'answering') return state;
      return updateAttempt(checkpoint(state, now), now, (attempt) => ({ ...attempt, answer: event.text }));
    case 'hint':
      return revealHint(state, now);
    case 'submit':
    case 'skip':
    case 'timeout':
      return finishPart(state, event, now);
    case 'rate':
      return rate(state, event.index, event.rating, now);
    case 'confirm':
      return confirm(state, event.index, event.covered, now);
    case 'grade':
      return applyGrade(state, event, now);
    case 'stop':
      return stop(state, event.reason, event.text, now);
  }
}

function currentAttempt(state: Answering): Attempt | undefined {
  const item = state.transcript.items[state.index];
  return item && attemptOf(item, state.part);
}

function show(state: SessionState, now: number): SessionState {
  if (state.phase !== 'ready') return state;
  const next = nextPart(state.transcript);
  if (!next) return end(state.transcript, 'finished', now);
  const answering: Answering = { phase: 'answering', transcript: state.transcript, ...next, segmentStart: now };
  return updateAttempt(answering, now, (attempt) => ({ ...attempt, shownAt: attempt.shownAt ?? iso(now) }));
}

/**
 * Moves the time since the last checkpoint into the part's time used. It never runs past the
 * hard deadline (the limit, or the session's end in overtime mode), so a late time-out or a
 * draft that arrives after it does not inflate the record.
 */
function checkpoint(state: Answering, now: number): Answering {
  const elapsed = Math.max(0, now - state.segmentStart);
  const hardAt = deadlineOf(state)?.hardAt ?? null;
  const used = hardAt === null ? elapsed : Math.min(elapsed, Math.max(0, hardAt - state.segmentStart));
  const next = updateAttempt(state, now, (attempt) => ({ ...attempt, timeUsedMs: attempt.timeUsedMs + used }));
  return { ...next, segmentStart: now };
}

function updateAttempt(state: Answering, now: number, update: (attempt: Attempt) => Attempt): Answering {
  const transcript = updateItem(state.transcript, state.index, now, (item) => {
    if (state.part === null) return { ...item, ...update(item) };
    const part = state.part;
    return { ...item, followUps: item.followUps.map((entry, i) => (i === part ? { ...entry, ...update(entry) } : entry)) };
  });
  return { ...state, transcript };
}

function revealHint(state: SessionState, now: number): SessionState {
  if (state.phase !== 'answering' || state.part !== null || !state.transcript.settings.hints) return state;
  const item = state.transcript.items[state.index];
  if (!item || item.hintsUsed.length >= item.question.hints.length) return state;
  const checked = checkpoint(state, now);
  const transcript = updateItem(checked.transcript, state.index, now, (current) => {
    const index = current.hintsUsed.length;
    const text = current.question.hints[index] ?? '';
    return {
      ...current,
      hintsUsed: [...current.hintsUsed, { index, text, at: iso(now), atSec: Math.round(current.timeUsedMs / 100) / 10 }],
    };
  });
  return { ...checked, transcript };
}

function finishPart(state: SessionState, event: { type: 'submit' | 'skip' | 'timeout'; text: string }, now: number): SessionState {
  if (state.phase !== 'answering') return state;
  const checked = checkpoint(state, now);
  const finished = updateAttempt(checked, now, (attempt) => ({
    ...attempt,
    answer: event.text,
    finishedAt: iso(now),
    timedOut: event.type === 'timeout',
    skipped: event.type === 'skip',
    overtimeMs: attempt.limitSec === null ? 0 : Math.max(0, attempt.timeUsedMs - attempt.limitSec * 1000),
  }));
  let transcript = finished.transcript;
  if (state.part === null) {
    transcript = updateItem(transcript, state.index, now, (item) => ({
      ...item,
      ...keyPointMarksOf(gradeOffline(event.text, item.question)),
      // No interviewer follows up on a question the candidate skipped.
      followUps:
        event.type === 'skip'
          ? item.followUps.map((entry) => ({ ...entry, finishedAt: entry.finishedAt ?? iso(now), skipped: true }))
          : item.followUps,
    }));
  }
  const total = transcript.settings.totalLimitSec;
  if (event.type === 'timeout' && total !== null && sessionTimeUsedMs(transcript) >= total * 1000)
    return end(transcript, 'total-time', now);
  if (nextPart(transcript) === null) return end(transcript, 'finished', now);
  return { phase: 'ready', transcript };
}

/** The transcript's fields for a grader's marks. */
export function keyPointMarksOf(marks: readonly KeyPointMark[]): Pick<TranscriptItem, 'keyPointsTouched' | 'keyPointEvidence'> {
  return { keyPointsTouched: coveredIndexes(marks), keyPointEvidence: marks.map((mark) => (mark.covered ? mark.evidence : null)) };
}

function applyGrade(state: SessionState, event: Extract<SessionEvent, { type: 'grade' }>, now: number): SessionState {
  const item = state.transcript.items[event.index];
  if (!item || item.finishedAt === null || item.skipped || event.marks.length !== item.question.keyPoints.length) return state;
  // Too late once the candidate confirmed marks or the first follow-up was shown.
  if (item.keyPointsCorrected || item.followUps[0]?.shownAt) return state;
  return {
    ...state,
    transcript: updateItem(state.transcript, event.index, now, (current) => ({
      ...current,
      offlineKeyPoints: current.keyPointsTouched,
      ...keyPointMarksOf(event.marks),
      ...(event.feedback === null ? {} : { llmFeedback: event.feedback }),
      followUps:
        event.followUp === null
          ? current.followUps
          : current.followUps.map((entry, i) => (i === 0 ? { ...entry, prompt: event.followUp ?? entry.prompt } : entry)),
    })),
  };
}

function rate(state: SessionState, index: number, rating: number | null, now: number): SessionState {
  const item = state.transcript.items[index];
  if (!item || !isFinished(item)) return state;
  if (rating !== null && (!Number.isInteger(rating) || rating < 1 || rating > 5)) return state;
  return { ...state, transcript: updateItem(state.transcript, index, now, (current) => ({ ...current, selfRating: rating })) };
}

/** Keeps the candidate's marks when they differ from the grader's; the same marks again clear the correction. */
function confirm(state: SessionState, index: number, covered: readonly number[], now: number): SessionState {
  const item = state.transcript.items[index];
  if (!item || !isFinished(item)) return state;
  const total = item.question.keyPoints.length;
  const marks = [...new Set(covered)].filter((entry) => Number.isInteger(entry) && entry >= 0 && entry < total).sort((a, b) => a - b);
  const suggested = [...new Set(item.keyPointsTouched)].sort((a, b) => a - b);
  const same = marks.length === suggested.length && marks.every((entry, i) => entry === suggested[i]);
  return {
    ...state,
    transcript: updateItem(state.transcript, index, now, ({ keyPointsCorrected: _previous, ...current }) =>
      same ? current : { ...current, keyPointsCorrected: marks },
    ),
  };
}

function stop(state: SessionState, reason: StopReason, text: string | undefined, now: number): SessionState {
  if (state.phase === 'ended') return state;
  let transcript = state.transcript;
  if (state.phase === 'answering') {
    transcript = updateAttempt(checkpoint(state, now), now, (attempt) => ({ ...attempt, answer: text ?? attempt.answer })).transcript;
  }
  return {
    phase: 'ended',
    transcript: { ...transcript, status: 'interrupted', endReason: reason, endedAt: iso(now), updatedAt: iso(now) },
  };
}

function end(transcript: Transcript, reason: 'finished' | 'total-time', now: number): SessionState {
  return { phase: 'ended', transcript: { ...transcript, status: 'completed', endReason: reason, endedAt: iso(now), updatedAt: iso(now) } };
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
