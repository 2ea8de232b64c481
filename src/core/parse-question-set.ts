import type { Document } from 'yaml';
import { isMap, isScalar, Lexer, LineCounter, parseDocument, visit } from 'yaml';
import { closestMatches } from './closest-match.js';
import { measureData } from './data-shape.js';
import { decodeText } from './decode-text.js';
import { checkSetSize, locateSetId, parseSetQuickly } from './parse-question-set-quickly.js';
import type { Problem } from './problem.js';
import { MAX_EXPANDED_CHARS } from './question-enums.js';
import type { QuestionSet } from './question-set-schema.js';
import { questionSetSchema } from './question-set-schema.js';
import { sanitizeValuesInPlace, stringifyJson } from './sanitize-text.js';
import { checkReferences } from './set-references.js';
import * as z from './zod.js';

export { checkSetSize, MAX_SET_BYTES } from './parse-question-set-quickly.js';
export { MAX_EXPANDED_CHARS } from './question-enums.js';

/** More aliases than this in one file is an alias bomb, not a question set. */
const MAX_ALIASES = 200;
/** A question set is a few levels deep (set, questions, question, keyPoints, point: 5). */
export const MAX_DEPTH = 32;

export type ParseResult =
  | {
      ok: true;
      set: QuestionSet /** where the set's `id` is written */;
      idAt: { line: number; col: number };
    }
  | { ok: false; problems: Problem[] };

type Path = (string | number)[];

/** Parses a question set from a file's raw bytes: size cap, UTF-8 check, then {@link parseQuestionSet}. */
export function parseQuestionSetBytes(bytes: Uint8Array, file: string): ParseResult {
  const tooBig = checkSetSize(bytes.length, file);
  if (tooBig) return { ok: false, problems: [tooBig] };
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const message =
      decoded.reason === 'binary'
        ? 'not a text file (binary data): a question set is a UTF-8 YAML file'
        : 'not valid UTF-8 text: save the file as UTF-8';
    return {
      ok: false,
      problems: [{ file, line: decoded.line, col: decoded.col, message }],
    };
  }
  return parseQuestionSet(decoded.text, file);
}

/**
 * Parses and validates one question set. Never throws: returns the typed set (its text cleaned
 * of terminal control sequences) or every problem found, each located at its YAML node.
 */
export function parseQuestionSet(text: string, file: string): ParseResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return parseValidSetQuickly(source) ?? parseAndLocateProblems(source, file);
  } catch (error) {
    // Nesting deep enough to overflow a parser's stack (100,000 `[`): a damaged file, by name.
    if (error instanceof RangeError) return { ok: false, problems: [{ file, line: 1, col: 1, message: TOO_DEEP }] };
    throw error;
  }
}

const TOO_DEEP = `nested too deeply: a question set is at most ${MAX_DEPTH} levels deep`;

/** The problem with parsed data that is too deep or expands to too much text, or null. */
function checkShape(data: unknown): string | null {
  const shape = measureData(data, { chars: MAX_EXPANDED_CHARS, depth: MAX_DEPTH });
  if (shape.depth > MAX_DEPTH) return TOO_DEEP;
  if (shape.chars > MAX_EXPANDED_CHARS) {
    return `the set's text expands to more than ${MAX_EXPANDED_CHARS / (1024 * 1024)} MB through its YAML aliases; refusing to expand it`;
  }
  return null;
}

/**
 * The fast road (parse-question-set-quickly.ts), finished with zod when its quick check cannot
 * vouch for the data js-yaml parsed (text to clean of control characters, say). Any doubt (a
 * parse error, a schema problem, anchors) returns null, and the set is parsed again by the yaml
 * package, whose nodes locate every problem. Both run the same schema, so they accept the same sets.
 */
function parseValidSetQuickly(source: string): ParseResult | null {
  const quick = parseSetQuickly(source);
  if (quick.kind === 'set') return { ok: true, set: quick.set, idAt: quick.idAt };
  if (quick.kind === 'refused' || checkShape(quick.data) !== null) return null;
  const clean = sanitizeValuesInPlace(quick.data);
  const result = questionSetSchema.safeParse(clean);
  if (!result.success || checkReferences(clean).length > 0) return null;
  return { ok: true, set: result.data, idAt: locateSetId(source) };
}

