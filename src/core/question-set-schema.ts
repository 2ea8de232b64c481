import { z } from 'zod';
import { durationProblem } from './duration.js';
import { DIFFICULTIES, KINDS } from './question-enums.js';

// The question-set format of SPEC.md ("Question sets"). Every object is strict: an unknown key
// is a typo until proven otherwise.

/** The longest text one field of a set may hold (the longest real one, reference notes, is ~3,000). */
export const MAX_FIELD_CHARS = 64 * 1024;
/** The longest id. */
export const MAX_ID_CHARS = 200;

const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_FIELD_CHARS, `must be at most ${MAX_FIELD_CHARS.toLocaleString('en-US')} characters`);
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'must be letters, digits, dots, dashes or underscores (no spaces)')
  .max(MAX_ID_CHARS, `must be at most ${MAX_ID_CHARS} characters`);

export const durationSchema = z
  .string()
  .refine((value) => durationProblem(value) !== 'format', 'must be a duration like 90s, 3m or 1m30s')
  .refine((value) => durationProblem(value) !== 'too-long', 'must be at most 24h');

export const keyPointSchema = z.strictObject({
  point: text,
  keywords: z.array(text).optional(),
});

export const questionSchema = z.strictObject({
  id,
  category: id,
  difficulty: z.enum(DIFFICULTIES).optional(),
  kind: z.enum(KINDS).optional(),
  tags: z.array(text).optional(),
  time: durationSchema.optional(),
  prompt: text,
  hints: z.array(text).optional(),
  keyPoints: z.array(keyPointSchema).optional(),
  redFlags: z.array(text).optional(),
  followUps: z.array(text).optional(),
  notes: text.optional(),
  /**
   * Near-duplicates of this question: ids in the same set, or `set-id/question-id` in another.
   * Symmetric in effect: a session never draws two questions when either names the other.
   */
  related: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)?$/i, 'must be a question id or set-id/question-id'))
    .optional(),
});

export const categorySchema = z.strictObject({
  id,
  title: text,
  description: text.optional(),
});

export const questionSetSchema = z.strictObject({
  id,
  title: text,
  description: text.optional(),
  source: text.optional(),
  license: text.optional(),
  categories: z.array(categorySchema).min(1, 'must list at least one category'),
  questions: z.array(questionSchema).min(1, 'must hold at least one question'),
});

export type Difficulty = (typeof DIFFICULTIES)[number];
export type QuestionKind = (typeof KINDS)[number];
export type KeyPoint = z.infer<typeof keyPointSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Category = z.infer<typeof categorySchema>;
export type QuestionSet = z.infer<typeof questionSetSchema>;
