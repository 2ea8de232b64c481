import type { KeyPointMark } from './grade.js';
import { coveredIndexes } from './grade.js';
import type { KeyPoint } from './question-set-schema.js';
import type { TranscriptItem } from './transcript-schema.js';
import * as z from './zod.js';

// The model grader's pure half: the Chat Completions request body for one main answer, and the
// reply's message content checked into marks. Sending it is io/llm-client.ts's job.

/** What the model grader needs of a question: more than the offline grader (red flags, notes). */
export interface LlmGradableQuestion {
  prompt: string;
  keyPoints: readonly KeyPoint[];
  redFlags: readonly string[];
  notes: string | null;
}

/** A Chat Completions request body (the part mockprep sends). */
export interface ChatRequestBody {
  model: string;
  messages: { role: 'system' | 'user'; content: string }[];
  response_format: { type: 'json_schema'; json_schema: { name: string; strict: boolean; schema: Record<string, unknown> } };
  temperature: number;
  stream: false;
}

/** The reply's JSON Schema, sent as `response_format` and stated in the prompt (some servers ignore the former). */
export const LLM_REPLY_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['keyPoints', 'followUp', 'feedback'],
  properties: {
    keyPoints: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['index', 'covered', 'evidence'],
        properties: {
          index: { type: 'integer', minimum: 1 },
          covered: { type: 'boolean' },
          evidence: { type: 'string' },
        },
      },
    },
    followUp: { type: 'string' },
    feedback: { type: 'string' },
  },
} as const;

const SYSTEM_PROMPT = [
  'You are a strict technical interviewer grading one answer against a rubric of numbered key points.',
  'Rules:',
  '- A key point is covered only when the answer states the idea. Naming a term without explaining it earns nothing.',
  '- For a covered point, "evidence" quotes words copied verbatim from the answer, never paraphrased. For an uncovered point, "evidence" is "".',
  '- Give one entry per key point, with "index" as numbered in the rubric (1-based).',
  '- "followUp" is one question an interviewer would ask next, probing what the answer missed or got wrong.',
  '- "feedback" is two or three sentences to the candidate.',
  '- The reference notes are for you; do not credit the answer for what only the notes say.',
  'Reply with JSON only, exactly of this JSON Schema:',
  JSON.stringify(LLM_REPLY_JSON_SCHEMA),
  'Example: {"keyPoints":[{"index":1,"covered":true,"evidence":"words quoted from the answer"}],"followUp":"one question","feedback":"two or three sentences"}',
].join('\n');

/** Builds the one request sent for a main answer: question, numbered key points, red flags, notes, answer. */
export function buildGradeRequest(model: string, question: LlmGradableQuestion, answer: string): ChatRequestBody {
  const rubric = question.keyPoints.map((point, i) => `${i + 1}. ${point.point}`).join('\n');
  const redFlags = question.redFlags.length === 0 ? '(none)' : question.redFlags.map((flag) => `- ${flag}`).join('\n');
  const user = [
    `Question:\n${question.prompt}`,
    `Key points (the rubric):\n${rubric}`,
    `Red flags (mistakes a weak answer makes):\n${redFlags}`,
    `Reference notes (for the grader only):\n${question.notes ?? '(none)'}`,
    `The candidate's answer:\n<<<\n${answer}\n>>>`,
  ].join('\n\n');
  return {
    model,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: user },
    ],
    response_format: { type: 'json_schema', json_schema: { name: 'key_point_grade', strict: true, schema: LLM_REPLY_JSON_SCHEMA } },
    temperature: 0,
    stream: false,
  };
}

const replySchema = z.object({
  keyPoints: z.array(z.object({ index: z.number().int().min(1), covered: z.boolean(), evidence: z.string().nullable().optional() })),
  followUp: z.string(),
  feedback: z.string(),
});

/** A model's grade, checked: one mark per key point in the question's order. */
export interface LlmGrade {
  marks: KeyPointMark[];
  /** null when the model gave none (empty). */
  followUp: string | null;
  feedback: string | null;
}

