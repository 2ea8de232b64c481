#!/usr/bin/env node
// `npm run bench:judgement`: bundles bench/judgement/bench-judgement.ts (with the grader it
// measures, straight from src/) into node_modules/.cache and runs it with the same arguments.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../node_modules/.cache/mockprep-bench/', import.meta.url));
mkdirSync(outDir, { recursive: true });
// The bundle sits under bench/judgement's own depth so that its paths resolve from the repo root.
const outfile = `${outDir}bench/judgement/bench-judgement.mjs`;
await build({
  absWorkingDir: root,
  entryPoints: ['bench/judgement/bench-judgement.ts'],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __req } from 'node:module'; const require = __req(import.meta.url);" },
  define: { 'import.meta.url': JSON.stringify(new URL('../bench/judgement/bench-judgement.ts', import.meta.url).href) },
});
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;
