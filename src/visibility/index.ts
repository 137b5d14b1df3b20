/**
 * Visibility: the windows when a target's solar elongation, seen from the observatory, lies in
 * the field of regard, with their edges and reachable V3 position angles; the shared grid of
 * Sun directions they are computed from; a plain reference computation to check them by; and
 * orientation through time (what a visit can hold, windows at an orientation, one orientation
 * across a series) and the micrometeoroid avoidance zone (when a target is in it).
 *
 * @example
 * ```ts
 * import { cycleSpan, formatInstant, visibilityWindows } from 'jwst-cadence';
 * for (const w of visibilityWindows('HD163466', cycleSpan(1))) {
 *   console.log(formatInstant(w.startMs), formatInstant(w.endMs), `${w.v3pa.minDeg.toFixed(1)}..${w.v3pa.maxDeg.toFixed(1)}`);
 * }
 * ```
 * @module visibility
 */

export type { VisibilityConstraint } from './constraints.js';
export {
  avoidDates,
  heldV3Pa,
  mazIntervals,
  observerGrids,
  orientationWindows,
  reachedV3PaRange,
  referenceVisibilityIntervals,
  seriesOrientation,
  splitWindowsAtMaz,
  sunGrid,
  visibilityWindows,
  visibilityWindowsForTargets,
} from './face.js';
export type { RamGrids } from './maz.js';
export type { HeldV3Pa, OrientationTimeOptions } from './orientation.js';
export type { OrientedVisit, SeriesOrientation } from './series-orientation.js';
export { MAX_SUN_GRID_SAMPLES, SUN_GRID_STEP_MS, type SunGrid } from './sun-grid.js';
export type { ObserverGrids, TargetLike, VisibilityOptions, VisibilityWindow } from './windows.js';
