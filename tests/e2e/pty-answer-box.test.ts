import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { displayWidth } from '../../src/terminal/display-width.js';
import { MINI_SET_PATH, WIDE_SET_PATH } from '../support/fixture-sets.js';
import { confirmChecklist, spawnInPty } from '../support/pty.js';
import { BIN, ROOT } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { createVirtualScreen } from '../support/virtual-screen.js';

// The answer box in a real pseudo-terminal, one test per failure of issue 11: each drives the
// built binary as a person at a terminal would and reads the transcript it saved.

const KEY = {
  ctrlC: '\u0003',
  ctrlS: '\u0013',
  ctrlZ: '\u001a',
  home: '\u001b[H',
  left: '\u001b[D',
  paste: (text: string) => `\u001b[200~${text}\u001b[201~`,
};
const UNTIMED = ['start', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '1', '--order', 'in-order', '-t', 'off'];

function transcriptsIn(home: string): Transcript[] {
  const dir = join(home, 'sessions');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => transcriptSchema.parse(JSON.parse(readFileSync(join(dir, name), 'utf8'))));
}
const onlyTranscript = (home: string) => {
  const all = transcriptsIn(home);
  expect(all).toHaveLength(1);
  return all[0] as Transcript;
};
/** Waits (up to the deadline) until the saved draft of the first question satisfies `test`. */
async function draftOnDisk(home: string, test: (answer: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let answer = '';
  for (;;) {
    try {
      answer = transcriptsIn(home)[0]?.items[0]?.answer ?? '';
    } catch {
      // A transcript being renamed into place: read it again.
    }
    if (test(answer)) return answer;
    if (Date.now() > until) throw new Error(`the draft on disk never matched; last seen: ${JSON.stringify(answer.slice(0, 200))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openBox(args = UNTIMED, options: { cols?: number; rows?: number; stderrTo?: string; followUps?: boolean } = {}) {
  const home = makeTempDir();
  const session = spawnInPty(options.followUps ? args : [...args, '--follow-ups', '0'], {
    env: { MOCKPREP_HOME: home },
    cols: options.cols,
    rows: options.rows,
    stderrTo: options.stderrTo,
  });
  await session.waitFor(/Your answer \(Enter: new line\)/);
  return { home, session };
}

/** Submits (Ctrl-S), accepts the key-point checklist, skips the rating; exit 0, and the question as saved. */
async function submitUnrated(session: ReturnType<typeof spawnInPty>, home: string) {
  session.write(KEY.ctrlS);
  await confirmChecklist(session);
  await session.waitFor(/Rate your answer/);
  session.write('\r');
  expect((await session.exit()).exitCode).toBe(0);
  return onlyTranscript(home).items[0];
}

/** The interview started from an interactive bash in the terminal (job control needs a shell), up to its answer box. */
async function startInShell() {
  const home = makeTempDir();
  const command = `"${process.execPath}" "${BIN}" ${UNTIMED.join(' ')} --follow-ups 0`;
  const session = spawnInPty([], { env: { MOCKPREP_HOME: home, PS1: 'shell$ ' }, script: 'exec bash --norc --noprofile -i' });
  await session.waitFor(/shell\$ /);
  session.write(`${command}\r`);
  await session.waitFor(/Your answer \(Enter: new line\)/);
  return { home, session };
}

describe('the answer box in a pseudo-terminal (issue 11)', () => {
  it('1. applies a burst mid-line at the cursor, in order, as if typed slowly', async () => {
    const { home, session } = await openBox();
    session.write('hello world');
    session.write(KEY.home);
    session.write('AB');
    session.write(`${KEY.left.repeat(2)}${KEY.home}`);
    await session.waitFor(/ABhello world/);
    // One chunk: moves and text together.
    session.write(`\u001b[F${KEY.left.repeat(5)}12345`);
    await session.waitFor(/ABhello 12345world/);
    expect((await submitUnrated(session, home))?.answer).toBe('ABhello 12345world');
  });

  it('2. takes a 100 KB multi-line paste whole, and has it on disk while the box is still up', async () => {
    const { home, session } = await openBox();
    const paragraph = `${'reward hacking happens when the proxy diverges from intent '.repeat(20)}\n`;
    const paste = paragraph.repeat(Math.ceil(100_000 / paragraph.length)).trimEnd();
    expect(paste.length).toBeGreaterThan(100_000);
    session.write('start: ');
    session.write(KEY.paste(paste));
    session.write(' end');
    const saved = await draftOnDisk(home, (answer) => answer.endsWith(' end'));
    expect(saved).toBe(`start: ${paste} end`);
    expect((await submitUnrated(session, home))?.answer).toBe(`start: ${paste} end`);
  });

  it('3. Ctrl-Z saves the draft and gives the shell its terminal back; fg brings the box back, taking keys again', async () => {
    const { home, session } = await startInShell();
    session.write('before the stop');
    await session.waitFor(/before the stop/);
    let mark = session.text().length;
    session.write(KEY.ctrlZ);
    await session.waitFor(/Stopped[\s\S]*shell\$ /, { from: mark });
    // The draft reached the disk before the process stopped; the terminal is the shell's again.
    expect(onlyTranscript(home).items[0]?.answer).toBe('before the stop');
    expect(session.raw().slice(-400)).toContain('\u001b[?2004l');
    mark = session.text().length;
    session.write('fg\r');
    await session.waitFor(/Your answer \(Enter: new line\)/, { from: mark });
    session.write(' and after');
    await session.waitFor(/before the stop and after/, { from: mark });
    session.write(KEY.ctrlS);
    await confirmChecklist(session, { from: mark });
    await session.waitFor(/Rate your answer/, { from: mark });
    session.write('\r');
    await session.waitFor(/Session complete/, { from: mark });
    session.write('exit\r');
    await session.exit();
    expect(onlyTranscript(home)).toMatchObject({ status: 'completed' });
    expect(onlyTranscript(home).items[0]?.answer).toBe('before the stop and after');
  });

  it('3. Ctrl-Z at the rating prompt, then fg: the prompt takes its key (the process does not quit)', async () => {
    const { home, session } = await startInShell();
    session.write(`an answer${KEY.ctrlS}`);
    await confirmChecklist(session);
    await session.waitFor(/Rate your answer/);
    let mark = session.text().length;
    session.write(KEY.ctrlZ);
    await session.waitFor(/Stopped[\s\S]*shell\$ /, { from: mark });
    mark = session.text().length;
    session.write('fg\r');
    await session.waitFor(/mockprep/, { from: mark });
    await new Promise((resolve) => setTimeout(resolve, 300));
    session.write('4');
    await session.waitFor(/Session complete/, { from: mark });
    session.write('exit\r');
    await session.exit();
    expect(onlyTranscript(home)).toMatchObject({ status: 'completed', items: [{ answer: 'an answer', selfRating: 4 }] });
  });

  it('4. a closed terminal: the draft saved, status interrupted, no stack trace and no native assertion', async () => {
    const errors = join(makeTempDir(), 'stderr.txt');
    const { home, session } = await openBox(UNTIMED, { stderrTo: errors });
    session.write('typed just before the window closed');
    await session.waitFor(/typed just before the window closed/);
    session.close();
    const { exitCode } = await session.exit();
    const transcript = onlyTranscript(home);
    expect(transcript.status).toBe('interrupted');
    expect(transcript.items[0]?.answer).toBe('typed just before the window closed');
    const stderr = readFileSync(errors, 'utf8');
    expect(stderr).not.toMatch(/Assertion|at .*\.js|Error:|EIO/);
    expect(stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(exitCode).toBe(130);
  });

  it('5. Ctrl-C on an untouched follow-up keeps the follow-up empty, not the main answer', async () => {
    const { home, session } = await openBox(UNTIMED, { followUps: true });
    session.write('the main answer');
    session.write(KEY.ctrlS);
    await session.waitFor(/follow-up 1 of 1/);
    session.write(KEY.ctrlC);
    expect((await session.exit()).exitCode).toBe(130);
    const transcript = onlyTranscript(home);
    expect(transcript.status).toBe('interrupted');
    expect(transcript.items[0]?.answer).toBe('the main answer');
    expect(transcript.items[0]?.followUps[0]?.answer).toBe('');
  });

  it("6. time's up is shown; a key typed just after it is neither a rating nor text anywhere", async () => {
    const { home, session } = await openBox(['start', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '1', '--order', 'in-order', '-t', '3s']);
    session.write('partial answer');
    await session.waitFor(/Time's up/, { timeoutMs: 10_000 });
    session.write('3');
    session.write('more');
    await confirmChecklist(session);
    await session.waitFor(/Rate your answer/);
    const mark = session.text().length;
    session.write('\r');
    await session.waitFor(/Session complete/, { from: mark });
    expect((await session.exit()).exitCode).toBe(0);
    const item = onlyTranscript(home).items[0];
    expect(item).toMatchObject({ answer: 'partial answer', timedOut: true, selfRating: null });
    // Nor a toggle of the third key point in the checklist that came first.
    expect(item?.keyPointsCorrected).toBeUndefined();
  });

  it('7. a CRLF paste keeps its blank lines single, a bracketed paste keeps its line breaks', async () => {
    const { home, session } = await openBox();
    session.write(KEY.paste('para one\r\n\r\npara two\rline three'));
    session.write('\r');
    // Not bracketed (an old terminal): CRLF is one line break too.
    session.write('plain one\r\n\r\nplain two');
    await session.waitFor(/plain two/);
    expect((await submitUnrated(session, home))?.answer).toBe('para one\n\npara two\nline three\nplain one\n\nplain two');
  });

  it("8. plain mode from a terminal: the README's example completes with exit 0", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /```sh\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('### Plain mode')))?.[1] ?? '';
    const home = makeTempDir();
    const session = spawnInPty([], { env: { MOCKPREP_HOME: home }, script: `npx() { shift; mockprep "$@"; }\n${example}` });
    await session.waitFor(/Session complete\./);
    expect((await session.exit()).exitCode).toBe(0);
    expect(onlyTranscript(home).status).toBe('completed');
  });

  it.each([60, 100, 200])(
    '9. at %i columns: no row wider than the screen, words wrapped with an indent, the cursor after the text',
    async (cols) => {
      const { session } = await openBox(['start', '-s', WIDE_SET_PATH, '-t', 'off'], { cols, rows: 30 });
      const words = 'alignment means the system pursues what we intend rather than a proxy that merely correlates with it in training';
      session.write(`${words} ${words} ${words}`);
      // The status row counts the words once the whole text is in (and drawn).
      await session.waitFor(new RegExp(`· ${3 * words.split(' ').length} words`));
      const screen = createVirtualScreen(cols, 30);
      screen.write(session.raw());
      const rows = screen.text().split('\n');
      expect(rows.filter((row) => displayWidth(stripVTControlCharacters(row)) > cols)).toEqual([]);
      expect(rows[0]).toMatch(/^Question 1 of 1 · 広い文字 · Wide · easy/);
      const footer = rows.filter((row) => /submit/.test(row));
      expect(footer).toHaveLength(1);
      const answer = rows.filter(
        (row, i) => i > rows.findIndex((r) => r.startsWith('Your answer')) && row.startsWith('  ') && /[a-z]/.test(row),
      );
      expect(answer.length).toBeGreaterThan(cols >= 200 ? 1 : 2);
      for (const row of answer) expect(row).toMatch(/^ {2}\S/);
      // Every row ends at a word boundary: joined back with spaces, the rows are the text typed.
      expect(answer.map((row) => row.trim()).join(' ')).toBe(`${words} ${words} ${words}`);
      const last = answer.at(-1) ?? '';
      expect(screen.cursor()).toEqual({ row: rows.lastIndexOf(last), col: last.length });
      session.write(KEY.ctrlC);
      await session.exit();
    },
  );
});
