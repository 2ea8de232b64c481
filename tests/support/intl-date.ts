/**
 * A date as Intl writes it in `timeZone` (`2026-11-25 10:00 UTC`; `zone: false` leaves the zone's
 * name out): the oracle the date formatting without Intl (src/core/format-date.ts) is held to.
 */
export function dateTimeViaIntl(timeZone: string): (date: Date, options?: { zone?: boolean }) => string {
  const formatter = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  });
  return (date, options = {}) => {
    const parts = formatter.formatToParts(date);
    const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
    const text = `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
    return options.zone === false ? text : `${text} ${part('timeZoneName')}`;
  };
}
