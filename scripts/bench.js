#!/usr/bin/env node
// `npm run bench`: mockprep's commands as whole processes, each beside its limit: a small script
// (scripts/bench-limits.js) doing only the work no implementation can skip, run in the same
// rounds. Every round runs every case and every limit once, interleaved, so that a slow moment of
// the machine does not fall on one side alone; figures are medians with their spread (the
// interquartile range), the ratio to the limit first and the ratio to `node -e 0` second (that one
// does not transfer between machines: the ratio to the limit does). Sessions at 1,000 and 10,000,
// questions at 10,000 and 50,000 (with peak memory), so growth shows. Records the machine and its
// load (other processes' test suites). Writes bench/results.md.
// BENCH_ROUNDS (default 7) sets the rounds; BENCH_ROOT measures another checkout's build with
// this script (for before/after figures).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('..', import.meta.url));
const ROOT = process.env.BENCH_ROOT ?? HERE;
const BIN = join(ROOT, 'bin', 'mockprep.cjs');
const LIMITS = join(HERE, 'scripts', 'bench-limits.js');
const PEAK_RSS = join(HERE, 'scripts', 'bench-peak-rss.cjs');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
// BENCH_BASELINE=<a built checkout>: every mockprep case runs on it too, interleaved ("before" columns).
const BASELINE = process.env.BENCH_BASELINE;
const BASE_BIN = BASELINE ? join(BASELINE, 'bin', 'mockprep.cjs') : undefined;
const work = mkdtempSync(join(tmpdir(), 'mockprep-bench-'));
const env = { PATH: process.env.PATH, HOME: work, MOCKPREP_HOME: join(work, 'data'), NO_COLOR: '1' };

/** A set folder of `count` generated questions, split into files under the 2 MB cap; clean (no problem, no warning). */
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
        '        keywords: [definition, defined as, what it means]',
        '      - point: Gives an example',
        '        keywords: [for instance, such as, a concrete case]',
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

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
};

/**
 * Wall time of a whole process (stdout to a pipe that is drained, as a shell pipe would be), and
 * with `memory` its peak RSS in MiB (through a preloaded script; the limit gets the same preload).
 */
function timeProcess(command, args, processEnv = env, options = {}) {
  const rssFile = join(work, 'rss');
  const finalArgs = options.memory ? ['--require', PEAK_RSS, ...args] : args;
  const finalEnv = options.memory ? { ...processEnv, BENCH_RSS_FILE: rssFile } : processEnv;
  options.before?.();
  const start = process.hrtime.bigint();
  const result = spawnSync(command, finalArgs, { cwd: ROOT, env: finalEnv, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return options.memory ? { ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 } : { ms };
}

const node = (args, processEnv, options) => () => timeProcess(process.execPath, args, processEnv, options);
/** A mockprep command; with BENCH_BASELINE its `before` runs the same command on the baseline's build, in the same rounds. */
const mockprep = (args, processEnv = env, options = {}) =>
  Object.assign(node([BIN, ...args], processEnv, options), {
    before: BASE_BIN ? node([BASE_BIN, ...(options.baselineArgs ?? args)], processEnv, options) : undefined,
  });
const limit = (args, processEnv = env, options = {}) => node([LIMITS, ...args], processEnv, options);

/** Launch to the first question on screen, in plain mode with answers piped in. */
function timeToFirstQuestion(bin = BIN) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [bin, 'start', '--plain', '-c', 'beginner', '-n', '1', '--seed', '1'], { cwd: ROOT, env });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      if (out.includes('Question 1 of 1')) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        child.kill('SIGTERM');
        child.on('close', () => resolve({ ms }));
      }
    });
    child.on('error', reject);
  });
}

