/**
 * The checked face of the visibility functions: each one as the package exports it, its arguments
 * checked once, before any work, by the schema beside the function (see `checked`). The
 * library's own code calls the functions themselves.
 * @module
 */
import { DEFAULT_OBSERVATORY } from '../observatory/model.js';
import { MS_PER_HOUR, type Span } from '../time/instant.js';
import { checked } from '../validation.js';
import * as args from './arguments.js';
import type { VisibilityConstraint } from './constraints.js';
import * as constraints from './constraints.js';
import * as maz from './maz.js';
import * as orientation from './orientation.js';
import * as reference from './reference.js';
import * as seriesOrientationModule from './series-orientation.js';
import * as sunGridModule from './sun-grid.js';
import type { TargetLike, VisibilityOptions, VisibilityWindow } from './windows.js';
import * as windows from './windows.js';

/**
 * A constraint that keeps every target out of `[from, to)`: an instrument's unavailable dates,
 * a conference, a downtime. `to` is exclusive, as a span's end is. Instants in any form the
 * library takes (ISO-8601 text with a zone or `Z`, a date alone as its UTC midnight, a `Date`,
 * epoch ms).
 *
 * @example
 * ```ts
 * // NIRSpec unavailable from 1 to 10 October 2022 (the 10th included).
 * const downtime = avoidDates('2022-10-01', '2022-10-11');
 * const windows = visibilityWindows('BD+60-1753', cycleSpan(1), { constraints: [downtime] });
 * const schedule = scheduleProgram(loadBuiltInProgram(), { constraints: [downtime] });
 * ```
 * @function
 */
export const avoidDates: (from: string | number | Date, to: string | number | Date) => VisibilityConstraint = /* @__PURE__ */ checked(
  'avoidDates',
  constraints.AvoidDatesArguments,
  constraints.avoidDates,
  { parsed: true },
);
/** @function */
export const mazIntervals = /* @__PURE__ */ checked('mazIntervals', args.MazIntervalsArguments, maz.mazIntervals, { parsed: true });
/** @function */
export const splitWindowsAtMaz = /* @__PURE__ */ checked('splitWindowsAtMaz', args.SplitAtMazArguments, maz.splitWindowsAtMaz, {
  parsed: true,
});
/** @function */
export const heldV3Pa = /* @__PURE__ */ checked('heldV3Pa', args.HeldV3PaArguments, orientation.heldV3Pa, { parsed: true });
/** @function */
export const orientationWindows = /* @__PURE__ */ checked(
  'orientationWindows',
  args.OrientationWindowsArguments,
  orientation.orientationWindows,
  { parsed: true },
);
/** @function */
export const reachedV3PaRange = /* @__PURE__ */ checked('reachedV3PaRange', args.ReachedV3PaArguments, orientation.reachedV3PaRange, {
  parsed: true,
});
/** @function */
export const referenceVisibilityIntervals = /* @__PURE__ */ checked(
  'referenceVisibilityIntervals',
  args.ReferenceArguments,
  reference.referenceVisibilityIntervals,
  { defaults: { observatory: DEFAULT_OBSERVATORY, stepMs: MS_PER_HOUR }, parsed: true },
);
/** @function */
export const seriesOrientation = /* @__PURE__ */ checked(
  'seriesOrientation',
  seriesOrientationModule.SeriesOrientationArguments,
  seriesOrientationModule.seriesOrientation,
);
/** @function */
export const sunGrid = /* @__PURE__ */ checked('sunGrid', sunGridModule.SunGridArguments, sunGridModule.sunGrid, {
  defaults: { stepMs: sunGridModule.SUN_GRID_STEP_MS },
  parsed: true,
});
/** @function */
export const observerGrids = /* @__PURE__ */ checked('observerGrids', args.ObserverGridsArguments, windows.observerGrids, {
  defaults: { observatory: DEFAULT_OBSERVATORY },
  parsed: true,
});
/**
 * The windows in [span.start, span.end) when the target is in the field of regard, ordered and
 * disjoint, with the reachable V3PA range of each. Edges are found by root-finding on the
 * solar elongation (to a second; within a minute of the true crossing).
 *
 * @param target - a target, target input (`{ name, ra, dec, ... }`) or a catalogue name.
 * @param span - `{ start, end }` in any instant form, or `{ startMs, endMs }`.
 * @example
 * ```ts
 * const windows = visibilityWindows('BD+60-1753', { start: '2022-07-01T00:00Z', end: '2023-07-01T00:00Z' });
 * windows.map((w) => [formatInstant(w.startMs), formatInstant(w.endMs)]);
 * ```
 * @function
 */
export const visibilityWindows: (
  target: TargetLike,
  span: Span | { start: unknown; end: unknown },
  options?: VisibilityOptions,
) => VisibilityWindow[] = /* @__PURE__ */ checked('visibilityWindows', args.VisibilityWindowsArguments, windows.visibilityWindows, {
  defaults: { options: {} },
  parsed: true,
});

/**
 * Windows for many targets over one span, sharing one Sun grid: the cost per target is a dot
 * product per day plus a short root-finding per edge.
 *
 * @example
 * ```ts
 * const [bd60, hd163466] = visibilityWindowsForTargets(['BD+60-1753', 'HD163466'], cycleSpan(1));
 * ```
 * @function
 */
export const visibilityWindowsForTargets: (
  targets: readonly TargetLike[],
  span: Span | { start: unknown; end: unknown },
  options?: VisibilityOptions,
) => VisibilityWindow[][] = /* @__PURE__ */ checked(
  'visibilityWindowsForTargets',
  args.ForTargetsArguments,
  windows.visibilityWindowsForTargets,
  {
    defaults: { options: {} },
    parsed: true,
  },
);
