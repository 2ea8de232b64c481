import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DURATION_SEC, parseDuration } from '../../src/core/duration.js';
import { nextAnnouncement } from '../../src/terminal/plain-interview-ui.js';
import { MINI_SET_PATH, makeMiniTranscript } from '../support/fixture-sets.js';
import { spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// Huge numbers. `-t 99999999h`, `--total 99999999h`, a set's `time: 9999999999h` or a transcript's
// `limitSec: 1e308` used to end plain mode in a V8 fatal error (an announcement per minute of the
// limit, computed up front), the answer lost. Durations are capped at 24h with a located error,
// the announcements are computed one at a time, and a transcript's values are checked on read.

describe('durations are at most 24h', () => {
  it.each([
    ['24h', MAX_DURATION_SEC],
    ['23h59m60s', MAX_DURATION_SEC],
    ['24h1s', null],
    ['99999999h', null],
    [`${'9'.repeat(400)}s`, null],
  ])('%s → %s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    [
      ['-t', '99999999h'],
      "mockprep: option '-t, --time <duration>' argument '99999999h' is invalid. expected a duration of at most 24h.\n",
    ],
    [
      ['--total', '99999999h'],
      "mockprep: option '--total <duration>' argument '99999999h' is invalid. expected a duration of at most 24h.\n",
    ],
  ])('start %j is one line, exit 2', async (args, line) => {
    const result = await spawnCli(['start', '--plain', '-s', MINI_SET_PATH, ...args], { input: 'an answer\n/done\n' });
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: line });
  });

  it('a set with time: 9999999999h is refused at its line and column', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'long.yaml');
    writeFileSync(file, readFileSync(MINI_SET_PATH, 'utf8').replace('    time: 2m\n', '    time: 9999999999h\n'));
    const result = await spawnCli(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${file}:15:11: questions[0] (define-alignment).time must be at most 24h\n✖ 1 problem in 1 file\n`);
  });

  it('announcements are computed one at a time, whatever the limit', () => {
    const now = 1_000_000;
    const far = now + 1e15;
    const at = nextAnnouncement(now, far);
    // The next whole minute under what is left, found without listing the minutes.
    expect(at).not.toBeNull();
    expect(((far - (at ?? 0)) / 1000) % 60).toBe(0);
    expect(at).toBeGreaterThan(now);
    expect(at).toBeLessThanOrEqual(now + 60_000);
  });
});

describe('extreme values in a transcript are refused on read, by name', () => {
  const base = makeMiniTranscript({ now: Date.parse('2026-11-20T10:00:00Z') });
  const shown = base.startedAt;
  const finished = (changes: Record<string, unknown>) => ({
    ...base,
    status: 'interrupted',
    endReason: 'quit',
    items: base.items.map((item, i) => (i === 0 ? { ...item, shownAt: shown, finishedAt: shown, answer: 'a', ...changes } : item)),
  });
  const CASES: [name: string, transcript: unknown, message: string][] = [
    ['limitSec: 1e308', finished({ limitSec: 1e308 }), 'items.0.limitSec: more than 24h'],
    ['timeUsedMs: 1e307', finished({ timeUsedMs: 1e307 }), 'items.0.timeUsedMs: more than 168h'],
    [
      'totalLimitSec: 1e308',
      { ...finished({}), settings: { ...base.settings, totalLimitSec: 1e308 } },
      'settings.totalLimitSec: more than 24h',
    ],
    [
      '4 of 3 key points touched',
      finished({ keyPointsTouched: [0, 1, 2, 3] }),
      'items.0.keyPointsTouched: key point 3 of a question with 3',
    ],
    ['the year 271822', { ...finished({}), startedAt: '+271822-01-01T00:00:00.000Z' }, 'startedAt: not a date of years 0000 to 9999'],
  ];

  it.each(CASES)('%s', async (_name, transcript, message) => {
    const home = makeTempDir();
    const sessions = join(home, 'sessions');
    mkdirSync(sessions);
    const id = '20261120-100000-beef';
    writeFileSync(join(sessions, `${id}.json`), JSON.stringify({ ...(transcript as object), id }));
    const line = `mockprep: skipped ${join(sessions, `${id}.json`)}: not a mockprep transcript (${message})\n`;
    const listed = await spawnCli(['sessions'], { env: { MOCKPREP_HOME: home } });
    expect(listed).toMatchObject({ code: 1, stdout: '' });
    expect(listed.stderr).toBe(`${line}mockprep: no transcript in ${sessions} could be read\n`);
    const resumed = await spawnCli(['resume', id, '--plain'], { env: { MOCKPREP_HOME: home }, input: 'an answer\n/done\n' });
    expect(resumed).toMatchObject({ code: 1, stdout: '' });
    expect(resumed.stderr).toBe(
      `mockprep: cannot read session ${id} (${join(sessions, `${id}.json`)}): not a mockprep transcript (${message})\n`,
    );
  });
});
