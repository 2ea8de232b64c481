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

/**
 * The direct bundle `name` (dist/direct/<name>.cjs), loaded as require would load it. Node 22.1+
 * caches the code it compiles between runs (module.enableCompileCache, turned on below); on older
 * versions this keeps such a cache itself, for the bundles alone: V8's code cache of the bundle
 * (vm.Script cachedData), one file per bundle and command (each holds the functions its command
 * ran), in a folder of the user's own under the system's temporary folder, as Node 22 keeps its
 * cache there. Compiling the bundle is most of what loading it costs (about 10 ms of a 70 ms
 * `review latest`). A file V8 refuses (another Node, other flags) is written anew; a folder that
 * is not ours, or cannot be written, means no cache, and nothing is said.
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own, and so does `nodeCaches`
 * (Node keeps its own). Returns the bundle's exports, and `saveCache`, which writes the cache if
 * this run should make one, once the command has run.
 */
function loadDirect(name, nodeCaches) {
  const path = require('node:path');
  const file = path.join(__dirname, '..', 'dist', 'direct', `${name}.cjs`);
  const required = () => ({ exports: require(file), saveCache: () => {} });
  if (nodeCaches || process.env.NODE_DISABLE_COMPILE_CACHE) return required();
  const fs = require('node:fs');
  const dir = ownCacheDir(fs, path);
  if (!dir) return required();
  const fd = fs.openSync(file, 'r');
  let source;
  let stamp;
  try {
    const info = fs.fstatSync(fd);
    source = fs.readFileSync(fd, 'utf8');
    // V8 checks a cache against the source's length alone: the name holds the build's id (a hash
    // of its text, scripts/build.js), and the file's size and time, so that a bundle changed by
    // hand is never run from the bytecode of another.
    stamp = `${info.size.toString(36)}.${Math.trunc(info.mtimeMs).toString(36)}`;
  } finally {
    fs.closeSync(fd);
  }
  const build = /^\/\/ mockprep-build ([0-9a-f]{16})\n/.exec(source)?.[1];
  if (!build) return required();
  const prefix = `${name}-${args[0]}-`;
  const cacheFile = path.join(dir, `${prefix}${build}-${stamp}-${CACHE_FORMAT}-${process.version}-${process.arch}.bin`);
  const cachedData = readOwnFile(fs, cacheFile);
  const vm = require('node:vm');
  // The wrapper Node gives CommonJS code, with the import the bundle calls for its lazy modules
  // (a change to it is a new CACHE_FORMAT).
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __mockprepImport) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const folder = path.dirname(file);
  const { pathToFileURL } = require('node:url');
  const importFromBundle = (specifier) =>
    import(specifier.startsWith('.') ? pathToFileURL(path.resolve(folder, specifier)).href : specifier);
  const mod = { exports: {}, id: file, filename: file, loaded: false };
  script.runInThisContext()(mod.exports, require('node:module').createRequire(file), mod, file, folder, importFromBundle);
  mod.loaded = true;
  const saveCache = () => {
    if (cachedData !== undefined && !script.cachedDataRejected) return;
    const temp = path.join(dir, `.${prefix}${process.pid}-${Date.now().toString(36)}.tmp`);
    try {
      fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600, flag: 'wx' });
      fs.renameSync(temp, cacheFile);
      // The caches of other builds or Node versions for this bundle and command, and temporary
      // files an hour old (a process killed while it wrote).
      const old = Date.now() - 3600_000;
      for (const entry of fs.readdirSync(dir)) {
        const at = path.join(dir, entry);
        if (entry.startsWith(prefix) && at !== cacheFile) fs.rmSync(at, { force: true });
        else if (entry.startsWith(`.${prefix}`) && fs.lstatSync(at).mtimeMs < old) fs.rmSync(at, { force: true });
      }
    } catch {
      // A full disk, a folder gone: no cache this time, and no half-written file left behind.
      try {
        fs.rmSync(temp, { force: true });
      } catch {}
    }
  };
  return { exports: mod.exports, saveCache };
}

/** The version of the cache's name and of the wrapper the bundle is compiled in. */
const CACHE_FORMAT = 'c1';

/**
 * The code cache's folder: <tmp>/mockprep-compile-cache-<uid>, made private to this user. One
 * that is a link, is someone else's, or is open to others is not used: a cache holds code. Where
 * there are no user ids to check (Windows), there is no cache.
 */
function ownCacheDir(fs, path) {
  const uid = process.getuid?.();
  if (uid === undefined) return null;
  const dir = path.join(require('node:os').tmpdir(), `mockprep-compile-cache-${uid}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch {}
  try {
    const info = fs.lstatSync(dir);
    return info.isDirectory() && info.uid === uid && (info.mode & 0o077) === 0 ? dir : null;
  } catch {
    return null;
  }
}

/** The bytes of a cache file, if it is a regular file of this user's that no one else may write (checked on the open file). */
function readOwnFile(fs, file) {
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const info = fs.fstatSync(fd);
    if (!info.isFile() || info.uid !== process.getuid() || (info.mode & 0o077) !== 0) return undefined;
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

if (!printSaved()) {
  // Node 22.1+ can cache compiled modules between runs; Node 20 has no such cache. Asked only
  // past the saved answers, which load nothing.
  const nodeModule = require('node:module');
  const nodeCaches = typeof nodeModule.enableCompileCache === 'function';
  if (nodeCaches) nodeModule.enableCompileCache();
  const direct = ['review', 'export', 'sessions', 'history'].includes(args[0])
    ? 'commands'
    : args[0] === 'validate' || args[0] === 'stats'
      ? args[0]
      : null;
  // The direct bundles are CommonJS: required, they start without Node's ES module loader.
  let saveCache = () => {};
  const load = direct
    ? new Promise((resolve) => {
        const loaded = loadDirect(direct, nodeCaches);
        saveCache = loaded.saveCache;
        resolve(loaded.exports);
      })
    : import('../dist/cli.js');
  load.then(
    async ({ main }) => {
      process.exitCode = await main(args);
      saveCache();
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
