import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/spawn-cli.js';

// The source folders' imports, read from the files: no folder imports one that imports it back,
// and the pure core and the process adapters import neither the runner nor the terminal UI.

const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The top folder of a source file under src/; a file at the top (cli.ts, context.ts) stands for itself. */
const folderOf = (file: string) => {
  const path = relative(SRC, file);
  return path.includes('/') ? (path.split('/')[0] ?? path) : path.replace(/\.[jt]s$/, '');
};

function folderImports(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      const to = folderOf(join(dirname(file), match[1] ?? ''));
      if (to !== from) targets.add(to);
    }
  }
  return graph;
}

describe('the source layers', () => {
  const graph = folderImports();

  it('have no folder that imports one that imports it back', () => {
    const cycles: string[] = [];
    for (const [from, targets] of graph) for (const to of targets) if (graph.get(to)?.has(from)) cycles.push(`${from} <-> ${to}`);
    expect(graph.get('terminal')?.has('interview')).toBe(true);
    expect(cycles).toEqual([]);
  });

  it.each([
    ['core', ['cli', 'context', 'commands', 'interview', 'terminal', 'io']],
    ['io', ['cli', 'context', 'commands', 'interview', 'terminal']],
    ['interview', ['commands', 'terminal']],
    ['terminal', ['commands']],
  ])('%s imports none of %j', (folder, forbidden) => {
    expect([...(graph.get(folder) ?? [])].filter((to) => forbidden.includes(to))).toEqual([]);
  });
});
