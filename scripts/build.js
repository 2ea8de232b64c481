#!/usr/bin/env node
// Builds dist/: one ESM bundle per entry (esbuild, with code splitting so that each command's
// code and dependencies load only when that command runs), then compiles the built-in question
// bank (questions/*.yaml) to dist/builtin-bank.json, refusing to build if any set has a problem.
// Type checking is `npm run typecheck` (tsc); esbuild only strips types.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * commander requires node:child_process when it loads (for executable subcommands, which mockprep
 * has none of): 8-13 ms of Node internals (net, dgram, streams) on every command. Inside
 * commander it is a proxy that loads the real module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_target, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

/**
 * The modules the direct bundle imports lazily (a damaged transcript's schema, colour, the
 * spinner, the platform's data folder), by the specifier its sources import them with, and the
 * ESM entry of the split build each one becomes: `dist/<name>.js`.
 */
const DIRECT_LAZY_SPECIFIERS = {
  '../core/transcript-schema.js': 'lazy/transcript-schema',
  '../core/parse-question-set.js': 'lazy/parse-question-set',
  chalk: 'lazy/chalk',
  ora: 'lazy/ora',
  'env-paths': 'lazy/env-paths',
};
const DIRECT_LAZY = {
  'lazy/transcript-schema': 'src/core/transcript-schema.ts',
  'lazy/parse-question-set': 'src/core/parse-question-set.ts',
  'lazy/chalk': 'chalk',
  'lazy/ora': 'ora',
  'lazy/env-paths': 'env-paths',
};

/** What both passes below share: ESM for Node 20, code split into chunks, a metafile. */
const common = {
  absWorkingDir: root,
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled CommonJS dependencies (commander, signal-exit...) call require(); give them one.
  banner: { js: "import { createRequire as __mockprepRequire } from 'node:module'; const require = __mockprepRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
  metafile: true,
};

const result = await build({
  ...common,
  // builtin-sets is an entry of its own so that its paths (relative to its module) sit one
  // folder below dist/ however the code is split: see src/io/builtin-sets.ts.
  // terminal/answer-prompt is one too, for the keystroke benchmark (scripts/bench-answer-box.js).
  entryPoints: [
    'src/cli.ts',
    'src/io/builtin-sets.ts',
    'src/io/load-question-sets.ts',
    'src/io/file-store.ts',
    'src/core/problem.ts',
    'src/terminal/answer-prompt.ts',
    // validate's worker pool finds the worker's script from its own URL: dist/io/, as dist/direct/ is, one folder below dist/.
    'src/io/set-check-pool.ts',
    // What the direct bundle (below) loads only when it needs it, under names it can import.
    ...Object.entries(DIRECT_LAZY).map(([out, source]) => ({ out, in: source })),
  ],
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [lazyChildProcess],
});
/**
 * review, export and sessions (src/direct-commands.ts), validate (src/direct-validate.ts) and
 * stats (src/direct-stats.ts) in their plain shapes are bundled whole, apart from the split build,
 * and as CommonJS: each command's code in one file that the launcher requires, so that neither the
 * ~25 chunks it is spread over there nor Node's ES module loader is started for it (the loader
 * alone cost about 15 ms of a 120 ms `review latest`). What they load lazily is imported from the
 * split build's entries (DIRECT_LAZY); anything else they are given goes to dist/cli.js, kept
 * external. They sit in dist/direct/, one folder below dist/ as dist/io/ is, so that a module that
 * finds files from its own URL (io/builtin-sets.ts) finds them from there too. These bundles share
 * no module instance with the split one but those: each hands over before it runs anything.
 */
const directBundle = (entry, outfile) =>
  build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // import.meta.url as an ES module here would have it.
    banner: { js: "const __mockprepUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__mockprepUrl' },
    legalComments: 'eof',
    logLevel: 'warning',
    metafile: true,
    plugins: [
      {
        name: 'direct-externals',
        setup(build) {
          build.onResolve({ filter: /^\.\/cli\.js$/ }, (args) =>
            /[\\/]src[\\/]direct-[a-z]+\.ts$/.test(args.importer) ? { path: '../cli.js', external: true } : undefined,
          );
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind !== 'dynamic-import') return undefined;
            const lazy = DIRECT_LAZY_SPECIFIERS[args.path];
            if (lazy !== undefined) return { path: `../${lazy}.js`, external: true };
            // The loader of YAML sets, for a checkout without the compiled bank: an entry of the split build.
            if (args.path === './load-question-sets.js' && /[\\/]src[\\/]io[\\/]builtin-sets\.ts$/.test(args.importer)) {
              return { path: '../io/load-question-sets.js', external: true };
            }
            return undefined;
          });
        },
      },
    ],
  });
/** The line a direct bundle starts with: `// mockprep-build <id>`, the id a hash of the rest of it. */
const BUILD_LINE = '// mockprep-build ';
/**
 * Readies a direct bundle for the launcher's code cache (bin/mockprep.cjs `loadDirect`), which
 * compiles it through node:vm on Node versions without a compile cache of their own. Code compiled
 * that way cannot run `import()` without an experimental warning, so each dynamic import becomes a
 * call of `__mockprepImport`: the launcher's own import, resolving from the bundle's folder, or, when
 * the bundle is required as usual, `import()` itself. The first line names the build (a hash of
 * the rest), so that a cache made for another build is never tried.
 */
