#!/usr/bin/env node
// `npm run bench`: median wall time of mockprep's commands as whole processes, each as a ratio
// to the physical floor (`node -e 0`) measured in the same run, plus loading and validating a
// generated set of 10,000 questions (time and peak RSS), and sessions/review/export/stats over a
// data folder of 1,000 sessions. Writes the table to bench/results.md.
// Uses only Node. Runs are interleaved (one of each case per round) so that a slow moment of the
// machine does not fall on one case alone.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'mockprep.cjs');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const work = mkdtempSync(join(tmpdir(), 'mockprep-bench-'));
const env = { PATH: process.env.PATH, HOME: work, MOCKPREP_HOME: join(work, 'data'), NO_COLOR: '1' };

/** A set folder of `count` generated questions, split into files under the 2 MB cap. */
function generateSets(dir, count, perFile = 1000) {
  mkdirSync(dir, { recursive: true });
  for (let file = 0; file * perFile < count; file++) {
    const lines = [
      `id: generated-${file}`,
      `title: Generated set ${file}`,
      'categories:',
      '  - id: general',
      '    title: General',
      'questions:',
    ];
    for (let i = file * perFile; i < Math.min(count, (file + 1) * perFile); i++) {
      lines.push(
        `  - id: q${i}`,
        '    category: general',
        `    difficulty: ${['easy', 'medium', 'hard'][i % 3]}`,
        '    kind: conceptual',
        '    tags: [generated, bench]',
        '    time: 3m',
        `    prompt: Generated question number ${i}. Explain the trade-offs involved and give an example.`,
        '    hints:',
        '      - Start from the definition.',
        '      - Then give a concrete example.',
        '    keyPoints:',
        '      - point: Defines the term',
        '        keywords: [definition, defined as]',
        '      - point: Gives an example',
        '        keywords: [for example, for instance]',
      );
    }
    writeFileSync(join(dir, `set-${String(file).padStart(2, '0')}.yaml`), `${lines.join('\n')}\n`);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function timeProcess(command, args, processEnv = env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, env: processEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

/** Launch to the first question on screen, in plain mode with answers piped in. */
function timeToFirstQuestion() {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, 'start', '--plain', '-c', 'beginner', '-n', '1', '--seed', '1'], { cwd: ROOT, env });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      if (out.includes('Question 1 of 1')) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        child.kill('SIGTERM');
        child.on('close', () => resolve(ms));
      }
    });
    child.on('error', reject);
  });
}

