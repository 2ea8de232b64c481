// Dates as people read them in listings and documents: `2026-11-25 10:00`, in a time zone the
// caller names (the command passes the user's; tests pass UTC), so this stays pure.
// The first Intl.DateTimeFormat of a process costs 20-30 ms (ICU loads its data), more than a
// whole listing: UTC and the process's own zone (no zone named) are formatted from Date's own
// getters, and Intl is only loaded for another named zone, or for the local zone's short name
// when that is not UTC.

/** Names Intl gives the UTC zone; formatted without Intl. */
export const UTC_NAMES: ReadonlySet<string> = new Set([
  'UTC',
  'Etc/UTC',
  'Etc/GMT',
  'GMT',
  'Etc/Universal',
  'Universal',
  'Etc/Zulu',
  'Zulu',
  'UCT',
  'Etc/UCT',
]);
const pad = (value: number) => String(value).padStart(2, '0');

/**
 * An en-US Intl.DateTimeFormat for a zone, made once per process and `cache` (each is costly). An
 * unknown zone (a TZ value Intl does not know) falls back to the default one.
 */
export function cachedDateTimeFormat(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let formatter = cache.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      formatter = new Intl.DateTimeFormat('en-US', options);
    }
    cache.set(key, formatter);
  }
  return formatter;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};
const formatterFor = (timeZone: string | undefined) => cachedDateTimeFormat(formatters, timeZone, DATE_TIME);

/** `2026-11-25 10:00`, or with `zone` `2026-11-25 10:00 UTC`, from an ISO date or milliseconds; an unparsable date comes back as given. */
export function formatDateTime(iso: string | number, options: { timeZone?: string; zone?: boolean } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  const { timeZone } = options;
  if (timeZone === undefined || UTC_NAMES.has(timeZone)) {
    const utc = timeZone !== undefined;
    const text = utc
      ? `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`
      : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
    if (!options.zone) return text;
    // The local zone's short name is Intl's to give, except for UTC, which Date names too.
    if (utc || (date.getTimezoneOffset() === 0 && localZoneIsUtcIn(date))) return `${text} UTC`;
  }
  const parts = formatterFor(options.timeZone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
  const text = `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
  return options.zone ? `${text} ${part('timeZoneName')}` : text;
}

/**
 * Whether the process's own zone is UTC at `date` (its offset there is 0): Date names it so. Asked
 * once per year of the dates seen, not per date: `toString` looks the zone's name up in ICU,
 * about 20 µs, a tenth of an export's whole render of a session. Within a year a zone's name at
 * offset 0 does not change from UTC to another (Europe/London at 0 is always GMT).
 */
function localZoneIsUtcIn(date: Date): boolean {
  const year = date.getFullYear();
  let utc = localUtcByYear.get(year);
  if (utc === undefined) {
    utc = date.toString().endsWith('(Coordinated Universal Time)');
    localUtcByYear.set(year, utc);
  }
  return utc;
}
const localUtcByYear = new Map<number, boolean>();
