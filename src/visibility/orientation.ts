/**
 * Orientation through time: the V3PA a visit can hold, and the windows in which an orientation
 * constraint can be met (whether one orientation serves a series' epochs is
 * `seriesOrientation`, in its own module).
 *
 * Reachable V3PA at an instant: the nominal V3PA (the Sun's position angle seen from the
 * target, plus 180 degrees) plus or minus the off-nominal roll half-range at the target's
 * solar elongation (`offNominalRollHalfRangeDeg`).
 *
 * Holding an orientation over an interval means one angle reachable at every instant of it,
 * which JWST does for a visit: the range reachable throughout is the intersection of the
 * instants' ranges, from the largest lower end to the smallest upper end.
 * @module
 */

import type { ObservatoryModel } from '../observatory/model.js';
import { edgeMarginMs, sunSourceAt, type WindowEdge } from '../observatory/observer.js';
import type { Orientation } from '../observatory/orientation.js';
import { sunDirectionAt } from '../observatory/sun.js';
import { type AngleRange, angleRangeCentreDeg, angleRangeWidthDeg, normalizeAngleRange, signedDifferenceDeg } from '../sky/angle-range.js';
import { DEG_PER_RAD, RAD_PER_DEG, wrapDegrees } from '../sky/angles.js';
import { type Target, targetUnitVector, type UnitVector } from '../sky/target.js';
import { MS_PER_DAY, MS_PER_MINUTE } from '../time/instant.js';
import { nonNegativeIntervals } from './intervals.js';
import { halfRangeFromCosineDeg, halfRangeSlopeBound } from './roll.js';
import { sunVectorAt } from './sun-grid.js';
import type { ObserverGrids, OrientationTimeOptions, VisibilityWindow } from './types.js';

export type { OrientationTimeOptions } from './types.js';

/** The reachable V3PA at one instant, degrees. */
interface Reach {
  readonly nominalDeg: number;
  readonly halfRangeDeg: number;
}

/**
 * The Sun's direction at an instant: from the sampled grids where they cover the instant (the
 * same Sun the visibility engine uses), computed afresh elsewhere.
 *
 * @example
 * ```ts
 * const sunAt = sunLookup(DEFAULT_OBSERVATORY, observerGrids(cycleSpan(1), DEFAULT_OBSERVATORY));
 * sunAt(Date.UTC(2022, 8, 1)); // a unit vector, J2000 axes
 * ```
 */
function sunLookup(observatory: ObservatoryModel, grids: ObserverGrids | undefined): (atMs: number) => UnitVector {
  const segments = grids?.segments ?? [];
  return (atMs) => {
    for (const { segment, grid } of segments) {
      if (
        atMs >= segment.startMs &&
        (atMs < segment.endMs || (atMs === segment.endMs && segment === segments[segments.length - 1]!.segment))
      ) {
        return sunVectorAt(grid, atMs);
      }
    }
    return sunDirectionAt(observatory, atMs);
  };
}

/** The reachable V3PA of a target as a function of time, from a Sun lookup. */
function reachOf(target: Target, sunAt: (atMs: number) => UnitVector, referenceMs: number): (atMs: number) => Reach {
  // Local east and north at the target (at a reference instant: proper motion over a year turns
  // them by far less than an arcsecond).
  const [x, y, z] = targetUnitVector(target, referenceMs);
  const rho = Math.hypot(x, y) || 1e-12;
  const [ex, ey] = [-y / rho, x / rho];
  const [nx, ny, nz] = [(-z * x) / rho, (-z * y) / rho, rho];
  return (atMs) => {
    const [sx, sy, sz] = sunAt(atMs);
    const nominalDeg = wrapDegrees(Math.atan2(sx * ex + sy * ey, sx * nx + sy * ny + sz * nz) * DEG_PER_RAD + 180);
    return { nominalDeg, halfRangeDeg: halfRangeFromCosineDeg(sx * x + sy * y + sz * z) };
  };
}

/** The V3PA a visit can hold, degrees. */
export interface HeldV3Pa {
  /** Nominal V3PA at the visit's start, in [0, 360). */
  readonly nominalDeg: number;
  /**
   * The angles reachable at every instant of the visit: from `minDeg` eastward to `maxDeg`.
   * When the visit is too long for any angle to stay reachable throughout (its nominal V3PA
   * turns by more than twice the roll half-range), the range reachable at its start, and
   * `holdable` is false.
   */
  readonly minDeg: number;
  readonly maxDeg: number;
  /** Whether one angle is reachable throughout the visit. */
  readonly holdable: boolean;
}

/** Visits are sampled this often to find what they can hold, ms (10 minutes; V3PA turns by at most about 0.01 degree in that time). */
const HOLD_SAMPLE_MS = 10 * MS_PER_MINUTE;

