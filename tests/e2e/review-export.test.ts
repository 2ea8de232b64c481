import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tokens } from 'marked';
import { lexer } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { dateTimeViaIntl } from '../support/intl-date.js';
import { confirmChecklist, spawnInPty } from '../support/pty.js';
import { buildSessionFixtures, copySessionFixtures, IDS, shiftTimes, TRICKY_ANSWER } from '../support/session-fixtures.js';
import { BIN, ROOT, spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// The built binary over a folder of real transcripts (see tests/support/session-fixtures.ts):
// output lines and exit codes as a user or a script sees them.

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

const run = (args: string[], options: { home?: string; input?: string } = {}) =>
  spawnCli(args, { env: { MOCKPREP_HOME: options.home ?? fixtures, TZ: 'UTC' }, input: options.input });

describe('sessions, review, export and resume: the built binary', () => {
  it('sessions lists newest first and names each unreadable file on stderr, exit 0', async () => {
    const result = await run(['sessions']);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^\S+(?= {2}2026-)/gm)).toEqual([IDS.plain, IDS.interrupted, IDS.everything, IDS.completed]);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^mockprep: skipped .*notes\.txt: not a transcript/),
      expect.stringMatching(new RegExp(`^mockprep: skipped .*${IDS.damaged}\\.json: not valid JSON`)),
      expect.stringMatching(new RegExp(`^mockprep: skipped .*${IDS.future}\\.json: written by a newer mockprep`)),
    ]);
    const json = await run(['history', '--json']);
    expect(JSON.parse(json.stdout).sessions).toHaveLength(4);
  });

  it('review prints a session; unknown ids exit 2, damaged ones exit 1, never a stack trace', async () => {
    const result = await run(['review', IDS.completed.slice(0, 8)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Session ${IDS.completed} · 2026-11-20 10:00 · Basics · Mini set · practice`);
    expect(result.stdout).toContain(
      TRICKY_ANSWER.split('\n')
        .map((line) => `  │ ${line}`)
        .join('\n'),
    );
    const unknown = await run(['review', '../../etc/passwd']);
    expect(unknown).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'mockprep: no session "../../etc/passwd". See them all with: mockprep sessions\n',
    });
    const damaged = await run(['review', IDS.damaged]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).not.toMatch(/\n\s+at /);
  });

  it('export --all in a terminal shows a spinner on stderr while it writes, then the result', async () => {
    const out = join(makeTempDir(), 'exports');
    const session = spawnInPty(['export', '--all', '-o', out], { env: { MOCKPREP_HOME: fixtures, TZ: 'UTC' } });
    expect((await session.exited).exitCode).toBe(0);
    expect(session.text()).toContain('Exporting 4 sessions…');
    expect(session.text()).toContain(`Exported 4 sessions to ${out}`);
    expect(readdirSync(out)).toHaveLength(4);
  });

  it('export writes markdown that parses back, JSON that validates, and --all one file per session', async () => {
    const markdown = await run(['export', IDS.completed]);
    expect(markdown.code).toBe(0);
    const code = lexer(markdown.stdout).filter((token): token is Tokens.Code => token.type === 'code');
    expect(code[0]?.text).toBe(
      `Outer alignment asks whether the objective we wrote matches what we meant; a proxy optimised too hard drifts from it (Goodhart).\n${TRICKY_ANSWER}`,
    );
    const json = await run(['export', IDS.everything, '--format', 'json']);
    expect(transcriptSchema.parse(JSON.parse(json.stdout)).id).toBe(IDS.everything);
    const out = join(makeTempDir(), 'all');
    const all = await run(['export', '--all', '-o', out]);
    expect(all).toMatchObject({ code: 0, stdout: `Exported 4 sessions to ${out}\n` });
    expect(readdirSync(out)).toHaveLength(4);
    expect((await run(['export', '--all'])).code).toBe(2);
  });

  it('resume continues the interrupted session in plain mode and completes it in the same file', async () => {
    const home = copySessionFixtures(fixtures);
    const result = await run(['resume'], { home, input: 'and reward hacking\n/done\n5\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[your saved draft, which new lines continue:]\nA reward model learns from\nhuman comparisons');
    const transcript = transcriptSchema.parse(JSON.parse(readFileSync(join(home, 'sessions', `${IDS.interrupted}.json`), 'utf8')));
    expect(transcript.status).toBe('completed');
    expect(transcript.items[1]?.answer).toBe('A reward model learns from\nhuman comparisons\nand reward hacking');
    const again = await run(['resume', IDS.interrupted], { home });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is already completed \(2 of 2 answered\): nothing to resume/);
  });

  it('a long output reaches a slow reader whole before the process leaves (direct commands exit once it is written)', async () => {
    // A transcript whose answer is 400 KB: its review is several times what a pipe holds.
    const home = copySessionFixtures(fixtures);
    const path = join(home, 'sessions', `${IDS.completed}.json`);
    const transcript = JSON.parse(readFileSync(path, 'utf8'));
    transcript.items[0].answer = Array.from({ length: 8000 }, (_, i) => `line ${i} of a long answer, every word of it kept`).join('\n');
    writeFileSync(path, JSON.stringify(transcript, null, 2));
    const direct = await run(['review', IDS.completed], { home });
    expect(direct.code).toBe(0);
    expect(direct.stdout).toContain('line 7999 of a long answer');
    // The same through a reader that waits before it reads: nothing cut, the same exit.
    const piped = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('sh', ['-c', `"${process.execPath}" "${BIN}" review ${IDS.completed} | (sleep 0.5; cat)`], {
        env: { PATH: process.env.PATH, HOME: makeTempDir(), MOCKPREP_HOME: home, TZ: 'UTC' },
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
      });
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(piped.code).toBe(0);
    expect(piped.out).toBe(direct.stdout);
  });

  it('stats prints categories and the weakest questions', async () => {
    const result = await run(['stats']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Progress by category · 4 sessions\n/);
    expect(result.stdout).toContain('1. mini/reward-model (Basics)');
  });
});

describe('review and export: what they load', () => {
  const TRACE = fileURLToPath(new URL('../support/trace-imports.mjs', import.meta.url));

  /** The files of dist/ the binary loaded for `args`, and the npm packages bundled in them (by esbuild's metafile). */
  async function loaded(args: string[]) {
    const result = await spawnCli(args, { env: { MOCKPREP_HOME: fixtures, TZ: 'UTC', NODE_OPTIONS: `--import=${TRACE}` } });
    const metafile = JSON.parse(readFileSync(join(ROOT, 'dist', 'metafile.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown> }>;
    };
    const files = [...result.stderr.matchAll(/^import: file:\/\/(.*)$/gm)]
      .map((match) => relative(ROOT, match[1] ?? ''))
      .filter((file) => file.startsWith('dist/'));
    const packages = new Set(
      files.flatMap((file) =>
        Object.keys(metafile.outputs[file]?.inputs ?? {}).flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? []),
      ),
    );
    return { code: result.code, files, packages };
  }

  it('review and export of one session load their own bundle: no commander, no zod, no chalk without colour', async () => {
    for (const args of [['review'], ['review', 'latest'], ['export', 'latest'], ['export', IDS.completed, '-f', 'json']]) {
      const run = await loaded(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.files[0], args.join(' ')).toBe('dist/direct/commands.cjs');
      expect(
        run.files.filter((file) => file !== 'dist/direct/commands.cjs'),
        args.join(' '),
      ).toEqual([]);
      expect([...run.packages], args.join(' ')).toEqual([]);
    }
  });

  it('anything else they are given goes to the full CLI, commander and all (a control)', async () => {
    const help = await loaded(['review', '--help']);
    expect(help.code).toBe(0);
    expect(help.files).toContain('dist/cli.js');
    expect(help.packages.has('commander')).toBe(true);
  });
});

describe('resume in a terminal', () => {
  it('quits mid-answer with Ctrl-C, then resume brings the draft back into the answer box', async () => {
    const home = makeTempDir();
    const first = spawnInPty(['start', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '2', '--order', 'in-order', '--follow-ups', '0'], {
      env: { MOCKPREP_HOME: home },
    });
    await first.waitFor(/Question 1 of 2 · Basics · easy[\s\S]*Your answer/);
    first.write('Outer alignment is about the objective.');
    first.write('\u0013');
    await confirmChecklist(first);
    await first.waitFor(/Rate your answer/);
    first.write('4');
    await first.waitFor(/Question 2 of 2 · Basics · medium/);
    first.write('A reward model is trained\rON HUMAN');
    await first.waitFor(/ON HUMAN/);
    first.write('\u0003');
    expect((await first.exited).exitCode).toBe(130);

    const second = spawnInPty(['resume'], { env: { MOCKPREP_HOME: home } });
    await second.waitFor(/Question 2 of 2 · Basics · medium[\s\S]*A reward model is trained[\s\S]*ON HUMAN/);
    second.write(' preferences.');
    await second.waitFor(/ON HUMAN preferences\./);
    second.write('\u0013');
    await confirmChecklist(second);
    await second.waitFor(/Rate your answer/);
    second.write('3');
    await second.waitFor(/Session complete\./);
    expect((await second.exited).exitCode).toBe(0);

    const files = readdirSync(join(home, 'sessions')).filter((name) => name.endsWith('.json'));
    expect(files).toHaveLength(1);
    const transcript = transcriptSchema.parse(JSON.parse(readFileSync(join(home, 'sessions', files[0] ?? ''), 'utf8')));
    expect(transcript.status).toBe('completed');
    expect(transcript.items.map((item) => [item.answer, item.selfRating])).toEqual([
      ['Outer alignment is about the objective.', 4],
      ['A reward model is trained\nON HUMAN preferences.', 3],
    ]);
  });
});

describe("the export date line in the process's own zone", () => {
  // Without TZ naming another zone, dates are formatted from Date's local getters, and whether the
  // zone is UTC is asked of Date once per year (format-date.ts): a zone at offset 0 that is not
  // UTC (London in winter) still gets its own name, and other offsets theirs, as Intl gives them.
  it('names the zone of each date as Intl does, in UTC and in London, winter and summer, across years', async () => {
    const home = copySessionFixtures(fixtures);
    const dir = join(home, 'sessions');
    const source = JSON.parse(readFileSync(join(dir, `${IDS.completed}.json`), 'utf8'));
    const starts = ['2025-01-10T10:00:00.000Z', '2025-07-10T10:00:00.000Z', '2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z'];
    starts.forEach((start, i) => {
      const id = `${start.slice(0, 10).replaceAll('-', '')}-${start.slice(11, 13)}${start.slice(14, 16)}00-bee${i}`;
      const moved = shiftTimes(source, Date.parse(start) - Date.parse(source.startedAt));
      writeFileSync(join(dir, `${id}.json`), `${JSON.stringify({ ...moved, id }, null, 2)}\n`);
    });
    for (const zone of ['Europe/London', 'UTC']) {
      const out = makeTempDir();
      const result = await spawnCli(['export', '--all', '-o', out], { env: { MOCKPREP_HOME: home, TZ: zone } });
      expect(result.code).toBe(0);
      const viaIntl = dateTimeViaIntl(zone);
      const names = new Set<string>();
      for (const file of readdirSync(out)) {
        const id = file.replace(/\.md$/, '');
        const transcript = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8'));
        const expected = `- **Date:** ${viaIntl(new Date(transcript.startedAt))}`;
        names.add(expected.split(' ').at(-1) as string);
        expect(readFileSync(join(out, file), 'utf8').split('\n'), `${zone} ${file}`).toContain(expected);
      }
      // London's winter and summer names both, against UTC's one.
      expect(names.size, zone).toBe(zone === 'UTC' ? 1 : 2);
    }
  });
});
