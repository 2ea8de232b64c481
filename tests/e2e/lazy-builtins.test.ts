import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// commander requires node:child_process when it loads (for executable subcommands, which mockprep
// has none of); the build makes that a proxy that loads it on first use (scripts/build.js), so
// that every command does not pay for Node's process-spawning internals.

/** Whether the built CLI, run with `args`, loaded node:child_process (as Node's own load list says). */
function loadsChildProcess(args: string[]): boolean {
  const dir = makeTempDir();
  const probe = join(dir, 'probe.cjs');
  writeFileSync(
    probe,
    "process.on('exit', () => require('node:fs').writeSync(2, '\\nchild_process:' + process.moduleLoadList.some((m) => m.includes('child_process')) + '\\n'));",
  );
  const result = spawnSync(process.execPath, ['-r', probe, BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NO_COLOR: '1', MOCKPREP_HOME: dir },
    encoding: 'utf8',
  });
  const answer = /child_process:(true|false)/.exec(result.stderr)?.[1];
  if (answer === undefined) throw new Error(`no answer from the probe: ${result.stderr}`);
  return answer === 'true';
}

describe('the bundle', () => {
  it('loads node:child_process for none of list, sessions and validate', () => {
    for (const args of [['list'], ['sessions'], ['validate', 'questions']]) expect(loadsChildProcess(args), args.join(' ')).toBe(false);
  });

  it('still has it when asked: the probe sees a module that does load it (a control)', () => {
    const probe = spawnSync(
      process.execPath,
      ['-e', "require('node:child_process'); console.log(process.moduleLoadList.some((m) => m.includes('child_process')))"],
      {
        encoding: 'utf8',
      },
    );
    expect(probe.stdout.trim()).toBe('true');
  });
});
