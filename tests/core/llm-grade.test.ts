import { describe, expect, it } from 'vitest';
import { describeCoverage, describeKeyPoints, describeOfflineDifference } from '../../src/core/grade.js';
import { applyLateGrade, buildGradeRequest, isGradable, LLM_REPLY_JSON_SCHEMA, parseGradeReply } from '../../src/core/llm-grade.js';
import type { TranscriptItem } from '../../src/core/transcript-schema.js';

const question = {
  prompt: 'What is a reward model?',
  keyPoints: [{ point: 'Trained on human preference comparisons' }, { point: 'Reward hacking', keywords: ['reward hacking'] }],
  redFlags: ['Says the reward model is the policy'],
  notes: 'A reward model scores outputs.',
};

describe('the model grader request', () => {
  it('holds the model, the question, the numbered rubric, red flags, notes, answer, rules and the schema twice', () => {
    const body = buildGradeRequest('m1', question, 'my answer');
    expect(body.model).toBe('m1');
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.schema).toEqual(LLM_REPLY_JSON_SCHEMA);
    const [system, user] = body.messages;
    expect(system?.role).toBe('system');
    expect(system?.content).toContain(JSON.stringify(LLM_REPLY_JSON_SCHEMA));
    expect(system?.content).toMatch(/verbatim/);
    expect(system?.content).toMatch(/Naming a term without explaining it earns nothing/);
    expect(user?.content).toContain('What is a reward model?');
    expect(user?.content).toContain('1. Trained on human preference comparisons\n2. Reward hacking');
    expect(user?.content).toContain('- Says the reward model is the policy');
    expect(user?.content).toContain('A reward model scores outputs.');
    expect(user?.content).toContain('<<<\nmy answer\n>>>');
  });
});

const ok = (keyPoints: unknown) => JSON.stringify({ keyPoints, followUp: 'Why?', feedback: 'Good.' });

describe('the model grader reply', () => {
  it.each([
    [
      '1-based indexes to marks',
      ok([{ index: 2, covered: true, evidence: 'gaming' }]),
      [
        { covered: false, evidence: null },
        { covered: true, evidence: 'gaming' },
      ],
    ],
    [
      'uncovered evidence dropped',
      ok([{ index: 1, covered: false, evidence: 'x' }]),
      [
        { covered: false, evidence: null },
        { covered: false, evidence: null },
      ],
    ],
    [
      'a json fence is read',
      `\`\`\`json\n${ok([{ index: 1, covered: true, evidence: 'pairs' }])}\n\`\`\``,
      [
        { covered: true, evidence: 'pairs' },
        { covered: false, evidence: null },
      ],
    ],
  ])('%s', (_name, content, marks) => {
    const result = parseGradeReply(content, 2);
    expect(result).toEqual({ ok: true, grade: { marks, followUp: 'Why?', feedback: 'Good.' } });
  });

  it.each([
    ['not json', 'Sure! Here is the grade', 'not-json'],
    ['missing field', JSON.stringify({ keyPoints: [] }), 'wrong-shape'],
    ['index 0', ok([{ index: 0, covered: true, evidence: 'x' }]), 'wrong-shape'],
    ['covered as a string', ok([{ index: 1, covered: 'yes', evidence: 'x' }]), 'wrong-shape'],
    ['index past the list', ok([{ index: 3, covered: true, evidence: 'x' }]), 'bad-index'],
    [
      'an index twice',
      ok([
        { index: 1, covered: true, evidence: 'x' },
        { index: 1, covered: false, evidence: '' },
      ]),
      'bad-index',
    ],
    ['an array', '[]', 'wrong-shape'],
  ])('%s is a typed failure', (_name, content, kind) => {
    const result = parseGradeReply(content, 2);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.kind).toBe(kind);
  });
});

