import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { displayWidth } from '../../src/terminal/display-width.js';
import { killStrayProcesses, within } from '../support/deadline.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import type { PtySession } from '../support/pty.js';
import { confirmChecklist, spawnInPty } from '../support/pty.js';
import { buildSessionFixtures, copySessionFixtures } from '../support/session-fixtures.js';
import { BIN, ROOT } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { createVirtualScreen } from '../support/virtual-screen.js';

// Odd terminals: the interview runs to its end (answer, submit, rate, summary, exit 0) on each,
// and a hang fails the test through a timeout (the process is then killed) instead of blocking.

const CTRL = { s: '\u0013' };
const START = ['start', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '1', '--order', 'in-order', '--follow-ups', '0'];
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding colour escapes is the point
const SGR = /\u001b\[[0-9;]*m/;
const WAIT_MS = 8000;

afterEach(killStrayProcesses);

function onlyTranscript(home: string): Transcript {
  const dir = join(home, 'sessions');
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  expect(files).toHaveLength(1);
  return transcriptSchema.parse(JSON.parse(readFileSync(join(dir, files[0] ?? ''), 'utf8')));
}

/** The full-screen interview: type, Ctrl-S, rate 4, summary, exit 0, and the answer on disk. */
async function sitFullScreen(terminal: PtySession, home: string, answer = 'Outer alignment and a proxy.') {
  await terminal.waitFor(/Question 1 of 1[\s\S]*Your answer/);
  terminal.write(answer);
  await terminal.waitFor(/a proxy\./);
  terminal.write(CTRL.s);
  await confirmChecklist(terminal);
  await terminal.waitFor(/Rate your answer/);
  const mark = terminal.text().length;
  terminal.write('4');
  await terminal.waitFor(/Session complete\.[\s\S]*Transcript: /, { from: mark });
  expect((await terminal.exit()).exitCode).toBe(0);
  const transcript = onlyTranscript(home);
  expect(transcript.status).toBe('completed');
  expect(transcript.items[0]).toMatchObject({ answer, selfRating: 4 });
}

/** Plain mode typed at a terminal: the question, lines, /done, a rating, the summary. */
async function sitPlain(terminal: PtySession, home: string) {
  await terminal.waitFor(/Question 1 of 1[\s\S]*Type your answer, then \/done/);
  terminal.write('Outer alignment and a proxy.\r/done\r');
  await terminal.waitFor(/rate your answer 1-5/);
  terminal.write('4\r');
  await terminal.waitFor(/Session complete\.[\s\S]*Transcript: /);
  expect((await terminal.exit()).exitCode).toBe(0);
  expect(onlyTranscript(home).items[0]).toMatchObject({ answer: 'Outer alignment and a proxy.', selfRating: 4 });
}

describe('odd terminals', () => {
  it('a terminal reporting 0 columns and 0 rows: the full screen falls back to 80×24 and runs to the end', async () => {
    const home = makeTempDir();
    const terminal = spawnInPty(START, { env: { MOCKPREP_HOME: home }, setup: 'stty cols 0 rows 0 && stty size' });
    // What the program's terminal reports, printed by stty before node starts.
    await terminal.waitFor(/^0 0\r\n/);
    await sitFullScreen(terminal, home);
    // The question screen is drawn, the wide way (nothing is wrapped at 0 or 1 columns).
    expect(terminal.text()).toContain('Question 1 of 1 · Basics · easy · conceptual · #anthropic · #fundamentals');
  });

  it.runIf(process.platform === 'linux')('a terminal resized to 0×0 mid-answer keeps working', async () => {
    const home = makeTempDir();
    const terminal = spawnInPty(START, { env: { MOCKPREP_HOME: home } });
    await terminal.waitFor(/Your answer/);
    terminal.write('Outer alignment');
    await terminal.waitFor(/Outer alignment/);
    // As a window manager does: set the size on the terminal device; the program gets SIGWINCH.
    execFileSync('stty', ['-F', terminal.device, 'cols', '0', 'rows', '0']);
    const mark = terminal.text().length;
    terminal.write(' and a proxy.');
    await terminal.waitFor(/and a proxy\./, { from: mark });
    terminal.write(CTRL.s);
    await confirmChecklist(terminal, { from: mark });
    await terminal.waitFor(/Rate your answer/, { from: mark });
    terminal.write('4');
    await terminal.waitFor(/Session complete\./, { from: mark });
    expect((await terminal.exit()).exitCode).toBe(0);
    expect(onlyTranscript(home).items[0]).toMatchObject({ answer: 'Outer alignment and a proxy.', selfRating: 4 });
  });

  it('a 20-column terminal: the question screen fits in 20 columns, and the interview runs to the end', async () => {
    const home = makeTempDir();
    const terminal = spawnInPty(START, { env: { MOCKPREP_HOME: home }, cols: 20, rows: 30 });
    await sitFullScreen(terminal, home);
    // The answer screen as drawn (rows placed by cursor moves), up to the feedback.
    const raw = terminal.raw();
    const screen = createVirtualScreen(20, 30);
    screen.write(raw.slice(0, raw.lastIndexOf('\u001b[2J', raw.indexOf('What a strong answer'))));
    const lines = screen.text().split('\n');
    expect(lines.some((line) => line.includes('What does it mean'))).toBe(true);
    expect(lines.filter((line) => displayWidth(line) > 20)).toEqual([]);
  });

  it('a 1×1 terminal: the screen is laid out at its minimum (10×3), wrapped by the terminal, and runs to the end', async () => {
    const home = makeTempDir();
    const terminal = spawnInPty(START, { env: { MOCKPREP_HOME: home }, cols: 1, rows: 1 });
    // The terminal puts every character on a row of its own: match with the line breaks taken out.
    const waitFlat = (pattern: RegExp, from = 0) => terminal.waitFor((text) => pattern.test(text.replace(/\s+/g, '')), { from: from });
    // Three rows of ten: what fits of the header, the answer's row, and the clock, clipped.
    await waitFlat(/Question[\s\S]*⏱2:00/);
    let mark = terminal.text().length;
    terminal.write('Proxy.');
    terminal.write(CTRL.s);
    await confirmChecklist(terminal, { from: mark });
    await waitFlat(/Rateyouranswer/, mark);
    mark = terminal.text().length;
    terminal.write('4');
    await waitFlat(/Sessioncomplete\.[\s\S]*Transcript:/, mark);
    expect((await terminal.exit()).exitCode).toBe(0);
    expect(onlyTranscript(home).items[0]).toMatchObject({ answer: 'Proxy.', selfRating: 4 });
  });

  it('TERM=dumb: plain mode on its own, not a single escape sequence', async () => {
    const home = makeTempDir();
    const terminal = spawnInPty(START, { env: { MOCKPREP_HOME: home, TERM: 'dumb' } });
    await sitPlain(terminal, home);
    expect(terminal.raw()).not.toContain('\u001b');
  });

  it('NO_COLOR=1: the full screen without a single colour or style', async () => {
    const home = makeTempDir();
    const terminal = spawnInPty(START, { env: { MOCKPREP_HOME: home, NO_COLOR: '1' } });
    await sitFullScreen(terminal, home);
    // A control: it is the full screen (cursor moves), just without colour.
    expect(terminal.raw()).toContain('\u001b[2J');
    expect(terminal.raw()).not.toMatch(SGR);
  });

  it('output piped to a file by a script: plain mode, the whole interview in the file, no escapes', async () => {
    const home = makeTempDir();
    const outPath = join(makeTempDir(), 'out.txt');
    const out = openSync(outPath, 'w');
    const child = spawn(process.execPath, [BIN, ...START], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: makeTempDir(), MOCKPREP_HOME: home, TERM: 'xterm-256color' },
      stdio: ['pipe', out, 'pipe'],
    });
    closeSync(out);
    const { stdin, stderr: errors } = child;
    if (!stdin || !errors) throw new Error('spawn gave no pipes');
    let stderr = '';
    errors.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    stdin.end('Outer alignment and a proxy.\n/done\n4\n');
    const code = await within(new Promise<number | null>((resolve) => child.on('close', resolve)), WAIT_MS, () => child.kill('SIGKILL'));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const written = readFileSync(outPath, 'utf8');
    expect(written).toMatch(/Question 1 of 1 · Basics[\s\S]*What a strong answer covers[\s\S]*Session complete\.[\s\S]*Transcript: /);
    expect(written).not.toContain('\u001b');
    expect(onlyTranscript(home).items[0]).toMatchObject({ answer: 'Outer alignment and a proxy.', selfRating: 4 });
  });

  it('output redirected to a file while typing at a terminal: plain mode reads the terminal, the file gets the interview', async () => {
    const home = makeTempDir();
    const outPath = join(makeTempDir(), 'out.txt');
    const terminal = spawnInPty(START, { env: { MOCKPREP_HOME: home }, stdoutTo: outPath });
    // The shell creates the file as it starts the program.
    const written = () => (existsSync(outPath) ? readFileSync(outPath, 'utf8') : '');
    await within(
      (async () => {
        while (!/Type your answer, then \/done/.test(written())) await new Promise((resolve) => setTimeout(resolve, 50));
      })(),
      WAIT_MS,
      () => {},
    );
    terminal.write('Outer alignment and a proxy.\r/done\r4\r');
    expect((await terminal.exit()).exitCode).toBe(0);
    expect(written()).toMatch(/What a strong answer covers[\s\S]*Session complete\.[\s\S]*Transcript: /);
    expect(written()).not.toContain('\u001b');
    // The terminal showed only what was typed (its echo): the program wrote nothing there.
    expect(terminal.text().replace(/\r\n/g, '\n')).toBe('Outer alignment and a proxy.\n/done\n4\n');
    expect(onlyTranscript(home).items[0]).toMatchObject({ answer: 'Outer alignment and a proxy.', selfRating: 4 });
  });
});

describe('spinners', () => {
  it('the one spinner (export --all, ora) stays off on a terminal reporting 0 columns, where ora would loop forever', async () => {
    const home = copySessionFixtures(await buildSessionFixtures());
    const out = join(makeTempDir(), 'exports');
    const zero = spawnInPty(['export', '--all', '-o', out], { env: { MOCKPREP_HOME: home }, setup: 'stty cols 0 rows 0 && stty size' });
    await zero.waitFor(/^0 0\r\n/);
    await zero.waitFor(/Exported 4 sessions to /);
    expect((await zero.exit()).exitCode).toBe(0);
    expect(zero.text()).not.toContain('Exporting 4 sessions…');
    // A control: on a terminal of normal size the spinner is drawn.
    const normal = spawnInPty(['export', '--all', '-o', join(makeTempDir(), 'exports')], { env: { MOCKPREP_HOME: home } });
    await normal.waitFor(/Exported 4 sessions to /);
    expect((await normal.exit()).exitCode).toBe(0);
    expect(normal.text()).toContain('Exporting 4 sessions…');
  });
});