/**
 * The V3PA a target's visit over [startMs, endMs] can hold: the nominal V3PA at the start, and
 * the range reachable throughout (the intersection over the visit of nominal plus or minus the
 * roll half-range), sampled every 10 minutes and at both ends. "Reachable over the visit" is
 * read as reachable throughout, because a visit holds one orientation.
 *
 * @example
 * ```ts
 * const held = heldV3Pa(findTarget('HD163466'), Date.UTC(2022, 6, 14), Date.UTC(2022, 6, 14, 2), { observatory: DEFAULT_OBSERVATORY });
 * held.minDeg; held.maxDeg; // a range about 10 degrees wide around the nominal
 * ```
 */
export function heldV3Pa(target: Target, startMs: number, endMs: number, options: OrientationTimeOptions): HeldV3Pa {
  const reach = reachOf(target, sunLookup(options.observatory, options.grids), startMs);
  const first = reach(startMs);
  // Unwrapped around the nominal at the start.
  let lower = -first.halfRangeDeg;
  let upper = first.halfRangeDeg;
  const count = Math.max(1, Math.ceil((endMs - startMs) / HOLD_SAMPLE_MS));
  for (let k = 1; k <= count; k++) {
    const atMs = k === count ? endMs : startMs + k * HOLD_SAMPLE_MS;
    const { nominalDeg, halfRangeDeg } = reach(atMs);
    const offset = signedDifferenceDeg(nominalDeg, first.nominalDeg);
    lower = Math.max(lower, offset - halfRangeDeg);
    upper = Math.min(upper, offset + halfRangeDeg);
  }
  const holdable = lower <= upper;
  const [lo, hi] = holdable ? [lower, upper] : [-first.halfRangeDeg, first.halfRangeDeg];
  return Object.freeze({
    nominalDeg: first.nominalDeg,
    minDeg: wrapDegrees(first.nominalDeg + lo),
    maxDeg: wrapDegrees(first.nominalDeg + hi),
    holdable,
  });
}

/**
 * A bound on how fast the reachable V3PA can change, degrees per ms, while the target's solar
 * elongation stays in [minDeg, maxDeg]: the Sun's position angle seen from the target turns at
 * most at the Sun's angular rate divided by the sine of the elongation, and the half-range
 * changes with elongation at most by its steepest slope times that rate.
 */
function reachRateBound(grids: ObserverGrids | undefined, minElongationDeg: number, maxElongationDeg: number): number {
  // The Sun's rate: the grids' bound, or the Earth's mean motion with a third to spare.
  const sunRateDegPerMs = grids
    ? Math.max(...grids.segments.map(({ grid }) => grid.maxRateRadPerMs)) * DEG_PER_RAD
    : (1.33 * 0.9856) / MS_PER_DAY;
  // The sine is concave on [0, 180], so its least value over the band is at one of its ends.
  const sinMin = Math.max(0.02, Math.min(Math.sin(minElongationDeg * RAD_PER_DEG), Math.sin(maxElongationDeg * RAD_PER_DEG)));
  return sunRateDegPerMs * (1 / sinMin + halfRangeSlopeBound(minElongationDeg, maxElongationDeg));
}

/** A window as the orientation and MAZ functions read it: an interval, with what made each edge when known. */
export interface EdgedInterval {
  readonly startMs: number;
  readonly endMs: number;
  readonly startEdge?: WindowEdge | undefined;
  readonly endEdge?: WindowEdge | undefined;
}

/**
 * The parts of windows in which an orientation constraint can be met: the instants when the
 * reachable V3PA range (nominal plus or minus the roll half-range) overlaps the constraint's
 * V3PA range. Edges are located to a second, on the inside. Each part keeps its window's other
 * fields; an edge the constraint made (rather than the window's own) is marked
 * `constraint: 'v3pa'`, with the model that computed it and that model's margin (a V3PA edge
 * moves with the Sun's direction as the field-of-regard edges do).
 *
 * An interval inside these parts can hold one constrained angle throughout whenever it can
 * hold one angle at all: the constraint [a, b] and the interval's reachable intersection
 * [largest lower end, smallest upper end] overlap exactly when every pair of their ends is in
 * order, and "a <= upper end and lower end <= b at every instant" is what lying inside these
 * parts says.
 *
 * @example
 * ```ts
 * const windows = visibilityWindows('HD163466', cycleSpan(1));
 * orientationParts(findTarget('HD163466'), windows, resolveOrientation({ v3pa: { minDeg: 100, maxDeg: 120 } }), { observatory: DEFAULT_OBSERVATORY });
 * ```
 */
