import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/core/practice-schedule.js';
import type { Transcript } from '../../src/core/transcript-schema.js';
import { spawnInPty } from '../support/pty.js';
import { sitHistory } from '../support/sit-history.js';
import { makeTempDir } from '../support/temp-dir.js';

// `mockprep` with no command, in a terminal (the built binary in a pseudo-terminal, on the real
// clock): the picker offers "What's due (N)" first when the schedule has questions of the
// built-in bank due, and picking it starts a session in the due order.

let home: string;
beforeAll(async () => {
  home = makeTempDir('mockprep-picker-');
  // Six sessions of beginner questions, 40 to 35 days ago: most of it is due by now.
  const start = Math.floor((Date.now() - 40 * DAY_MS) / DAY_MS) * DAY_MS;
  await sitHistory(home, { sessions: 6, start, days: 6, categories: ['beginner'] });
}, 60_000);

describe('the picker', () => {
  it('offers what is due first; picking it starts a session in the due order, as many questions as are due (at most five)', async () => {
    const before = new Set(readdirSync(join(home, 'sessions')));
    const session = spawnInPty([], { env: { MOCKPREP_HOME: home } });
    await session.waitFor(/Which category\?[\s\S]*What's due \((\d+)\)[\s\S]*Beginner · /);
    const due = Number(/What's due \((\d+)\)/.exec(session.text())?.[1]);
    expect(due).toBeGreaterThan(0);
    session.write('\r');
    await session.waitFor(/Which mode\?/);
    session.write('\r');
    await session.waitFor(/How many questions\?/);
    // The default is what is due, at most five.
    expect(session.text()).toMatch(new RegExp(`How many questions\\? \\(1–\\d+\\) \\(?${Math.min(5, due)}`));
    session.write('\r');
    await session.waitFor(/Time per question\?/);
    session.write('\r');
    await session.waitFor(new RegExp(`Question 1 of ${Math.min(5, due)} · Beginner`));
    session.write('\u0003');
    expect((await session.exit()).exitCode).toBe(130);
    const [created] = readdirSync(join(home, 'sessions')).filter((name) => name.endsWith('.json') && !before.has(name));
    const transcript = JSON.parse(readFileSync(join(home, 'sessions', created ?? ''), 'utf8')) as Transcript;
    expect(transcript.settings).toMatchObject({ order: 'due', category: null, count: Math.min(5, due) });
  });

  it('without anything due starts from the categories', async () => {
    const session = spawnInPty([], { env: { MOCKPREP_HOME: makeTempDir() } });
    await session.waitFor(/Which category\?[\s\S]*Beginner · /);
    expect(session.text()).not.toContain("What's due");
    session.write('\u0003');
    expect((await session.exit()).exitCode).toBe(130);
  });
});
