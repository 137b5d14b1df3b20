/**
 * Candidate start times of an epoch block, from time intervals alone: the target windows, the
 * margin kept from their edges, the busy time of the observatory and the span. No sky geometry
 * here, so tests can feed synthetic windows.
 *
 * The candidates of a block are the instants of the scheduling grid where it fits and, in
 * every stretch of free time where the block fits but the grid has no start for it, the
 * instants where it fits snugly against time already taken: starting where a busy block ends,
 * or ending where one starts. So no free stretch that can hold a block is lost to the grid,
 * while the candidates stay as few as the grid's. Window and margin edges add no candidates of
 * their own (a start there would look precise where the window edge is uncertain by hours in
 * the nominal L2 model, and would gain less than one grid step). Candidates are whole
 * milliseconds: a snug start is rounded up, a snug end down, so that blocks never overlap.
 * @module
 */

import { InputError } from '../errors.js';
import { firstStartingAfter, firstStartingFrom } from '../sorted.js';
import type { Span } from '../time/instant.js';
import type { TimeInterval } from './schedule.js';

/**
 * A closed interval [lo, hi] of allowed start instants, epoch ms, and whether each of its ends
 * touches busy time (a block starting at `lo` starts where a busy block ends; one starting at
 * `hi` ends where a busy block starts).
 */
export interface StartRange {
  readonly lo: number;
  readonly hi: number;
  readonly loTouchesBusy: boolean;
  readonly hiTouchesBusy: boolean;
}

/** What a block needs to start at an instant. */
export interface BlockRequest {
  readonly durationMs: number;
  /** Targets whose windows must each contain the whole block (with the margin). */
  readonly targets: readonly string[];
  /**
   * An interval the whole block must lie in besides the span (no margin kept from its edges):
   * the cycle a repetition of the table belongs to, when the table is repeated every cycle.
   */
  readonly within?: TimeInterval | undefined;
}

/** The grid and the constraints every block shares. */
export interface StartContext {
  readonly span: Span;
  /** Grid step: grid starts are span.startMs + k * gridMs. */
  readonly gridMs: number;
  /**
   * Kept between the block and each window edge. An edge that coincides with an edge of the
   * span is where the windows were cut to the span, not where visibility ends, so it gets no margin.
   */
  readonly marginMs: number;
  readonly windows: Readonly<Record<string, readonly TimeInterval[]>>;
  /** Observatory time already taken (sorted or not, may touch or overlap). */
  readonly busy: readonly TimeInterval[];
  /**
   * The longest busy interval's length, when the caller keeps `busy` sorted by start and knows
   * it: then a call reads only the busy time near the block's windows, instead of checking the
   * order of all of it and measuring it first (a timeline of n blocks placed one target after
   * another would otherwise cost n passes over n blocks).
   */
  readonly busyLongestMs?: number | undefined;
  /** Blocks start at or after this instant (default: the span's start). */
  readonly notBeforeMs?: number | undefined;
}

/**
 * The start ranges where a block fits, ignoring busy time: inside the span (and not before
 * `notBeforeMs`, and inside the block's `within` interval), inside one window of each of its
 * targets with the margin. Sorted and disjoint.
 *
 * @example
 * ```ts
 * windowStartRanges({ durationMs: 1, targets: ['S'] }, {
 *   span: { startMs: 0, endMs: 100 }, gridMs: 1, marginMs: 0, busy: [], windows: { S: [{ startMs: 10, endMs: 20 }] },
 * }); // [{ lo: 10, hi: 19, loTouchesBusy: false, hiTouchesBusy: false }]
 * ```
 */
export function windowStartRanges(block: BlockRequest, context: Omit<StartContext, 'busy'>): StartRange[] {
  const { span, marginMs, windows } = context;
  const { durationMs } = block;
  const from = Math.max(span.startMs, context.notBeforeMs ?? -Infinity, block.within?.startMs ?? -Infinity);
  const to = Math.min(span.endMs, block.within?.endMs ?? Infinity);
  let ranges: { lo: number; hi: number }[] = [{ lo: from, hi: to - durationMs }];
  if (ranges[0]!.hi < ranges[0]!.lo) return [];
  for (const target of block.targets) {
    const list = windows[target];
    if (!list) throw new InputError(`windows: no visibility windows were given for target "${target}"`);
    const fits = list
      .map((window) => ({
        lo: window.startMs + (window.startMs === span.startMs ? 0 : marginMs),
        hi: window.endMs - (window.endMs === span.endMs ? 0 : marginMs) - durationMs,
      }))
      .filter((range) => range.hi >= range.lo);
    ranges = intersect(ranges, fits);
  }
  return ranges.map(({ lo, hi }) => ({ lo, hi, loTouchesBusy: false, hiTouchesBusy: false }));
}

/**
 * Remove from sorted, disjoint start ranges every start whose block would meet busy time, and
 * hand each free range left to `emit`, in order. A block [t, t + d) meets busy [b0, b1) exactly
 * when b0 - d < t < b1, so each busy interval forbids the open range (b0 - d, b1), whose ends
 * are snug starts. One sweep over the busy intervals sorted by their start:
 * O((ranges + busy) log busy), however fragmented the timeline.
 */
