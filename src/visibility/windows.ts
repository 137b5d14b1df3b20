/**
 * Visibility windows: when a target lies in JWST's field of regard.
 * @module
 */

import { InputError } from '../errors.js';
import { mazSpan } from '../observatory/maz.js';
import { DEFAULT_OBSERVATORY, type ObservatoryModel } from '../observatory/model.js';
import { edgeMarginMs, type ObserverSegment, observerSegments, type WindowEdge } from '../observatory/observer.js';
import type { Orientation } from '../observatory/orientation.js';
import { requireModelYears } from '../observatory/sun.js';
import { DEG_PER_RAD, RAD_PER_DEG, wrapDegrees } from '../sky/angles.js';
import { type Target, targetUnitVector } from '../sky/target.js';
import { MS_PER_DAY, type Span } from '../time/instant.js';
import { type CheckedVisibilityOptions, sameObserver } from './arguments.js';
import { allowedIntervals, cutToAllowed } from './constraints.js';
import { mazIntervals, ramGrids, splitWindowsAtMaz } from './maz.js';
import { orientationWindows, reachedV3PaRange } from './orientation.js';
import { halfRangeFromCosineDeg } from './roll.js';
import { type SunGrid, sunDotAt, sunGrid, sunVectorAt } from './sun-grid.js';
import type { ObserverGrids, OrientationTimeOptions, VisibilityWindow } from './types.js';

export type { ObserverGrids, TargetLike, VisibilityOptions, VisibilityWindow } from './types.js';

/**
 * Cut a span by observer (`observerSegments`, of the observatory module) and sample the Sun over each segment, once
 * for any number of targets.
 *
 * @example
 * ```ts
 * import { visibilityWindowsForTargets } from 'jwst-cadence';
 * const grids = observerGrids(cycleSpan(1), parseObservatory({}));
 * visibilityWindowsForTargets(['BD+60-1753', 'HD163466'], cycleSpan(1), { grids });
 * ```
 */
export function observerGrids(span: Span, observatory: ObservatoryModel = DEFAULT_OBSERVATORY): ObserverGrids {
  requireModelYears(span);
  const segments = observerSegments(observatory, span).map((segment) =>
    Object.freeze({ segment, grid: sunGrid({ startMs: segment.startMs, endMs: segment.endMs }, segment.source) }),
  );
  return Object.freeze({ span, observatory, segments });
}

/** Window edges are located to this tolerance, ms (1 second; the promise is 1 minute). */
const EDGE_TOLERANCE_MS = 1000;
/** A dip out of (or into) the field of regard shorter than this is not resolved, ms (30 s). */
const SHORTEST_FEATURE_MS = 30_000;

/**
 * {@link visibilityWindowsForTargets} of one target: its windows in the span, ordered and
 * disjoint (the public face reads a name, target input or `{ start, end }` first).
 */
export function visibilityWindows(target: Target, span: Span, options: CheckedVisibilityOptions = {}): VisibilityWindow[] {
  return visibilityWindowsForTargets([target], span, options, 'visibilityWindows')[0]!;
}

/**
 * Windows for many targets over one span, sharing one Sun grid: the cost per target is a dot
 * product per day plus a short root-finding per edge. `caller` names the function in the
 * message about a constraint that returned bad intervals.
 */
