import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { transcriptPath } from '../../src/io/session-files.js';
import { runCli } from '../support/run-cli.js';
import { buildSessionFixtures, copySessionFixtures, IDS, shiftTimes } from '../support/session-fixtures.js';
import { spawnCli } from '../support/spawn-cli.js';

// TZ in the process's own environment is the zone its Date already keeps: the built binary then
// reads dates from Date (context.ts processZone), where an in-process run given the same TZ in
// its environment (this process has another, or none) goes through Intl. The two must print the
// same, byte for byte, in zones with daylight saving north and south, half-hour changes, and on
// a day whose midnight never happens (Santiago, 2026-09-06).

const ZONES = ['Europe/Paris', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/New_York'];
/** Sessions moved into summer and onto the night Santiago's clocks jump, beside the November ones. */
const MOVED = {
  summer: { id: '20260703-223000-5a5a', startedAt: '2026-07-03T22:30:00Z' },
  jump: { id: '20260906-033000-6b6b', startedAt: '2026-09-06T03:30:00Z' },
};

let home: string;
beforeAll(async () => {
  home = copySessionFixtures(await buildSessionFixtures());
  const completed = JSON.parse(readFileSync(transcriptPath(home, IDS.completed), 'utf8')) as Transcript;
  for (const { id, startedAt } of Object.values(MOVED)) {
    const moved = shiftTimes({ ...completed, id }, Date.parse(startedAt) - Date.parse(completed.startedAt));
    writeFileSync(transcriptPath(home, id), JSON.stringify(moved, null, 2));
  }
});

describe('dates in the process zone', () => {
  it('sessions, review and export print what the Intl path prints, in five zones', async () => {
    expect(process.env.TZ ?? '').not.toBe(ZONES[0]);
    for (const zone of ZONES) {
      for (const args of [
        ['sessions'],
        ['review', MOVED.summer.id],
        ['export', MOVED.jump.id],
        ['export', 'latest'],
        ['stats', '--json'],
      ]) {
        const env = { MOCKPREP_HOME: home, NO_COLOR: '1', TZ: zone };
        const [spawned, inProcess] = await Promise.all([spawnCli(args, { env }), runCli(args, { env })]);
        const label = `${zone}: mockprep ${args.join(' ')}`;
        expect(spawned.code, label).toBe(inProcess.code);
        // stats --json says when it ran: the rest must match.
        const stable = (text: string) => text.replace(/"now": "[^"]*"/, '"now"');
        expect(stable(spawned.stdout), label).toBe(stable(inProcess.stdout));
      }
    }
    const paris = await spawnCli(['export', MOVED.summer.id], { env: { MOCKPREP_HOME: home, TZ: 'Europe/Paris' } });
    expect(paris.stdout).toContain('**Date:** 2026-07-04 00:30 GMT+2');
    const santiago = await spawnCli(['stats', '--json'], { env: { MOCKPREP_HOME: home, TZ: 'America/Santiago' } });
    expect(JSON.parse(santiago.stdout).timeZone).toBe('America/Santiago');
  });
});
