/**
 * Binary search over sorted arrays: one helper for every "first element at or past a value"
 * look-up of the project (busy blocks by start, windows by start, grid instants), so that each
 * caller states only what "past" means for its elements.
 * @module
 */

/**
 * The first index in [0, length) at which `isPast` holds, or `length` when it holds nowhere.
 * `isPast` must be false for a prefix of the indices and true for the rest (monotone), as
 * "this element starts at or after t" is over elements sorted by start. O(log length) calls.
 *
 * @example
 * ```ts
 * const starts = [1, 3, 3, 7];
 * firstIndexWhere(starts.length, (i) => starts[i]! >= 3); // 1
 * firstIndexWhere(starts.length, (i) => starts[i]! > 3); // 3
 * firstIndexWhere(starts.length, (i) => starts[i]! > 9); // 4
 * ```
 */
export function firstIndexWhere(length: number, isPast: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isPast(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Index of the first interval whose start is at least `ms`, among intervals sorted by start
 * (`intervals.length` when none is).
 *
 * @example
 * ```ts
 * firstStartingFrom([{ startMs: 0 }, { startMs: 10 }, { startMs: 20 }], 10); // 1
 * firstStartingFrom([{ startMs: 0 }, { startMs: 10 }, { startMs: 20 }], 11); // 2
 * ```
 */
export function firstStartingFrom(intervals: readonly { readonly startMs: number }[], ms: number): number {
  return firstIndexWhere(intervals.length, (i) => intervals[i]!.startMs >= ms);
}

/**
 * Index of the first interval whose start is after `ms`, among intervals sorted by start
 * (`intervals.length` when none is): where an interval starting at `ms` goes after its equals.
 *
 * @example
 * ```ts
 * firstStartingAfter([{ startMs: 0 }, { startMs: 10 }, { startMs: 20 }], 10); // 2
 * ```
 */
export function firstStartingAfter(intervals: readonly { readonly startMs: number }[], ms: number): number {
  return firstIndexWhere(intervals.length, (i) => intervals[i]!.startMs > ms);
}
