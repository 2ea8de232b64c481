import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { makeTempDir } from '../support/temp-dir.js';

/** Runs the CLI in-process with a stdout that fails, the way a bug deep inside a command would. */
async function runWithBrokenStdout(env: Record<string, string>) {
  let stderr = '';
  const stdout = new PassThrough();
  stdout.write = () => {
    throw new TypeError('cannot write');
  };
  const stderrStream = new PassThrough();
  stderrStream.write = (chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  };
  const code = await main(['list', '-s', MINI_SET_PATH], {
    stdout,
    stderr: stderrStream,
    stdin: new PassThrough(),
    env: { MOCKPREP_HOME: makeTempDir(), ...env },
  });
  return { code, stderr };
}

describe('an unexpected error', () => {
  it('is one line asking for a report, exit 1, and no stack trace', async () => {
    const { code, stderr } = await runWithBrokenStdout({});
    expect(code).toBe(1);
    expect(stderr).toBe('mockprep: internal error, please report it: cannot write\n(run with DEBUG=mockprep to see the stack trace)\n');
  });

  it('shows the stack trace with DEBUG=mockprep', async () => {
    const { code, stderr } = await runWithBrokenStdout({ DEBUG: 'mockprep' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^mockprep: internal error, please report it: cannot write\nTypeError: cannot write\n\s+at /);
  });
});
