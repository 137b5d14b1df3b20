/**
 * jwst-cadence: plan repeated JWST observations.
 *
 * Data flows one way: program + targets → visibility windows → schedule → outputs.
 *
 * @example
 * ```ts
 * import { visibilityWindows, cycleSpan, formatInstant } from 'jwst-cadence';
 * for (const w of visibilityWindows('BD+60-1753', cycleSpan(1))) {
 *   console.log(formatInstant(w.startMs), formatInstant(w.endMs), w.durationDays.toFixed(1));
 * }
 * ```
 * @packageDocumentation
 */

// Errors
export { InputError } from './errors.js';

// Time
export {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  InstantSchema,
  SpanSchema,
  formatDate,
  formatInstant,
  parseDurationMs,
  parseInstant,
  parseSpan,
  type Span,
} from './time/instant.js';
export { JWST_CYCLES, cycleSpan } from './time/cycles.js';

// Sky
export { DEG_PER_RAD, RAD_PER_DEG, parseDeclinationDeg, parseRightAscensionDeg, wrapDeg360 } from './sky/angles.js';
export {
  TargetSchema,
  parseTarget,
  positionAtDeg,
  targetUnitVector,
  unitVectorFromDeg,
  type Target,
  type TargetInput,
  type UnitVector,
} from './sky/target.js';
export { BACKGROUND_OFFSET_ARCSEC, BUILT_IN_TARGETS, findTarget, targetKey } from './sky/catalog.js';
export { parseTargetsText } from './sky/target-file.js';

// Observatory
export {
  FieldOfRegardSchema,
  MAX_ELONGATION_DEG,
  MIN_ELONGATION_DEG,
  inFieldOfRegard,
  offNominalRollHalfRangeDeg,
  type FieldOfRegard,
} from './observatory/field-of-regard.js';
export {
  NOMINAL_OBSERVATORY,
  ObservatorySchema,
  parseObservatory,
  type ObservatoryInput,
  type ObservatoryModel,
} from './observatory/model.js';
export { assertEphemerisCovers, ephemerisPositionKm, parseHorizonsVectors, type HorizonsEphemeris } from './observatory/horizons.js';
export { BUILT_IN_EPHEMERIS_FILE, builtInEphemerisPath, loadBuiltInEphemeris } from './observatory/builtin-ephemeris.js';
export { angleBetweenRad, solarElongationDeg, sunDirectionAt } from './observatory/sun.js';
export { nominalV3PaDeg, positionAngleRad, v3PositionAngle, type V3PaAt } from './observatory/attitude.js';

// Visibility
export {
  visibilityWindows,
  visibilityWindowsForTargets,
  type TargetLike,
  type VisibilityOptions,
  type VisibilityWindow,
} from './visibility/windows.js';
export { SUN_GRID_STEP_MS, sunGrid, type SunGrid } from './visibility/sun-grid.js';
export { referenceVisibilityIntervals } from './visibility/reference.js';

// Outputs
export * from './output/index.js';

// Programs
export * from './program/index.js';

// Cadence: the schedule record, the cadence specification, the scheduler (program level and
// the interval-level core that takes windows as data) and the gap checks.
export type {
  MissedDate,
  Schedule,
  ScheduledVisit,
  ScheduleObjective,
  TimeInterval,
  UnscheduledVisit,
  VisitSlack,
  VisitStatus,
  VisitV3Pa,
} from './cadence/schedule.js';
export {
  CadenceSpecSchema,
  DEFAULT_GRID_MS,
  DEFAULT_PERIOD_TOLERANCE_DAYS,
  NOMINAL_L2_MARGIN_DAYS,
  parseCadenceSpec,
  type CadenceSpec,
  type CadenceSpecInput,
} from './cadence/spec.js';
export { scheduleProgram, type ScheduleProgramOptions } from './cadence/scheduler.js';
export {
  epochStartProblems,
  scheduleTimeline,
  type EpochGroup,
  type EpochRequest,
  type GroupObjective,
  type GroupPlacement,
  type TimelineInput,
} from './cadence/timeline.js';
export { spreadGaps, compareLeximax } from './cadence/spread.js';
export { cadenceGaps, GapCheckOptionsSchema, type Gap, type GapCheck, type GapCheckOptions, type GapReport } from './cadence/gaps.js';
