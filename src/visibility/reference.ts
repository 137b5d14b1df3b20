/**
 * A plain reference for the visibility engine: ask astronomy-engine (or the ephemeris) for the
 * Sun at every hour of the span for each target, then bisect each change of state with the Sun
 * computed afresh. Slow and simple on purpose: tests check the fast engine against it, and the
 * benchmark reports the ratio of the two.
 * @module
 */
import { inFieldOfRegard } from '../observatory/field-of-regard.js';
import { DEFAULT_OBSERVATORY, type ObservatoryModel } from '../observatory/model.js';
import { elongationDeg, requireModelYears } from '../observatory/sun.js';
import type { Target } from '../sky/target.js';
import { MS_PER_HOUR, type Span } from '../time/instant.js';

/**
 * In-field intervals [startMs, endMs) of a target, from an hourly scan refined by bisection to
 * a second. Misses features shorter than an hour, which the fast engine does not.
 *
 * @example
 * ```ts
 * referenceVisibilityIntervals(findTarget('HD163466'), cycleSpan(1));
 * ```
 */
export function referenceVisibilityIntervals(
  target: Target,
  span: Span,
  observatory: ObservatoryModel = DEFAULT_OBSERVATORY,
  stepMs: number = MS_PER_HOUR,
): Array<[number, number]> {
  requireModelYears(span);
  return scan(target, span, observatory, stepMs);
}

/** The reference scan of a checked target, span, model and step. */
function scan(target: Target, span: Span, observatory: ObservatoryModel, stepMs: number): Array<[number, number]> {
  const inside = (atMs: number): boolean => inFieldOfRegard(elongationDeg(target, atMs, observatory), observatory.fieldOfRegard);
  const intervals: Array<[number, number]> = [];
  let state = inside(span.startMs);
  let openedMs = span.startMs;
  for (let a = span.startMs; a < span.endMs; a += stepMs) {
    const b = Math.min(a + stepMs, span.endMs);
    if (inside(b) === state) continue;
    let lo = a;
    let hi = b;
    while (hi - lo > 1000) {
      const m = (lo + hi) / 2;
      if (inside(m) === state) lo = m;
      else hi = m;
    }
    const edgeMs = Math.round(hi / 1000) * 1000;
    if (state) intervals.push([openedMs, edgeMs]);
    else openedMs = edgeMs;
    state = !state;
  }
  if (state) intervals.push([openedMs, span.endMs]);
  return intervals;
}
