/** The eight heights of a sparkline, lowest first. */
const SPARK_BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
/** A point with no value (a session without a self-rating). */
const SPARK_GAP = '·';

/**
 * A sparkline: one character per value, its height the value's place between `min` and `max`
 * (a fixed scale, so that two lines can be compared and a flat line means flat, not "all the
 * same as each other"); null is a gap. Characters, not colours: it reads the same with colours off.
 */
export function sparkline(values: readonly (number | null)[], min: number, max: number): string {
  const span = max - min;
  return values
    .map((value) => {
      if (value === null || Number.isNaN(value)) return SPARK_GAP;
      const share = span <= 0 ? 1 : Math.min(1, Math.max(0, (value - min) / span));
      return SPARK_BARS[Math.min(SPARK_BARS.length - 1, Math.floor(share * SPARK_BARS.length))] ?? SPARK_GAP;
    })
    .join('');
}
