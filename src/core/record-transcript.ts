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
/** When a skeleton's hints were revealed: not kept (no figure uses it), so the epoch. */
const HINT_AT = new Date(0).toISOString();

/**
 * The parts skeletons share, made once per batch of records: a history of 10,000 sessions asks
 * the same hundred questions over and over, and a skeleton per answer with its own question, key
 * point and hint lists was most of what stats allocated. Shared parts are frozen: nothing that
 * reads a skeleton may change it.
 */
export class SkeletonParts {
  readonly #questions = new Map<string, TranscriptItem['question']>();
  readonly #ranges = new Map<number, readonly number[]>();
  readonly #hints = new Map<number, TranscriptItem['hintsUsed']>();

  question(answer: AnswerRecord): TranscriptItem['question'] {
    const key = `${answer.setId}\u0000${answer.questionId}\u0000${answer.categoryId}\u0000${answer.categoryTitle}\u0000${answer.keyPoints}`;
    let question = this.#questions.get(key);
    if (question === undefined) {
      question = Object.freeze({
        setId: answer.setId,
        id: answer.questionId,
        categoryId: answer.categoryId,
        categoryTitle: answer.categoryTitle,
        difficulty: null,
        kind: null,
        tags: NONE,
        prompt: '',
        hints: NONE,
        keyPoints: Object.freeze(Array.from({ length: answer.keyPoints }, () => Object.freeze({ point: '' }))) as never,
        redFlags: NONE,
        followUps: NONE,
        notes: null,
      });
      this.#questions.set(key, question);
    }
    return question;
  }

  /** 0, 1, … count − 1. */
  range(count: number): number[] {
    let range = this.#ranges.get(count);
    if (range === undefined) {
      range = Object.freeze(Array.from({ length: count }, (_, index) => index));
      this.#ranges.set(count, range);
    }
    return range as number[];
  }

  hints(count: number): TranscriptItem['hintsUsed'] {
    let hints = this.#hints.get(count);
    if (hints === undefined) {
      hints = Object.freeze(
        Array.from({ length: count }, (_, index) => Object.freeze({ index, text: '', at: HINT_AT, atSec: 0 })),
      ) as never;
      this.#hints.set(count, hints);
    }
    return hints as TranscriptItem['hintsUsed'];
  }
}

const NONE = Object.freeze([]) as never[];

function skeletonItem(answer: AnswerRecord, startedAt: string, parts: SkeletonParts): TranscriptItem {
  return {
    question: parts.question(answer),
    limitSec: answer.limitSec,
    // When it was shown is not kept, only whether it was.
    shownAt: answer.shown ? startedAt : null,
    finishedAt: answer.finishedAtMs === null ? null : new Date(answer.finishedAtMs).toISOString(),
    timeUsedMs: answer.timeUsedMs,
    timedOut: answer.timedOut,
    skipped: answer.skipped,
    overtimeMs: answer.overtimeMs,
    answer: answer.empty ? '' : NOT_EMPTY,
    hintsUsed: parts.hints(answer.hints),
    // The covered points as the first `covered` indexes: the count is what every figure uses.
    keyPointsTouched: parts.range(answer.covered),
    selfRating: answer.selfRating,
    followUps: NONE,
  };
}

/** The skeleton transcript of a record (see the top of this file). Pure; `parts` shares what repeats across a batch of records. */
export function transcriptOfRecord(record: SessionRecord, parts: SkeletonParts = new SkeletonParts()): Transcript {
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
    items: record.answers.map((answer) => skeletonItem(answer, record.startedAt, parts)),
  };
}
