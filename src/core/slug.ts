// Readable ids for generated sets and questions: `what-is-cors` from "What is CORS?".

/** The id pattern of question sets (see question-set-schema.ts). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

// Words that carry little meaning at the start of a question; dropped from ids when enough
// other words remain.
const FILLER = new Set(
  'a an the and or of to in on for with at by from about as is are was were be been do does did can could would should will you your yours we our i me my it its this that these those what which who whom how why when where whats explain describe tell talk name give discuss'.split(
    ' ',
  ),
);

/** Lower-case ASCII words of `text`: accents folded, everything else a separator. */
export function slugWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * A readable id from `text`: its first meaningful words joined by dashes (at most `maxWords`
 * and about `maxLength` characters), or `fallback` when `text` has no letters or digits.
 */
export function slugify(text: string, options: { maxWords?: number; maxLength?: number; fallback: string }): string {
  const words = slugWords(text);
  const meaningful = words.filter((word) => !FILLER.has(word));
  const chosen = (meaningful.length >= 1 ? meaningful : words).slice(0, options.maxWords ?? 6);
  let slug = '';
  for (const word of chosen) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (slug !== '' && next.length > (options.maxLength ?? 40)) break;
    slug = next;
  }
  slug = slug.slice(0, options.maxLength ?? 40).replace(/-+$/, '');
  return ID_PATTERN.test(slug) ? slug : options.fallback;
}

/** Hands out ids unique among those already taken: `cors`, then `cors-2`, `cors-3`... */
export function createIdAllocator(taken: Iterable<string> = []): (wanted: string) => string {
  const used = new Set(taken);
  return (wanted) => {
    let id = wanted;
    for (let n = 2; used.has(id); n++) id = `${wanted}-${n}`;
    used.add(id);
    return id;
  };
}