/** Loads and validates the generated sets in a fresh process; reports its own time and peak RSS. */
function loadGenerated(dir, count, root = ROOT) {
  const script = `
    const { loadQuestionSets } = await import(${JSON.stringify(join(root, 'dist/io/load-question-sets.js'))});
    const { createNodeFileStore } = await import(${JSON.stringify(join(root, 'dist/io/file-store.js'))});
    const start = performance.now();
    const loaded = await loadQuestionSets([${JSON.stringify(dir)}], createNodeFileStore());
    const ms = performance.now() - start;
    const questions = loaded.sets.reduce((sum, set) => sum + set.questions.length, 0);
    if (loaded.problems.length || questions !== ${count}) throw new Error('generated sets did not load: ' + loaded.problems.length);
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
  const seedHome = join(work, `seed-session-${count}`);
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
        // 40 variants of each question, so that stats replays a schedule of 80 questions (25 answers each at 1,000 sessions).
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

const sets10k = join(work, 'sets-10k');
generateSets(sets10k, 10_000);
const sets50k = join(work, 'sets-50k');
generateSets(sets50k, 50_000);
const home1k = join(work, 'history-1k');
generateSessions(home1k, 1000);
const home10k = join(work, 'history-10k');
generateSessions(home10k, 10_000);
const env1k = { ...env, MOCKPREP_HOME: home1k };
const env10k = { ...env, MOCKPREP_HOME: home10k };
const exportsDir = join(work, 'exports');
const limitExportsDir = join(work, 'limit-exports');
mkdirSync(limitExportsDir, { recursive: true });
const bank = join(ROOT, 'dist', 'builtin-bank.json');
/** The summary index of a data folder (issue 17): removed before a run to measure a rebuild. */
const dropIndex = (home) => () => rmSync(join(home, 'session-index.bin'), { force: true });
/**
 * The index made again, untimed, after the case that removes it: the baseline's turn of that case
 * removes it too, and the cases after it (stats) would otherwise find none every other round.
 */
const remakeIndex = (home) => () => {
  const result = spawnSync(process.execPath, [BIN, 'sessions'], { cwd: ROOT, env: { ...env, MOCKPREP_HOME: home }, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`remaking the index of ${home} exited ${result.status}`);
};
const memory = { memory: true };

// Each case: the command, and its limit (null for the floor itself). `goal` is the ratio to the
// limit the issue asks for, shown as met or missed: sessions and stats at 10,000 (at 1,000 they
// are measured for the growth between the two, whose goal is printed under the table).
const cases = [
  { name: 'node -e 0 (the floor)', run: node(['-e', '0']), limit: null },
  { name: 'mockprep --version', run: mockprep(['--version']), limit: limit(['print']) },
  { name: 'mockprep --help', run: mockprep(['--help']), limit: limit(['print', join(ROOT, 'dist', 'help.txt')]) },
  { name: 'mockprep list', run: mockprep(['list']), limit: limit(['bank', bank]) },
  {
    name: 'launch to first question (plain)',
    run: Object.assign(() => timeToFirstQuestion(), { before: BASE_BIN ? () => timeToFirstQuestion(BASE_BIN) : undefined }),
    limit: limit(['bank', bank, 'first']),
  },
  {
    name: 'mockprep validate (10,000 questions)',
    goal: 1.2,
    run: mockprep(['validate', sets10k], env, memory),
    limit: limit(['yaml', sets10k], env, memory),
  },
  {
    name: 'mockprep validate (50,000 questions)',
    goal: 1.2,
    run: mockprep(['validate', sets50k], env, memory),
    limit: limit(['yaml', sets50k], env, memory),
  },
  { name: 'mockprep sessions (1,000)', run: mockprep(['sessions'], env1k), limit: limit(['read-all', home1k]) },
  { name: 'mockprep sessions (10,000)', goal: 1, run: mockprep(['sessions'], env10k), limit: limit(['read-all', home10k]) },
  {
    name: 'mockprep sessions (10,000, index removed first)',
    run: mockprep(['sessions'], env10k, { before: dropIndex(home10k) }),
    limit: limit(['read-all', home10k]),
    after: remakeIndex(home10k),
  },
  { name: 'mockprep stats (1,000)', run: mockprep(['stats'], env1k), limit: limit(['read-all', home1k]) },
  { name: 'mockprep stats (10,000)', goal: 1, run: mockprep(['stats'], env10k), limit: limit(['read-all', home10k]) },
  { name: 'mockprep review latest (1,000)', goal: 1.3, run: mockprep(['review', 'latest'], env1k), limit: limit(['read-latest', home1k]) },
  { name: 'mockprep export latest (1,000)', goal: 1.3, run: mockprep(['export', 'latest'], env1k), limit: limit(['read-latest', home1k]) },
  {
    name: 'mockprep export latest (10,000)',
    goal: 1.3,
    run: mockprep(['export', 'latest'], env10k),
    limit: limit(['read-latest', home10k]),
  },
  {
    name: 'mockprep export --all (1,000 files)',
    goal: 1.5,
    run: mockprep(['export', '--all', '-o', exportsDir], env1k, { baselineArgs: ['export', '--all', '-o', `${exportsDir}-before`] }),
    limit: limit(['write-all', home1k, limitExportsDir]),
  },
  {
    // Not mockprep: the limit above beside a process that keeps one core busy. On a machine where
    // the write path needs a free CPU, CPU spent rendering slows the fsyncs too, and this ratio
    // is about the least export --all's can be there.
    name: 'export --all limit, one core kept busy meanwhile',
    run: limit(['write-all-busy', home1k, limitExportsDir]),
    limit: limit(['write-all', home1k, limitExportsDir]),
  },
];

/** The load on the machine: the 1-minute load average and whether a test suite (vitest) runs. */
function sampleLoad() {
  const vitest = spawnSync('pgrep', ['-f', 'vitest'], { encoding: 'utf8' });
  return { load: loadavg()[0], vitest: vitest.status === 0 ? vitest.stdout.trim().split('\n').length : 0 };
}

for (const benchCase of cases) if (benchCase.run.before) benchCase.before = benchCase.run.before;
const samples = cases.map(() => ({ run: [], limit: [], before: [] }));
const loads = [sampleLoad()];
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, benchCase] of cases.entries()) {
    // Within a round, the case and its limit swap order every other round.
    const pair = round % 2 === 0 ? ['run', 'limit', 'before'] : ['before', 'limit', 'run'];
    for (const side of pair) if (benchCase[side]) samples[i][side].push(await benchCase[side]());
    benchCase.after?.();
  }
  loads.push(sampleLoad());
  process.stderr.write(`bench: round ${round + 1} of ${ROUNDS}\n`);
}
const inProcess = [10_000, 50_000].flatMap((count) =>
  [ROOT, ...(BASELINE ? [BASELINE] : [])].map((root) => {
    const runs = Array.from({ length: 3 }, () => loadGenerated(count === 10_000 ? sets10k : sets50k, count, root));
    return { count, root, ms: median(runs.map((run) => run.ms)), rssMb: Math.max(...runs.map((run) => run.rssMb)) };
  }),
);
rmSync(work, { recursive: true, force: true });
// The answer box per keystroke and per paste, in a process of its own (see the script).
const keys = spawnSync(process.execPath, [join(HERE, 'scripts', 'bench-answer-box.js')], {
  cwd: ROOT,
  env: { ...process.env, BENCH_ROUNDS: String(Math.max(ROUNDS, 15)) },
  encoding: 'utf8',
});
if (keys.status !== 0) throw new Error(`the answer box benchmark failed: ${keys.stderr}`);
const keyRows = JSON.parse(keys.stdout).map(
  (row) => `| ${row.name} | ${row.ms.toFixed(3)} | ${row.limitMs.toFixed(3)} | ${row.ratio.toFixed(1)}× |`,
);

const floor = median(samples[0].run.map((sample) => sample.ms));
const fmt = (values) => {
  const ms = values.map((sample) => sample.ms);
  return { median: median(ms), iqr: quantile(ms, 0.75) - quantile(ms, 0.25), rss: values.map((sample) => sample.rssMb).filter(Boolean) };
};
const results = cases.map((benchCase, i) => {
  const run = fmt(samples[i].run);
  const lim = benchCase.limit ? fmt(samples[i].limit) : null;
  const before = samples[i].before.length ? fmt(samples[i].before) : null;
  return { name: benchCase.name, goal: benchCase.goal, run, limit: lim, ratio: lim ? run.median / lim.median : null, before };
});
const rows = results.map(({ name, goal, run, limit: lim, ratio, before }) => {
  const verdict = goal === undefined || ratio === null ? '' : ratio <= goal ? `≤ ${goal}×: met` : `≤ ${goal}×: missed`;
  const memoryCell = run.rss.length ? `${Math.max(...run.rss).toFixed(0)} / ${Math.max(...(lim?.rss ?? [0])).toFixed(0)}` : '';
  return (
    `| ${name} | ${run.median.toFixed(1)} ± ${(run.iqr / 2).toFixed(1)} | ${lim ? `${lim.median.toFixed(1)} ± ${(lim.iqr / 2).toFixed(1)}` : ''} | ` +
    `${ratio === null ? '' : `${ratio.toFixed(2)}×`} | ${(run.median / floor).toFixed(2)}× | ${memoryCell} | ${verdict} |` +
    (BASELINE
      ? ` ${before ? `${before.median.toFixed(1)} ± ${(before.iqr / 2).toFixed(1)}` : ''} | ${before && lim ? `${(before.median / lim.median).toFixed(2)}×` : ''} | ${before ? `${(before.median / floor).toFixed(2)}×` : ''} | ${before?.rss.length ? Math.max(...before.rss).toFixed(0) : ''} |`
      : '')
  );
});
const byName = Object.fromEntries(results.map((result) => [result.name, result]));
const growth = (small, big, side = 'run') => (byName[big][side].median - byName[small][side].median) / 9000;
const cpu = cpus();
const git = process.env.BENCH_LABEL ?? spawnSync('git', ['-C', ROOT, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' }).stdout.trim();
const table = [
  `# mockprep benchmark`,
  '',
  `Code: ${git.slice(0, 100)}${ROOT === HERE ? '' : ` (BENCH_ROOT ${ROOT})`}` +
    (BASELINE ? `; before (same rounds, interleaved): ${process.env.BENCH_BASELINE_LABEL ?? BASELINE}` : ''),
  `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${process.platform}.`,
  `Load: 1-minute load average ${Math.min(...loads.map((l) => l.load)).toFixed(2)}–${Math.max(...loads.map((l) => l.load)).toFixed(2)} over the run; ` +
    `a test suite (vitest) was running at ${loads.filter((l) => l.vitest > 0).length} of ${loads.length} samples (one per round).`,
  '',
  `${ROUNDS} rounds, each case and its limit once per round (interleaved, order alternating). Wall time of the whole process,`,
  'median ± half the interquartile range, stdout to a pipe. "× limit" is the ratio to the limit script (scripts/bench-limits.js:',
  'only the irreducible work); "× node" is the ratio to `node -e 0` in the same run, which does not transfer between machines.',
  'Peak RSS in MiB (mockprep / limit) where measured.',
  '',
  `| case | ms | limit ms | × limit | × node | peak MiB | goal |${BASELINE ? ' before ms | before × limit | before × node | before MiB |' : ''}`,
  `|---|---:|---:|---:|---:|---:|---|${BASELINE ? '---:|---:|---:|---:|' : ''}`,
  ...rows,
  '',
  `Growth from 1,000 to 10,000 sessions: sessions ${growth('mockprep sessions (1,000)', 'mockprep sessions (10,000)').toFixed(3)} ms/session, ` +
    `stats ${growth('mockprep stats (1,000)', 'mockprep stats (10,000)').toFixed(3)} ms/session (goal: under 0.05)` +
    (BASELINE
      ? `; before: sessions ${growth('mockprep sessions (1,000)', 'mockprep sessions (10,000)', 'before').toFixed(3)}, stats ${growth('mockprep stats (1,000)', 'mockprep stats (10,000)', 'before').toFixed(3)} ms/session.`
      : '.'),
  '',
  'Loading and validating generated questions in-process (loadQuestionSets, median of 3):',
  ...inProcess.map(
    (entry) =>
      `- ${entry.count.toLocaleString('en-US')} questions${entry.root === ROOT ? '' : ' (before)'}: ${entry.ms.toFixed(0)} ms, peak RSS ${entry.rssMb.toFixed(0)} MiB`,
  ),
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
const outFile = process.env.BENCH_OUT ?? join(HERE, 'bench', 'results.md');
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, table.join('\n'));
console.log(table.join('\n'));