/** The careful path: the yaml package's Document API, every problem located at its node. */
function parseAndLocateProblems(source: string, file: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length === 0 && doc.contents === null) {
    // Nothing but white space and comments.
    const message = 'the file is empty: a question set needs id, title, categories and questions';
    return { ok: false, problems: [{ file, line: 1, col: 1, message }] };
  }
  const at = (offset: number, message: string): Problem => ({
    file,
    ...lineCounter.linePos(offset),
    message,
  });

  const syntax = doc.errors.map((error) => {
    // An unclosed quote is found where the file ends; it begins where the quote opens.
    const opened = error.code === 'MISSING_CHAR' && /closing ["']quote/.test(error.message) ? unclosedQuoteAt(source) : null;
    if (opened === null) return at(error.pos[0], describeYamlError(error.code, error.message));
    const end = lineCounter.linePos(error.pos[0]);
    return at(
      opened.offset,
      `YAML syntax error: this ${opened.quote} quote is never closed (the file ends at ${end.line}:${end.col} inside it)`,
    );
  });
  // Duplicate keys leave a usable document; any other syntax error does not, and the parser's
  // recovery from it can invent duplicate keys (a tab-indented key read as a top-level one):
  // only the real syntax errors are reported then.
  const fatal = syntax.filter((_, index) => doc.errors[index]?.code !== 'DUPLICATE_KEY');
  if (fatal.length > 0) return { ok: false, problems: fatal };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const unresolved = error instanceof ReferenceError ? /^Unresolved alias[^:]*: (.*)$/.exec(error.message) : null;
    if (unresolved) {
      const name = unresolved[1] ?? '';
      return {
        ok: false,
        problems: [at(aliasOffset(doc, name), `the alias *${name} has no anchor: write &${name} on a value before the alias`)],
      };
    }
    if (error instanceof ReferenceError) {
      return {
        ok: false,
        problems: [at(firstAliasOffset(doc), 'too many YAML aliases (an alias bomb?); refusing to expand them')],
      };
    }
    throw error;
  }
  const badShape = checkShape(raw);
  if (badShape !== null) return { ok: false, problems: [at(badShape === TOO_DEEP ? 0 : firstAliasOffset(doc), badShape)] };

  // Cleaned before the schema, so that "must not be empty" judges the text as it will be shown and
  // stored: a key point made only of escape codes would otherwise pass, be saved empty, and make
  // the transcript that holds it unreadable.
  const data = sanitizeValuesInPlace(raw);
  const locate = (path: Path, key?: string) => lineCounter.linePos(tagStart(source, offsetOf(doc, path, key)));
  const problems: Problem[] = [...syntax];
  const result = questionSetSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      // One at a time: an issue may name 45,000 unknown keys, too many to spread into push.
      for (const found of describeIssue(issue, data, (path, key) => ({ file, ...locate(path, key) }))) problems.push(found);
    }
  }
  for (const found of checkReferences(data)) {
    problems.push({ file, ...locate(found.path), message: found.message });
  }

  if (problems.length > 0 || !result.success) {
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    return { ok: false, problems };
  }
  return {
    ok: true,
    set: result.data,
    idAt: locate(['id']),
  };
}

function describeYamlError(code: string, message: string): string {
  // The yaml package appends " at line N, column M" and a code excerpt; we print our own location.
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear once in a map';
  if (code === 'TAB_AS_INDENT') return 'tabs are not allowed for indentation in YAML; use spaces';
  // The parser turns its own stack overflow into an error of the document.
  if (/maximum call stack/i.test(first)) return TOO_DEEP;
  return `YAML syntax error: ${first}`;
}

// The lexer's zero-width markers (document start, flow end, scalar start, byte order mark).
const ZERO_WIDTH = new Set(['\u0002', '\u0018', '\u001f', '\ufeff']);

