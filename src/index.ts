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
export { InputError, ServiceError } from './errors.js';
export { writeFileAtomic } from './files.js';

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
export {
  AngleRangeSchema,
  FULL_CIRCLE,
  angleDifferenceDeg,
  angleRangeCentreDeg,
  angleRangeContains,
  angleRangeIntersections,
  angleRangeWidthDeg,
  commonAngleRange,
  formatAngleRange,
  intersectAngleRanges,
  mostSharedAngleRange,
  normalizeAngleRange,
  parseAngleRangeText,
  type AngleRange,
  type AngleRangeInput,
} from './sky/angle-range.js';
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
  DEFAULT_OBSERVATORY,
  EdgeMarginsSchema,
  NOMINAL_L2_MARGIN_DAYS,
  NOMINAL_OBSERVATORY,
  ObservatorySchema,
  PREDICTED_ORBIT_MARGIN_DAYS,
  parseObservatory,
  type EdgeMargins,
  type ObservatoryInput,
  type ObservatoryModel,
  type ObserverChoice,
} from './observatory/model.js';
export {
  EPHEMERIS_SPARE_MS,
  describeObserver,
  edgeMarginMs,
  ephemerisServes,
  observerSegments,
  sunSourceAt,
  type EdgeConstraint,
  type EdgeSource,
  type ObserverModelName,
  type ObserverSegment,
  type SunSource,
  type WindowEdge,
} from './observatory/observer.js';
export {
  JWST_SUN_DISTANCE_KM,
  JWST_SUN_SPEED_KM_PER_S,
  assertEphemerisCovers,
  ephemerisPositionKm,
  ephemerisVelocityKmPerS,
  parseHorizonsVectors,
  type HorizonsEphemeris,
} from './observatory/horizons.js';
export { BUILT_IN_EPHEMERIS_COVERAGE, BUILT_IN_EPHEMERIS_FILE, builtInEphemerisPath, loadBuiltInEphemeris } from './observatory/builtin-ephemeris.js';
export {
  HORIZONS_API_URL,
  fetchHorizonsEphemeris,
  horizonsQueryUrl,
  type FetchEphemerisOptions,
  type FetchedEphemeris,
} from './observatory/horizons-api.js';
export { angleBetweenRad, solarElongationDeg, sunDirectionAt, sunDirectionFrom } from './observatory/sun.js';
export { nominalV3PaDeg, positionAngleRad, v3PositionAngle, type V3PaAt } from './observatory/attitude.js';
export {
  APERTURE_INSTRUMENTS,
  APERTURE_OFFSETS,
  OrientationSchema,
  apertureOffsetOf,
  aperturePaOf,
  describeOrientation,
  resolveOrientation,
  type ApertureInstrument,
  type ApertureOffset,
  type Orientation,
  type OrientationInput,
} from './observatory/orientation.js';
export { DEFAULT_MAZ, MAZ_HALF_ANGLE_DEG, MAZ_START_MS, MazSchema, mazSpan, type MazSettings } from './observatory/maz.js';
export { ramDirectionAt, ramDirectionFrom } from './observatory/motion.js';

// Visibility
export {
  observerGrids,
  visibilityWindows,
  visibilityWindowsForTargets,
  type ObserverGrids,
  type TargetLike,
  type VisibilityOptions,
  type VisibilityWindow,
} from './visibility/windows.js';
export { SUN_GRID_STEP_MS, sunGrid, type SunGrid } from './visibility/sun-grid.js';
export { referenceVisibilityIntervals } from './visibility/reference.js';
export {
  heldV3Pa,
  orientationEdge,
  orientationParts,
  orientationWindows,
  reachedV3PaRange,
  seriesOrientation,
  sunLookup,
  type EdgedInterval,
  type HeldV3Pa,
  type OrientationTimeOptions,
  type OrientedVisit,
  type SeriesOrientation,
} from './visibility/orientation.js';
export { cutAtMaz, mazIntervals, overlapMs, ramGrids, splitWindowsAtMaz, type RamGrids } from './visibility/maz.js';
export { nonNegativeIntervals } from './visibility/intervals.js';

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
  ScheduleMaz,
  ScheduleObjective,
  ScheduleWindow,
  TimeInterval,
  UnscheduledVisit,
  VisitSlack,
  VisitOrientation,
  VisitStatus,
  VisitV3Pa,
} from './cadence/schedule.js';
export {
  CadenceSpecSchema,
  DEFAULT_GRID_MS,
  DEFAULT_PERIOD_TOLERANCE_DAYS,
  parseCadenceSpec,
  type CadenceSpec,
  type CadenceSpecInput,
} from './cadence/spec.js';
export { scheduleProgram, type ScheduleProgramOptions } from './cadence/scheduler.js';
export {
  scheduleTimeline,
  type EpochGroup,
  type EpochRequest,
  type GroupObjective,
  type GroupPlacement,
  type TimelineInput,
} from './cadence/timeline.js';
export { spreadGaps, compareLeximax } from './cadence/spread.js';
export {
  chooseHeldBands,
  orientationKey,
  orientationWindowStore,
  placeAvoidingMaz,
  prepareMaz,
  type HoldContext,
  type MazPlan,
  type SkyContext,
} from './cadence/sky-constraints.js';
export { cadenceGaps, GapCheckOptionsSchema, type Gap, type GapCheck, type GapCheckOptions, type GapReport } from './cadence/gaps.js';