export function visibilityWindowsForTargets(
  targets: readonly Target[],
  span: Span,
  options: CheckedVisibilityOptions,
  caller = 'visibilityWindowsForTargets',
): VisibilityWindow[][] {
  requireModelYears(span);
  const observatory = options.observatory ?? DEFAULT_OBSERVATORY;
  const grids = options.grids ?? observerGrids(span, observatory);
  if (grids.span.startMs > span.startMs || grids.span.endMs < span.endMs) {
    throw new InputError('grids: the grids given do not cover the span; make them with observerGrids(span, observatory)');
  }
  if (!sameObserver(grids.observatory, observatory)) {
    throw new InputError('grids: the grids given were made for another observer or table; make them with observerGrids(span, observatory)');
  }
  // The segments inside the span, each with its grid.
  const pieces = grids.segments
    .map(({ segment, grid }) => ({
      segment,
      grid,
      startMs: Math.max(segment.startMs, span.startMs),
      endMs: Math.min(segment.endMs, span.endMs),
    }))
    .filter((piece) => piece.startMs < piece.endMs);
  const orientation: Orientation | undefined =
    options.orientation ?? (options.v3pa === undefined ? undefined : Object.freeze({ v3pa: options.v3pa }));
  const split = options.splitAtMaz !== false && mazSpan(observatory.maz, span) !== undefined;
  const rams = split ? ramGrids(span, observatory) : undefined;
  const cosLowerLimit = Math.cos(observatory.fieldOfRegard.maxElongationDeg * RAD_PER_DEG);
  const cosUpperLimit = Math.cos(observatory.fieldOfRegard.minElongationDeg * RAD_PER_DEG);
  return targets.map((target) => {
    // In-field intervals of each segment; one that ends where the next segment starts, with
    // the next one's first interval starting there, is one window seen by two models.
    const runs: Array<{ startMs: number; endMs: number; first: number; last: number }> = [];
    pieces.forEach((piece, index) => {
      for (const [startMs, endMs] of inFieldIntervals(target, piece, piece.grid, cosLowerLimit, cosUpperLimit)) {
        const previous = runs[runs.length - 1];
        if (previous && previous.endMs === startMs && previous.last === index - 1) {
          previous.endMs = endMs;
          previous.last = index;
        } else {
          runs.push({ startMs, endMs, first: index, last: index });
        }
      }
    });
    const windows = runs.map((run): VisibilityWindow => {
      const parts = pieces.slice(run.first, run.last + 1);
      const observers = [...new Set(parts.map((piece) => piece.segment.source.model))];
      return Object.freeze({
        target: target.name,
        startMs: run.startMs,
        endMs: run.endMs,
        durationDays: (run.endMs - run.startMs) / MS_PER_DAY,
        v3pa: Object.freeze(
          v3paRangeDeg(
            target,
            run.startMs,
            run.endMs,
            parts.map((piece) => ({
              grid: piece.grid,
              startMs: Math.max(piece.startMs, run.startMs),
              endMs: Math.min(piece.endMs, run.endMs),
            })),
          ),
        ),
        observers: Object.freeze(observers),
        startEdge: edgeAt(run.startMs, pieces[run.first]!, span, observatory),
        endEdge: edgeAt(run.endMs, pieces[run.last]!, span, observatory),
      });
    });
    const timeOptions = { observatory, grids };
    const narrowed = orientation ? orientationWindows(target, windows, orientation, timeOptions) : windows;
    const split = rams ? splitWindowsAtMaz(target, narrowed, mazIntervals(target, span, observatory, rams), span, timeOptions) : narrowed;
    const constraints = options.constraints ?? [];
    return constraints.length === 0
      ? split
      : withinAllowed(target, split, allowedIntervals(constraints, target, span, caller), timeOptions);
  });
}

/** A target's windows cut to the allowed intervals, each part that was cut with its own length and reachable V3PA. */
function withinAllowed(
  target: Target,
  windows: readonly VisibilityWindow[],
  allowed: readonly Span[],
  options: OrientationTimeOptions,
): VisibilityWindow[] {
  const whole = new Set(windows);
  return cutToAllowed(windows, allowed).parts.map((part) =>
    whole.has(part)
      ? part
      : Object.freeze({
          ...part,
          durationDays: (part.endMs - part.startMs) / MS_PER_DAY,
          v3pa: Object.freeze(reachedV3PaRange(target, part.startMs, part.endMs, options)),
        }),
  );
}

/**
 * What made an edge at `edgeMs` of a window found in `piece`: the span's cut, the piece's model,
 * or, where the edge is the piece's own boundary inside the span (the models disagree there:
 * one sees the target in the field, the other not), the nominal L2 model with its margin.
 */
