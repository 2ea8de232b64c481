import { beforeAll, describe, expect, it } from 'vitest';
import { main as fullMain } from '../../src/cli.js';
import type { CliIo } from '../../src/context.js';
import { main as directMain, parseDirectStats } from '../../src/direct-stats.js';
import { runCli } from '../support/run-cli.js';
import { buildSessionFixtures, copySessionFixtures } from '../support/session-fixtures.js';
import { makeTempDir } from '../support/temp-dir.js';

// stats and stats --json run without commander (src/direct-stats.ts); the launcher sends them
// there. What they print and exit with must be what the full CLI gives: each case runs both ways.

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

type Main = (argv: readonly string[], io: CliIo) => Promise<number>;

async function runWith(run: Main, argv: string[], home: string) {
  const result = await runCli(argv, { run, env: { TZ: 'UTC', MOCKPREP_HOME: home } });
  // The report's own clock reading differs between two runs.
  return { ...result, stdout: result.stdout.replace(/"now": "[^"]*"/, '"now": "…"') };
}

describe('parseDirectStats', () => {
  it.each<[string[], { json?: true } | null]>([
    [['stats'], {}],
    [['stats', '--json'], { json: true }],
    [['stats', '--json', '--json'], null],
    [['stats', '-c', 'basics'], null],
    [['stats', '--since', '30d'], null],
    [['stats', '--mode', 'live'], null],
    [['stats', '--help'], null],
    [['stats', 'extra'], null],
    [['sessions'], null],
    [[], null],
  ])('%j → %j', (argv, expected) => {
    expect(parseDirectStats(argv)).toEqual(expected);
  });
});

describe('stats without commander', () => {
  it.each([
    ['text', ['stats']],
    ['JSON', ['stats', '--json']],
  ])('%s: the same output and exit code both ways, damaged files reported alike', async (_name, argv) => {
    const home = copySessionFixtures(fixtures);
    const direct = await runWith(directMain, argv, home);
    const full = await runWith(fullMain, argv, home);
    expect(direct).toEqual(full);
    expect(direct.code).toBe(0);
    expect(direct.stdout).toContain(argv.includes('--json') ? '"weakest"' : 'Progress by category');
    expect(direct.stderr).toContain('skipped');
  });

  it('with no sessions yet, says so the same way', async () => {
    const home = makeTempDir();
    for (const argv of [['stats'], ['stats', '--json']]) {
      const direct = await runWith(directMain, argv, home);
      expect(direct).toEqual(await runWith(fullMain, argv, home));
      expect(direct.stdout.length).toBeGreaterThan(0);
    }
  });

  it('hands anything else to the full CLI', async () => {
    const home = copySessionFixtures(fixtures);
    const narrowed = await runWith(directMain, ['stats', '-c', 'basics'], home);
    expect(narrowed).toEqual(await runWith(fullMain, ['stats', '-c', 'basics'], home));
    expect(narrowed.code).toBe(0);
    const help = await runWith(directMain, ['stats', '--help'], home);
    expect(help.stdout).toContain('Usage: mockprep stats');
  });
});
