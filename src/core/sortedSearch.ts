/**
 * Binary search over anything sorted: findings by offset, edits by position, statement parts by start.
 * One function instead of a hand-written loop in each place that needs log n (several did, each slightly
 * different, which is where off-by-one mistakes hide).
 */

/** How many of the first `length` items satisfy `before`, which must hold for a prefix of them and fail for the rest. */
export function partitionPoint(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the sorted numbers are below `x`. */
export function countBelow(sorted: ArrayLike<number>, x: number): number {
  return partitionPoint(sorted.length, (i) => sorted[i] < x);
}
