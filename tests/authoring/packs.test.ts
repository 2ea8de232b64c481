import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { resolveSetSources } from '../../src/io/resolve-set-sources.js';
import { MINI_SET_PATH } from '../support/fixture-sets.js';
import { spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const store = createNodeFileStore();

/** A project folder with packs installed in node_modules, as npm lays them out. */
let project: string;
function installPack(name: string, manifest: Record<string, unknown>, files: Record<string, string | null>): string {
  const dir = join(project, 'node_modules', ...name.split('/'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...manifest }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    if (text === null) copyFileSync(MINI_SET_PATH, join(dir, path));
    else writeFileSync(join(dir, path), text);
  }
  return dir;
}

const SET = (id: string) =>
  `id: ${id}\ntitle: ${id}\ncategories:\n  - id: ${id}-cat\n    title: Cat ${id}\nquestions:\n  - id: q\n    category: ${id}-cat\n    prompt: P?\n`;

beforeAll(() => {
  project = makeTempDir();
  mkdirSync(join(project, 'src', 'deep'), { recursive: true });
  installPack('mockprep-pack-folder', { mockprep: { sets: 'sets' } }, { 'sets/mini.yaml': null });
  installPack(
    '@acme/interview-pack',
    { mockprep: { sets: ['a.yaml', 'more/b.yaml'] } },
    { 'a.yaml': SET('acme-a'), 'more/b.yaml': SET('acme-b') },
  );
  installPack('plain-pack', {}, { 'questions/p.yaml': SET('plain') });
  installPack('empty-pack', {}, {});
  installPack('escaping-pack', { mockprep: { sets: '../mockprep-pack-folder/sets' } }, {});
  installPack('wrong-field-pack', { mockprep: { sets: 3 } }, {});
  installPack('broken-pack', {}, {});
  writeFileSync(join(project, 'node_modules', 'broken-pack', 'package.json'), '{ "name": ');
});

describe('question packs named with -s <package>', () => {
  it.each([
    ['mockprep-pack-folder', ['node_modules/mockprep-pack-folder/sets']],
    ['@acme/interview-pack', ['node_modules/@acme/interview-pack/a.yaml', 'node_modules/@acme/interview-pack/more/b.yaml']],
    ['plain-pack', ['node_modules/plain-pack/questions']],
  ])('%s resolves from the project folder to its sets', async (name, paths) => {
    const resolved = await resolveSetSources([name], store, project);
    expect(resolved).toEqual({ paths: paths.map((path) => join(project, path)), sources: [name], problems: [] });
  });

  it('is found from a folder deep inside the project, the way Node walks up to node_modules', async () => {
    const resolved = await resolveSetSources(['plain-pack'], store, join(project, 'src', 'deep'));
    expect(resolved.paths).toEqual([join(project, 'node_modules', 'plain-pack', 'questions')]);
  });

  it('a file or folder of that name comes first: -s is a path when the path exists', async () => {
    mkdirSync(join(project, 'src', 'plain-pack'), { recursive: true });
    const resolved = await resolveSetSources(['plain-pack'], store, join(project, 'src'));
    expect(resolved.paths).toEqual(['plain-pack']);
  });

  it('a folder holding a package.json with "mockprep" is read as a pack (an author checking their own)', async () => {
    const resolved = await resolveSetSources([join(project, 'node_modules', '@acme', 'interview-pack')], store, '/');
    expect(resolved.paths).toHaveLength(2);
  });

  it.each([
    [
      'not-installed',
      /^no such file or folder, and no installed package of that name \(looked in node_modules from .* up; install it with npm install not-installed\)$/,
    ],
    ['empty-pack', /no question sets: its package.json has no "mockprep": \{ "sets": \.\.\. \} and it has no questions\/ folder/],
    ['escaping-pack', /"mockprep.sets" entry "..\/mockprep-pack-folder\/sets" is outside the package/],
    ['wrong-field-pack', /must name a file or folder of question sets inside the package, or a list of them/],
    ['broken-pack', /^not valid JSON/],
  ])('%s: one problem that says what to do', async (name, message) => {
    const resolved = await resolveSetSources([name], store, project);
    expect(resolved.paths).toEqual([]);
    expect(resolved.problems).toHaveLength(1);
    expect(resolved.problems[0]?.message).toMatch(message);
  });

  it('the binary lists, starts and validates a pack by name, and next steps keep the -s', async () => {
    const list = await spawnCli(['list', '-s', 'mockprep-pack-folder', '-s', '@acme/interview-pack'], { cwd: join(project, 'src') });
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('3 sets · 4 categories · 5 questions');
    expect(list.stdout).toContain('mockprep start -s mockprep-pack-folder -s @acme/interview-pack -c basics');
    const validate = await spawnCli(['validate', 'plain-pack'], { cwd: project });
    expect(validate.stdout).toContain('✔ 1 file valid: 1 set, 1 question');
    const start = await spawnCli(['start', '-s', 'plain-pack', '--plain', '-n', '1', '--follow-ups', '0'], {
      cwd: project,
      input: 'An answer.\n/done\n\n',
    });
    expect(start.stderr).toBe('');
    expect(start.code).toBe(0);
    expect(start.stdout).toMatch(/Next: mockprep review \S+ · again, weakest first: mockprep start -s plain-pack --order weakest/);
    const missing = await spawnCli(['start', '-s', 'not-installed', '--plain'], { cwd: project });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^mockprep: 1 problem in the question sets\nnot-installed: no such file or folder, and no installed package/,
    );
  });
});