describe('a grade after the session (mockprep grade)', () => {
  const asked = {
    id: 'q',
    setId: 's',
    category: 'c',
    difficulty: 'easy',
    kind: 'conceptual',
    tags: [],
    prompt: 'What is a reward model?',
    hints: [],
    keyPoints: [{ point: 'A' }, { point: 'B' }, { point: 'C' }],
    followUps: [],
    redFlags: [],
    notes: null,
  } as unknown as TranscriptItem['question'];
  const base = {
    question: asked,
    limitSec: 60,
    shownAt: '2026-11-25T10:00:00.000Z',
    finishedAt: '2026-11-25T10:01:00.000Z',
    timeUsedMs: 60_000,
    timedOut: false,
    skipped: false,
    overtimeMs: 0,
    answer: 'an answer',
    hintsUsed: [],
    keyPointsTouched: [0],
    keyPointEvidence: ['an', null, null],
    selfRating: 3,
    followUps: [],
  } as TranscriptItem;
  const grade = (covered: number[]) => ({
    marks: [0, 1, 2].map((i) => ({ covered: covered.includes(i), evidence: covered.includes(i) ? `quote ${i}` : null })),
    followUp: 'Why?',
    feedback: 'Good start.',
  });

  it.each([
    // [what the item holds, the model's marks, what the item holds after, whether it holds corrections]
    ['offline marks only', {}, [1, 2], { keyPointsTouched: [1, 2], offlineKeyPoints: [0] }, false],
    ['graded by the model before', { offlineKeyPoints: [2] }, [1], { keyPointsTouched: [1], offlineKeyPoints: [2] }, false],
    [
      'a correction that still differs',
      { keyPointsCorrected: [0, 1] },
      [1, 2],
      { keyPointsCorrected: [0, 1], offlineKeyPoints: [0] },
      true,
    ],
    ['a correction the model now agrees with', { keyPointsCorrected: [2, 1] }, [1, 2], { keyPointsTouched: [1, 2] }, false],
  ] as const)('%s', (_name, before, covered, after, corrected) => {
    const next = applyLateGrade({ ...base, ...before } as TranscriptItem, grade([...covered]));
    expect(next).toMatchObject({ ...after, llmFeedback: 'Good start.', llmFollowUp: 'Why?' });
    expect('keyPointsCorrected' in next).toBe(corrected);
    expect(next.keyPointEvidence).toEqual([0, 1, 2].map((i) => (covered.includes(i as never) ? `quote ${i}` : null)));
  });

  it.each([
    ['a skipped answer', { skipped: true }],
    ['an empty answer', { answer: '  ' }],
    ['a draft', { finishedAt: null }],
  ])('leaves %s as it is', (_name, change) => {
    const item = { ...base, ...change } as TranscriptItem;
    expect(isGradable(item)).toBe(false);
    expect(applyLateGrade(item, grade([0, 1]))).toBe(item);
  });

  it('leaves an item whose question changed its key points (marks of another length) as it is', () => {
    expect(applyLateGrade(base, { marks: [{ covered: true, evidence: 'x' }], followUp: null, feedback: null })).toBe(base);
  });

  it('shows the offline marks beside the model where they differ, and what the offline grader found', () => {
    const item = applyLateGrade(base, grade([1, 2]));
    expect(describeKeyPoints(item).map((view) => [view.covered, view.offlineDiffers])).toEqual([
      [false, true],
      [true, false],
      [true, false],
    ]);
    expect(describeKeyPoints(item).map(describeOfflineDifference)).toEqual([
      ' (offline grader: covered)',
      ' (offline grader: not covered)',
      ' (offline grader: not covered)',
    ]);
    expect(describeCoverage(item)).toBe('2 of 3 covered; marked by the model, the offline grader found 1');
    // Offline marks alone: nothing about a model.
    expect(describeKeyPoints(base).every((view) => view.offlineDiffers === null)).toBe(true);
    expect(describeCoverage(base)).toBe('1 of 3 covered');
  });
});
