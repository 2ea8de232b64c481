import { TRANSCRIPT_VERSION } from './question-enums.js';
import type { AnswerRecord, SessionRecord } from './session-summary.js';
import type { Transcript, TranscriptItem } from './transcript-schema.js';

// A transcript as far as its index record knows it, so that stats and the practice schedule
// (which take transcripts) can run over the summary index instead of every transcript on disk.
// Exact: ids, titles, times, statuses, the mode, the sets and their `-s` sources, and per answer
// everything the figures and the FSRS rating rule read (shown or not, finished when, skipped,
// empty, timed out, overtime, self-rating, how many hints, how many key points and how many
// covered, time used, limit). Left out: every text (prompts, answers, hints, key points' words)
// and settings no figure uses. So what needs a text (the weakest questions' prompts and missed
// key points) comes from the transcripts themselves: see commands/stats.ts.

/** The answer text a skeleton carries when the answer was not empty: never shown, only tested for emptiness. */
const NOT_EMPTY = '…';

function skeletonItem(answer: AnswerRecord, startedAt: string): TranscriptItem {
  return {
    question: {
      setId: answer.setId,
      id: answer.questionId,
      categoryId: answer.categoryId,
      categoryTitle: answer.categoryTitle,
      difficulty: null,
      kind: null,
      tags: [],
      prompt: '',
      hints: [],
      keyPoints: Array.from({ length: answer.keyPoints }, () => ({ point: '' })),
      redFlags: [],
      followUps: [],
      notes: null,
    },
    limitSec: answer.limitSec,
    // When it was shown is not kept, only whether it was.
    shownAt: answer.shown ? startedAt : null,
    finishedAt: answer.finishedAtMs === null ? null : new Date(answer.finishedAtMs).toISOString(),
    timeUsedMs: answer.timeUsedMs,
    timedOut: answer.timedOut,
    skipped: answer.skipped,
    overtimeMs: answer.overtimeMs,
    answer: answer.empty ? '' : NOT_EMPTY,
    hintsUsed: Array.from({ length: answer.hints }, (_, index) => ({ index, text: '', at: startedAt, atSec: 0 })),
    // The covered points as the first `covered` indexes: the count is what every figure uses.
    keyPointsTouched: Array.from({ length: answer.covered }, (_, index) => index),
    selfRating: answer.selfRating,
    followUps: [],
  };
}

/** The skeleton transcript of a record (see the top of this file). Pure. */
export function transcriptOfRecord(record: SessionRecord): Transcript {
  return {
    version: TRANSCRIPT_VERSION,
    id: record.id,
    status: record.status,
    endReason: record.endReason,
    startedAt: record.startedAt,
    updatedAt: record.endedAt ?? record.startedAt,
    endedAt: record.endedAt,
    settings: {
      sets: record.sets.map((set) => ({ id: set.id, title: set.title, source: null, license: null })),
      ...(record.setSources === null ? {} : { setSources: record.setSources }),
      category: record.category,
      count: Math.max(1, record.answers.length),
      time: null,
      totalLimitSec: null,
      difficulty: null,
      tag: null,
      order: 'in-order',
      seed: 0,
      hints: true,
      review: true,
      mode: record.mode,
      followUps: 0,
      overtime: false,
    },
    items: record.answers.map((answer) => skeletonItem(answer, record.startedAt)),
  };
}
