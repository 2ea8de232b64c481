import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatReview, runReview } from '../../src/commands/review.js';
import { transcriptSchema } from '../../src/core/transcript-schema.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { createOutput } from '../../src/io/output.js';
import { displayWidth } from '../../src/terminal/display-width.js';
import { runCli } from '../support/run-cli.js';
import { buildSessionFixtures, IDS, TRICKY_ANSWER } from '../support/session-fixtures.js';

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

const review = (args: string[]) => runCli(['review', ...args], { env: { MOCKPREP_HOME: fixtures, TZ: 'UTC' } });

describe('mockprep review', () => {
  it('shows a session question by question: prompt, the answer as typed, time, hints and when, key points, rating, notes', async () => {
    const result = await review(['20261120']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      `Session ${IDS.completed} · 2026-11-20 10:00 · Basics · Mini set · practice`,
      'Session complete.',
      '  answered 2 of 2 · skipped 0 · timed out 1',
      '  time used 5m · hints used 1 · key points covered 3 of 5 (60%) · self-rating 3.0',
      `Transcript: ${join(fixtures, 'sessions', `${IDS.completed}.json`)}`,
    ]);
    expect(result.stdout).toContain(
      [
        'Question 1 of 2 · answered · 1:30 of 2:00 · 1 hint',
        'Basics · easy · conceptual · #anthropic · #fundamentals',
        '',
        '  What does it mean for an AI system to be aligned?',
        '  Give one example of misalignment.',
        '',
        'Your answer:',
        '  │ Outer alignment asks whether the objective we wrote matches what we meant; a proxy optimised too hard drifts from it (Goodhart).',
        ...TRICKY_ANSWER.split('\n').map((line) => `  │ ${line}`),
        '',
        'Hints revealed:',
        '  1. at 0:20: Think about the gap between what we specify and what we want.',
        '',
        'What a strong answer covers (2 of 3 covered):',
        ' 1 ✔ Outer vs inner alignment — “Outer alignment asks whether the objective we wrote matches what we meant”',
        " 2 ✔ Goodhart's law — “a proxy optimised too hard drifts from it (Goodhart)”",
        ' 3 · Capabilities amplify misalignment',
      ].join('\n'),
    );
    expect(result.stdout).toContain(
      [
        'Follow-up 1 · answered · 0:30 of 0:45: How would you detect inner misalignment?',
        '  │ Probe the activations: ```ts',
        '  │ code',
        '  │ ```',
        '  Insights:',
        '    Length: 5 words, about 0:02 spoken (a 0:45 answer holds about 105)',
        '    Fillers and hedges: none',
        '',
        'Self-rating: 4 of 5',
        '',
        'Reference notes:',
        '  Outer alignment: the objective matches intent.',
      ].join('\n'),
    );
    expect(result.stdout).toContain('Question 2 of 2 · timed out · 3:00 of 3:00 · 0 hints');
    expect(result.stdout).toContain('  │ Reward hacking: the policy games the scorer\n');
    expect(result.stdout).toContain('Self-rating: 2 of 5');
  });

  it('latest is the newest readable session: the newer file from a future version is reported and passed over', async () => {
    const result = await review([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Session ${IDS.plain} `));
    expect(result.stderr).toBe(
      `mockprep: skipped ${join(fixtures, 'sessions', `${IDS.future}.json`)}: written by a newer mockprep (transcript version 2; this one reads version 1): update mockprep to read it\n`,
    );
    expect((await review(['latest'])).stdout).toBe(result.stdout);
  });

  it('shows an interrupted session with its draft and how to continue it', async () => {
    const result = await review([IDS.interrupted.slice(0, 12)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Session stopped; continue it with: mockprep resume');
    expect(result.stdout).toContain(
      'Question 2 of 2 · in progress · 0:40 of 3:00 · 0 hints\nBasics · medium · technical · #openai\n\n  What is a reward model and how can it go wrong?\n\nYour answer (a draft: the session stopped here):\n  │ A reward model learns from\n  │ human comparisons\n',
    );
    expect(result.stdout).toMatch(new RegExp(`This session is not finished; continue it with: mockprep resume ${IDS.interrupted}\\n$`));
  });

  it.each([
    [
      ['2026112'],
      2,
      /^mockprep: session id "2026112" is ambiguous: 5 sessions start with it \(20261124-070000-f00d, 20261123-080000-0a0a, 20261122-180000-e5f6 and 2 more\); type more of the id\n$/,
    ],
    [
      ['20261120-100000-a1b3'],
      2,
      /^mockprep: no session "20261120-100000-a1b3"\. Did you mean 20261120-100000-a1b2\? See them all with: mockprep sessions\n$/,
    ],
    [['../../etc/passwd'], 2, /^mockprep: no session "\.\.\/\.\.\/etc\/passwd"\. See them all with: mockprep sessions\n$/],
    [[IDS.damaged], 1, /^mockprep: cannot read session 20261119-120000-dead \(.*20261119-120000-dead\.json\): not valid JSON \(.*\)\n$/],
    [
      [IDS.future],
      1,
      /^mockprep: cannot read session 20261124-070000-f00d \(.*\): written by a newer mockprep \(transcript version 2; this one reads version 1\)/,
    ],
    [['a', 'b'], 2, /too many arguments/],
  ])('%j exits %i', async (args, code, stderr) => {
    const result = await review(args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(stderr);
    expect(result.stdout).toBe('');
  });

  it('never turns an id into a path: only files listed in the sessions folder are read', async () => {
    const store = createNodeFileStore();
    const read: string[] = [];
    const recording = {
      ...store,
      readText: (path: string) => {
        read.push(path);
        return store.readText(path);
      },
    };
    const ctx = {
      stdout: createOutput({ write: () => true }),
      stderr: createOutput({ write: () => true }),
      store: recording,
      dataDir: fixtures,
      env: {},
    };
    for (const id of ['../../etc/passwd', `../sessions/${IDS.completed}`, `${IDS.completed}/../${IDS.plain}`, '/etc/hostname']) {
      await expect(runReview({ session: id }, ctx)).rejects.toThrow(/^no session/);
    }
    expect(read).toEqual([]);
    await runReview({ session: IDS.completed }, ctx);
    expect(read).toEqual([join(fixtures, 'sessions', `${IDS.completed}.json`)]);
  });

  it.each([60, 100])('on a %i-column terminal every row is word-wrapped within the width (a pipe keeps lines whole)', (columns) => {
    for (const id of [IDS.completed, IDS.everything]) {
      const path = join(fixtures, 'sessions', `${id}.json`);
      const transcript = transcriptSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      const rows = formatReview(transcript, { id, path, out: { color: new Chalk({ level: 1 }), columns, isTTY: true } });
      // Only a single unbreakable word (the transcript's path) may be wider.
      const over = rows.map(stripVTControlCharacters).filter((row) => displayWidth(row) > columns && /\s\S/.test(row.trim()));
      expect(over).toEqual([]);
      const piped = formatReview(transcript, { id, path, out: { color: new Chalk({ level: 0 }), columns, isTTY: false } });
      expect(piped.length).toBeLessThan(rows.length);
    }
  });

  it('says there is nothing to review in an empty data folder', async () => {
    const result = await runCli(['review']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mockprep: no sessions yet in .*\/sessions; start one with: mockprep start\n$/);
  });
});
