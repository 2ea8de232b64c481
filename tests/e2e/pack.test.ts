import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('the npm package', () => {
  it('holds only what a user needs', () => {
    // --ignore-scripts: dist/ is already built by `npm test`, and other tests are using it.
    const [pack] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT)) as [{ files: { path: string }[] }];
    const paths = pack.files.map((file) => file.path);
    expect(
      paths.filter((path) => !/^(dist\/|questions\/[^/]+\.yaml$|bin\/mockprep\.cjs$|README\.md$|LICENSE$|package\.json$)/.test(path)),
    ).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining(['bin/mockprep.cjs', 'dist/cli.js', 'dist/help.txt', 'dist/builtin-bank.json', 'README.md', 'LICENSE']),
    );
    expect(
      paths.some((path) => path.startsWith('src/') || path.startsWith('tests/') || path.endsWith('.ts') || path === 'dist/metafile.json'),
    ).toBe(false);
  });

  it('installs from its tarball into an empty folder and runs from there, offline', () => {
    const packDir = makeTempDir();
    npm(['pack', '--ignore-scripts', '--pack-destination', packDir], ROOT);
    const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const project = makeTempDir();
    writeFileSync(join(project, 'package.json'), '{ "name": "try-mockprep", "private": true }\n');
    // The package bundles its dependencies, so installing it needs no registry.
    npm(['install', '--offline', '--no-audit', '--no-fund', join(packDir, tarball ?? '')], project);

    const env = {
      PATH: process.env.PATH,
      HOME: makeTempDir(),
      MOCKPREP_HOME: makeTempDir(),
      NO_COLOR: '1',
      npm_config_update_notifier: 'false',
    };
    const run = (args: string[], input = '') =>
      spawnSync('npx', ['--offline', 'mockprep', ...args], { cwd: project, env, input, encoding: 'utf8' });
    const version = run(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const list = run(['list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('87 questions');
    const interview = run(
      ['start', '--plain', '-c', 'beginner', '-n', '1', '--follow-ups', '0'],
      'An answer from the installed package.\n/done\n\n',
    );
    expect(interview.status).toBe(0);
    expect(interview.stdout).toContain('Question 1 of 1 · Beginner');
    expect(interview.stdout).toContain('Session complete.');
  });
});
