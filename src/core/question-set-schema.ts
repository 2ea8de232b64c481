import { durationProblem } from './duration.js';
import { DIFFICULTIES, ID_PATTERN, KINDS, MAX_FIELD_CHARS, MAX_ID_CHARS, RELATED_PATTERN } from './question-enums.js';
import * as z from './zod.js';

// The question-set format of SPEC.md ("Question sets"). Every object is strict: an unknown key
// is a typo until proven otherwise. The descriptions (and the patterns given as metadata for
// what a refinement checks) are for `mockprep schema`, the JSON Schema editors use: see
// core/question-set-json-schema.ts.

export { MAX_FIELD_CHARS, MAX_ID_CHARS };

/** Written out: `toLocaleString` here loaded ICU's number formatting (20-50 ms) whenever the schema was imported. */
const TOO_LONG = 'must be at most 65,536 characters';

const text = (description: string) =>
  z.string().trim().min(1, 'must not be empty').max(MAX_FIELD_CHARS, TOO_LONG).meta({ description, pattern: '\\S' });
const id = (description: string) =>
  z
    .string()
    .regex(ID_PATTERN, 'must be letters, digits, dots, dashes or underscores (no spaces)')
    .max(MAX_ID_CHARS, `must be at most ${MAX_ID_CHARS} characters`)
    .meta({ description });

/**
 * The form `readDuration` accepts (90s, 3m, 1m30s, 1h; not zero), as a JSON Schema pattern; a
 * test holds the two together. The 24-hour cap is the loader's alone.
 */
export const DURATION_PATTERN = '^\\s*(?=[^1-9]*[1-9])(?=\\d)(?:\\d+[hH])?(?:\\d+[mM])?(?:\\d+[sS])?\\s*$';

export const durationSchema = z
  .string()
  .refine((value) => durationProblem(value) !== 'format', 'must be a duration like 90s, 3m or 1m30s')
  .refine((value) => durationProblem(value) !== 'too-long', 'must be at most 24h')
  .meta({
    description: 'Suggested time limit: 90s, 3m, 1m30s or 1h (at most 24h).',
    pattern: DURATION_PATTERN,
    examples: ['90s', '3m', '1m30s'],
  });

export const keyPointSchema = z
  .strictObject({
    point: text('The point, in a few words: shown after answering, marked when the answer touched it.'),
    keywords: z
      .array(text('A word or phrase that shows the point was made (case, punctuation and word forms are ignored).'))
      .optional()
      .meta({ description: "Words or phrases that show the point was made; without them, the point's own words count." }),
  })
  .meta({ description: 'One thing a strong answer covers.' });

export const questionSchema = z
  .strictObject({
    id: id('Unique within the set: letters, digits, dots, dashes or underscores.'),
    category: id("The id of one of the set's categories."),
    difficulty: z.enum(DIFFICULTIES).optional().meta({ description: 'How hard the question is: easy, medium or hard.' }),
    kind: z
      .enum(KINDS)
      .optional()
      .meta({ description: 'What sort of question it is: conceptual, technical, design, scenario, behavioral or open-ended.' }),
    tags: z
      .array(text('A tag, e.g. a company or a topic.'))
      .optional()
      .meta({ description: 'Tags to pick questions by (`--tag`), e.g. anthropic, rlhf.' }),
    time: durationSchema.optional(),
    prompt: text('The question as the candidate sees it; markdown-style text, several lines allowed.'),
    hints: z.array(text('One hint.')).optional().meta({ description: 'Hints revealed one at a time, in this order, only when asked for.' }),
    keyPoints: z
      .array(keyPointSchema)
      .optional()
      .meta({ description: 'What a strong answer covers; shown after answering, each marked when the answer touched it.' }),
    redFlags: z
      .array(text('One red flag.'))
      .optional()
      .meta({ description: 'What interviewers count against an answer; shown in review and export.' }),
    followUps: z
      .array(text('One follow-up question.'))
      .optional()
      .meta({ description: 'Follow-up questions the interviewer asks after the main answer, in this order.' }),
    notes: text('Longer reference notes (a model answer, links), shown in review and export.').optional(),
    /**
     * Near-duplicates of this question: ids in the same set, or `set-id/question-id` in another.
     * Symmetric in effect: a session never draws two questions when either names the other.
     */
    related: z
      .array(
        z
          .string()
          .regex(RELATED_PATTERN, 'must be a question id or set-id/question-id')
          .meta({ description: 'The id of a near-duplicate question: in this set, or set-id/question-id in another.' }),
      )
      .optional()
      .meta({ description: 'Near-duplicates of this question: a session never asks two questions that are related.' }),
  })
  .meta({ description: 'One interview question.' });

export const categorySchema = z
  .strictObject({
    id: id('Unique within the set; questions name it in `category`.'),
    title: text('The name shown in lists and on the question screen.'),
    description: text('What the category covers.').optional(),
  })
  .meta({ description: 'A category of questions.' });

export const questionSetSchema = z
  .strictObject({
    id: id('Unique across the sets loaded together: letters, digits, dots, dashes or underscores.'),
    title: text('The name of the set, shown by `mockprep list`.'),
    description: text('What the set is for.').optional(),
    source: text('Where the questions come from (attribution).').optional(),
    license: text('The licence the questions are shared under, e.g. CC BY 4.0.').optional(),
    categories: z
      .array(categorySchema)
      .min(1, 'must list at least one category')
      .meta({ description: 'The categories, in the order they are shown.' }),
    questions: z.array(questionSchema).min(1, 'must hold at least one question').meta({ description: 'The questions.' }),
  })
  .meta({
    title: 'mockprep question set',
    description: 'A set of interview questions for mockprep (https://www.npmjs.com/package/mockprep).',
  });

export type Difficulty = (typeof DIFFICULTIES)[number];
export type QuestionKind = (typeof KINDS)[number];
export type KeyPoint = z.infer<typeof keyPointSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Category = z.infer<typeof categorySchema>;
export type QuestionSet = z.infer<typeof questionSetSchema>;
