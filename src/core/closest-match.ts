/**
 * Edit distance between two strings: insertions, deletions, substitutions and swaps of two
 * neighbouring letters all cost 1 ("lsit" is one slip away from "list", not two).
 */
export function editDistance(a: string, b: string): number {
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (twoBack[j - 2] ?? 0) + 1);
      current[j] = best;
    }
    twoBack = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidates closest to `input` (case-insensitive), best first, keeping only plausible
 * ones: within a third of the longer string's length, or sharing a prefix of three or more letters.
 */
export function closestMatches(input: string, candidates: readonly string[], max = 3): string[] {
  const needle = input.toLowerCase();
  return candidates
    .map((candidate) => {
      const hay = candidate.toLowerCase();
      const distance = editDistance(needle, hay);
      const prefix = needle.length >= 3 && (hay.startsWith(needle) || needle.startsWith(hay));
      return {
        candidate,
        distance,
        // One edit in three characters, but none for one- or two-letter words: "b" is not a typo of "a".
        plausible:
          prefix ||
          distance <= (Math.max(needle.length, hay.length) < 3 ? 0 : Math.max(1, Math.floor(Math.max(needle.length, hay.length) / 3))),
      };
    })
    .filter((entry) => entry.plausible)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, max)
    .map((entry) => entry.candidate);
}
