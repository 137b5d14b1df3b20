/**
 * Where a slowly changing quantity is non-negative: the intervals of a span found from a
 * coarse scan made safe by a bound on the quantity's rate of change, with each change of sign
 * located to a second. Orientation constraints and the micrometeoroid avoidance zone use it.
 * @module
 */
import type { Span } from '../time/instant.js';

/** Sign changes are located to this, ms (1 second). */
const TOLERANCE_MS = 1000;
/** A dip out of (or into) the set shorter than this is not resolved, ms (30 s; as the window engine). */
const SHORTEST_FEATURE_MS = 30_000;

/**
 * The intervals `[startMs, endMs]` of a span where `f >= 0`, sorted and disjoint, for a function
 * that changes by at most `maxRatePerMs` per millisecond. `f` is sampled every `stepMs` from the
 * span's start; between two samples whose values add up (in absolute value) to more than the
 * rate bound allows, `f` cannot change sign; anywhere else the pair is halved until it can be
 * settled or is shorter than 30 s (a feature shorter than that is not resolved). Each change of
 * sign is then located to a second, on the side where `f >= 0`: interval ends are instants
 * where `f` was found non-negative (whole seconds; the span's own ends as given).
 *
 * @example
 * ```ts
 * const DAY = 86_400_000;
 * nonNegativeIntervals((t) => Math.sin((2 * Math.PI * t) / (10 * DAY)), { startMs: 0, endMs: 20 * DAY }, DAY, (2 * Math.PI) / (10 * DAY));
 * // [[0, 5 days], [10 days, 15 days]] to the second
 * ```
 */
export function nonNegativeIntervals(
  f: (atMs: number) => number,
  span: Span,
  stepMs: number,
  maxRatePerMs: number,
): Array<[number, number]> {
  // Each crossing: [last instant on the old side, first instant on the new side].
  const crossings: Array<{ entering: boolean; lastMs: number; firstMs: number }> = [];
  const refine = (a: number, fa: number, b: number): void => {
    let lo = a;
    let hi = b;
    const inside = fa >= 0;
    while (hi - lo > TOLERANCE_MS) {
      const m = (lo + hi) / 2;
      if (f(m) >= 0 === inside) lo = m;
      else hi = m;
    }
    crossings.push({ entering: !inside, lastMs: lo, firstMs: hi });
  };
  const scan = (a: number, fa: number, b: number, fb: number): void => {
    const width = b - a;
    if (fa >= 0 !== fb >= 0) {
      if (width <= SHORTEST_FEATURE_MS || Math.abs(fa) + Math.abs(fb) >= maxRatePerMs * width * 0.999) {
        // The only way to hide two more crossings is a swing of more than the ends' values allow.
        refine(a, fa, b);
        return;
      }
    } else if (width <= SHORTEST_FEATURE_MS || Math.abs(fa) + Math.abs(fb) > maxRatePerMs * width) {
      return;
    }
    const m = (a + b) / 2;
    const fm = f(m);
    scan(a, fa, m, fm);
    scan(m, fm, b, fb);
  };
  const startValue = f(span.startMs);
  let previousMs = span.startMs;
  let previousValue = startValue;
  for (let atMs = span.startMs + stepMs; ; atMs += stepMs) {
    const t = Math.min(atMs, span.endMs);
    const value = f(t);
    scan(previousMs, previousValue, t, value);
    previousMs = t;
    previousValue = value;
    if (t >= span.endMs) break;
  }
  const intervals: Array<[number, number]> = [];
  let inside = startValue >= 0;
  let openedMs = span.startMs;
  for (const crossing of crossings) {
    if (crossing.entering) {
      openedMs = Math.min(Math.ceil(crossing.firstMs / 1000) * 1000, span.endMs);
    } else {
      const closeMs = Math.max(Math.floor(crossing.lastMs / 1000) * 1000, span.startMs);
      if (inside && closeMs > openedMs) intervals.push([openedMs, closeMs]);
    }
    inside = crossing.entering;
  }
  if (inside && span.endMs > openedMs) intervals.push([openedMs, span.endMs]);
  return intervals;
}
