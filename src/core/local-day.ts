// Calendar days in the user's time zone, as whole numbers (days since 1970-01-01 of the local
// date), so that streaks and calendars count days the way the user lives them, with no
// daylight-saving drift. Pure: the instant and the zone are passed in (Intl, no clock).

import { cachedDateTimeFormat, UTC_NAMES } from './format-date.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
const PARTS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
};
const formatterFor = (timeZone: string | undefined) => cachedDateTimeFormat(formatters, timeZone, PARTS);

/**
 * The local wall-clock time of an instant, read as if it were UTC (ms), in whole seconds. A zone's
 * offset changes a few times a year at most, so it is found once per UTC day that has no change
 * in it (the same offset at its first and last second) and reused for every instant of that day;
 * a day with a change has each instant's own. Over 20,000 answers that took `stats` from 20,000
 * look-ups to a few hundred (each an Intl call in a named zone: about 10 µs).
 */
function wallTime(ms: number, timeZone: string | undefined): number {
  const second = Math.floor(ms / 1000) * 1000;
  if (timeZone !== undefined && UTC_NAMES.has(timeZone)) return second;
  const day = Math.floor(ms / DAY);
  let days = dayOffsets.get(timeZone ?? '');
  if (!days) {
    days = new Map();
    dayOffsets.set(timeZone ?? '', days);
  }
  let offset = days.get(day);
  if (offset === undefined) {
    const first = offsetAt(day * DAY, timeZone);
    offset = first === offsetAt(day * DAY + DAY - 1000, timeZone) ? first : Number.NaN;
    days.set(day, offset);
  }
  return second + (Number.isNaN(offset) ? offsetAt(ms, timeZone) : offset);
}

/** Each zone's offset (ms) on each UTC day seen (by day number), NaN for a day the offset changes in; '' is the process's own zone. */
const dayOffsets = new Map<string, Map<number, number>>();

/**
 * How far the zone's wall clock is ahead of UTC at an instant (ms). The process's own zone (no zone
 * named) comes from Date's offset: Intl costs 20-30 ms to start. Other named zones go through Intl.
 */
function offsetAt(ms: number, timeZone: string | undefined): number {
  if (timeZone === undefined) return -new Date(ms).getTimezoneOffset() * 60_000;
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  // Intl gives whole seconds: the offset is from the instant's whole second.
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second')) - Math.floor(ms / 1000) * 1000;
}

/** The local calendar day of an instant: days since 1970-01-01. */
export function localDay(ms: number, timeZone: string | undefined): number {
  return Math.floor(wallTime(ms, timeZone) / DAY);
}

/** The instant a local calendar day starts (its first moment, daylight saving included). */
export function startOfLocalDay(day: number, timeZone: string | undefined): number {
  const wall = day * DAY;
  let guess = wall - (wallTime(wall, timeZone) - wall);
  // Once more at the guess: the offset there may differ (a change of daylight saving that night).
  guess = wall - (wallTime(guess, timeZone) - guess);
  if (localDay(guess, timeZone) >= day) return guess;
  // That midnight never was: the clocks went forward over it (Santiago, in September), and the
  // day starts when they did, found by halving (no such jump is over a few hours).
  let low = guess;
  let high = guess + 6 * 60 * 60 * 1000;
  if (localDay(high, timeZone) < day) return guess;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (localDay(middle, timeZone) >= day) high = middle;
    else low = middle;
  }
  return high;
}

/** 0 for Monday to 6 for Sunday (1970-01-01, day 0, was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** `2026-11-25` for a local day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** `Nov` for a local day number. */
export function monthName(day: number): string {
  return MONTHS[new Date(day * DAY).getUTCMonth()] ?? '';
}

/** The local day number of `2026-11-25`, or null when that is not a real date. */
export function parseDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return ms / DAY;
}

const DAY = 24 * 60 * 60 * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
