/**
 * Candidate start times of an epoch block on the scheduling grid, from time intervals alone:
 * the target windows, the margin kept from their edges, the busy time of the observatory
 * and the span. No sky geometry here, so tests can feed synthetic windows.
 * @module
 */
import type { Span } from '../time/instant.js';
import type { TimeInterval } from './schedule.js';
import { InputError } from '../errors.js';

/** A closed interval [lo, hi] of allowed start instants, epoch ms. */
interface StartRange {
  readonly lo: number;
  readonly hi: number;
}

/** What a block needs to start at an instant. */
export interface BlockRequest {
  readonly durationMs: number;
  /** Targets whose windows must each contain the whole block (with the margin). */
  readonly targets: readonly string[];
}

/** The grid and the constraints every block shares. */
export interface StartContext {
  readonly span: Span;
  /** Grid step: candidate starts are span.startMs + k * gridMs. */
  readonly gridMs: number;
  /**
   * Kept between the block and each window edge. An edge that coincides with an edge of the
   * span is where the windows were cut to the span, not where visibility ends, so it gets no margin.
   */
  readonly marginMs: number;
  readonly windows: Readonly<Record<string, readonly TimeInterval[]>>;
  /** Observatory time already taken (sorted or not, may touch or overlap). */
  readonly busy: readonly TimeInterval[];
}

/**
 * The start ranges where a block fits: inside the span, inside one window of each of its
 * targets with the margin, and clear of busy time. Closed ranges, sorted and disjoint.
 */
export function allowedStartRanges(block: BlockRequest, context: StartContext): StartRange[] {
  const { span, marginMs, windows, busy } = context;
  const { durationMs } = block;
  let ranges: StartRange[] = [{ lo: span.startMs, hi: span.endMs - durationMs }];
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
  return subtractBusy(ranges, busy, durationMs);
}

/**
 * Remove from sorted, disjoint start ranges every start whose block would meet busy time. A
 * block [t, t + d) meets busy [b0, b1) exactly when b0 - d < t < b1, so each busy interval
 * forbids the open range (b0 - d, b1). One sweep over the forbidden ranges sorted by their
 * start: O((ranges + busy) log busy), however fragmented the timeline.
 */
function subtractBusy(ranges: readonly StartRange[], busy: readonly TimeInterval[], durationMs: number): StartRange[] {
  if (busy.length === 0) return [...ranges];
  // Busy time sorted by start (the scheduler keeps it so; anything else is sorted here).
  let sorted = busy;
  for (let i = 1; i < busy.length; i += 1) {
    if (busy[i]!.startMs < busy[i - 1]!.startMs) {
      sorted = [...busy].sort((x, y) => x.startMs - y.startMs);
      break;
    }
  }
  let longestMs = 0;
  for (const b of sorted) longestMs = Math.max(longestMs, b.endMs - b.startMs);
  const out: StartRange[] = [];
  for (const range of ranges) {
    // First busy interval that can reach this range: it starts at most `longestMs` before it.
    let q = firstStartingFrom(sorted, range.lo - longestMs);
    let current = range.lo;
    let open = true;
    for (; q < sorted.length && sorted[q]!.startMs - durationMs < range.hi; q += 1) {
      const forbiddenLo = sorted[q]!.startMs - durationMs;
      const forbiddenHi = sorted[q]!.endMs;
      if (forbiddenHi <= current) continue;
      if (forbiddenLo >= current) out.push({ lo: current, hi: forbiddenLo });
      current = forbiddenHi;
      if (current > range.hi) {
        open = false;
        break;
      }
    }
    if (open) out.push({ lo: current, hi: range.hi });
  }
  return out;
}

/** Index of the first interval whose start is at least `valueMs` (intervals sorted by start). */
function firstStartingFrom(sorted: readonly TimeInterval[], valueMs: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.startMs < valueMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function intersect(a: readonly StartRange[], b: readonly StartRange[]): StartRange[] {
  const sortedB = [...b].sort((x, y) => x.lo - y.lo);
  const out: StartRange[] = [];
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
 * The grid instants where a block may start, ascending.
 *
 * @example
 * ```ts
 * const starts = gridStarts({ durationMs: 3_600_000, targets: ['S'] }, {
 *   span: { startMs: 0, endMs: 10 * 3_600_000 }, gridMs: 3_600_000, marginMs: 0,
 *   windows: { S: [{ startMs: 2 * 3_600_000, endMs: 5 * 3_600_000 }] }, busy: [],
 * });
 * Array.from(starts); // [7200000, 10800000, 14400000]
 * ```
 */
export function gridStarts(block: BlockRequest, context: StartContext): Float64Array {
  const { span, gridMs } = context;
  const out: number[] = [];
  for (const range of allowedStartRanges(block, context)) {
    const first = Math.ceil((range.lo - span.startMs) / gridMs);
    const last = Math.floor((range.hi - span.startMs) / gridMs);
    for (let k = first; k <= last; k += 1) {
      const t = span.startMs + k * gridMs;
      if (out.length === 0 || t > out[out.length - 1]!) out.push(t);
    }
  }
  return Float64Array.from(out);
}

/**
 * The window of `target` that contains [startMs, endMs), if any.
 *
 * @example
 * ```ts
 * windowContaining([{ startMs: 0, endMs: 10 }], 2, 5); // { startMs: 0, endMs: 10 }
 * ```
 */
export function windowContaining(
  windows: readonly TimeInterval[] | undefined,
  startMs: number,
  endMs: number,
): TimeInterval | undefined {
  return windows?.find((window) => window.startMs <= startMs && endMs <= window.endMs);
}
