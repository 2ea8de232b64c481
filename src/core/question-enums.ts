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

export const SESSION_STATUSES = ['in-progress', 'completed', 'interrupted'] as const;
export const END_REASONS = ['finished', 'total-time', 'quit', 'interrupted', 'input-ended'] as const;
