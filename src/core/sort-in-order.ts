// Sorting row numbers (indexes into columns) by a total order, where the input is usually in
// order already or in reverse: the history and the sessions folder come newest or oldest first.

/**
 * Rows sorted by `compare` (a total order: no two rows compare equal), in place: at no cost when
 * they are in order already, at one reversal when in reverse order (a history listed newest first).
 */
export function sortInOrder(rows: Int32Array, compare: (a: number, b: number) => number): void {
  let ascending = true;
  let descending = true;
  for (let i = 1; i < rows.length && (ascending || descending); i++) {
    if (compare(rows[i - 1] as number, rows[i] as number) > 0) ascending = false;
    else descending = false;
  }
  if (ascending) return;
  if (descending) rows.reverse();
  else rows.sort(compare);
}
