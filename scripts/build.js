#!/usr/bin/env node
// Compiles src/ to dist/ and compiles the built-in question bank (questions/*.yaml) to
// dist/builtin-bank.json, refusing to build if any set has a problem.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);

const { loadQuestionSets } = await import('../dist/io/load-question-sets.js');
const { createNodeFileStore } = await import('../dist/io/file-store.js');
const { formatProblem } = await import('../dist/core/problem.js');
const { BUILTIN_QUESTIONS_DIR, BUILTIN_BANK_JSON } = await import('../dist/io/builtin-sets.js');

const loaded = await loadQuestionSets([BUILTIN_QUESTIONS_DIR], createNodeFileStore());
if (loaded.problems.length > 0) {
  for (const problem of loaded.problems) console.error(formatProblem(problem));
  console.error(`build: the built-in question bank has ${loaded.problems.length} problem(s)`);
  process.exit(1);
}
writeFileSync(BUILTIN_BANK_JSON, JSON.stringify({ version: 1, sets: loaded.sets }));
const count = loaded.sets.reduce((sum, set) => sum + set.questions.length, 0);
console.log(`build: dist/ compiled; built-in bank: ${loaded.sets.length} sets, ${count} questions`);