function readyForCodeCache(outfile, bundle) {
  const path = fileURLToPath(new URL(`../${outfile}`, import.meta.url));
  const output = bundle.metafile.outputs[outfile];
  const expected = output.imports.filter((entry) => entry.kind === 'dynamic-import').length;
  let rewritten = 0;
  const body = readFileSync(path, 'utf8').replace(/\bimport\(/g, () => {
    rewritten++;
    return '__mockprepImport(';
  });
  // Every dynamic import, and nothing else (text that merely reads "import(" would be changed too).
  if (rewritten !== expected) throw new Error(`build: ${outfile} has ${rewritten} "import(" for ${expected} dynamic imports`);
  const fallback = 'var __mockprepImport = typeof __mockprepImport === "function" ? __mockprepImport : (specifier) => import(specifier);\n';
  const rest = fallback + body;
  writeFileSync(path, `${BUILD_LINE}${createHash('sha256').update(rest).digest('hex').slice(0, 16)}\n${rest}`);
  return bundle;
}
const directBuild = async (entry, outfile) => readyForCodeCache(outfile, await directBundle(entry, outfile));
const directBuilds = [
  // What each bundles of packages: only those its command always uses.
  { bundle: await directBuild('src/direct-commands.ts', 'dist/direct/commands.cjs'), packages: [] },
  { bundle: await directBuild('src/direct-validate.ts', 'dist/direct/validate.cjs'), packages: ['js-yaml', 'stemmer'] },
  { bundle: await directBuild('src/direct-stats.ts', 'dist/direct/stats.cjs'), packages: ['ts-fsrs'] },
  // validate's worker threads (src/io/set-check-pool.ts).
  { bundle: await directBuild('src/set-check-worker.ts', 'dist/direct/set-check-worker.cjs'), packages: ['js-yaml', 'stemmer'] },
];
for (const { bundle, packages: allowed } of directBuilds) {
  for (const [file, output] of Object.entries(bundle.metafile.outputs)) {
    // A lazy import that was bundled instead of kept external would load its package at start.
    const packages = Object.keys(output.inputs).flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? []);
    const bundled = [...new Set(packages)].filter((name) => !allowed.includes(name));
    if (bundled.length > 0) throw new Error(`build: ${file} bundles packages it should import lazily: ${bundled.join(', ')}`);
  }
}
// Which source files each output holds: the start-up test uses it to prove what a command loads.
const metafile = {
  inputs: Object.assign({}, result.metafile.inputs, ...directBuilds.map(({ bundle }) => bundle.metafile.inputs)),
  outputs: Object.assign({}, result.metafile.outputs, ...directBuilds.map(({ bundle }) => bundle.metafile.outputs)),
};
writeFileSync(new URL('../dist/metafile.json', import.meta.url), JSON.stringify(metafile));

const { loadQuestionSets } = await import('../dist/io/load-question-sets.js');
const { createNodeFileStore } = await import('../dist/io/file-store.js');
const { formatProblem } = await import('../dist/core/problem.js');
const { BUILTIN_QUESTIONS_DIR, BUILTIN_BANK_JSON } = await import('../dist/io/builtin-sets.js');
if (BUILTIN_BANK_JSON !== fileURLToPath(new URL('../dist/builtin-bank.json', import.meta.url))) {
  throw new Error(`build: the bundled bank path is wrong: ${BUILTIN_BANK_JSON}`);
}

const loaded = await loadQuestionSets([BUILTIN_QUESTIONS_DIR], createNodeFileStore());
if (loaded.problems.length > 0) {
  for (const problem of loaded.problems) console.error(formatProblem(problem));
  console.error(`build: the built-in question bank has ${loaded.problems.length} problem(s)`);
  process.exit(1);
}
writeFileSync(BUILTIN_BANK_JSON, JSON.stringify({ version: 1, sets: loaded.sets }));

// The top-level help, as commander prints it at 80 columns (HELP_WIDTH): the launcher
// (bin/mockprep.cjs) prints this file for `mockprep --help` without loading any of dist/.
const { main, HELP_WIDTH } = await import('../dist/cli.js');
let help = '';
const capture = {
  write: (text) => {
    help += text;
    return true;
  },
  isTTY: false,
};
const helpCode = await main(['--help'], { stdout: capture, stderr: capture, stdin: process.stdin, env: {} });
if (helpCode !== 0 || HELP_WIDTH !== 80 || !help.startsWith('Usage: mockprep')) throw new Error(`build: the help text is wrong:\n${help}`);
writeFileSync(new URL('../dist/help.txt', import.meta.url), help);

const count = loaded.sets.reduce((sum, set) => sum + set.questions.length, 0);
console.log(`build: dist/ bundled; built-in bank: ${loaded.sets.length} sets, ${count} questions`);
