import type { WordOrder } from '../core/word-order.js';
import { localeWordOrder, plainWordOrder } from '../core/word-order.js';

/**
 * The locale the process's collation comes from, as ICU reads it from the environment: the first
 * of LC_ALL, LC_MESSAGES and LANG that is set (C and POSIX mean en-US-POSIX; set but empty, the
 * root locale; none, en-US).
 */
function collationLocale(env: Record<string, string | undefined>): string | undefined {
  return env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG;
}

/**
 * How the insights order words that tie, for this environment: {@link plainWordOrder} where the
 * default collation is the root one, English or POSIX (each orders plain words by code), else
 * localeCompare for every pair. Either is the order localeCompare gives.
 */
export function wordOrderFor(env: Record<string, string | undefined>): WordOrder {
  const locale = collationLocale(env);
  if (locale === undefined || locale === '' || /^(?:C|POSIX|en)(?:[_.@-]|$)/.test(locale)) return plainWordOrder;
  return localeWordOrder;
}
