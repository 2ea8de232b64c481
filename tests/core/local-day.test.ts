import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDay, startOfLocalDay } from '../../src/core/local-day.js';

// localDay reuses a zone's offset for the whole of a UTC day with no change of offset in it.
// Held here to Intl's own calendar date of the instant, on random instants and on the seconds
// around every change of offset, in zones with whole-hour, half-hour and 45-minute offsets and
// changes, south and north, and in the process's own zone.

const DAY = 86_400_000;
const ZONES = [
  'Europe/Paris',
  'America/New_York',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Africa/Casablanca',
  'Asia/Tokyo',
  'UTC',
];

const formats = new Map<string, Intl.DateTimeFormat>();
const formatIn = (timeZone: string, options: Intl.DateTimeFormatOptions) => {
  const key = `${timeZone} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    formats.set(key, format);
  }
  return format;
};

/** The local date of an instant as Intl gives it, as a day number. */
function intlDay(ms: number, timeZone: string | undefined): number {
  if (timeZone === undefined) {
    const date = new Date(ms);
    return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY;
  }
  const parts = formatIn(timeZone, { year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day')) / DAY;
}

/** The instants a zone's offset changes at between two instants, found to the second. */
function changes(timeZone: string, from: number, to: number): number[] {
  const offset = (ms: number) => {
    const parts = formatIn(timeZone, { timeZoneName: 'longOffset' }).formatToParts(ms);
    return parts.find((part) => part.type === 'timeZoneName')?.value;
  };
  const found: number[] = [];
  // A day at a time, then to the second: no zone changes twice within a day.
  for (let ms = from; ms < to; ms += DAY) {
    if (offset(ms) === offset(ms + DAY)) continue;
    let low = ms;
    let high = ms + DAY;
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (offset(middle) === offset(low)) low = middle;
      else high = middle;
    }
    found.push(high);
  }
  return found;
}

describe('localDay', () => {
  it('gives the date Intl gives, on random instants from 1990 to 2060', () => {
    const zone = fc.constantFrom<string | undefined>(undefined, ...ZONES);
    const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });
    fc.assert(
      fc.property(zone, instant, (timeZone, ms) => {
        expect(localDay(ms, timeZone)).toBe(intlDay(ms, timeZone));
      }),
      { numRuns: 3000, seed: 20261202 },
    );
  });

  it('gives the date Intl gives on the seconds around each change of offset, 2025 to 2027', () => {
    let checked = 0;
    for (const timeZone of ZONES) {
      for (const change of changes(timeZone, Date.UTC(2025, 0, 1), Date.UTC(2028, 0, 1))) {
        // The day's other instants first, so that the day's offset is the one looked up before.
        for (const ms of [change - DAY / 2, change - 1000, change - 1, change, change + 1000, change + DAY / 2]) {
          expect(localDay(ms, timeZone), `${timeZone} ${new Date(ms).toISOString()}`).toBe(intlDay(ms, timeZone));
          checked++;
        }
      }
    }
    // Paris, New York, Santiago, Lord Howe and Chatham change twice a year (Casablanca around Ramadan).
    expect(checked).toBeGreaterThanOrEqual(6 * 2 * 3 * 5);
  });

  it('starts each day at its first instant, across the changes of offset', () => {
    for (const timeZone of ZONES) {
      for (const change of changes(timeZone, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))) {
        const day = intlDay(change, timeZone);
        for (const d of [day - 1, day, day + 1]) {
          const start = startOfLocalDay(d, timeZone);
          expect(localDay(start, timeZone), `${timeZone} day ${d}`).toBe(d);
          expect(localDay(start - 1, timeZone), `${timeZone} before day ${d}`).toBe(d - 1);
        }
      }
    }
  });
});
