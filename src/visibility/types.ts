/**
 * The records and options the visibility functions share: windows, Sun grids, the options of
 * the windows and of orientation through time. Kept apart from the functions so that the
 * modules (and the argument schemas) that use them import no function module in a circle.
 * @module
 */
import type { ObservatoryInput, ObservatoryModel } from '../observatory/model.js';
import type { ObserverModelName, ObserverSegment, WindowEdge } from '../observatory/observer.js';
import type { OrientationInput } from '../observatory/orientation.js';
import type { AngleRangeInput } from '../sky/angle-range.js';
import type { Target, TargetInput } from '../sky/target.js';
import type { Span } from '../time/instant.js';
import type { VisibilityConstraint } from './constraints.js';
import type { SunGrid } from './sun-grid.js';

/** One visibility window of one target. */
export interface VisibilityWindow {
  /** The target's name. */
  readonly target: string;
  /** First instant in the field of regard (or the span's start), epoch ms UTC. */
  readonly startMs: number;
  /** First instant out of it again (or the span's end), epoch ms UTC. */
  readonly endMs: number;
  readonly durationDays: number;
  /**
   * V3 position angles reachable during the window, degrees: the range runs from `minDeg`
   * eastward (increasing) to `maxDeg`, through 360/0 when `maxDeg < minDeg`;
   * `{ minDeg: 0, maxDeg: 360 }` when every angle is reached at some moment.
   * Nominal V3PA plus or minus the off-nominal roll, sampled daily and at the window's edges.
   */
  readonly v3pa: { readonly minDeg: number; readonly maxDeg: number };
  /**
   * The models that computed the window, in time order: one, or two when the window crosses
   * the end of a table's coverage (`['ephemeris', 'nominal-l2']`).
   */
  readonly observers: readonly ObserverModelName[];
  /** What made the start (`span` when the span's start cuts the window) and the margin a plan keeps from it. */
  readonly startEdge: WindowEdge;
  /** What made the end, and its margin. */
  readonly endEdge: WindowEdge;
  /**
   * Whether the window (a part of one, split at the micrometeoroid avoidance zone's edges) lies
   * in that zone. Present only where the zone is modelled (from Cycle 2 on by default).
   */
  readonly inMaz?: boolean;
}

/** The Sun sampled over a span, one grid per segment of the observer (see `observerGrids`). */
export interface ObserverGrids {
  readonly span: Span;
  readonly observatory: ObservatoryModel;
  readonly segments: ReadonlyArray<{ readonly segment: ObserverSegment; readonly grid: SunGrid }>;
}

/** Options of `visibilityWindows`. */
export interface VisibilityOptions {
  /** The observatory model (the `auto` observer and 85..135 degrees by default). */
  readonly observatory?: ObservatoryModel | ObservatoryInput;
  /** Sun grids made by `observerGrids` for a span holding this one and this observatory, to share between calls. */
  readonly grids?: ObserverGrids;
  /**
   * Keep only the times when this V3PA range (degrees, eastward from `minDeg` to `maxDeg`) is
   * reachable: the windows narrow to the parts where nominal V3PA plus or minus the roll
   * half-range overlaps it (see `orientationWindows`).
   */
  readonly v3pa?: AngleRangeInput;
  /**
   * The same as `v3pa` in either form of an orientation constraint: `{ v3pa }`, or
   * `{ aperturePa, instrument }` / `{ aperturePa, offsetDeg }` (APT's aperture PA range with the
   * aperture's offset from V3). Give this or `v3pa`, not both.
   */
  readonly orientation?: OrientationInput;
  /**
   * Split windows at the edges of the micrometeoroid avoidance zone where it is modelled
   * (`observatory.maz`), each part flagged `inMaz` (default true). With false, windows are whole.
   */
  readonly splitAtMaz?: boolean;
  /**
   * Constraints of your own (see {@link VisibilityConstraint}, `avoidDates`): the windows are
   * cut to the times every one allows, each cut an edge `{ model: 'span', marginMs: 0 }`.
   */
  readonly constraints?: readonly VisibilityConstraint[];
}

/** Options of the functions that evaluate orientation over time. */
export interface OrientationTimeOptions {
  /** The observatory model (whose observer gives the Sun). */
  readonly observatory: ObservatoryModel;
  /** Sun grids from `observerGrids` to share (instants they do not cover are computed afresh). */
  readonly grids?: ObserverGrids | undefined;
}

/** Anything that names a target: a validated target, target input, or a catalogue name. */
export type TargetLike = Target | TargetInput | string;
