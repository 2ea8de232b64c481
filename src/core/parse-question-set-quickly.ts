import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import type { Problem } from './problem.js';
import { checkQuestionSetQuickly, mayNeedCleaning } from './question-set-check.js';
import type { QuestionSet } from './question-set-schema.js';
import { checkReferences } from './set-references.js';

// The fast road of loading a question set, kept apart from parse-question-set.ts so that a valid
// set loads without the yaml package's Document API and the zod schema (a third of a second of
// module loading and schema building): the loader imports that module only for a set this road
// refuses.

/** Question-set files larger than this are refused before they are read. */
export const MAX_SET_BYTES = 2 * 1024 * 1024;

/** The problem for a file over the size cap, or null when it is small enough. */
export function checkSetSize(size: number, file: string): Problem | null {
  if (size <= MAX_SET_BYTES) return null;
  const mb = (size / (1024 * 1024)).toFixed(1);
  return {
    file,
    line: 1,
    col: 1,
    message: `file is ${mb} MB; a question set may be at most 2 MB`,
  };
}

/**
 * What the fast road made of a file: the set and where its `id` is written; or data js-yaml
 * parsed that the quick check could not vouch for (the zod schema must judge it); or nothing
 * (a syntax error, anchors, bytes that are not text): the careful road must parse it.
 */
export type QuickParse =
  | { kind: 'set'; set: QuestionSet; idAt: { line: number; col: number } }
  | { kind: 'unsure'; data: unknown }
  | { kind: 'refused' };

// Anchors make aliases possible, and aliases make alias bombs possible: such files take the
// careful road, whose parser counts aliases. Any character that may start an anchor's name
// counts (a false alarm, "R &D" say, only costs time).
const ANCHOR = /(?:^|[\s[{,:-])&[^\s,[\]{}]/;

/**
 * The fast road for a valid set: js-yaml parses about eight times faster than the yaml
 * package's Document API, but knows nothing of positions, and the quick check
 * (question-set-check.ts) gives the schema's value without zod. A cross-reference problem makes
 * the answer `unsure` too. `source` has no byte-order mark.
 */
export function parseSetQuickly(source: string): QuickParse {
  // Most sets have no & at all: one fast search instead of the pattern's.
  if (source.includes('&') && ANCHOR.test(source)) return { kind: 'refused' };
  let data: unknown;
  try {
    data = loadYaml(source, { schema: CORE_SCHEMA });
  } catch {
    // Syntax errors, and nesting deep enough to overflow the parser's stack: the careful road names them.
    return { kind: 'refused' };
  }
  const set = checkQuestionSetQuickly(data, { textIsClean: !mayNeedCleaning(source) });
  if (set === null || checkReferences(set).length > 0) return { kind: 'unsure', data };
  return { kind: 'set', set, idAt: locateSetId(source) };
}

/** Where a set's top-level `id` is written (its value), as the fast road reports it. */
export function locateSetId(source: string): { line: number; col: number } {
  const idLine = /^id:[ \t]*/m.exec(source);
  return idLine ? { line: source.slice(0, idLine.index).split('\n').length, col: idLine[0].length + 1 } : { line: 1, col: 1 };
}

/**
 * The set of a file's text (a leading byte-order mark allowed) when the fast road vouches for it,
 * else null: the careful road (parse-question-set.ts) must parse it and say why.
 */
export function parseValidSetQuickly(text: string): { set: QuestionSet; idAt: { line: number; col: number } } | null {
  const parsed = parseSetQuickly(text.startsWith('\uFEFF') ? text.slice(1) : text);
  return parsed.kind === 'set' ? { set: parsed.set, idAt: parsed.idAt } : null;
}
