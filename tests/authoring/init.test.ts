import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseQuestionSet } from '../../src/core/parse-question-set.js';
import { questionSetSchema } from '../../src/core/question-set-schema.js';
import { ROOT, spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('mockprep init', () => {
  it('writes a commented starter set that validates, with every field, the schema line and the next commands', async () => {
    const dir = makeTempDir();
    const run = await spawnCli(['init'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const file = join(dir, 'my-questions.yaml');
    const text = readFileSync(file, 'utf8');
    const parsed = parseQuestionSet(text, file);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.set.id).toBe('my-questions');
    expect(parsed.ok && parsed.set.title).toBe('My Questions');
    // Every field of the format, for the set, its category and its question (and a key point).
    const data = parseYaml(text) as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(data).sort()).toEqual(Object.keys(questionSetSchema.shape).sort());
    expect(Object.keys(data.categories?.[0] ?? {}).sort()).toEqual(['description', 'id', 'title']);
    const question = data.questions?.[0] ?? {};
    expect(Object.keys(question).sort()).toEqual(
      ['id', 'category', 'difficulty', 'kind', 'tags', 'time', 'prompt', 'hints', 'keyPoints', 'redFlags', 'followUps', 'notes'].sort(),
    );
    // The schema line resolves, from the file's own folder, to the schema this mockprep ships.
    const ref = /^# yaml-language-server: \$schema=(.+)$/.exec(text.split('\n')[0] ?? '')?.[1] ?? '';
    expect(resolve(dirname(file), ref)).toBe(join(ROOT, 'schema', 'question-set.schema.json'));
    expect(text.match(/#/g)?.length).toBeGreaterThan(15);
    expect(run.stdout).toContain('Wrote my-questions.yaml');
    expect(run.stdout).toContain('mockprep validate my-questions.yaml');
    expect(run.stdout).toContain('mockprep start -s my-questions.yaml');
  });

  it('takes a file name (the set id from it) or a folder to write into; quotes names the shell would split', async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'sets'));
    expect((await spawnCli(['init', 'sets'], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, 'sets', 'my-questions.yaml'))).toBe(true);
    const named = await spawnCli(['init', 'Backend Basics.yml'], { cwd: dir });
    expect(named.code).toBe(0);
    expect(named.stdout).toContain("mockprep start -s 'Backend Basics.yml'");
    const text = readFileSync(join(dir, 'Backend Basics.yml'), 'utf8');
    expect(text).toMatch(/^id: backend-basics /m);
    expect(text).toContain('title: "Backend Basics"');
  });

  it('refuses to overwrite a file, leaving it as it was', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'my-questions.yaml'), 'my own work\n');
    const run = await spawnCli(['init'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'mockprep: my-questions.yaml already exists; init does not overwrite files: name another one (mockprep init <file>)\n',
    );
    expect(readFileSync(join(dir, 'my-questions.yaml'), 'utf8')).toBe('my own work\n');
  });

  it.each([
    [['init', 'notes.txt'], 2, "mockprep: notes.txt: a question set's name must end in .yaml or .yml (folders are read for those)"],
    [['init', 'missing/set.yaml'], 1, /^mockprep: .*missing: no such folder; create it first$/],
  ])('%j: one line, exit %i', async (args, code, message) => {
    const run = await spawnCli(args, { cwd: makeTempDir() });
    expect(run.code).toBe(code);
    expect(run.stderr.trim()).toMatch(
      typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message,
    );
  });
});

describe('mockprep schema', () => {
  it('prints the schema, or writes it with -o', async () => {
    const printed = await spawnCli(['schema']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(readFileSync(join(ROOT, 'schema', 'question-set.schema.json'), 'utf8'));
    const out = join(makeTempDir(), 's.json');
    const written = await spawnCli(['schema', '-o', out]);
    expect(written.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).title).toBe('mockprep question set');
  });
});