/** Why a reply could not be used. */
export type LlmGradeFailure =
  | { kind: 'not-json'; message: string }
  | { kind: 'wrong-shape'; message: string }
  | { kind: 'bad-index'; message: string };

export type LlmGradeResult = { ok: true; grade: LlmGrade } | { ok: false; failure: LlmGradeFailure };

/**
 * Reads the reply's message content into marks. Every index must name a listed point, once; a
 * point the model left out is not covered. Evidence is kept only for covered points.
 */
export function parseGradeReply(content: string, keyPointCount: number): LlmGradeResult {
  let data: unknown;
  try {
    data = JSON.parse(stripCodeFence(content));
  } catch {
    return { ok: false, failure: { kind: 'not-json', message: 'the reply is not JSON' } };
  }
  const parsed = replySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, failure: { kind: 'wrong-shape', message: `the reply does not fit the schema${where}` } };
  }
  const marks: KeyPointMark[] = Array.from({ length: keyPointCount }, () => ({ covered: false, evidence: null }));
  const seen = new Set<number>();
  for (const entry of parsed.data.keyPoints) {
    if (entry.index > keyPointCount || seen.has(entry.index)) {
      return { ok: false, failure: { kind: 'bad-index', message: `the reply marks key point ${entry.index}, which is not listed once` } };
    }
    seen.add(entry.index);
    const evidence = entry.evidence?.trim() ?? '';
    marks[entry.index - 1] = { covered: entry.covered, evidence: entry.covered && evidence !== '' ? evidence : null };
  }
  const followUp = parsed.data.followUp.trim();
  const feedback = parsed.data.feedback.trim();
  return { ok: true, grade: { marks, followUp: followUp === '' ? null : followUp, feedback: feedback === '' ? null : feedback } };
}

// Some models wrap JSON in a ```json fence despite being told not to.
function stripCodeFence(content: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(content);
  return match?.[1] ?? content;
}

/** Whether `mockprep grade` sends this answer: a finished main answer with words in it, not skipped. */
export function isGradable(item: Pick<TranscriptItem, 'finishedAt' | 'skipped' | 'answer'>): boolean {
  return item.finishedAt !== null && !item.skipped && item.answer.trim() !== '';
}

/**
 * A saved answer graded by the model after the session (`mockprep grade`). The model's marks
 * become the suggestion; the first grader's marks are kept in `offlineKeyPoints` (an answer graded
 * by the model before keeps its offline marks). The candidate's own corrections keep the last
 * word; corrections that now equal the suggestion are dropped, as they are stored only when they
 * differ. The follow-up cannot be asked any more: it is kept as `llmFollowUp`.
 */
export function applyLateGrade(item: TranscriptItem, grade: LlmGrade): TranscriptItem {
  if (!isGradable(item) || grade.marks.length !== item.question.keyPoints.length) return item;
  const touched = coveredIndexes(grade.marks);
  const corrected = item.keyPointsCorrected;
  const same = corrected !== undefined && sameIndexes(corrected, touched);
  const { keyPointsCorrected: _dropped, llmFeedback: _feedback, llmFollowUp: _followUp, ...rest } = item;
  return {
    ...rest,
    offlineKeyPoints: item.offlineKeyPoints ?? item.keyPointsTouched,
    keyPointsTouched: touched,
    keyPointEvidence: grade.marks.map((mark) => (mark.covered ? mark.evidence : null)),
    ...(corrected === undefined || same ? {} : { keyPointsCorrected: corrected }),
    ...(grade.feedback === null ? {} : { llmFeedback: grade.feedback }),
    ...(grade.followUp === null ? {} : { llmFollowUp: grade.followUp }),
  };
}

function sameIndexes(a: readonly number[], b: readonly number[]): boolean {
  const left = [...new Set(a)].sort((x, y) => x - y);
  const right = [...new Set(b)].sort((x, y) => x - y);
  return left.length === right.length && left.every((value, i) => value === right[i]);
}
