/**
 * When a target lies in the micrometeoroid avoidance zone (MAZ): within the cone's half-angle
 * of JWST's direction of motion around the Sun, in the part of a span where the MAZ is
 * modelled (from Cycle 2 on by default). The direction of motion is sampled once a day per
 * span and observer, like the Sun, and interpolated.
 * @module
 */
import { mazSpan } from '../observatory/maz.js';
import type { ObservatoryModel } from '../observatory/model.js';
import { ramDirectionFrom } from '../observatory/motion.js';
import { type ObserverSegment, observerSegments, sunSourceAt, type WindowEdge } from '../observatory/observer.js';
import { DEG_PER_RAD } from '../sky/angles.js';
import { type Target, targetUnitVector } from '../sky/target.js';
import { MS_PER_DAY, type Span } from '../time/instant.js';
import { nonNegativeIntervals } from './intervals.js';
import { type EdgedInterval, type OrientationTimeOptions, reachedV3PaRange } from './orientation.js';
import { type SunGrid, sampleDirections, sunDotAt } from './sun-grid.js';
import type { VisibilityWindow } from './types.js';

/** JWST's direction of motion sampled daily over a span, one grid per observer segment. */
export interface RamGrids {
  readonly span: Span;
  readonly segments: ReadonlyArray<{ readonly segment: ObserverSegment; readonly grid: SunGrid }>;
}

/**
 * Sample JWST's direction of motion around the Sun (`ramDirectionFrom`) daily over a span, per
 * observer segment, for any number of targets.
 *
 * @example
 * ```ts
 * const grids = ramGrids(cycleSpan(2), DEFAULT_OBSERVATORY);
 * ```
 */
export function ramGrids(span: Span, observatory: ObservatoryModel): RamGrids {
  const segments = observerSegments(observatory, span).map((segment) => {
    // Sampled as the Sun is, daily: the direction of motion turns about as fast.
    const grid = sampleDirections(segment, segment.source, MS_PER_DAY, ramDirectionFrom);
    return Object.freeze({ segment, grid });
  });
  return Object.freeze({ span, segments: Object.freeze(segments) });
}

/**
 * The intervals of a span in which a target lies in the MAZ, sorted and disjoint: within the
 * cone's half-angle (`observatory.maz.halfAngleDeg`) of JWST's direction of motion, in the part
 * of the span where the MAZ is modelled (`observatory.maz.apply`). Edges to a second.
 *
 * @example
 * ```ts
 * mazIntervals(parseTarget({ name: 'ecliptic', ra: 90, dec: 23.44 }), cycleSpan(2), DEFAULT_OBSERVATORY);
 * ```
 */
export function mazIntervals(target: Target, span: Span, observatory: ObservatoryModel, grids?: RamGrids): Span[] {
  const applies = mazSpan(observatory.maz, span);
  if (!applies) return [];
  const own = grids && grids.span.startMs <= applies.startMs && grids.span.endMs >= applies.endMs ? grids : ramGrids(applies, observatory);
  const halfAngleDeg = observatory.maz.halfAngleDeg;
  const out: Span[] = [];
  for (const { segment, grid } of own.segments) {
    const startMs = Math.max(segment.startMs, applies.startMs);
    const endMs = Math.min(segment.endMs, applies.endMs);
    if (startMs >= endMs) continue;
    const [x, y, z] = targetUnitVector(target, (startMs + endMs) / 2);
    const inside = (atMs: number): number =>
      halfAngleDeg - Math.acos(Math.max(-1, Math.min(1, sunDotAt(grid, atMs, x, y, z)))) * DEG_PER_RAD;
    for (const [from, to] of nonNegativeIntervals(inside, { startMs, endMs }, grid.stepMs, grid.maxRateRadPerMs * DEG_PER_RAD)) {
      // An interval that ends where the next segment's begins is one stay in the zone.
      const previous = out[out.length - 1];
      if (previous && previous.endMs === from) out[out.length - 1] = { startMs: previous.startMs, endMs: to };
      else out.push({ startMs: from, endMs: to });
    }
  }
  return out.map((interval) => Object.freeze(interval));
}

/**
 * Milliseconds of [startMs, endMs) inside the given intervals (sorted and disjoint).
 *
 * @example
 * ```ts
 * overlapMs(0, 10, [{ startMs: 5, endMs: 20 }]); // 5
 * ```
 */
export function overlapMs(startMs: number, endMs: number, intervals: readonly Span[]): number {
  let total = 0;
  for (const interval of intervals) {
    if (interval.startMs >= endMs) break;
    total += Math.max(0, Math.min(endMs, interval.endMs) - Math.max(startMs, interval.startMs));
  }
  return total;
}

/**
 * Cut windows at the MAZ's edges: each window that overlaps `applies` (the part of the span
 * where the MAZ is modelled) becomes its parts inside and outside the MAZ, each with `inMaz`;
 * other windows are returned as they are, without the flag. A cut is an edge marked
 * `constraint: 'maz'`, with no margin: the MAZ is a preference, not a limit, and nothing is
 * lost by crossing its edge a little.
 *
 * @example
 * ```ts
 * cutAtMaz([{ startMs: 0, endMs: 10 }], [{ startMs: 5, endMs: 20 }], { startMs: 0, endMs: 30 }, DEFAULT_OBSERVATORY);
 * // [{ startMs: 0, endMs: 5, inMaz: false, ... }, { startMs: 5, endMs: 10, inMaz: true, ... }]
 * ```
 */
