import {
  DIFFICULTIES,
  END_REASONS,
  KINDS,
  MAX_FIELD_CHARS,
  MODES,
  ORDERS,
  SESSION_STATUSES,
  TRANSCRIPT_VERSION,
} from './question-enums.js';
import type { KeyPoint } from './question-set-schema.js';
import * as z from './zod.js';

// A transcript is one session's plain data, versioned. It holds a copy of every question it
// asked, so that review, export and resume need neither the set file nor the set's version.

export { END_REASONS, SESSION_STATUSES, TRANSCRIPT_VERSION };

/**
 * A key point as the transcript copied it from its set, checked as the set's schema checks it
 * (trimmed, not empty, bounded) but built here: the set's schema, with the descriptions
 * `mockprep schema` needs, takes 30-60 ms to build, more than reading a transcript.
 */
const keyPointText = z.string().trim().min(1, 'must not be empty').max(MAX_FIELD_CHARS, 'must be at most 65,536 characters');
const keyPointSchema = z.strictObject({ point: keyPointText, keywords: z.array(keyPointText).optional() });

const isoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO date');

export const askedQuestionSchema = z.object({
  setId: z.string(),
  id: z.string(),
  categoryId: z.string(),
  categoryTitle: z.string(),
  difficulty: z.enum(DIFFICULTIES).nullable(),
  kind: z.enum(KINDS).nullable(),
  tags: z.array(z.string()),
  prompt: z.string(),
  hints: z.array(z.string()),
  keyPoints: z.array(keyPointSchema),
  redFlags: z.array(z.string()),
  followUps: z.array(z.string()),
  notes: z.string().nullable(),
});

export const hintUseSchema = z.object({
  /** Which hint (0-based, in the set's order). */
  index: z.number().int().min(0),
  text: z.string(),
  /** When it was revealed, and how many seconds into the question. */
  at: isoDate,
  atSec: z.number().min(0),
});

/** What every answer records, to the main question or to a follow-up. */
const attemptShape = {
  /** The time limit in seconds; null when untimed. */
  limitSec: z.number().positive().nullable(),
  shownAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
  /** Time spent answering, over every sitting when the session was resumed. */
  timeUsedMs: z.number().min(0),
  timedOut: z.boolean(),
  skipped: z.boolean(),
  /** How long the answer ran past its limit (overtime mode). */
  overtimeMs: z.number().min(0).default(0),
  /** The answer exactly as typed; while it is open, the draft so far. */
  answer: z.string(),
};

/** An interviewer's follow-up question, asked right after the main answer. */
export const followUpAnswerSchema = z.object({ prompt: z.string(), ...attemptShape });

export const transcriptItemSchema = z.object({
  question: askedQuestionSchema,
  ...attemptShape,
  hintsUsed: z.array(hintUseSchema),
  /** Indexes of the key points the answer touched, as the grader suggested them. */
  keyPointsTouched: z.array(z.number().int().min(0)),
  /** For each key point (by index), the words of the answer that earned its mark; null where none. */
  keyPointEvidence: z.array(z.string().nullable()).optional(),
  /** The key points as the candidate confirmed them, when they changed the suggestion: these count. */
  keyPointsCorrected: z.array(z.number().int().min(0)).optional(),
  selfRating: z.number().int().min(1).max(5).nullable(),
  /** With the model grader: the offline grader's marks, kept for comparison when the model's replaced them. */
  offlineKeyPoints: z.array(z.number().int().min(0)).optional(),
  /** With the model grader: its feedback on the main answer. */
  llmFeedback: z.string().optional(),
  /** With `mockprep grade` (after the session): the follow-up the model would ask; never asked. */
  llmFollowUp: z.string().optional(),
  /** The follow-ups planned for this question, asked after its main answer. */
  followUps: z.array(followUpAnswerSchema).default([]),
});

export const sessionSettingsSchema = z.object({
  sets: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      source: z.string().nullable(),
      license: z.string().nullable(),
    }),
  ),
  /**
   * The `-s` values the session was started with: a question pack's name, or the absolute path
   * of a file or folder. Absent (or empty) for the built-in bank. Next-step commands repeat them.
   */
  setSources: z.array(z.string()).optional(),
  /** null when the session drew from every category. */
  category: z.object({ setId: z.string(), id: z.string(), title: z.string() }).nullable(),
  count: z.number().int().positive(),
  /** Per-question limit as given with --time ("3m", "off"); null when each question's own time was used. */
  time: z.string().nullable(),
  totalLimitSec: z.number().positive().nullable(),
  difficulty: z.enum(DIFFICULTIES).nullable(),
  tag: z.string().nullable(),
  order: z.enum(ORDERS),
  seed: z.number().int(),
  hints: z.boolean(),
  review: z.boolean(),
  /** practice: hints and feedback after each question; live: neither until the end. */
  mode: z.enum(MODES).default('practice'),
  /** How many of each question's follow-ups are asked. */
  followUps: z.number().int().min(0).default(0),
  /** At zero the countdown becomes an overtime counter instead of ending the answer. */
  overtime: z.boolean().default(false),
});

export const transcriptSchema = z.object({
  version: z.literal(TRANSCRIPT_VERSION),
  id: z.string(),
  status: z.enum(SESSION_STATUSES),
  endReason: z.enum(END_REASONS).nullable(),
  startedAt: isoDate,
  updatedAt: isoDate,
  endedAt: isoDate.nullable(),
  settings: sessionSettingsSchema,
  items: z.array(transcriptItemSchema).min(1),
});

export type AskedQuestion = z.infer<typeof askedQuestionSchema>;
export type HintUse = z.infer<typeof hintUseSchema>;
export type TranscriptItem = z.infer<typeof transcriptItemSchema>;
export type FollowUpAnswer = z.infer<typeof followUpAnswerSchema>;
export type SessionSettings = z.infer<typeof sessionSettingsSchema>;
/** Settings as a caller may give them: the newer fields have defaults. */
export type SessionSettingsInput = z.input<typeof sessionSettingsSchema>;
export type SessionMode = SessionSettings['mode'];
export type Transcript = z.infer<typeof transcriptSchema>;
export type SessionStatus = Transcript['status'];
export type EndReason = NonNullable<Transcript['endReason']>;
export type QuestionOrder = SessionSettings['order'];

/** The transcript's key point is the set's (a check that the two schemas give one type). */
export type SameKeyPoint =
  z.infer<typeof keyPointSchema> extends KeyPoint ? (KeyPoint extends z.infer<typeof keyPointSchema> ? true : never) : never;
