import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Problem } from '../core/problem.js';
import type { FileStore } from './file-store.js';
import { describeFsError } from './file-store.js';

/** What one `-s` value named: files or folders of sets, or an installed question pack. */
export interface ResolvedSetSources {
  /** Files and folders to load sets from. */
  paths: string[];
  /** Each `-s` value as it is kept in a transcript: a pack's name, or an absolute path. */
  sources: string[];
  problems: Problem[];
}

// An npm package name: optional scope, lower-case letters, digits, dashes, dots, underscores.
const PACKAGE_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

type Store = Pick<FileStore, 'stat' | 'readText'>;

/**
 * Turns `-s` values into paths to load. A value that names an existing file or folder is that;
 * otherwise a package name is looked up the way Node finds packages, in `node_modules` of `cwd`
 * and of each folder above it. A pack (or a folder with a package.json that says so) holds its
 * sets where its package.json's `"mockprep": { "sets": ... }` says (a file or folder inside
 * the package, or a list of them), else in its `questions/` folder.
 */
export async function resolveSetSources(values: readonly string[], store: Store, cwd: string): Promise<ResolvedSetSources> {
  const resolved: ResolvedSetSources = { paths: [], sources: [], problems: [] };
  for (const value of values) {
    const path = resolve(cwd, value);
    const info = await store.stat(path).catch(() => null);
    if (info?.kind === 'directory') {
      const manifest = join(path, 'package.json');
      const declared = (await store.stat(manifest).catch(() => null))?.kind === 'file' ? await readPackSets(manifest, store, false) : null;
      if (declared && (declared.paths.length > 0 || declared.problems.length > 0)) {
        resolved.paths.push(...declared.paths);
        resolved.problems.push(...declared.problems);
      } else resolved.paths.push(value);
      resolved.sources.push(path);
      continue;
    }
    if (info || !PACKAGE_NAME.test(value) || /\.ya?ml$/i.test(value)) {
      // A file, or something that can only be a path: the loader says what is wrong with it.
      resolved.paths.push(value);
      resolved.sources.push(path);
      continue;
    }
    const manifest = await findPackage(value, store, cwd);
    if (!manifest) {
      resolved.problems.push({
        file: value,
        line: 0,
        col: 0,
        message: `no such file or folder, and no installed package of that name (looked in node_modules from ${cwd} up; install it with npm install ${value})`,
      });
      continue;
    }
    const pack = await readPackSets(manifest, store, true);
    resolved.paths.push(...pack.paths);
    resolved.problems.push(...pack.problems);
    resolved.sources.push(value);
  }
  return resolved;
}

/** The package.json of package `name` as Node would find it from `cwd`, or null. */
async function findPackage(name: string, store: Store, cwd: string): Promise<string | null> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if ((await store.stat(manifest).catch(() => null))?.kind === 'file') return manifest;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The set paths a package.json declares. Without a `mockprep` field: its `questions/` folder
 * when `fallback` (a pack found by name), else nothing (a plain folder that has a package.json).
 */
async function readPackSets(manifest: string, store: Store, fallback: boolean): Promise<{ paths: string[]; problems: Problem[] }> {
  const root = dirname(manifest);
  const problem = (message: string) => ({ paths: [], problems: [{ file: manifest, line: 0, col: 0, message }] });
  let data: unknown;
  try {
    data = JSON.parse(await store.readText(manifest));
  } catch (error) {
    return problem(error instanceof SyntaxError ? `not valid JSON (${error.message})` : `cannot read it (${describeFsError(error)})`);
  }
  const field = data !== null && typeof data === 'object' ? (data as Record<string, unknown>).mockprep : undefined;
  if (field === undefined) {
    if (!fallback) return { paths: [], problems: [] };
    const questions = join(root, 'questions');
    if ((await store.stat(questions).catch(() => null))?.kind === 'directory') return { paths: [questions], problems: [] };
    return problem(
      'this package has no question sets: its package.json has no "mockprep": { "sets": ... } and it has no questions/ folder',
    );
  }
  const sets = field !== null && typeof field === 'object' ? (field as Record<string, unknown>).sets : undefined;
  const list =
    typeof sets === 'string' ? [sets] : Array.isArray(sets) && sets.every((entry) => typeof entry === 'string') ? (sets as string[]) : null;
  if (!list || list.length === 0) {
    return problem('"mockprep": { "sets": ... } must name a file or folder of question sets inside the package, or a list of them');
  }
  const paths: string[] = [];
  for (const entry of list) {
    const path = resolve(root, entry);
    const inside = relative(root, path);
    if (isAbsolute(entry) || inside.startsWith('..') || isAbsolute(inside)) {
      return problem(`"mockprep.sets" entry ${JSON.stringify(entry)} is outside the package: name files or folders inside it`);
    }
    paths.push(path);
  }
  return { paths, problems: [] };
}
