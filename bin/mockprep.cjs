#!/usr/bin/env node
'use strict';
// The launcher is CommonJS: Node starts a CommonJS file without loading its ES module loader,
// so the answers that need no code, the version and the top-level help (saved by the build
// from the same commander program, 80 columns wide), print at the cost of Node's own start-up.
// review, export and sessions go to dist/direct/commands.cjs, validate and stats to
// dist/direct/validate.cjs and dist/direct/stats.cjs: bundles of their own without commander
// (each hands whatever it does not take to dist/cli.js); everything else goes to dist/cli.js.
const args = process.argv.slice(2);
const out = process.stdout;
// A reader that has gone away (`mockprep --help | head -1`) is not an error.
out.on('error', () => {});

function printSaved() {
  if (args.length !== 1) return false;
  if (args[0] === '--version' || args[0] === '-v') {
    out.write(`${require('../package.json').version}\n`);
    return true;
  }
  // Narrower terminals get help wrapped to their width by commander itself.
  if ((args[0] === '--help' || args[0] === '-h') && (!out.isTTY || out.columns >= 80)) {
    try {
      out.write(require('node:fs').readFileSync(require('node:path').join(__dirname, '..', 'dist', 'help.txt'), 'utf8'));
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * process.exit once stdout and stderr have written everything before this call (each write's
 * callback comes in order). A write that failed (a full disk, a closed pipe) is left to the
 * handlers that report it: the process then ends as it would have. The exit waits a turn, so
 * that an error event already queued runs first and sets the exit code.
 */
function exitOnceWritten() {
  let pending = 2;
  let failed = false;
  const done = (error) => {
    if (error) failed = true;
    pending -= 1;
    if (pending === 0 && !failed) setImmediate(() => process.exit());
  };
  out.write('', done);
  process.stderr.write('', done);
}

if (!printSaved()) {
  // Node 22.1+ can cache compiled modules between runs; Node 20 has no such cache.
  require('node:module').enableCompileCache?.();
  const direct = ['review', 'export', 'sessions', 'history'].includes(args[0])
    ? '../dist/direct/commands.cjs'
    : args[0] === 'validate' || args[0] === 'stats'
      ? `../dist/direct/${args[0]}.cjs`
      : null;
  // The direct bundles are CommonJS: required, they start without Node's ES module loader.
  const load = direct ? new Promise((resolve) => resolve(require(direct))) : import('../dist/cli.js');
  load.then(
    async ({ main }) => {
      process.exitCode = await main(args);
      // A direct command's work is over when main returns (it awaits every read and write): the
      // process leaves as soon as what it printed is written, without tearing down the heap it
      // built (over a long history, about 10 ms of a 400 ms run). 'exit' handlers still run.
      if (direct) exitOnceWritten();
    },
    (error) => {
      process.stderr.write(`mockprep: cannot load its own code (${error.message}); reinstall mockprep\n`);
      process.exitCode = 1;
    },
  );
}
