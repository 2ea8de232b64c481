// The fixed vocabularies of question sets and sessions, in a module without zod so that the CLI
// can offer them as choices without loading the validator.

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const KINDS = ['conceptual', 'technical', 'design', 'scenario', 'behavioral', 'open-ended'] as const;
export const ORDERS = ['random', 'in-order', 'weakest'] as const;
export const MODES = ['practice', 'live'] as const;
