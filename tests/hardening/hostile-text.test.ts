import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatUnsavedAnswers } from '../../src/interview/run-interview.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';
import { confirmChecklist, spawnInPty } from '../support/pty.js';
import { spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// A question set written to attack the terminal (tests/fixtures/hostile/hostile.yaml): screen
// clears, cursor moves, OSC 8 links, OSC 52 clipboard writes, a window-title change, bells, 8-bit
// C1 controls, backspaces, carriage returns, DEL, a right-to-left override and a cursor-position
// query in every text field. None of it may reach the terminal; the text around it must.

const HOSTILE = fileURLToPath(new URL('../fixtures/hostile/hostile.yaml', import.meta.url));

// Every C0 control but tab and newline, DEL, C1, and the bidi overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// The program's own colours (SGR) when colour is forced; nothing else may start with ESC.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the program's own escapes
const SGR = /\u001b\[[0-9;]*m/g;

// Payloads that would only be in the output if a hostile sequence got through whole.
const PAYLOADS = ['pwned-title', 'http://evil.example', 'aGFja2Vk', 'aGludA==', 'cmVk', 'bm90ZXM=', 'c2Vjb25k', ']52;', ']8;;', ']0;'];

/** Fails with the offending character and what surrounds it, so a failure says where. */
function expectNoControls(output: string, where: string): void {
  const match = CONTROL.exec(output);
  const context = match ? JSON.stringify(output.slice(Math.max(0, match.index - 40), match.index + 40)) : '';
  expect(match, `${where}: control character U+${match?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} in ${context}`).toBeNull();
  for (const payload of PAYLOADS) expect(output, `${where}: ${payload}`).not.toContain(payload);
}

/** Runs the binary; both NO_COLOR (no escape at all allowed) and FORCE_COLOR (only SGR colours allowed). */
async function runBoth(args: string[], options: { env?: Record<string, string>; input?: string } = {}) {
  const plain = await spawnCli(args, { ...options, env: { ...options.env, NO_COLOR: '1' } });
  const coloured = await spawnCli(args, { ...options, env: { ...options.env, FORCE_COLOR: '1' } });
  return { plain, coloured };
}

function expectClean(result: { plain: { stdout: string; stderr: string }; coloured: { stdout: string; stderr: string } }, where: string) {
  expectNoControls(result.plain.stdout + result.plain.stderr, `${where} (NO_COLOR)`);
  // A positive control: colour is really on, so the check below is about hostile escapes only.
  expect(result.coloured.stdout).toMatch(SGR);
  expectNoControls((result.coloured.stdout + result.coloured.stderr).replace(SGR, ''), `${where} (FORCE_COLOR)`);
}

// What an answer typed (or piped) by the user may hold: a clipboard write, a screen clear, a
// bell, an 8-bit CSI (UTF-8 encoded), a backspace and DEL.
const TYPED = 'typed \u001b]52;c;dHlwZWQ=\u0007 answer \u001b[2J\u0007 \u009b2J with\b\u007f escapes';
const TYPED_SHOWN = 'typed  answer   with escapes';

const PLAIN_INPUT = [
  TYPED,
  '/hint',
  '/hint',
  '/done',
  'follow-up \u001b[H\u001b]8;;http://evil.example\u0007answer\u001b]8;;\u0007',
  '/done',
  '/notes',
  '4',
  'second answer',
  '/done',
  '',
  '',
].join('\n');

describe('a hostile question set', () => {
  it('really holds the attacks (the fixture is a valid set)', async () => {
    const set = parse(readFileSync(HOSTILE, 'utf8')) as { title: string; questions: { prompt: string }[] };
    const prompt = set.questions[0]?.prompt ?? '';
    for (const attack of [
      '\u001b[2J',
      '\u001b]8;;',
      '\u001b]52;',
      '\u0007',
      '\u009b',
      '\u009d',
      '\b',
      '\r',
      '\u007f',
      '\u202e',
      '\u001b[6n',
      '\u001bP',
    ]) {
      expect(prompt).toContain(attack);
    }
    expect(set.title).toContain('\u001b]0;pwned-title');
    const result = await spawnCli(['validate', HOSTILE]);
    expect(result.code).toBe(0);
    // Valid, with warnings about its thin key points (their text shown without the escapes).
    expect(result.stdout).toMatch(/\n✔ 1 file valid: 1 set, 2 questions; 2 warnings about key points\n$/);
  });

  it('list shows the titles and prompts without their escapes', async () => {
    const sets = await runBoth(['list', '-s', HOSTILE]);
    expectClean(sets, 'list');
    expect(sets.plain.stdout).toContain('SET-TITLE done  hostile · 2 questions');
    expect(sets.plain.stdout).toMatch(/evil\s+CAT-TITLE end\s+2/);

    const category = await runBoth(['list', '-s', HOSTILE, 'evil']);
    expectClean(category, 'list evil');
    expect(category.plain.stdout).toContain('CAT-TITLE end (hostile/evil)');
    expect(category.plain.stdout).toContain('PROMPT-A wipedLINK-TEXT then clip bell c1 oscBS');
    expect(category.plain.stdout).toContain('SECOND-PROMPT end');

    // JSON escapes controls anyway; the values themselves must be clean too.
    const json = await spawnCli(['list', '-s', HOSTILE, '--json']);
    expect(json.code).toBe(0);
    expectNoControls(
      JSON.stringify(JSON.parse(json.stdout), (_key, value) => value),
      'list --json values',
    );
    expect(json.stdout).not.toContain('\\u001b');
  });

  it('the plain interview, then review and export, show the text and the typed answers without escapes', async () => {
    const home = makeTempDir();
    const args = ['start', '--plain', '-s', HOSTILE, '--order', 'in-order', '-n', '2'];
    const run = await runBoth(args, { env: { MOCKPREP_HOME: home }, input: PLAIN_INPUT });
    expect(run.plain.code).toBe(0);
    expect(run.coloured.code).toBe(0);
    expectClean(run, 'plain interview');
    const out = run.plain.stdout;
    expect(out).toContain('Question 1 of 2 · CAT-TITLE end · easy · conceptual · #hostile');
    expect(out).toContain('PROMPT-A wipedLINK-TEXT then clip bell c1 oscBS\nCRDELRLO PROMPT-END');
    expect(out).toContain('Hint 1: HINT-ONE end');
    expect(out).toContain('Hint 2: HINT-TWO end');
    expect(out).toContain('FOLLOWUPlink end');
    expect(out).toContain('KEYPOINTlink end');
    // /notes shows the answer next to the notes: the typed escapes are gone there too.
    expect(out).toContain(`Your answer\n${TYPED_SHOWN}\n`);
    expect(out).toContain('NOTES\nline two end');
    expect(out).toContain('- REDFLAG end');
    expect(out).toContain('SECOND-PROMPT end');

    // The transcript keeps the answer exactly as typed (it is the user's own text)...
    const sessions = join(home, 'sessions');
    const files = readdirSync(sessions).filter((name) => name.endsWith('.json'));
    expect(files).toHaveLength(2);
    const saved = files.map((name) => JSON.parse(readFileSync(join(sessions, name), 'utf8')) as { items: { answer: string }[] });
    expect(saved.map((transcript) => transcript.items[0]?.answer)).toEqual([TYPED, TYPED]);

    // ...and every command that shows it cleans it on the way out.
    for (const command of [['review'], ['export'], ['export', '--format', 'json'], ['sessions'], ['stats']]) {
      const shown = await runBoth(command, { env: { MOCKPREP_HOME: home } });
      expect(shown.plain.code, command.join(' ')).toBe(0);
      expectNoControls(shown.plain.stdout + shown.plain.stderr, `${command.join(' ')} (NO_COLOR)`);
      expectNoControls((shown.coloured.stdout + shown.coloured.stderr).replace(SGR, ''), `${command.join(' ')} (FORCE_COLOR)`);
    }
    const review = (await spawnCli(['review'], { env: { MOCKPREP_HOME: home, NO_COLOR: '1' } })).stdout;
    expect(review).toContain('SET-TITLE done');
    expect(review).toContain('  PROMPT-A wipedLINK-TEXT then clip bell c1 oscBS\n  CRDELRLO PROMPT-END');
    expect(review).toContain(`│ ${TYPED_SHOWN}`);
    expect(review).toContain('2. at 0:00: HINT-TWO end');
    expect(review).toContain('FOLLOWUPlink end');
    expect(review).toContain('│ follow-up answer');
    expect(review).toContain('  - REDFLAG end');

    const markdown = (await spawnCli(['export'], { env: { MOCKPREP_HOME: home } })).stdout;
    expect(markdown).toContain('**Question set:** SET-TITLE done (SOURCEclick; license LICENSE)');
    expect(markdown).toContain('> PROMPT-A wipedLINK-TEXT then clip bell c1 oscBS  \n> CRDELRLO PROMPT-END');
    expect(markdown).toContain(`\`\`\`text\n${TYPED_SHOWN}\n\`\`\``);
    expect(markdown).toContain('**Follow-up 1:** FOLLOWUPlink end');
    expect(markdown).toContain('> NOTES  \n> line two end');

    // The same document written to a file with -o.
    const file = join(makeTempDir(), 'session.md');
    const written = await spawnCli(['export', '-o', file], { env: { MOCKPREP_HOME: home } });
    expect(written.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(markdown);
  });

  it('the full-screen interview in a terminal never writes the hostile sequences', async () => {
    const home = makeTempDir();
    const session = spawnInPty(['start', '-s', HOSTILE, '--order', 'in-order', '-n', '1', '-t', '5m'], { env: { MOCKPREP_HOME: home } });
    await session.waitFor(/Question 1 of 1[\s\S]*Your answer/);
    // Typed (or pasted) escapes in the answer: a clipboard write, a link, a cursor move, the
    // alternate screen, a bell and an 8-bit CSI.
    session.write('typed \u001b]52;c;dHlwZWQ=\u0007 one \u001b[7;7H two \u001b[?1049h three\u0007 \u009b7;7H four');
    await session.waitFor(/four/);
    session.write('\u0014');
    await session.waitFor(/Hint 1: HINT-ONE end/);
    session.write('\u0014');
    await session.waitFor(/Hint 2: HINT-TWO end/);
    session.write('\u0013');
    await session.waitFor(/FOLLOWUPlink end[\s\S]*Your answer/);
    session.write('follow-up answer');
    await session.waitFor(/follow-up answer/);
    session.write('\u0013');
    await confirmChecklist(session);
    await session.waitFor(/Rate your answer/);
    let mark = session.text().length;
    session.write('n');
    await session.waitFor(/REDFLAG end[\s\S]*Rate your answer/, { from: mark });
    mark = session.text().length;
    session.write('4');
    await session.waitFor(/Session complete\./, { from: mark });
    expect((await session.exited).exitCode).toBe(0);

    const raw = session.raw();
    // Each hostile sequence sat between two visible characters: those now touch in the raw
    // output, so nothing (not even a colour) was left between them.
    for (const seen of [
      'CAT-TITLE end',
      'PROMPT-A wipedLINK-TEXT then clip bell c1 oscBS',
      'CRDELRLO PROMPT-END',
      'HINT-ONE end',
      'HINT-TWO end',
      'FOLLOWUPlink end',
      'KEYPOINTlink end',
      'NOTES',
      'line two end',
      'REDFLAG end',
    ]) {
      expect(raw, seen).toContain(seen);
    }
    for (const attack of [
      ...PAYLOADS,
      '\u0007',
      '\u001b[6n',
      '\u001bP',
      '\u001b[5;5H',
      '\u001b[7;7H',
      '\u001b[?1049h',
      '\u009b',
      '\u009d',
      '\u202e',
      '\b',
      '\u007f',
    ]) {
      expect(raw, JSON.stringify(attack)).not.toContain(attack);
    }
    // No C1 control at all (the program's own escapes are 7-bit).
    expect(raw).not.toMatch(/[\u0080-\u009f]/);
    const dir = join(home, 'sessions');
    const [file] = readdirSync(dir);
    // What readline did not read as a key stays as visible text ("52;c;..."), minus the controls.
    const answer = (JSON.parse(readFileSync(join(dir, file ?? ''), 'utf8')) as { items: { answer: string }[] }).items[0]?.answer ?? '';
    expect(answer).toMatch(/^typed .* one .* two .* three .* four$/);
    expectNoControls(answer, 'the typed answer');
    expect(raw).toContain(answer);
  });

  it('answers printed because the transcript could not be saved are shown without their escapes', () => {
    const transcript = makeMiniTranscript();
    const [first, ...rest] = transcript.items;
    if (!first) throw new Error('the mini transcript has no items');
    const items = [{ ...first, shownAt: transcript.startedAt, answer: TYPED }, ...rest];
    const text = formatUnsavedAnswers({ ...transcript, items });
    expectNoControls(text, 'the unsaved answers');
    expect(text).toContain(`\n${TYPED_SHOWN}\n`);
  });
});
