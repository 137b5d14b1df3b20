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

/**
 * The union of ascending arrays, ascending, each value once. Arrays given more than once (the
 * epochs of one kind share theirs) are read once; a single distinct array is returned as it is.
 *
 * @example
 * ```ts
 * sortedUnion([Float64Array.of(1, 3, 5), Float64Array.of(2, 3)]); // Float64Array [1, 2, 3, 5]
 * ```
 */
export function sortedUnion(arrays: readonly Float64Array[]): Float64Array {
  const distinct = [...new Set(arrays)];
  if (distinct.length === 0) return new Float64Array(0);
  let merged = distinct[0]!;
  for (let d = 1; d < distinct.length; d += 1) {
    const other = distinct[d]!;
    const out = new Float64Array(merged.length + other.length);
    let x = 0;
    let y = 0;
    let size = 0;
    while (x < merged.length || y < other.length) {
      const v = y >= other.length || (x < merged.length && merged[x]! <= other[y]!) ? merged[x++]! : other[y++]!;
      if (size === 0 || out[size - 1] !== v) out[size++] = v;
    }
    merged = out.subarray(0, size);
  }
  return merged;
}

/**
 * Mark in `mask` (1 at each position of `union` that holds a member) the members of an ascending
 * array whose every value is in the ascending `union`.
 *
 * @example
 * ```ts
 * const mask = new Uint8Array(4);
 * markMembers(Float64Array.of(1, 2, 3, 5), Float64Array.of(2, 5), mask); // mask: [0, 1, 0, 1]
 * ```
 */
export function markMembers(union: Float64Array, members: Float64Array, mask: Uint8Array): void {
  let p = 0;
  for (let j = 0; j < members.length; j += 1) {
    while (union[p]! < members[j]!) p += 1;
    mask[p] = 1;
  }
}

/**
 * The first index of an ascending array whose value is at least `value` (the array's length
 * when none is): {@link firstIndexWhere} for the typed arrays of the solvers' hot loops, with no
 * function to call per probe.
 *
 * @example
 * ```ts
 * firstAtLeast(Float64Array.of(1, 3, 3, 7), 3); // 1
 * ```
 */
export function firstAtLeast(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first index of an ascending array whose value is above `value` (the array's length when
 * none is).
 *
 * @example
 * ```ts
 * firstAbove(Float64Array.of(1, 3, 3, 7), 3); // 3
 * ```
 */
export function firstAbove(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
