import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeLlmServer } from '../support/fake-llm-server.js';
import { startFakeLlmServer } from '../support/fake-llm-server.js';
import { ROOT } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// `npm run bench:judgement -- --grader llm` scores a model on a labelled file: here a fake server
// on 127.0.0.1 that ticks the first two points of one answer and fails on another.

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const POINTS = [
  'Defines alignment as the system pursuing what its designers and users actually intend',
  'Distinguishes outer alignment (specifying the right objective) from inner alignment (the learned model actually adopting it)',
];

describe('bench:judgement --grader llm', () => {
  it("scores the model's marks against the labels, one request per answer, failures counted and scored offline", async () => {
    const dir = makeTempDir();
    const labels = join(dir, 'labels.yaml');
    writeFileSync(
      labels,
      JSON.stringify({
        answers: [
          { id: 'x1', set: 'ai-alignment-engineer', question: 'what-is-alignment', kind: 'strong', answer: 'ANSWER-ONE', covered: POINTS },
          { id: 'x2', set: 'ai-alignment-engineer', question: 'what-is-alignment', kind: 'weak', answer: 'ANSWER-TWO', covered: [] },
        ],
      }),
    );
    server = await startFakeLlmServer((request) => {
      if (!JSON.stringify(request.body).includes('ANSWER-ONE')) return { status: 500, body: 'down' };
      const keyPoints = [1, 2, 3, 4].map((index) => ({ index, covered: index <= 2, evidence: index <= 2 ? 'ANSWER-ONE' : '' }));
      return { content: JSON.stringify({ keyPoints, followUp: 'Why?', feedback: 'Fine.' }) };
    });
    // Not spawnSync: the fake server answers from this process's event loop.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['scripts/bench-judgement.js', '--grader', 'llm', '--labels', labels, '--json'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: dir, MOCKPREP_LLM_BASE_URL: server?.baseUrl, MOCKPREP_LLM_MODEL: 'fake-model' },
          timeout: 60_000,
        },
        (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
      );
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.body).toMatchObject({ model: 'fake-model' });
    expect(report.grader).toMatch(/^model fake-model at 127\.0\.0\.1:\d+$/);
    expect(report.modelFailures).toBe(1);
    expect(report.longAnswerMs).toBeNull();
    // The model's two ticks on the strong answer are both right and are all it should tick.
    expect(report.byKind.strong).toMatchObject({ precision: 1, recall: 1, ticks: 2 });
    // The failed answer falls back to the offline grader, which ticks nothing in 'ANSWER-TWO'.
    expect(report.byKind.weak).toMatchObject({ ticks: 0 });
  });

  it('without MOCKPREP_LLM_MODEL it says so and exits 2', () => {
    const run = spawnSync(process.execPath, ['scripts/bench-judgement.js', '--grader', 'llm'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: makeTempDir() },
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('MOCKPREP_LLM_MODEL');
  });
});