function sweepFreeRanges(
  ranges: readonly StartRange[],
  busy: readonly TimeInterval[],
  knownLongestMs: number | undefined,
  durationMs: number,
  emit: (lo: number, hi: number, loTouchesBusy: boolean, hiTouchesBusy: boolean) => void,
): void {
  let sorted = busy;
  let longestMs = knownLongestMs ?? 0;
  if (knownLongestMs === undefined) {
    // Busy time sorted by start (the scheduler keeps it so, and says so; anything else is sorted here).
    for (let i = 1; i < busy.length; i += 1) {
      if (busy[i]!.startMs < busy[i - 1]!.startMs) {
        sorted = [...busy].sort((x, y) => x.startMs - y.startMs);
        break;
      }
    }
    for (const b of sorted) longestMs = Math.max(longestMs, b.endMs - b.startMs);
  }
  for (const range of ranges) {
    // First busy interval that can reach this range: it starts at most `longestMs` before it.
    let q = firstStartingFrom(sorted, range.lo - longestMs);
    let current = range.lo;
    let currentTouches = range.loTouchesBusy;
    let open = true;
    for (; q < sorted.length && sorted[q]!.startMs - durationMs <= range.hi; q += 1) {
      const forbiddenLo = sorted[q]!.startMs - durationMs;
      const forbiddenHi = sorted[q]!.endMs;
      if (forbiddenHi < current) continue;
      if (forbiddenHi === current) {
        // A busy block ends exactly where the range starts: a snug start.
        currentTouches = true;
        continue;
      }
      // forbiddenLo itself is allowed (the forbidden range is open): a block there ends where the busy one starts.
      if (forbiddenLo >= current) emit(current, forbiddenLo, currentTouches, true);
      current = forbiddenHi;
      currentTouches = true;
      if (current > range.hi) {
        open = false;
        break;
      }
    }
    if (open) emit(current, range.hi, currentTouches, range.hiTouchesBusy);
  }
}

function intersect(a: readonly { lo: number; hi: number }[], b: readonly { lo: number; hi: number }[]): { lo: number; hi: number }[] {
  const sortedB = [...b].sort((x, y) => x.lo - y.lo);
  const out: { lo: number; hi: number }[] = [];
  for (const x of a) {
    for (const y of sortedB) {
      const lo = Math.max(x.lo, y.lo);
      const hi = Math.min(x.hi, y.hi);
      if (lo <= hi) out.push({ lo, hi });
    }
  }
  return out.sort((x, y) => x.lo - y.lo);
}

/**
 * The candidate starts of a block, ascending: grid instants where it fits, and snug starts in
 * free stretches the grid misses (see the module comment).
 *
 * @example
 * ```ts
 * const H = 3_600_000;
 * const starts = candidateStarts({ durationMs: H / 2, targets: ['S'] }, {
 *   span: { startMs: 0, endMs: 10 * H }, gridMs: H, marginMs: 0,
 *   windows: { S: [{ startMs: 2 * H, endMs: 5 * H }] }, busy: [{ startMs: 2 * H, endMs: 2.5 * H }],
 * });
 * Array.from(starts); // [3 * H, 4 * H]: grid starts
 * // Busy until 3.25 h and from 3.75 h: the free stretch holds no grid start but fits the block.
 * Array.from(candidateStarts({ durationMs: H / 2, targets: ['S'] }, {
 *   span: { startMs: 0, endMs: 10 * H }, gridMs: H, marginMs: 0, windows: { S: [{ startMs: 2.5 * H, endMs: 4 * H }] },
 *   busy: [{ startMs: 2.5 * H, endMs: 3.25 * H }, { startMs: 3.75 * H, endMs: 4 * H }],
 * })); // [3.25 * H]
 * ```
 */
export function candidateStarts(block: BlockRequest, context: StartContext): Float64Array {
  const { span, gridMs } = context;
  const windowRanges = windowStartRanges(block, context);
  if (windowRanges.length === 0) return new Float64Array(0);
  // Candidates go straight into a typed array as the sweep hands over each free range (a
  // fragmented timeline has thousands of them per block): room for the grid starts, grown for
  // the snug ones (rare: only where the grid has none).
  let gridCount = 0;
  for (const range of windowRanges) gridCount += Math.max(0, Math.floor((range.hi - range.lo) / gridMs) + 2);
  let out = new Float64Array(gridCount + 16);
  let size = 0;
  const push = (t: number): void => {
    if (size > 0 && t <= out[size - 1]!) return;
    if (size === out.length) {
      const bigger = new Float64Array(2 * out.length);
      bigger.set(out);
      out = bigger;
    }
    out[size++] = t;
  };
  sweepFreeRanges(windowRanges, context.busy, context.busyLongestMs, block.durationMs, (rangeLo, rangeHi, loTouches, hiTouches) => {
    const lo = Math.ceil(rangeLo);
    const hi = Math.floor(rangeHi);
    if (hi < lo) return;
    const first = Math.ceil((rangeLo - span.startMs) / gridMs);
    const last = Math.floor((rangeHi - span.startMs) / gridMs);
    if (first > last) {
      // No grid instant here: the block may still start where a busy block ends, or end where one starts.
      if (loTouches) push(lo);
      if (hiTouches) push(hi);
      return;
    }
    for (let k = first; k <= last; k += 1) push(span.startMs + k * gridMs);
  });
  return out.slice(0, size);
}

/**
 * The window of `target` that contains [startMs, endMs), if any.
 *
 * @example
 * ```ts
 * windowContaining([{ startMs: 0, endMs: 10 }], 2, 5); // { startMs: 0, endMs: 10 }
 * ```
 */
export function windowContaining(windows: readonly TimeInterval[] | undefined, startMs: number, endMs: number): TimeInterval | undefined {
  if (!windows) return undefined;
  // Windows are sorted and disjoint: the last one starting at or before startMs is the only candidate.
  const window = windows[firstStartingAfter(windows, startMs) - 1];
  return window && endMs <= window.endMs ? window : undefined;
}
