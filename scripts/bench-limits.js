#!/usr/bin/env node
// The limits scripts/bench.js measures mockprep against: for each case, a process that does only
// the work no implementation can skip, written the fastest plain way in Node (synchronous reads of
// small files, no validation, no formatting). `node scripts/bench-limits.js <case> <args...>`.
// Only node:fs, plus js-yaml for the validate limit ("js-yaml alone") and node:child_process for
// the busy-core case, which is a measure of the machine rather than a limit.
import { spawn } from 'node:child_process';
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';

const [kind, ...args] = process.argv.slice(2);
const out = (text) => process.stdout.write(text);

/** The transcripts of a data folder, by file name. */
function transcriptNames(home) {
  return readdirSync(join(home, 'sessions')).filter((name) => name.endsWith('.json') && !name.startsWith('.'));
}

/** The write-all limit's work: every transcript of `home` written durably into `target`, 16 at a time; how many. */
async function writeAll(home, target) {
  const dir = join(home, 'sessions');
  const names = transcriptNames(home);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      const text = readFileSync(join(dir, name), 'utf8');
      const temp = join(target, `.${name}.tmp`);
      const handle = await open(temp, 'w', 0o600);
      await handle.writeFile(text);
      await handle.sync();
      await handle.close();
      await rename(temp, join(target, name));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return names.length;
}

switch (kind) {
  case 'print': {
    // --version, --help: print a file (or a line).
    out(args[0] === undefined ? '0.0.0\n' : readFileSync(args[0], 'utf8'));
    break;
  }
  case 'bank': {
    // list, launch to the first question: read the compiled bank, print one line per set (or its first question).
    const bank = JSON.parse(readFileSync(args[0], 'utf8'));
    if (args[1] === 'first') out(`Question 1 of 1\n${bank.sets[0].questions[0].prompt}\n`);
    else out(`${bank.sets.map((set) => `${set.id} ${set.title} ${set.questions.length}`).join('\n')}\n`);
    break;
  }
  case 'read-all': {
    // sessions, stats: read and JSON.parse every transcript, print one line.
    const dir = join(args[0], 'sessions');
    let items = 0;
    for (const name of transcriptNames(args[0])) items += JSON.parse(readFileSync(join(dir, name), 'utf8')).items.length;
    out(`${items}\n`);
    break;
  }
  case 'read-latest': {
    // review latest, export latest: find the newest transcript, read it, print it.
    const names = transcriptNames(args[0]).sort();
    out(readFileSync(join(args[0], 'sessions', names.at(-1)), 'utf8'));
    break;
  }
  case 'write-all': {
    // export --all: read every transcript, write each to the output folder durably (temporary
    // file, fsync, rename into place), the fsyncs overlapping (16 in flight) as the disk allows.
    out(`${await writeAll(args[0], args[1])}\n`);
    break;
  }
  case 'write-all-busy': {
    // The same, with another process spinning on one core meanwhile: not a limit, a measure of
    // how much this machine's write path needs a free CPU (on some virtual machines a busy core
    // slows every fsync), which bounds how close export --all, busy rendering, can come to it.
    const spinner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    try {
      out(`${await writeAll(args[0], args[1])}\n`);
    } finally {
      spinner.kill('SIGKILL');
    }
    break;
  }
  case 'write-all-serial': {
    // The same, one file after another (what "temp + fsync + rename each" costs without overlap).
    const dir = join(args[0], 'sessions');
    for (const name of transcriptNames(args[0])) {
      const text = readFileSync(join(dir, name), 'utf8');
      const temp = join(args[1], `.${name}.tmp`);
      const fd = openSync(temp, 'w', 0o600);
      writeSync(fd, text);
      fsyncSync(fd);
      closeSync(fd);
      renameSync(temp, join(args[1], name));
    }
    break;
  }
  case 'yaml': {
    // validate: js-yaml alone over every .yaml file of a folder, counting questions.
    const { load, CORE_SCHEMA } = await import('js-yaml');
    let questions = 0;
    for (const name of readdirSync(args[0]).filter((entry) => /\.ya?ml$/.test(entry))) {
      questions += load(readFileSync(join(args[0], name), 'utf8'), { schema: CORE_SCHEMA }).questions.length;
    }
    out(`${questions}\n`);
    break;
  }
  default:
    throw new Error(`unknown limit ${kind}`);
}