function edgeAt(
  edgeMs: number,
  piece: { startMs: number; endMs: number; segment: ObserverSegment },
  span: Span,
  observatory: ObservatoryModel,
): WindowEdge {
  if (edgeMs === span.startMs || edgeMs === span.endMs) return Object.freeze({ model: 'span', marginMs: 0 });
  if (edgeMs === piece.startMs || edgeMs === piece.endMs) {
    return Object.freeze({ model: 'nominal-l2', marginMs: edgeMarginMs(observatory, { model: 'nominal-l2' }, edgeMs) });
  }
  return Object.freeze({ model: piece.segment.source.model, marginMs: edgeMarginMs(observatory, piece.segment.source, edgeMs) });
}

/**
 * The intervals in the span when cosLower <= s · u <= cosUpper, where s is the Sun and u the
 * target. The margin g = min(s·u - cosLower, cosUpper - s·u) is positive exactly inside.
 * Two bounds make a daily scan safe:
 * - g changes no faster than the Sun turns (rate w), so where |g| at two samples adds up to
 *   more than w times their distance apart, g cannot reach zero between them;
 * - g bends no faster than w squared (near its zeros g is smooth), so where g changes sign and
 *   its mean slope exceeds the most its slope can vary (2 w^2 h), it crosses zero exactly once.
 * Anywhere else the interval is halved until a bound holds or it is shorter than
 * SHORTEST_FEATURE_MS.
 */
function inFieldIntervals(target: Target, span: Span, grid: SunGrid, cosLower: number, cosUpper: number): Array<[number, number]> {
  const midMs = (span.startMs + span.endMs) / 2;
  let [ux, uy, uz] = targetUnitVector(target, midMs);
  const margin = (atMs: number): number => {
    const dot = sunDotAt(grid, atMs, ux, uy, uz);
    return Math.min(dot - cosLower, cosUpper - dot);
  };
  const rate = grid.maxRateRadPerMs;
  const bend = 2 * rate * rate;
  const edges: number[] = [];

  // Find every crossing of zero by g in (a, b], given g(a) = ga and g(b) = gb.
  const scan = (a: number, ga: number, b: number, gb: number): void => {
    const width = b - a;
    if (ga >= 0 !== gb >= 0) {
      if (Math.abs(gb - ga) > bend * width * width || width < SHORTEST_FEATURE_MS) {
        edges.push(refineEdge(a, b));
        return;
      }
    } else if (Math.abs(ga) + Math.abs(gb) > rate * width || width < SHORTEST_FEATURE_MS) {
      return;
    }
    const m = (a + b) / 2;
    const gm = margin(m);
    scan(a, ga, m, gm);
    scan(m, gm, b, gb);
  };
  const refineEdge = (a: number, b: number): number => {
    // Proper motion: use the target's direction at the crossing, not the span's middle.
    [ux, uy, uz] = targetUnitVector(target, (a + b) / 2);
    // Illinois regula falsi: the bracket is kept, and the stale end's value halved.
    let lo = a;
    let hi = b;
    let gLo = margin(a);
    let gHi = margin(b);
    let side = 0;
    while (hi - lo > EDGE_TOLERANCE_MS) {
      let m = (lo * gHi - hi * gLo) / (gHi - gLo);
      if (!(m > lo && m < hi) || gLo >= 0 === gHi >= 0) m = (lo + hi) / 2;
      const gm = margin(m);
      if (gm >= 0 === gLo >= 0) {
        lo = m;
        gLo = gm;
        if (side === -1) gHi /= 2;
        side = -1;
      } else {
        hi = m;
        gHi = gm;
        if (side === 1) gLo /= 2;
        side = 1;
      }
    }
    [ux, uy, uz] = targetUnitVector(target, midMs);
    // The edge, to the whole second (the bracket is narrower than a second).
    return Math.round(hi / 1000) * 1000;
  };

  // At grid samples the Sun is the sample itself: a plain dot product, no interpolation.
  // Only pairs of samples that a bound does not settle go to scan().
  // (Locals, not the closures' captured variables, keep this loop fast.)
  const xyz = grid.xyz;
  const step = grid.stepMs;
  const quietSum = rate * step;
  const [tx, ty, tz] = [ux, uy, uz];
  const lower = cosLower;
  const upper = cosUpper;
  const startG = margin(span.startMs);
  let previousMs = span.startMs;
  let previousG = startG;
  let k = Math.floor((span.startMs - grid.startMs) / step) + 1;
  for (; grid.startMs + k * step < span.endMs; k++) {
    const i = 3 * k;
    const dot = xyz[i]! * tx + xyz[i + 1]! * ty + xyz[i + 2]! * tz;
    const g = Math.min(dot - lower, upper - dot);
    const atMs = grid.startMs + k * step;
    if (g >= 0 !== previousG >= 0 || Math.abs(g) + Math.abs(previousG) <= quietSum) {
      scan(previousMs, previousG, atMs, g);
    }
    previousMs = atMs;
    previousG = g;
  }
  scan(previousMs, previousG, span.endMs, margin(span.endMs));

  const intervals: Array<[number, number]> = [];
  let inside = startG >= 0;
  let openedMs = span.startMs;
  for (const edgeMs of edges) {
    if (inside) {
      if (edgeMs > openedMs) intervals.push([openedMs, edgeMs]);
    } else {
      openedMs = edgeMs;
    }
    inside = !inside;
  }
  if (inside && span.endMs > openedMs) intervals.push([openedMs, span.endMs]);
  return intervals;
}

