import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { StartOptions } from '../../src/commands/start.js';
import { planSession, runStart } from '../../src/commands/start.js';
import { TranscriptNotSavedError } from '../../src/core/errors.js';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { formatUnsavedAnswers } from '../../src/interview/run-interview.js';
import { sitInterview } from '../../src/interview/sit-interview.js';
import { systemClock } from '../../src/io/clock.js';
import type { FileStore } from '../../src/io/file-store.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import type { Output } from '../../src/io/output.js';
import { createOutput } from '../../src/io/output.js';
import { killStrayProcesses } from '../support/deadline.js';
import { createFakeClock } from '../support/fake-clock.js';
import { MINI_SET_PATH, makeMiniTranscript } from '../support/fixture-sets.js';
import { createMemoryStore } from '../support/memory-store.js';
import { confirmChecklist, spawnInPty } from '../support/pty.js';
import { createScriptedUI } from '../support/scripted-ui.js';
import { spawnCli, startCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// Faults during an interview, on the built binary where the fault is real (a killed process, a
// data folder that turns into a file, two processes at once, hand-edited files) and in-process
// where it can only be injected (a full disk, through the FileStore).

const CTRL = { s: '\u0013' };
/** Two basics questions, in order, no follow-ups: short, and the same every run. */
const START = ['start', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '2', '--order', 'in-order', '--follow-ups', '0'];
const SAVE_WARNING =
  'mockprep: could not save the transcript (a part of the path is not a folder); your answers are kept in memory and saving will be retried';

afterEach(killStrayProcesses);

/** The transcripts in `<home>/sessions` (or another folder), by file name. */
function transcriptFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.json'));
}

