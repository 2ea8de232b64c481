import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, parseDuration } from '../../src/core/duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['3m', 180],
    ['1m30s', 90],
    ['1h', 3600],
    ['1h2m3s', 3723],
    [' 2M ', 120],
    ['5x', null],
    ['3', null],
    ['0s', null],
    ['-3m', null],
    ['', null],
    ['m', null],
    ['1.5m', null],
    ['3m 30s', null],
  ])('%j → %j', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
});

describe('formatDuration and formatClock', () => {
  it.each([
    [90, '1m30s', '1:30'],
    [180, '3m', '3:00'],
    [45, '45s', '0:45'],
    [0, '0s', '0:00'],
    [3723, '1h2m3s', '1:02:03'],
  ])('%i s → %s / %s', (seconds, duration, clock) => {
    expect(formatDuration(seconds)).toBe(duration);
    expect(formatClock(seconds)).toBe(clock);
  });
});
