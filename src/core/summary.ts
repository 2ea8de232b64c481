import { countCoveredKeyPoints } from './grade.js';
import type { Transcript, TranscriptItem } from './transcript-schema.js';

/** What a session amounts to: the end-of-interview summary, `sessions` and `stats` all use it. */
export interface SessionSummary {
  total: number;
  /** Finished and not skipped (time-outs with text count: what was typed is the answer). */
  answered: number;
  skipped: number;
  /** Questions whose answer or a follow-up's ran out of time. */
  timedOut: number;
  /** Never shown: the session ended first. */
  notReached: number;
  /** Answering time, follow-ups included. */
  timeUsedMs: number;
  hintsUsed: number;
  keyPoints: { touched: number; total: number };
  averageRating: number | null;
}

/** Whether the main answer of a question is finished (its follow-ups may still be open). */
export function isFinished(item: TranscriptItem): boolean {
  return item.finishedAt !== null;
}

export function isAnswered(item: TranscriptItem): boolean {
  return isFinished(item) && !item.skipped && item.answer.trim() !== '';
}

export function summarizeTranscript(transcript: Transcript): SessionSummary {
  const items = transcript.items;
  const answered = items.filter(isAnswered);
  const ratings = items.flatMap((item) => (item.selfRating === null ? [] : [item.selfRating]));
  return {
    total: items.length,
    answered: answered.length,
    skipped: items.filter((item) => isFinished(item) && item.skipped).length,
    timedOut: items.filter((item) => item.timedOut || item.followUps.some((followUp) => followUp.timedOut)).length,
    notReached: items.filter((item) => item.shownAt === null).length,
    timeUsedMs: items.reduce(
      (sum, item) => sum + item.timeUsedMs + item.followUps.reduce((inner, followUp) => inner + followUp.timeUsedMs, 0),
      0,
    ),
    hintsUsed: items.reduce((sum, item) => sum + item.hintsUsed.length, 0),
    keyPoints: {
      touched: answered.reduce((sum, item) => sum + countCoveredKeyPoints(item), 0),
      total: answered.reduce((sum, item) => sum + item.question.keyPoints.length, 0),
    },
    averageRating: ratings.length === 0 ? null : ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length,
  };
}