function readTranscript(path: string): Transcript {
  return transcriptSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Calls `probe` every 50 ms until it returns a value; fails with `what` after `timeoutMs`. */
async function poll<T>(what: string, probe: () => T | undefined, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    try {
      value = probe();
    } catch {
      value = undefined;
    }
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Collects what is printed, without colour, as a pipe would. */
function collect(): Output & { text: () => string } {
  let text = '';
  return Object.assign(createOutput({ write: (chunk: string) => (text += chunk) }), { text: () => text });
}

describe('kill -9 mid-answer', () => {
  it('leaves a transcript that parses and holds the draft as of the last flush; sessions lists it and resume brings it back', async () => {
    const home = makeTempDir();
    const sessions = join(home, 'sessions');
    const session = spawnInPty(START, { env: { MOCKPREP_HOME: home } });
    await session.waitFor(/Question 1 of 2 · Basics · easy[\s\S]*Your answer/);
    session.write('Outer alignment: the objective.\r');
    session.write('Inner alignment: what is learned');
    await session.waitFor(/what is learned/);
    const typedAt = Date.now();
    // The draft is flushed throttled (about every 2 s while it changes): watch the file for it.
    const flushed = 'Outer alignment: the objective.\nInner alignment: what is learned';
    const file = await poll('the draft on disk', () => {
      const [name] = transcriptFiles(sessions);
      return name && readTranscript(join(sessions, name)).items[0]?.answer === flushed ? name : undefined;
    });
    // The spec promises a flush at least every 5 s while the answer changes.
    expect(Date.now() - typedAt).toBeLessThan(5000);
    // Typed after that flush, and killed well within the 2 s throttle: this part is not on disk yet.
    const mark = session.text().length;
    session.write(' (and then the power went out)');
    await session.waitFor(/power went out/, { from: mark });
    session.kill('SIGKILL');
    const exit = await session.exit(5000);
    expect(exit.signal).toBe(9);

    const transcript = readTranscript(join(sessions, file));
    expect(transcript).toMatchObject({ status: 'in-progress', endedAt: null });
    expect(transcript.items[0]).toMatchObject({ answer: flushed, finishedAt: null });
    expect(transcript.items[1]?.shownAt).toBeNull();
    // No temporary file of a half-done write is mistaken for a session.
    const id = file.slice(0, -'.json'.length);
    const listed = await spawnCli(['sessions'], { env: { MOCKPREP_HOME: home, NO_COLOR: '1' } });
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toMatch(new RegExp(`^${id} .* in progress\\n {2}answered 0 of 2 `, 'm'));

    // resume after Ctrl-C is covered in a terminal (tests/e2e/review-export.test.ts); this is the
    // in-progress file a killed process leaves, resumed in plain mode.
    const resumed = await spawnCli(['resume', '--plain'], {
      env: { MOCKPREP_HOME: home, NO_COLOR: '1' },
      input: 'Goodhart: a proxy.\n/done\n4\nHuman comparisons.\n/done\n\n',
    });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`Resuming session ${id}`);
    expect(resumed.stdout).toContain(`[your saved draft, which new lines continue:]\n${flushed}\n`);
    const final = readTranscript(join(sessions, file));
    expect(final.status).toBe('completed');
    expect(final.items.map((item) => [item.answer, item.selfRating])).toEqual([
      [`${flushed}\nGoodhart: a proxy.`, 4],
      ['Human comparisons.', null],
    ]);
    expect(transcriptFiles(sessions)).toEqual([file]);
  });
});

describe('the sessions folder stops being writable mid-session', () => {
  // Tests may run as root, which chmod does not stop. Moving the folder away and putting a plain
  // file named `sessions` in its place makes every later write fail (ENOTDIR), for root too.
  const breakFolder = (sessions: string) => {
    renameSync(sessions, `${sessions}.away`);
    writeFileSync(sessions, 'not a folder\n');
  };
  const restoreFolder = (sessions: string) => {
    rmSync(sessions);
    renameSync(`${sessions}.away`, sessions);
  };

  it('plain mode: warns once, goes on to the end, and prints the unsaved answers', async () => {
    const home = makeTempDir();
    const sessions = join(home, 'sessions');
    const run = startCli(START, { env: { MOCKPREP_HOME: home, NO_COLOR: '1' } });
    run.type('First answer, saved.\n/done\n4\n');
    // Question 2 is saved as shown before it is printed.
    await run.waitForOutput(/Question 2 of 2/);
    const [file = ''] = transcriptFiles(sessions);
    expect(readTranscript(join(sessions, file)).items[0]).toMatchObject({ answer: 'First answer, saved.', selfRating: 4 });
    breakFolder(sessions);

    run.type('Second answer, at risk.\nIts second line.\n/done\n');
    await run.waitForOutput(/rate your answer 1-5/, 2);
    run.end('3\n');
    // Exit 1: a script piping answers in can tell that the transcript is not on disk.
    expect((await run.exited()).code).toBe(1);

    expect(run.stderr()).toBe(
      `${SAVE_WARNING}\nmockprep: the transcript could not be written to ${join(sessions, file)}; your answers are printed above\n`,
    );
    const stdout = run.stdout();
    expect(stdout).toContain('Session complete.');
    // The summary does not point at a file that is not there.
    expect(stdout).toContain(`Transcript: not saved (${join(sessions, file)} could not be written)`);
    // Nothing typed is lost: the whole session is on the terminal, after the summary.
    expect(stdout.slice(stdout.indexOf('Session complete.'))).toMatch(
      /\nThe transcript could not be saved\. Your answers:\n\n--- 1\. define-alignment ---\nWhat does it mean for an AI system to be aligned\?\nGive one example of misalignment\.\n\nFirst answer, saved\.\n\n--- 2\. reward-model ---\nWhat is a reward model and how can it go wrong\?\n\nSecond answer, at risk\.\nIts second line\.\n\n$/,
    );
    // What reached the disk before the fault is intact, and no temporary file was left behind.
    const away = `${sessions}.away`;
    // (The session's lock went away with the folder, where the process could not remove it: a
    // lock whose process is gone is stale, and the next resume takes it over.)
    expect(readdirSync(away).sort()).toEqual([`.${file.slice(0, -'.json'.length)}.lock`, file]);
    const before = readTranscript(join(away, file));
    expect(before.status).toBe('in-progress');
    expect(before.items.map((item) => item.answer)).toEqual(['First answer, saved.', '']);
  });

  it('plain mode: when the folder comes back before the end, everything is written and nothing is printed twice', async () => {
    const home = makeTempDir();
    const sessions = join(home, 'sessions');
    const run = startCli(START, { env: { MOCKPREP_HOME: home, NO_COLOR: '1' } });
    run.type('First answer.\n/done\n4\n');
    await run.waitForOutput(/Question 2 of 2/);
    breakFolder(sessions);
    run.type('Second answer, written late.\n/done\n');
    await run.waitForOutput(/rate your answer 1-5/, 2);
    await poll('the warning', () => (run.stderr().includes('could not save') ? true : undefined));
    restoreFolder(sessions);
    run.end('3\n');
    expect((await run.exited()).code).toBe(0);

    expect(run.stderr()).toBe(`${SAVE_WARNING}\nmockprep: the transcript is saved again\n`);
    expect(run.stdout()).not.toContain('could not be saved');
    const [file = ''] = transcriptFiles(sessions);
    expect(readdirSync(sessions)).toEqual([file]);
    const transcript = readTranscript(join(sessions, file));
    expect(transcript.status).toBe('completed');
    expect(transcript.items.map((item) => [item.answer, item.selfRating])).toEqual([
      ['First answer.', 4],
      ['Second answer, written late.', 3],
    ]);
  });

  it('in a terminal: the warning shows inside the answer screen, the interview goes on, the answers are printed at the end', async () => {
    const home = makeTempDir();
    const sessions = join(home, 'sessions');
    const session = spawnInPty(START, { env: { MOCKPREP_HOME: home } });
    await session.waitFor(/Question 1 of 2[\s\S]*Your answer/);
    session.write('First answer, saved.');
    session.write(CTRL.s);
    await confirmChecklist(session);
    await session.waitFor(/Rate your answer/);
    let mark = session.text().length;
    session.write('4');
    await session.waitFor(/Question 2 of 2[\s\S]*Your answer/, { from: mark });
    breakFolder(sessions);
    mark = session.text().length;
    session.write('Second answer\ron two lines.');
    // The draft's flush (within ~2 s) is the first write to fail.
    await session.waitFor(/could not save the transcript \(a part of the path is not a folder\)/, { from: mark });
    expect(session.text().slice(mark)).toContain('on two lines.');
    session.write(CTRL.s);
    await confirmChecklist(session, { from: mark });
    await session.waitFor(/Rate your answer/, { from: mark });
    session.write('3');
    await session.waitFor(/Session complete\.[\s\S]*The transcript could not be saved\. Your answers:[\s\S]*on two lines\./, {
      from: mark,
    });
    expect((await session.exit(5000)).exitCode).toBe(1);
    const end = session.text().slice(session.text().lastIndexOf('The transcript could not be saved.'));
    expect(end.replace(/\r\n/g, '\n')).toContain(
      '--- 1. define-alignment ---\nWhat does it mean for an AI system to be aligned?\nGive one example of misalignment.\n\nFirst answer, saved.\n\n' +
        '--- 2. reward-model ---\nWhat is a reward model and how can it go wrong?\n\nSecond answer\non two lines.\n',
    );
  });
});

describe('the answers printed when the transcript cannot be written', () => {
  it('hold every asked question and every asked follow-up, without control characters', () => {
    const base = makeMiniTranscript({ settings: { followUps: 1 } });
    const [first, second, third] = base.items;
    if (!first || !second || !third) throw new Error('the mini transcript has three questions');
    const followUp = first.followUps[0];
    if (!followUp) throw new Error('the first mini question has a follow-up');
    const shown = '2026-11-25T10:00:00.000Z';
    const transcript: Transcript = {
      ...base,
      items: [
        {
          ...first,
          shownAt: shown,
          answer: 'Main \u001b[2Janswer.',
          followUps: [{ ...followUp, shownAt: shown, answer: 'Follow-up answer.' }],
        },
        { ...second, shownAt: shown, answer: '' },
        third,
      ],
    };
    expect(formatUnsavedAnswers(transcript)).toBe(
      'The transcript could not be saved. Your answers:\n\n' +
        `--- 1. ${first.question.id} ---\n${first.question.prompt}\n\nMain answer.\n\n- follow-up 1: ${followUp.prompt}\n\nFollow-up answer.\n\n` +
        `--- 2. ${second.question.id} ---\n${second.question.prompt}\n\n(no answer)\n`,
    );
  });
});

describe('a full disk (an injected FileStore whose writes fail with ENOSPC)', () => {
  const OPTIONS: StartOptions = {
    set: [MINI_SET_PATH],
    category: 'basics',
    count: 2,
    order: 'in-order',
    hints: true,
    review: true,
    followUps: 0,
    plain: true,
  };
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

  it('plain mode through `start`: one warning on stderr, the session completes, the answers are printed', async () => {
    const node = createNodeFileStore();
    let full = false;
    let failed = 0;
    // The disk fills up as soon as the first answer is on it.
    const store: FileStore = {
      ...node,
      async writeAtomic(path, text, options) {
        if (full) {
          failed++;
          throw enospc();
        }
        await node.writeAtomic(path, text, options);
        if (typeof text === 'string' && text.includes('Kept in memory, first.')) full = true;
      },
    };
    const stdin = new PassThrough();
    stdin.end('Kept in memory, first.\n/done\n5\nKept in memory, second.\n/done\n2\n');
    const out = collect();
    const err = collect();
    const dataDir = makeTempDir();
    const refused = runStart(OPTIONS, {
      stdin,
      stdout: out,
      stderr: err,
      env: { NO_COLOR: '1' },
      store,
      clock: systemClock,
      dataDir,
      signal: new AbortController().signal,
    });
    // The session ends normally, then reports that its transcript is not on disk (exit 1).
    const error = await refused.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TranscriptNotSavedError);
    expect((error as TranscriptNotSavedError).exitCode).toBe(1);
    expect(((error as TranscriptNotSavedError).transcript as Transcript).status).toBe('completed');
    expect(failed).toBeGreaterThan(2);
    expect(err.text()).toBe(
      'mockprep: could not save the transcript (no space left on the device); your answers are kept in memory and saving will be retried\n',
    );
    expect(out.text().slice(out.text().indexOf('Session complete.'))).toContain(
      'The transcript could not be saved. Your answers:\n\n--- 1. define-alignment ---\n' +
        'What does it mean for an AI system to be aligned?\nGive one example of misalignment.\n\nKept in memory, first.\n\n' +
        '--- 2. reward-model ---\nWhat is a reward model and how can it go wrong?\n\nKept in memory, second.\n',
    );
    const sessions = join(dataDir, 'sessions');
    const [file = ''] = transcriptFiles(sessions);
    expect(readdirSync(sessions)).toEqual([file]);
    expect(readTranscript(join(sessions, file)).items.map((item) => [item.answer, item.selfRating])).toEqual([
      ['Kept in memory, first.', null],
      ['', null],
    ]);
  });

  it('when space is freed before the end, the newest transcript is written and nothing is printed', async () => {
    const clock = createFakeClock();
    const store = createMemoryStore();
    const path = '/data/sessions/s.json';
    const transcript = await planSession({ ...OPTIONS, seed: 1 }, { store: createNodeFileStore(), clock });
    const scripted = createScriptedUI([
      {
        expect: 'answer',
        act: async (_request, events) => {
          store.failWrites = enospc();
          events.onDraft('typed while the disk is full');
          await clock.advance(2000);
          return { action: 'submit', text: 'typed while the disk is full, then submitted' };
        },
      },
      { expect: 'review', rating: 4 },
      {
        expect: 'answer',
        act: () => {
          store.failWrites = null;
          return { action: 'submit', text: 'second, with room again' };
        },
      },
      { expect: 'review', rating: 2 },
    ]);
    await sitInterview({ ...transcript, id: 's' }, scripted.ui, { store, clock, dataDir: '/data', signal: new AbortController().signal });
    expect(scripted.remaining).toBe(0);
    expect(scripted.warnings).toEqual([
      'could not save the transcript (no space left on the device); your answers are kept in memory and saving will be retried',
      null,
    ]);
    expect(scripted.unsaved).toBeNull();
    const onDisk = transcriptSchema.parse(JSON.parse(store.files.get(path)?.text ?? 'null'));
    expect(onDisk.status).toBe('completed');
    expect(onDisk.items.map((item) => [item.answer, item.selfRating])).toEqual([
      ['typed while the disk is full, then submitted', 4],
      ['second, with room again', 2],
    ]);
  });
});