export function cutAtMaz<W extends EdgedInterval>(
  windows: readonly W[],
  maz: readonly Span[],
  applies: Span | undefined,
  observatory: ObservatoryModel,
): Array<W & { readonly inMaz?: boolean; readonly startEdge: WindowEdge | undefined; readonly endEdge: WindowEdge | undefined }> {
  const out: Array<W & { readonly inMaz?: boolean; readonly startEdge: WindowEdge | undefined; readonly endEdge: WindowEdge | undefined }> =
    [];
  for (const window of windows) {
    if (!applies || window.endMs <= applies.startMs || window.startMs >= applies.endMs) {
      out.push({ ...window, startEdge: window.startEdge, endEdge: window.endEdge });
      continue;
    }
    const cuts = [window.startMs];
    for (const interval of maz) {
      for (const edge of [interval.startMs, interval.endMs]) if (edge > window.startMs && edge < window.endMs) cuts.push(edge);
    }
    cuts.push(window.endMs);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [startMs, endMs] = [cuts[i]!, cuts[i + 1]!];
      out.push({
        ...window,
        startMs,
        endMs,
        startEdge: i === 0 ? window.startEdge : mazEdge(observatory, startMs),
        endEdge: i + 2 === cuts.length ? window.endEdge : mazEdge(observatory, endMs),
        inMaz: overlapMs(startMs, endMs, maz) > 0,
      });
    }
  }
  return out;
}

/**
 * Split visibility windows at the MAZ's edges in the part of `span` where the MAZ is modelled:
 * a window that overlaps it becomes its parts inside and outside the zone, each flagged `inMaz`,
 * each cut an edge marked `constraint: 'maz'` with no margin (the zone is a preference, not a
 * limit); each part's `v3pa` is the range reached during the part. Windows wholly outside that
 * part are returned as they are. `maz` is the target's time in the zone ({@link mazIntervals});
 * the windows must be the target's, inside the span.
 *
 * @example
 * ```ts
 * const maz = mazIntervals(target, cycleSpan(2), DEFAULT_OBSERVATORY);
 * splitWindowsAtMaz(target, visibilityWindows(target, cycleSpan(2), { splitAtMaz: false }), maz, cycleSpan(2), { observatory: DEFAULT_OBSERVATORY });
 * ```
 */
export function splitWindowsAtMaz(
  target: Target,
  windows: readonly VisibilityWindow[],
  maz: readonly Span[],
  span: Span,
  options: OrientationTimeOptions,
): VisibilityWindow[] {
  const applies = mazSpan(options.observatory.maz, span);
  return windows.flatMap((window) => {
    const parts = cutAtMazStart(cutAtMaz([window], maz, applies, options.observatory), applies, options.observatory);
    if (parts.length === 1) return [Object.freeze({ ...window, ...(parts[0]!.inMaz === undefined ? {} : { inMaz: parts[0]!.inMaz }) })];
    return parts.map((part) =>
      Object.freeze({
        ...part,
        startEdge: part.startEdge!,
        endEdge: part.endEdge!,
        durationDays: (part.endMs - part.startMs) / MS_PER_DAY,
        v3pa: Object.freeze(reachedV3PaRange(target, part.startMs, part.endMs, options)),
      }),
    );
  });
}

/**
 * Mark where the MAZ starts (or stops) being modelled within cut parts: a part that straddles
 * that instant is cut there; a part outside the modelled span loses its `inMaz` flag (it says
 * nothing of the zone there, rather than "outside"); and a cut at that instant, whether made
 * here or by a stay in the zone that the modelled span's start cut short, is an edge marked
 * `constraint: 'maz-start'` with no margin, not an edge of the zone.
 */
function cutAtMazStart<
  W extends { startMs: number; endMs: number; inMaz?: boolean; startEdge: WindowEdge | undefined; endEdge: WindowEdge | undefined },
>(parts: readonly W[], applies: Span | undefined, observatory: ObservatoryModel): W[] {
  if (!applies) return [...parts];
  const bounds = [applies.startMs, applies.endMs];
  const startEdge = (atMs: number): WindowEdge =>
    Object.freeze({ model: sunSourceAt(observatory, atMs).model, marginMs: 0, constraint: 'maz-start' as const });
  const relabel = (part: W): W => {
    const out: W = { ...part };
    if (bounds.includes(part.startMs) && part.startEdge?.constraint === 'maz') out.startEdge = startEdge(part.startMs);
    if (bounds.includes(part.endMs) && part.endEdge?.constraint === 'maz') out.endEdge = startEdge(part.endMs);
    if (part.endMs <= applies.startMs || part.startMs >= applies.endMs) delete out.inMaz;
    return out;
  };
  return parts.flatMap((part) => {
    const at = bounds.find((instant) => instant > part.startMs && instant < part.endMs);
    if (at === undefined) return [relabel(part)];
    return [relabel({ ...part, endMs: at, endEdge: startEdge(at) }), relabel({ ...part, startMs: at, startEdge: startEdge(at) })];
  });
}

/** An edge the MAZ made: the model then, no margin. */
function mazEdge(observatory: ObservatoryModel, atMs: number): WindowEdge {
  return Object.freeze({ model: sunSourceAt(observatory, atMs).model, marginMs: 0, constraint: 'maz' });
}
