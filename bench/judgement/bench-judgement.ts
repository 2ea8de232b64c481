// The judgement bench: how well the grader's key-point marks agree with a labelled set of
// answers. Run by `npm run bench:judgement` (scripts/bench-judgement.js bundles this file).
//
//   npm run bench:judgement                       the dev set, offline grader
//   npm run bench:judgement -- --labels FILE      another labelled file of the same shape
//   npm run bench:judgement -- --misses           also print every wrong mark with its answer
//   npm run bench:judgement -- --no-keywords      ablation: grade with the points' own words only
//   npm run bench:judgement -- --json             the figures as JSON
//   npm run bench:judgement -- --grader llm       score a model (MOCKPREP_LLM_BASE_URL, _MODEL, _API_KEY,
//                                                 _TIMEOUT as for `start --grader llm`), one request per answer
//
// Labelled file: `answers: [{ id, set, question, kind, answer, covered: [point text…] }]`.
// Questions come from the built-in bank (questions/) and the realbank (../shared/realbank/),
// whose questions carry no key points: realbank-key-points.yaml beside the dev set gives them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import type { GradableQuestion, GradeAnswer, KeyPointMark } from '../../src/core/grade.js';
import { gradeOffline } from '../../src/core/key-points.js';
import type { LlmGradableQuestion } from '../../src/core/llm-grade.js';
import { parseQuestionSet } from '../../src/core/parse-question-set.js';
import { type KeyPoint, keyPointSchema, type Question } from '../../src/core/question-set-schema.js';
import { z } from 'zod';

interface LabelledAnswer {
  id: string;
  set: string;
  question: string;
  kind: string;
  answer: string;
  covered: string[];
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  answers: number;
  verdictAgrees: number;
}

const root = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');

/** One answer's marks, from the grader under test; `failed` when the model gave none (the offline marks stand in, as in an interview). */
type BenchGrade = (answer: string, question: LlmGradableQuestion) => Promise<{ marks: KeyPointMark[]; failed: string | null }>;