describe('two interviews at once in the same data folder', () => {
  it('write two separate transcripts, each whole and holding its own answers', async () => {
    const home = makeTempDir();
    const args = [...START, '--seed', '7'];
    const a = startCli(args, { env: { MOCKPREP_HOME: home, NO_COLOR: '1' } });
    const b = startCli(args, { env: { MOCKPREP_HOME: home, NO_COLOR: '1' } });
    // Interleaved, so that both processes are mid-session (and saving) at the same time.
    a.type('Answer A1.\n/done\n1\n');
    b.type('Answer B1.\n/done\n2\n');
    await Promise.all([a.waitForOutput(/Question 2 of 2/), b.waitForOutput(/Question 2 of 2/)]);
    a.type('Answer A2.\n');
    b.type('Answer B2.\n');
    a.end('/done\n3\n');
    b.end('/done\n4\n');
    expect((await Promise.all([a.exited(), b.exited()])).map((result) => result.code)).toEqual([0, 0]);
    expect(a.stderr() + b.stderr()).toBe('');

    const sessions = join(home, 'sessions');
    const files = transcriptFiles(sessions);
    expect(files).toHaveLength(2);
    // Nothing else in the folder: no temporary file of either writer left behind.
    expect(readdirSync(sessions).sort()).toEqual([...files].sort());
    const byFirstAnswer = new Map(
      files.map((name) => {
        const transcript = readTranscript(join(sessions, name));
        return [transcript.items[0]?.answer, transcript] as const;
      }),
    );
    for (const [who, ratings] of [
      ['A', [1, 3]],
      ['B', [2, 4]],
    ] as const) {
      const transcript = byFirstAnswer.get(`Answer ${who}1.`);
      expect(transcript?.status).toBe('completed');
      expect(transcript?.items.map((item) => [item.answer, item.selfRating])).toEqual([
        [`Answer ${who}1.`, ratings[0]],
        [`Answer ${who}2.`, ratings[1]],
      ]);
      // Each process printed its own transcript's path.
      expect((who === 'A' ? a : b).stdout()).toContain(`Transcript: ${join(sessions, `${transcript?.id}.json`)}`);
    }
  });
});