/** Loads and validates the generated sets in a fresh process; reports its own time and peak RSS. */
function loadGenerated(dir) {
  const script = `
    const { loadQuestionSets } = await import(${JSON.stringify(join(ROOT, 'dist/io/load-question-sets.js'))});
    const { createNodeFileStore } = await import(${JSON.stringify(join(ROOT, 'dist/io/file-store.js'))});
    const start = performance.now();
    const loaded = await loadQuestionSets([${JSON.stringify(dir)}], createNodeFileStore());
    const ms = performance.now() - start;
    const questions = loaded.sets.reduce((sum, set) => sum + set.questions.length, 0);
    if (loaded.problems.length || questions !== 10000) throw new Error('generated sets did not load: ' + loaded.problems.length);
    console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024 }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

/**
 * A data folder of `count` sessions: one real transcript, sat by the binary in plain mode (two
 * questions, a hint, a follow-up, a rating), copied under ids and dates one hour apart, with
 * its answers, ratings and times varied so that stats has something to compute.
 */
function generateSessions(home, count) {
  const seedHome = join(work, 'seed-session');
  const input =
    'Outer alignment, inner alignment and a proxy.\n/hint\nMore detail.\n/done\nProbes.\n/done\n4\nHuman preferences.\n/done\n\n';
  const sat = spawnSync(
    process.execPath,
    [BIN, 'start', '--plain', '-s', join(ROOT, 'tests/fixtures/sets/mini.yaml'), '-c', 'basics', '-n', '2', '--order', 'in-order'],
    { cwd: ROOT, env: { ...env, MOCKPREP_HOME: seedHome }, input, encoding: 'utf8' },
  );
  if (sat.status !== 0) throw new Error(`could not sit the seed session: ${sat.stderr}`);
  const [file] = readdirSync(join(seedHome, 'sessions')).filter((name) => name.endsWith('.json'));
  const seed = JSON.parse(readFileSync(join(seedHome, 'sessions', file), 'utf8'));
  const dir = join(home, 'sessions');
  mkdirSync(dir, { recursive: true });
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const at = new Date(start + i * 3_600_000);
    const id = `${at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${i.toString(16).padStart(4, '0')}`;
    const shift = (iso) => (iso === null ? null : new Date(Date.parse(iso) - Date.parse(seed.startedAt) + at.getTime()).toISOString());
    const transcript = {
      ...seed,
      id,
      startedAt: shift(seed.startedAt),
      updatedAt: shift(seed.updatedAt),
      endedAt: shift(seed.endedAt),
      items: seed.items.map((item, j) => ({
        ...item,
        // 40 variants of each question, so that stats replays a schedule of 80 questions (25 answers each).
        question: { ...item.question, id: `${item.question.id}-${i % 40}` },
        shownAt: shift(item.shownAt),
        finishedAt: shift(item.finishedAt),
        timeUsedMs: ((i * 7 + j * 13) % 170) * 1000,
        timedOut: (i + j) % 9 === 0,
        selfRating: ((i + j) % 5) + 1,
        answer: `${item.answer}\nAttempt ${i}: ${'more words about alignment and reward models '.repeat(i % 20)}`,
        hintsUsed: item.hintsUsed.map((hint) => ({ ...hint, at: shift(hint.at) })),
        followUps: item.followUps.map((followUp) => ({
          ...followUp,
          shownAt: shift(followUp.shownAt),
          finishedAt: shift(followUp.finishedAt),
        })),
      })),
    };
    writeFileSync(join(dir, `${id}.json`), `${JSON.stringify(transcript, null, 2)}\n`, { mode: 0o600 });
  }
}

const generated = join(work, 'generated');
generateSets(generated, 10_000);
const history = join(work, 'history');
generateSessions(history, 1000);
const historyEnv = { ...env, MOCKPREP_HOME: history };
const exportsDir = join(work, 'exports');

// The least any stats can do: read and parse every transcript file, print one line.
const READ_ALL = `const fs = require('node:fs'), path = require('node:path');
const dir = path.join(process.env.MOCKPREP_HOME, 'sessions');
let n = 0;
for (const name of fs.readdirSync(dir)) if (name.endsWith('.json')) { JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')); n++; }
console.log(n + ' transcripts');`;

const cases = [
  { name: 'node -e 0 (the floor)', run: () => timeProcess(process.execPath, ['-e', '0']) },
  { name: 'mockprep --version', budget: 1.5, run: () => timeProcess(process.execPath, [BIN, '--version']) },
  { name: 'mockprep --help', budget: 1.5, run: () => timeProcess(process.execPath, [BIN, '--help']) },
  { name: 'mockprep list', budget: 2, run: () => timeProcess(process.execPath, [BIN, 'list']) },
  { name: 'mockprep validate questions/', run: () => timeProcess(process.execPath, [BIN, 'validate', 'questions/']) },
  { name: 'mockprep validate (10,000 questions)', run: () => timeProcess(process.execPath, [BIN, 'validate', generated]) },
  { name: 'launch to first question (plain)', budget: 3, run: timeToFirstQuestion },
  { name: 'mockprep sessions (1,000 sessions)', run: () => timeProcess(process.execPath, [BIN, 'sessions'], historyEnv) },
  {
    name: 'mockprep review latest (1,000 sessions)',
    budget: 3,
    run: () => timeProcess(process.execPath, [BIN, 'review', 'latest'], historyEnv),
  },
  {
    name: 'mockprep export latest (1,000 sessions)',
    budget: 3,
    run: () => timeProcess(process.execPath, [BIN, 'export', 'latest'], historyEnv),
  },
  {
    name: 'mockprep export --all (1,000 sessions, 1,000 files)',
    run: () => timeProcess(process.execPath, [BIN, 'export', '--all', '-o', exportsDir], historyEnv),
  },
  { name: 'mockprep stats (1,000 sessions)', run: () => timeProcess(process.execPath, [BIN, 'stats'], historyEnv) },
  { name: 'limit for stats: read and JSON.parse every transcript', run: () => timeProcess(process.execPath, ['-e', READ_ALL], historyEnv) },
];

const samples = cases.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, benchCase] of cases.entries()) samples[i].push(await benchCase.run());
}
const loads = Array.from({ length: 5 }, () => loadGenerated(generated));
rmSync(work, { recursive: true, force: true });
// The answer box per keystroke and per paste, in a process of its own (see the script).
const keys = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bench-answer-box.js')], {
  cwd: ROOT,
  env: { ...process.env, BENCH_ROUNDS: String(ROUNDS) },
  encoding: 'utf8',
});
if (keys.status !== 0) throw new Error(`the answer box benchmark failed: ${keys.stderr}`);
const keyRows = JSON.parse(keys.stdout).map(
  (row) => `| ${row.name} | ${row.ms.toFixed(3)} | ${row.limitMs.toFixed(3)} | ${row.ratio.toFixed(1)}× |`,
);

const floor = median(samples[0]);
const rows = cases.map((benchCase, i) => {
  const ms = median(samples[i]);
  const ratio = ms / floor;
  const verdict =
    benchCase.budget === undefined ? '' : ratio <= benchCase.budget ? `within ${benchCase.budget}×` : `over ${benchCase.budget}×`;
  return `| ${benchCase.name} | ${ms.toFixed(1)} | ${ratio.toFixed(2)}× | ${verdict} |`;
});
const statsMs = median(samples[cases.findIndex((c) => c.name.startsWith('mockprep stats'))]);
const limitMs = median(samples[cases.findIndex((c) => c.name.startsWith('limit for stats'))]);
const loadMs = median(loads.map((load) => load.ms));
const rssMb = Math.max(...loads.map((load) => load.rssMb));
const table = [
  `# mockprep benchmark`,
  '',
  `Node ${process.version}, ${ROUNDS} rounds, medians of wall time. Ratios are to \`node -e 0\` measured in the same run.`,
  '',
  '| case | ms | × floor | budget |',
  '|---|---:|---:|---|',
  ...rows,
  '',
  `stats over 1,000 sessions (trends, practice days, the FSRS schedule of 80 questions replayed from 2,000 answers, the weakest): ${statsMs.toFixed(0)} ms, ${(statsMs / limitMs).toFixed(2)}× its limit (a script that reads and JSON.parses every transcript and prints one line: ${limitMs.toFixed(0)} ms).`,
  '',
  `Loading and validating 10,000 questions (10 files) in-process: ${loadMs.toFixed(0)} ms (budget 500 ms: ${loadMs < 500 ? 'met' : 'missed'}), peak RSS ${rssMb.toFixed(0)} MB.`,
  '',
  '## The answer box',
  '',
  'In-process, a 100x30 terminal: a key sent to its frame written, with a draft of that size (median of 40 keys a round), and',
  'a 100 KB bracketed paste in 4 KB chunks to its frame. The limit takes the same input and draws one full frame on the next',
  'turn of the event loop, nothing else. Interleaved rounds, medians.',
  '',
  '| case | ms | limit ms | × limit |',
  '|---|---:|---:|---:|',
  ...keyRows,
  '',
];
mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results.md'), table.join('\n'));
console.log(table.join('\n'));
