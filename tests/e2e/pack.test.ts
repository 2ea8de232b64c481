import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
      paths.filter(
        (path) =>
          !/^(dist\/|questions\/[^/]+\.yaml$|schema\/question-set\.schema\.json$|bin\/mockprep\.cjs$|README\.md$|LICENSE$|package\.json$)/.test(
            path,
          ),
      ),
    ).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'bin/mockprep.cjs',
        'dist/cli.js',
        'dist/help.txt',
        'dist/builtin-bank.json',
        'schema/question-set.schema.json',
        'README.md',
        'LICENSE',
      ]),
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

    // A new author in that project: init writes a set whose schema line points at the
    // package's own schema file, and the set validates and lists.
    expect(run(['init']).status).toBe(0);
    const starter = readFileSync(join(project, 'my-questions.yaml'), 'utf8');
    const schemaRef = /^# yaml-language-server: \$schema=(.+)$/m.exec(starter)?.[1];
    expect(schemaRef).toBe('node_modules/mockprep/schema/question-set.schema.json');
    expect(JSON.parse(readFileSync(join(project, schemaRef ?? ''), 'utf8')).$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(run(['validate', 'my-questions.yaml']).stdout).toContain('1 file valid');

    // A question pack installed beside it is found by name.
    const pack = join(project, 'node_modules', 'mockprep-pack-demo');
    mkdirSync(join(pack, 'sets'), { recursive: true });
    writeFileSync(join(pack, 'package.json'), JSON.stringify({ name: 'mockprep-pack-demo', version: '1.0.0', mockprep: { sets: 'sets' } }));
    copyFileSync(join(ROOT, 'tests/fixtures/sets/mini.yaml'), join(pack, 'sets', 'mini.yaml'));
    const listed = run(['list', '-s', 'mockprep-pack-demo']);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain('3 questions');
    expect(listed.stdout).toContain('mockprep start -s mockprep-pack-demo -c');
  });
});