export function orientationParts<W extends EdgedInterval>(
  target: Target,
  windows: readonly W[],
  orientation: Orientation,
  options: OrientationTimeOptions,
): Array<W & { readonly startEdge: WindowEdge | undefined; readonly endEdge: WindowEdge | undefined }> {
  const { observatory, grids } = options;
  const constraintHalfDeg = angleRangeWidthDeg(orientation.v3pa) / 2;
  const centreDeg = angleRangeCentreDeg(orientation.v3pa);
  if (constraintHalfDeg >= 180) return windows.map((window) => ({ ...window, startEdge: window.startEdge, endEdge: window.endEdge }));
  const referenceMs = windows.length > 0 ? (windows[0]!.startMs + windows[windows.length - 1]!.endMs) / 2 : 0;
  const reach = reachOf(target, sunLookup(observatory, grids), referenceMs);
  // Positive while the reachable range and the constraint overlap: their centres are closer
  // than the sum of their half-widths.
  const overlap = (atMs: number): number => {
    const { nominalDeg, halfRangeDeg } = reach(atMs);
    return halfRangeDeg + constraintHalfDeg - Math.abs(signedDifferenceDeg(nominalDeg, centreDeg));
  };
  const rate = reachRateBound(grids, observatory.fieldOfRegard.minElongationDeg, observatory.fieldOfRegard.maxElongationDeg);
  const out: Array<W & { readonly startEdge: WindowEdge | undefined; readonly endEdge: WindowEdge | undefined }> = [];
  for (const window of windows) {
    for (const [startMs, endMs] of nonNegativeIntervals(overlap, window, MS_PER_DAY, rate)) {
      out.push({
        ...window,
        startMs,
        endMs,
        startEdge: startMs === window.startMs ? window.startEdge : orientationEdge(observatory, startMs),
        endEdge: endMs === window.endMs ? window.endEdge : orientationEdge(observatory, endMs),
      });
    }
  }
  return out;
}

/**
 * Visibility windows narrowed to the times an orientation constraint can be met: the instants
 * when the reachable V3PA range (nominal plus or minus the roll half-range) overlaps the
 * constraint's V3PA range, located to a second on the inside. An edge the constraint made is
 * marked `constraint: 'v3pa'`, with the model that computed it and that model's margin; each
 * part's `v3pa` is the range reached during the part. An interval inside these parts can hold
 * one constrained angle throughout whenever it can hold one angle at all. The windows must be
 * the target's, sorted and disjoint.
 *
 * @example
 * ```ts
 * const windows = visibilityWindows('HD163466', cycleSpan(1));
 * orientationWindows(findTarget('HD163466'), windows, resolveOrientation({ v3pa: { minDeg: 100, maxDeg: 120 } }), { observatory: DEFAULT_OBSERVATORY });
 * ```
 */
export function orientationWindows(
  target: Target,
  windows: readonly VisibilityWindow[],
  orientation: Orientation,
  options: OrientationTimeOptions,
): VisibilityWindow[] {
  const reach = reachOf(target, sunLookup(options.observatory, options.grids), windows.length > 0 ? windows[0]!.startMs : 0);
  return orientationParts(target, windows, orientation, options).map((part) =>
    Object.freeze({
      ...part,
      startEdge: part.startEdge!,
      endEdge: part.endEdge!,
      durationDays: (part.endMs - part.startMs) / MS_PER_DAY,
      v3pa: Object.freeze(reachedRange(reach, part.startMs, part.endMs)),
    }),
  );
}

/**
 * The V3PA range a target reaches at some instant of [startMs, endMs] (the union of nominal
 * plus or minus the roll half-range), sampled daily and at both ends, as a visibility window's
 * `v3pa` is.
 *
 * @example
 * ```ts
 * reachedV3PaRange(findTarget('HD163466'), Date.UTC(2022, 6, 1), Date.UTC(2022, 7, 1), { observatory: DEFAULT_OBSERVATORY });
 * ```
 */
export function reachedV3PaRange(target: Target, startMs: number, endMs: number, options: OrientationTimeOptions): AngleRange {
  return reachedRange(reachOf(target, sunLookup(options.observatory, options.grids), (startMs + endMs) / 2), startMs, endMs);
}

/**
 * An edge an orientation constraint made at an instant: the model that computed the Sun then,
 * and that model's margin.
 *
 * @example
 * ```ts
 * orientationEdge(DEFAULT_OBSERVATORY, Date.UTC(2022, 7, 16)); // { model: 'ephemeris', marginMs: 0, constraint: 'v3pa' }
 * ```
 */
function orientationEdge(observatory: ObservatoryModel, atMs: number): WindowEdge {
  const source = sunSourceAt(observatory, atMs);
  return Object.freeze({ model: source.model, marginMs: edgeMarginMs(observatory, source, atMs), constraint: 'v3pa' });
}

/** The V3PA range reached at some instant of [startMs, endMs] (the union), sampled daily and at the ends. */
function reachedRange(reach: (atMs: number) => Reach, startMs: number, endMs: number): AngleRange {
  const first = reach(startMs);
  let lowest = -first.halfRangeDeg;
  let highest = first.halfRangeDeg;
  let unwrapped = 0;
  let previousDeg = first.nominalDeg;
  for (let atMs = startMs + MS_PER_DAY; ; atMs += MS_PER_DAY) {
    const t = Math.min(atMs, endMs);
    const { nominalDeg, halfRangeDeg } = reach(t);
    unwrapped += signedDifferenceDeg(nominalDeg, previousDeg);
    previousDeg = nominalDeg;
    lowest = Math.min(lowest, unwrapped - halfRangeDeg);
    highest = Math.max(highest, unwrapped + halfRangeDeg);
    if (t >= endMs) break;
  }
  return normalizeAngleRange(first.nominalDeg + lowest, first.nominalDeg + highest);
}
