import { describe, expect, it } from 'vitest';
import { buildGradeRequest, LLM_REPLY_JSON_SCHEMA, parseGradeReply } from '../../src/core/llm-grade.js';

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