/** The model grader over MOCKPREP_LLM_*, as `start --grader llm` builds it. */
async function modelGrader(): Promise<{ grade: BenchGrade; describe: string }> {
  const { createLlmGrader, readLlmConfig } = await import('../../src/io/llm-client.js');
  const config = readLlmConfig(process.env);
  const client = createLlmGrader(config, (message) => console.error(`bench:judgement: ${message}`));
  return {
    describe: `model ${config.model} at ${new URL(config.baseUrl).host}`,
    grade: async (answer, question) => {
      const result = await client.grade(question, answer, new AbortController().signal);
      if (result.ok) return { marks: result.grade.marks, failed: null };
      return { marks: gradeOffline(answer, question), failed: result.failure.message };
    },
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      labels: { type: 'string' },
      'key-points': { type: 'string', multiple: true },
      realbank: { type: 'string' },
      misses: { type: 'boolean', default: false },
      'no-keywords': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      grader: { type: 'string', default: 'offline' },
    },
  });
  if (values.grader !== 'offline' && values.grader !== 'llm') {
    console.error(`bench:judgement: unknown grader "${values.grader}": use offline or llm`);
    return 2;
  }
  const useModel = values.grader === 'llm';
  let model: Awaited<ReturnType<typeof modelGrader>> | null = null;
  if (useModel) {
    try {
      model = await modelGrader();
    } catch (error) {
      console.error(`bench:judgement: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
  }
  const labelsFile = resolve(values.labels ?? join(root, 'bench/judgement/dev-set.yaml'));
  const questions = loadQuestions(values.realbank ?? join(root, '..', 'shared', 'realbank'), [
    join(root, 'bench/judgement/realbank-key-points.yaml'),
    ...(values['key-points'] ?? []).map((file) => resolve(file)),
  ]);
  const labelled = (parseYaml(readFileSync(labelsFile, 'utf8')) as { answers: LabelledAnswer[] }).answers;
  const grade: GradeAnswer = gradeOffline;
  const benchGrade: BenchGrade = model?.grade ?? (async (answer, question) => ({ marks: grade(answer, question), failed: null }));
  const failures: string[] = [];

  const overall = emptyCounts();
  const byKind = new Map<string, Counts>();
  let weakFalseTicks = 0;
  let weakAnswers = 0;
  let slowestMs = 0;
  let totalMs = 0;
  const misses: string[] = [];
  const problems: string[] = [];
  const times: number[] = [];
  // One untimed pass first, so that the figures are the steady state and not the first compile
  // (the model is asked once per answer: no warm-up).
  if (!useModel) {
    for (const entry of labelled) {
      const question = questions.get(`${entry.set}/${entry.question}`);
      if (question) grade(entry.answer, question);
    }
  }
  for (const entry of labelled) {
    const question = questions.get(`${entry.set}/${entry.question}`);
    if (!question) {
      problems.push(`${entry.id}: no question ${entry.set}/${entry.question}`);
      continue;
    }
    const points = question.keyPoints;
    const expected = new Set<number>();
    for (const text of entry.covered ?? []) {
      const index = points.findIndex((point) => point.point === text);
      if (index === -1) problems.push(`${entry.id}: ${entry.set}/${entry.question} has no key point "${text}"`);
      else expected.add(index);
    }
    const gradable: LlmGradableQuestion = {
      prompt: question.prompt,
      keyPoints: values['no-keywords'] ? points.map(({ point }) => ({ point })) : points,
      redFlags: question.redFlags ?? [],
      notes: question.notes ?? null,
    };
    const started = performance.now();
    const { marks, failed } = await benchGrade(entry.answer, gradable);
    const ms = performance.now() - started;
    if (failed !== null) failures.push(`${entry.id}: ${failed}`);
    totalMs += ms;
    times.push(ms);
    slowestMs = Math.max(slowestMs, ms);
    const kind = byKind.get(entry.kind) ?? emptyCounts();
    byKind.set(entry.kind, kind);
    let predictedCovered = 0;
    for (const [index, mark] of marks.entries()) {
      const truth = expected.has(index);
      const cell = mark.covered ? (truth ? 'tp' : 'fp') : truth ? 'fn' : 'tn';
      overall[cell]++;
      kind[cell]++;
      if (mark.covered) predictedCovered++;
      if (entry.kind === 'weak' && cell === 'fp') weakFalseTicks++;
      if (values.misses && (cell === 'fp' || cell === 'fn')) {
        misses.push(
          `${cell === 'fp' ? 'FALSE TICK' : 'MISSED    '} ${entry.id} ${entry.kind} ${entry.question}: "${points[index]?.point}"${
            mark.evidence ? ` — "${mark.evidence}"` : ''
          }\n    ${entry.answer.replace(/\s+/g, ' ').trim()}`,
        );
      }
    }
    // The schedule's verdict: an answer covering under half the points is poor.
    if (points.length > 0) {
      const agrees = predictedCovered / points.length < 0.5 === expected.size / points.length < 0.5;
      for (const counts of [overall, kind]) {
        counts.answers++;
        if (agrees) counts.verdictAgrees++;
      }
    }
    if (entry.kind === 'weak') weakAnswers++;
  }
  if (problems.length > 0) {
    for (const problem of problems) console.error(`bench:judgement: ${problem}`);
    return 1;
  }
  const report = {
    labels: labelsFile,
    answers: labelled.length,
    questions: new Set(labelled.map((entry) => `${entry.set}/${entry.question}`)).size,
    overall: figures(overall),
    byKind: Object.fromEntries([...byKind].map(([kind, counts]) => [kind, figures(counts)])),
    weakFalseTicks,
    weakAnswers,
    meanMs: totalMs / Math.max(1, labelled.length),
    p95Ms: [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)] ?? 0,
    slowestMs,
    grader: model?.describe ?? 'offline',
    /** Answers the model gave no usable grade for (scored with the offline marks, as an interview would). */
    modelFailures: failures.length,
    longAnswerMs: useModel ? null : timeLongAnswer(grade, questions, labelled),
  };
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  if (misses.length > 0) console.log(`${misses.join('\n')}\n`);
  console.log(
    `judgement: ${report.answers} answers over ${report.questions} questions (${labelsFile.replace(`${root}/`, '')}), grader: ${report.grader}`,
  );
  if (useModel) {
    for (const failure of failures) console.log(`  no grade from the model for ${failure}`);
    console.log(`model failures: ${failures.length} of ${report.answers} answers (scored with the offline marks, as in an interview)`);
  }
  console.log(`${'answers'.padEnd(12)} ${'n'.padStart(4)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(6)} ${'ticks'.padStart(6)} ${'verdict'.padStart(8)}`);
  for (const [name, row] of [['all', report.overall], ...Object.entries(report.byKind).sort()] as const) {
    console.log(
      `${String(name).padEnd(12)} ${String(row.answers).padStart(4)} ${fmt(row.precision).padStart(9)} ${fmt(row.recall).padStart(7)} ${fmt(row.f1).padStart(6)} ${String(row.ticks).padStart(6)} ${pct(row.verdictAgreement).padStart(8)}`,
    );
  }
  console.log(`false ticks on weak answers: ${weakFalseTicks} over ${weakAnswers} weak answers`);
  console.log(
    `grading time: ${report.meanMs.toFixed(3)} ms per answer on average, ${report.p95Ms.toFixed(3)} ms at the 95th percentile, ${slowestMs.toFixed(3)} ms at most` +
      (report.longAnswerMs === null ? '' : `; a 3,000-word answer: ${report.longAnswerMs.toFixed(2)} ms`),
  );
  return 0;
}

/** The median time to grade a 3,000-word answer (the strong answers of the set, end to end) against the first question. */
function timeLongAnswer(grade: GradeAnswer, questions: Map<string, GradableQuestion>, labelled: LabelledAnswer[]): number {
  const first = labelled[0];
  const question = first && questions.get(`${first.set}/${first.question}`);
  if (!question) return 0;
  const words = labelled.filter((entry) => entry.kind === 'strong').flatMap((entry) => entry.answer.split(/\s+/));
  const text = Array.from({ length: 3000 }, (_, i) => words[i % words.length]).join(' ');
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    grade(text, question);
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[3] ?? 0;
}

function emptyCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0, tn: 0, answers: 0, verdictAgrees: 0 };
}

function figures(counts: Counts) {
  const precision = counts.tp + counts.fp === 0 ? null : counts.tp / (counts.tp + counts.fp);
  const recall = counts.tp + counts.fn === 0 ? null : counts.tp / (counts.tp + counts.fn);
  const f1 = precision === null || recall === null || precision + recall === 0 ? null : (2 * precision * recall) / (precision + recall);
  return {
    answers: counts.answers,
    precision,
    recall,
    f1,
    ticks: counts.tp + counts.fp,
    falseTicks: counts.fp,
    verdictAgreement: counts.answers === 0 ? null : counts.verdictAgrees / counts.answers,
  };
}

function fmt(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

function pct(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** Every question of the built-in bank and the realbank, by `set/question`, with overlay key points for those that have none. */
function loadQuestions(realbankDir: string, overlayFiles: string[]): Map<string, Question & { keyPoints: KeyPoint[] }> {
  const files = [
    ...readdirSync(join(root, 'questions'))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => join(root, 'questions', name)),
    ...safeList(realbankDir)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => join(realbankDir, name)),
  ];
  const overlay = new Map<string, KeyPoint[]>();
  for (const file of overlayFiles) {
    const data = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as Record<string, Record<string, KeyPoint[]>>;
    for (const [setId, byQuestion] of Object.entries(data)) {
      for (const [questionId, points] of Object.entries(byQuestion)) {
        const parsed = z.array(keyPointSchema).safeParse(points);
        if (!parsed.success) throw new Error(`${file}: ${setId}/${questionId}: ${z.prettifyError(parsed.error)}`);
        overlay.set(`${setId}/${questionId}`, parsed.data);
      }
    }
  }
  const questions = new Map<string, Question & { keyPoints: KeyPoint[] }>();
  for (const file of files) {
    const parsed = parseQuestionSet(readFileSync(file, 'utf8'), file);
    if (!parsed.ok) throw new Error(`bench:judgement: ${file} does not load`);
    for (const question of parsed.set.questions) {
      const key = `${parsed.set.id}/${question.id}`;
      const keyPoints = question.keyPoints && question.keyPoints.length > 0 ? question.keyPoints : (overlay.get(key) ?? []);
      questions.set(key, { ...question, keyPoints });
    }
  }
  return questions;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

process.exitCode = await main();
