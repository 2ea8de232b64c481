// The fixed vocabularies of question sets and sessions, in a module without zod so that the CLI
// and the interview can use them without loading the validator.

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const KINDS = ['conceptual', 'technical', 'design', 'scenario', 'behavioral', 'open-ended'] as const;
export const ORDERS = ['random', 'in-order', 'due', 'weakest'] as const;
export const MODES = ['practice', 'live'] as const;
/** What `mockprep import` reads. */
export const IMPORT_FORMATS = ['markdown', 'csv', 'tsv', 'anki'] as const;

/** The transcript format's version, written into every transcript. */
export const TRANSCRIPT_VERSION = 1;

/** The longest text one field of a set may hold (the longest real one, reference notes, is ~3,000). */
export const MAX_FIELD_CHARS = 64 * 1024;
/** The longest id of a set, category or question. */
export const MAX_ID_CHARS = 200;
/** What an id of a set, category or question is: letters, digits, dots, dashes or underscores, not starting with one of the three. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** What a `related` entry is: a question id, or set-id/question-id. */
export const RELATED_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/;
/**
 * The most text a set may hold once its YAML aliases are expanded: a 2 MB file of 199 aliases to
 * one long string would otherwise be a 400 MB set, copied into every transcript.
 */
export const MAX_EXPANDED_CHARS = 4 * 1024 * 1024;

export const SESSION_STATUSES = ['in-progress', 'completed', 'interrupted'] as const;
export const END_REASONS = ['finished', 'total-time', 'quit', 'interrupted', 'input-ended'] as const;
