import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessProbe } from '../../src/io/session-lock.js';
import { acquireSessionLock, lockPath, readLockOwner } from '../../src/io/session-lock.js';
import { killStrayProcesses } from '../support/deadline.js';
import { MINI_SET_PATH, makeMiniTranscript } from '../support/fixture-sets.js';
import { createMemoryStore } from '../support/memory-store.js';
import { spawnCli, startCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// One writer per session. Before, `resume` with no id picked a session still running in another
// terminal, and two processes wrote one transcript (a completed session went back to
// `interrupted`, a rating lost). Now the process sitting a session holds a lock file created
// exclusively, with its pid and start time: `resume` refuses a running session in one line,
// `resume` without an id passes over it, `sessions` shows it as running, and a lock whose process
// is gone is stale and taken over.

afterEach(killStrayProcesses);

const START = ['start', '--plain', '-s', MINI_SET_PATH, '-c', 'basics', '-n', '2', '--order', 'in-order', '--follow-ups', '0'];
const OLD_ID = '20261119-100000-0ld0';
const RUNNING_LINE =
  /^mockprep: session \S+ is running in another mockprep \(process \d+, running since \d{4}-\d\d-\d\d \d\d:\d\d UTC\); finish it there first\n$/;

/** A data folder with one older interrupted session. */
function dataFolder(): string {
  const home = makeTempDir();
  mkdirSync(join(home, 'sessions'), { recursive: true, mode: 0o700 });
  const old = makeMiniTranscript({ now: Date.parse('2026-11-19T10:00:00Z'), limits: [60, 120] });
  writeFileSync(join(home, 'sessions', `${OLD_ID}.json`), JSON.stringify({ ...old, id: OLD_ID, status: 'interrupted', endReason: 'quit' }));
  return home;
}

const newestId = (home: string) =>
  readdirSync(join(home, 'sessions'))
    .filter((name) => name.endsWith('.json') && !name.startsWith(OLD_ID))
    .map((name) => name.slice(0, -5))[0] ?? '';

describe('a session running in another process', () => {
  it('is shown as running, refused by resume <id> in one line, and passed over by resume without an id', async () => {
    const home = dataFolder();
    const env = { MOCKPREP_HOME: home, NO_COLOR: '1' };
    const running = startCli(START, { env });
    await running.waitForOutput(/Question 1 of 2/);
    const id = newestId(home);
    expect(existsSync(lockPath(home, id))).toBe(true);

    const listed = await spawnCli(['sessions'], { env });
    expect(listed.stdout).toMatch(new RegExp(`${id} .* running\\n`));
    expect(listed.stdout).toMatch(new RegExp(`${OLD_ID} .* interrupted\\n`));
    const json = JSON.parse((await spawnCli(['sessions', '--json'], { env })).stdout) as { sessions: { id: string; running: boolean }[] };
    expect(json.sessions.map((session) => [session.id, session.running])).toEqual([
      [id, true],
      [OLD_ID, false],
    ]);

    const refused = await spawnCli(['resume', id, '--plain'], { env, input: 'stray answer\n/done\n' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(RUNNING_LINE);

    const resumed = await spawnCli(['resume', '--plain'], { env, input: '/quit\n' });
    expect(resumed.stdout).toContain(`Resuming session ${OLD_ID}`);
    expect(resumed.code).toBe(130);

    // The running session is untouched by all that, and ends as its own process says.
    running.end('First answer.\n/done\n4\nSecond answer.\n/done\n5\n');
    expect((await running.exited()).code).toBe(0);
    const transcript = JSON.parse(readFileSync(join(home, 'sessions', `${id}.json`), 'utf8'));
    expect(transcript.status).toBe('completed');
    expect(transcript.items.map((item: { selfRating: number }) => item.selfRating)).toEqual([4, 5]);
    expect(readdirSync(join(home, 'sessions')).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('two resumes of one id: the second is refused while the first sits it', async () => {
    const home = dataFolder();
    const env = { MOCKPREP_HOME: home, NO_COLOR: '1' };
    const first = startCli(['resume', OLD_ID, '--plain'], { env });
    await first.waitForOutput(/Question 1 of 2/);
    const second = await spawnCli(['resume', OLD_ID, '--plain'], { env, input: 'other\n/done\n' });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(RUNNING_LINE);
    first.end('/quit\n');
    expect((await first.exited()).code).toBe(130);
    expect(existsSync(lockPath(home, OLD_ID))).toBe(false);
  });

  it('a lock whose process is gone is stale: resume takes it over, and leaves no lock behind', async () => {
    const home = dataFolder();
    const gone = spawn(process.execPath, ['-e', '0']);
    const pid = gone.pid ?? 0;
    await new Promise((resolve) => gone.on('close', resolve));
    writeFileSync(lockPath(home, OLD_ID), JSON.stringify({ pid, startedAt: '2026-11-19T10:00:00.000Z', startTicks: null }));
    const listed = await spawnCli(['sessions'], { env: { MOCKPREP_HOME: home } });
    expect(listed.stdout).toMatch(new RegExp(`${OLD_ID} .* interrupted\\n`));
    const resumed = await spawnCli(['resume', '--plain'], { env: { MOCKPREP_HOME: home }, input: 'an answer\n/done\n\n/quit\n' });
    expect(resumed.stderr).toBe('');
    expect(resumed.stdout).toContain(`Resuming session ${OLD_ID}`);
    expect(existsSync(lockPath(home, OLD_ID))).toBe(false);
  });
});

describe('the lock itself', () => {
  const alive = (ticks: Record<number, string>): ProcessProbe => ({
    exists: (pid) => pid in ticks,
    startTicks: (pid) => ticks[pid] ?? null,
    self: () => ({ pid: 100, startedAt: '2026-11-25T10:00:00.000Z', startTicks: '555' }),
  });

  it('is exclusive: a second taker is told who holds it; after release it can be taken again', async () => {
    const store = createMemoryStore();
    const probe = alive({ 100: '555' });
    const first = await acquireSessionLock('/data', 's1', store, probe);
    if (!first.ok) throw new Error('the first taker must get the lock');
    const second = await acquireSessionLock('/data', 's1', store, probe);
    expect(second).toEqual({ ok: false, owner: { pid: 100, startedAt: '2026-11-25T10:00:00.000Z', startTicks: '555' } });
    await first.lock.release();
    expect((await acquireSessionLock('/data', 's1', store, probe)).ok).toBe(true);
  });

  it.each([
    ['its process is gone', {}],
    ['its pid now belongs to a process started later', { 100: '999' }],
  ])('is stale when %s', async (_case, ticks) => {
    const store = createMemoryStore();
    store.files.set(lockPath('/data', 's1'), {
      text: JSON.stringify({ pid: 100, startedAt: '2026-11-25T10:00:00.000Z', startTicks: '555' }),
      mode: 0o600,
    });
    expect(await readLockOwner('/data', 's1', store, alive(ticks))).toBeNull();
    const taken = await acquireSessionLock('/data', 's1', store, {
      ...alive(ticks),
      self: () => ({ pid: 7, startedAt: 'x', startTicks: '1' }),
    });
    expect(taken.ok).toBe(true);
    expect(JSON.parse(store.files.get(lockPath('/data', 's1'))?.text ?? '{}')).toMatchObject({ pid: 7 });
  });

  it('an unreadable lock file is stale too', async () => {
    const store = createMemoryStore();
    store.files.set(lockPath('/data', 's1'), { text: 'not json', mode: 0o600 });
    expect((await acquireSessionLock('/data', 's1', store, alive({ 100: '555' }))).ok).toBe(true);
  });
});
