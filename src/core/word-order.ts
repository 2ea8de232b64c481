// The order of words that tie (the insights' fillers and most used words, on an equal count): the
// order String#localeCompare gives them, the default locale's collation. The first
// localeCompare of a process loads ICU's collation data, about 10 ms, more than the rest of a
// review; where the collation is known to order plain words as their characters' codes do, they
// are compared by code, and localeCompare runs only for the others.

/** Orders two words (negative: `a` first). */
export type WordOrder = (a: string, b: string) => number;

/** The default locale's collation, as String#localeCompare gives it. */
export const localeWordOrder: WordOrder = (a, b) => a.localeCompare(b);

/** Lower-case ASCII letters, digits, apostrophes and spaces: what the root collation orders by code. */
const PLAIN = /^[a-z0-9' ]*$/;

/**
 * The same order as {@link localeWordOrder} where the default collation is the root one, English
 * or POSIX (see io/collation.ts): on plain words (lower-case ASCII letters, digits, `'`, spaces)
 * these order as their character codes do, so only other words reach localeCompare. Every pair
 * compares as localeCompare compares it there, so the order is the same total order.
 */
export const plainWordOrder: WordOrder = (a, b) => (PLAIN.test(a) && PLAIN.test(b) ? (a < b ? -1 : a > b ? 1 : 0) : a.localeCompare(b));