describe('transcripts edited by hand', () => {
  it('sessions names each broken file on stderr, lists the rest, exit 0', async () => {
    const home = makeTempDir();
    const sessions = join(home, 'sessions');
    const sat = await spawnCli(['start', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '1', '--order', 'in-order', '--follow-ups', '0'], {
      env: { MOCKPREP_HOME: home },
      input: 'An answer "in quotes".\n/done\n5\n',
    });
    expect(sat.code).toBe(0);
    const [good = ''] = transcriptFiles(sessions);
    const text = readFileSync(join(sessions, good), 'utf8');
    // The truncated file, a future version and a non-.json file are in tests/e2e/review-export.test.ts.
    const broken: Record<string, string> = {
      // An answer edited in a text editor: the quotes typed inside it are not escaped.
      'edited-quotes': text.replace('"An answer \\"in quotes\\"."', '"An answer "in quotes", and more."'),
      // The last field deleted, its comma left behind.
      'trailing-comma': text.replace(/,\n\s*"followUps": \[\]\n(\s*\}\n\s*\]\n\}\n)$/, ',\n$1'),
      emptied: '',
      'a-list': '[]\n',
      'valid-json-not-a-transcript': '{ "hello": "world" }\n',
      'bad-status': text.replace('"status": "completed"', '"status": "done"'),
    };
    for (const [name, content] of Object.entries(broken)) {
      expect(content, name).not.toBe(text);
      writeFileSync(join(sessions, `${name}.json`), content);
    }
    mkdirSync(join(sessions, 'a-folder.json'));
    // Saved by an editor that adds a byte order mark: still the same transcript.
    const bomId = '20261101-090000-b0b0';
    writeFileSync(
      join(sessions, `${bomId}.json`),
      `\ufeff${text.replace(/"startedAt": "[^"]+"/, '"startedAt": "2026-11-01T09:00:00.000Z"')}`,
    );

    const result = await spawnCli(['sessions'], { env: { MOCKPREP_HOME: home, NO_COLOR: '1', TZ: 'UTC' } });
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^\d{8}-\d{6}-\w+(?= {2})/gm)).toEqual([good.slice(0, -5), bomId]);
    const at = (name: string) => `mockprep: skipped ${join(sessions, name)}: `;
    // One line per file, in file-name order.
    expect(result.stderr.split('\n')).toEqual([
      `${at('a-folder.json')}cannot be read (it is a folder)`,
      expect.stringMatching(new RegExp(`^${at('a-list.json')}not a mockprep transcript \\(.*expected object, received array\\)$`)),
      expect.stringMatching(new RegExp(`^${at('bad-status.json')}not a mockprep transcript \\(status: .*completed.*\\)$`)),
      expect.stringMatching(new RegExp(`^${at('edited-quotes.json')}not valid JSON \\(.+\\)$`)),
      expect.stringMatching(new RegExp(`^${at('emptied.json')}not valid JSON \\(.+\\)$`)),
      expect.stringMatching(new RegExp(`^${at('trailing-comma.json')}not valid JSON \\(.+\\)$`)),
      expect.stringMatching(new RegExp(`^${at('valid-json-not-a-transcript.json')}not a mockprep transcript \\(version: .+\\)$`)),
      '',
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
