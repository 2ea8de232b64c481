// js-yaml 4 ships no types (5 did); this is the little of it parse-question-set.ts uses, rather
// than a dependency on @types/js-yaml for two names.
declare module 'js-yaml' {
  /** The YAML 1.2 core schema: no timestamps, no binary, no merge keys. */
  export const CORE_SCHEMA: object;
  /** Parses one document; throws on any syntax error. */
  export function load(text: string, options?: { schema?: object; filename?: string }): unknown;
}
