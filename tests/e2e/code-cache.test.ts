import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSessionFixtures, copySessionFixtures } from '../support/session-fixtures.js';
import { ROOT, spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// The launcher's code cache for the direct bundles (bin/mockprep.cjs `loadDirect`), on Node
// versions without a compile cache of their own: what a command prints is the same with it,
// without it, from a fresh cache and from a damaged one; a folder that is not the user's own is
// never used. Each test has a temporary folder of its own (TMPDIR), never the system's.

const nodeHasItsOwn =
  typeof (createRequire(import.meta.url)('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const uid = process.getuid?.();
const folderName = `mockprep-compile-cache-${uid}`;
const BUNDLES = ['commands', 'validate', 'stats'];

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildSessionFixtures();
});

const buildId = (bundle: string) =>
  /^\/\/ mockprep-build ([0-9a-f]{16})\n/.exec(readFileSync(join(ROOT, 'dist', 'direct', `${bundle}.cjs`), 'utf8'))?.[1];

/** The cache file's name: the build's id, and the bundle file's size and time (a bundle changed by hand is another). */
function cacheName(bundle: string, command: string): string {
  const info = statSync(join(ROOT, 'dist', 'direct', `${bundle}.cjs`));
  const stamp = `${info.size.toString(36)}.${Math.trunc(info.mtimeMs).toString(36)}`;
  return `${bundle}-${command}-${buildId(bundle)}-${stamp}-c1-${process.version}-${process.arch}.bin`;
}

function run(args: string[], tmp: string, env: Record<string, string> = {}) {
  return spawnCli(args, { env: { MOCKPREP_HOME: fixtures, TZ: 'UTC', TMPDIR: tmp, ...env } });
}

/** What the command prints with no cache at all. */
async function uncached(args: string[]) {
  const result = await run(args, makeTempDir(), { NODE_DISABLE_COMPILE_CACHE: '1' });
  return { code: result.code, stdout: result.stdout, stderr: result.stderr };
}

describe('the direct bundles as built', () => {
  it('each starts with its build id, a hash of the rest, and calls no import() of its own but the fallback', () => {
    for (const bundle of BUNDLES) {
      const text = readFileSync(join(ROOT, 'dist', 'direct', `${bundle}.cjs`), 'utf8');
      const [first, ...rest] = text.split('\n');
      const body = rest.join('\n');
      expect(first).toBe(`// mockprep-build ${createHash('sha256').update(body).digest('hex').slice(0, 16)}`);
      const [fallback, ...code] = rest;
      expect(fallback).toMatch(
        /^var __mockprepImport = typeof __mockprepImport === "function" \? __mockprepImport : \(specifier\) => import\(specifier\);$/,
      );
      expect(code.join('\n')).not.toMatch(/\bimport\(/);
      expect(code.join('\n')).toMatch(/__mockprepImport\("\.\.\/lazy\/chalk\.js"\)/);
    }
  });
});

describe.skipIf(nodeHasItsOwn || uid === undefined)('the code cache of the direct bundles (Node without module.enableCompileCache)', () => {
  it('is made by the first run, one private file per bundle and command, and used as it is after', async () => {
    const tmp = makeTempDir();
    const expected = await uncached(['review', 'latest']);
    const first = await run(['review', 'latest'], tmp);
    expect(first).toEqual({ ...expected, signal: null });
    const folder = join(tmp, folderName);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const name = cacheName('commands', 'review');
    expect(readdirSync(folder)).toEqual([name]);
    const file = join(folder, name);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(file).size).toBeGreaterThan(10_000);
    const made = statSync(file);

    const second = await run(['review', 'latest'], tmp);
    expect(second).toEqual({ ...expected, signal: null });
    // Not written again: the cache was taken.
    expect(statSync(file).mtimeMs).toBe(made.mtimeMs);
    expect(statSync(file).ino).toBe(made.ino);

    await run(['export', 'latest', '-f', 'json'], tmp);
    await run(['validate', join(ROOT, 'questions')], tmp);
    await run(['stats'], tmp);
    expect(
      readdirSync(folder)
        .map((entry) => entry.split('-').slice(0, 2).join('-'))
        .sort(),
    ).toEqual(['commands-export', 'commands-review', 'stats-stats', 'validate-validate']);
  });

  it('gives the same output from the cache for every direct command, lazy modules and the full CLI included', async () => {
    const tmp = makeTempDir();
    const home = copySessionFixtures(fixtures);
    // Valid JSON that is not a transcript: its message comes from the transcript schema, a lazy module.
    writeFileSync(join(home, 'sessions', '20260101-000000-beef.json'), '{"version": 1, "items": 3}');
    const commands = [
      ['sessions'],
      ['review', 'latest'],
      ['export', 'latest'],
      ['stats', '--json'],
      ['validate', join(ROOT, 'questions')],
      // Handed to the full CLI (dist/cli.js) by an import from the bundle.
      ['review', '--help'],
      ['export', 'no-such-session'],
    ];
    for (const args of commands) {
      const expected = await spawnCli(args, {
        env: { MOCKPREP_HOME: home, TZ: 'UTC', TMPDIR: makeTempDir(), NODE_DISABLE_COMPILE_CACHE: '1' },
      });
      for (const round of ['makes the cache', 'uses it']) {
        const result = await spawnCli(args, { env: { MOCKPREP_HOME: home, TZ: 'UTC', TMPDIR: tmp } });
        const label = `${args.join(' ')}: ${round}`;
        expect(result.code, label).toBe(expected.code);
        expect(result.stdout.replace(/"now": "[^"]*"/, ''), label).toBe(expected.stdout.replace(/"now": "[^"]*"/, ''));
        expect(result.stderr, label).toBe(expected.stderr);
        expect(result.stderr, label).not.toMatch(/Warning/);
      }
    }
    const sessions = await spawnCli(['sessions'], { env: { MOCKPREP_HOME: home, TZ: 'UTC', TMPDIR: tmp } });
    expect(sessions.stderr).toMatch(/20260101-000000-beef\.json/);
  });

  it('writes a cache V8 refuses anew, and drops the caches of other builds of the same bundle and command', async () => {
    const tmp = makeTempDir();
    const folder = join(tmp, folderName);
    mkdirSync(folder, { mode: 0o700 });
    chmodSync(folder, 0o700);
    const name = cacheName('commands', 'review');
    writeFileSync(join(folder, name), Buffer.alloc(4096, 0x5a), { mode: 0o600 });
    writeFileSync(join(folder, `commands-review-0123456789abcdef-${process.version}-${process.arch}.bin`), 'old build');
    writeFileSync(join(folder, `commands-export-0123456789abcdef-${process.version}-${process.arch}.bin`), 'old build');
    // A temporary file of a process killed while it wrote, two hours ago; and one being written now.
    writeFileSync(join(folder, '.commands-review-99999-old.tmp'), 'half');
    utimesSync(join(folder, '.commands-review-99999-old.tmp'), new Date(Date.now() - 7200_000), new Date(Date.now() - 7200_000));
    writeFileSync(join(folder, '.commands-review-99998-new.tmp'), 'half');
    const expected = await uncached(['review', 'latest']);
    expect(await run(['review', 'latest'], tmp)).toEqual({ ...expected, signal: null });
    const written = readFileSync(join(folder, name));
    expect(written.equals(Buffer.alloc(4096, 0x5a))).toBe(false);
    expect(written.length).toBeGreaterThan(10_000);
    expect(readdirSync(folder).sort()).toEqual([
      '.commands-review-99998-new.tmp',
      `commands-export-0123456789abcdef-${process.version}-${process.arch}.bin`,
      name,
    ]);
    expect(await run(['review', 'latest'], tmp)).toEqual({ ...expected, signal: null });
  });

  it('uses no folder open to others, no link, and no file in its place, and says nothing', async () => {
    const expected = await uncached(['review', 'latest']);
    const open = makeTempDir();
    mkdirSync(join(open, folderName));
    chmodSync(join(open, folderName), 0o777);
    expect(await run(['review', 'latest'], open)).toEqual({ ...expected, signal: null });
    expect(readdirSync(join(open, folderName))).toEqual([]);

    const linked = makeTempDir();
    const target = makeTempDir();
    chmodSync(target, 0o700);
    symlinkSync(target, join(linked, folderName));
    expect(await run(['review', 'latest'], linked)).toEqual({ ...expected, signal: null });
    expect(readdirSync(target)).toEqual([]);

    const file = makeTempDir();
    writeFileSync(join(file, folderName), 'not a folder');
    expect(await run(['review', 'latest'], file)).toEqual({ ...expected, signal: null });
    expect(readFileSync(join(file, folderName), 'utf8')).toBe('not a folder');

    const missing = join(makeTempDir(), 'gone');
    expect(await run(['review', 'latest'], missing)).toEqual({ ...expected, signal: null });
    expect(existsSync(missing)).toBe(false);
  });

  it('reads no cache file that others may write: it is made anew, private', async () => {
    const tmp = makeTempDir();
    const folder = join(tmp, folderName);
    const expected = await uncached(['review', 'latest']);
    expect(await run(['review', 'latest'], tmp)).toEqual({ ...expected, signal: null });
    const file = join(folder, cacheName('commands', 'review'));
    const made = statSync(file);
    chmodSync(file, 0o666);
    expect(await run(['review', 'latest'], tmp)).toEqual({ ...expected, signal: null });
    // Refused, so written again (a new file, renamed into place) with its own mode.
    expect(statSync(file).ino).not.toBe(made.ino);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is not made with NODE_DISABLE_COMPILE_CACHE set, as Node does not make its own', async () => {
    const tmp = makeTempDir();
    const result = await run(['review', 'latest'], tmp, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(result.code).toBe(0);
    expect(existsSync(join(tmp, folderName))).toBe(false);
  });
});