/** Where the first quoted scalar that is never closed opens, and with which quote; null when every quote closes. */
function unclosedQuoteAt(source: string): { offset: number; quote: 'double' | 'single' } | null {
  let offset = 0;
  for (const token of new Lexer().lex(source)) {
    if (ZERO_WIDTH.has(token)) continue;
    const first = token[0];
    if (first === '"' && !/(?:^|[^\\])(?:\\\\)*"$/.test(token.slice(1))) return { offset, quote: 'double' };
    // In single quotes '' is a quote: the closing one leaves an odd run of them at the end.
    if (first === "'" && (/'*$/.exec(token.slice(1))?.[0].length ?? 0) % 2 === 0) return { offset, quote: 'single' };
    offset += token.length;
  }
  return null;
}

/** Where the alias `*name` is written (the first one), else where the first alias is. */
function aliasOffset(doc: Document, name: string): number {
  let offset: number | null = null;
  visit(doc, {
    Alias(_, node) {
      if (node.source !== name) return undefined;
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset ?? firstAliasOffset(doc);
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** Where a value begins: at its tag (`!!binary aGVsbG8=`) when it has one, else at `offset`. */
function tagStart(source: string, offset: number): number {
  const before = /!\S*[ \t]+$/.exec(source.slice(Math.max(0, offset - 200), offset));
  return before ? offset - before[0].length : offset;
}

/** Offset of the node at `path` (or of its key `key`), falling back to the nearest ancestor. */
function offsetOf(doc: Document, path: Path, key?: string): number {
  if (key !== undefined) {
    const parent = doc.getIn(path, true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      const range = isScalar(pair?.key) ? pair.key.range : undefined;
      if (range) return range[0];
    }
  }
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return node.range[0];
  }
  return 0;
}

/** The value at `path` of parsed data, or undefined where the path leaves it. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  // What the YAML 1.1 tags make: say what they are, not "a map".
  if (value instanceof Uint8Array) return 'binary data (!!binary)';
  if (value instanceof Date) return 'a date and time (!!timestamp)';
  if (value instanceof Set) return 'a set (!!set)';
  if (value instanceof Map) return 'an ordered map (!!omap)';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'boolean') return String(value);
  return `${typeof value} ${String(value)}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  array: 'a list',
  object: 'a map',
  number: 'a number',
};

/** `questions[3] (what-is-alignment).difficulty`: where a problem is, in words a set author knows. */
function describePath(path: readonly PropertyKey[], data: unknown): string {
  let label = '';
  path.forEach((part, index) => {
    if (typeof part === 'number') {
      label += `[${part}]`;
      const itemId = valueAt(data, [...path.slice(0, index), part, 'id']);
      if (typeof itemId === 'string') label += ` (${itemId})`;
    } else {
      label += label === '' ? String(part) : `.${String(part)}`;
    }
  });
  return label;
}

/** The keys an object schema allows at `path`, for "allowed keys" and "did you mean" help. */
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = questionSetSchema;
  for (const part of path) {
    while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    if (schema instanceof z.ZodArray && typeof part === 'number') schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodObject && typeof part === 'string') schema = schema.shape[part] as z.ZodType;
    else return [];
  }
  while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/**
 * A key as written, in quotes, with control characters shown as `\\u001b` escapes: keys are
 * not cleaned like values (an unknown key must stay unknown), so they must not reach the terminal raw.
 */
export function quoteVisibly(key: string): string {
  return stringifyJson(key);
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, locate: (path: Path, key?: string) => Omit<Problem, 'message'>): Problem[] {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  const where = describePath(path, data);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(path);
      return issue.keys.map((key) => {
        const guess = closestMatches(key, allowed, 1)[0];
        const hint = guess ? ` (did you mean "${guess}"?)` : '';
        const owner = where === '' ? 'the set' : where;
        return {
          ...locate(path, key),
          message: `unknown key ${quoteVisibly(key)} in ${owner}${hint}; allowed keys: ${allowed.join(', ')}`,
        };
      });
    }
    case 'invalid_type': {
      const value = valueAt(data, path);
      if (path.length === 0) {
        return [
          {
            ...locate(path),
            message: `a question set must be a map with keys id, title, categories and questions; this file holds ${describeValue(value)}`,
          },
        ];
      }
      if (value === undefined) {
        const parent = path.slice(0, -1);
        const owner = parent.length === 0 ? 'the set' : describePath(parent, data);
        return [
          {
            ...locate(parent),
            message: `missing required key "${String(path.at(-1))}" in ${owner}`,
          },
        ];
      }
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return [
        {
          ...locate(path),
          message: `${where} must be ${expected}, not ${describeValue(value)}`,
        },
      ];
    }
    case 'invalid_value': {
      const value = valueAt(data, path);
      const options = issue.values.map(String);
      const guess = typeof value === 'string' ? closestMatches(value, options, 1)[0] : undefined;
      const hint = guess ? ` (did you mean "${guess}"?)` : '';
      return [
        {
          ...locate(path),
          message: `${where} must be one of ${options.join(', ')}; got ${describeValue(value)}${hint}`,
        },
      ];
    }
    default:
      return [{ ...locate(path), message: `${where} ${issue.message}` }];
  }
}

/**
 * Where each path of a set's data is written in its YAML source (1-based line and column), for
 * messages about a set that loaded: `validate`'s warnings. The nearest ancestor that exists
 * stands in for a path that does not.
 */
export function locatePaths(text: string, paths: readonly Path[]): { line: number; col: number }[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  return paths.map((path) => lineCounter.linePos(offsetOf(doc, path)));
}