/**
 * The V3PA range reached over [startMs, endMs], sampled at the window's edges, at each grid
 * sample between and at the ends of each piece (a piece being the part seen by one model).
 */
function v3paRangeDeg(
  target: Target,
  startMs: number,
  endMs: number,
  parts: ReadonlyArray<{ grid: SunGrid; startMs: number; endMs: number }>,
): { minDeg: number; maxDeg: number } {
  const [x, y, z] = targetUnitVector(target, (startMs + endMs) / 2);
  // Local east and north at the target; the Sun's position angle is atan2(s . east, s . north).
  const rho = Math.hypot(x, y) || 1e-12;
  const ex = -y / rho;
  const ey = x / rho;
  const nx = (-z * x) / rho;
  const ny = (-z * y) / rho;
  const nz = rho;
  let lowestDeg = Number.POSITIVE_INFINITY;
  let highestDeg = Number.NEGATIVE_INFINITY;
  let previousDeg = Number.NaN;
  let unwrappedDeg = 0;
  // Follow the nominal V3PA continuously (no jump at 360) and widen by the roll half-range.
  const visit = (sx: number, sy: number, sz: number): void => {
    const nominalDeg = Math.atan2(sx * ex + sy * ey, sx * nx + sy * ny + sz * nz) * DEG_PER_RAD + 180;
    if (Number.isNaN(previousDeg)) {
      unwrappedDeg = nominalDeg;
    } else {
      let change = nominalDeg - previousDeg;
      if (change > 180) change -= 360;
      else if (change < -180) change += 360;
      unwrappedDeg += change;
    }
    previousDeg = nominalDeg;
    const half = halfRangeFromCosineDeg(sx * x + sy * y + sz * z);
    if (unwrappedDeg - half < lowestDeg) lowestDeg = unwrappedDeg - half;
    if (unwrappedDeg + half > highestDeg) highestDeg = unwrappedDeg + half;
  };
  for (const part of parts) {
    const { grid } = part;
    visit(...sunVectorAt(grid, part.startMs));
    const xyz = grid.xyz;
    for (let k = Math.floor((part.startMs - grid.startMs) / grid.stepMs) + 1; grid.startMs + k * grid.stepMs < part.endMs; k++) {
      visit(xyz[3 * k]!, xyz[3 * k + 1]!, xyz[3 * k + 2]!);
    }
    visit(...sunVectorAt(grid, part.endMs));
  }
  if (highestDeg - lowestDeg >= 360) return { minDeg: 0, maxDeg: 360 };
  return { minDeg: wrapDegrees(lowestDeg), maxDeg: wrapDegrees(highestDeg) };
}
