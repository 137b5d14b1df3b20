/**
 * jwst-cadence: plan repeated JWST observations. This is the package's front door: what a
 * planner uses, in the order data flows through it: a program and its targets, spans and
 * cycles, visibility windows, the schedule and its options, gaps and slack, what-if and the
 * published plan, the outputs, and the errors. The parts these are built from (the scheduler's
 * core, the Sun grids, the arcs of position angle, the observatory's geometry, the writers'
 * pieces) are exported from `jwst-cadence/advanced`.
 *
 * Every function here checks its arguments first and refuses what it cannot use with one
 * {@link InputError} naming the function, the argument and the field.
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

export {
  type CadenceSpecInput,
  cadenceGaps,
  checkPlan,
  type EpochMoveEffect,
  type EpochMoveInput,
  type ExecutedVisitInput,
  type Gap,
  type GapCheck,
  type GapCheckOptions,
  type GapReport,
  moveEpoch,
  type ObservedPlanOptions,
  observedPlan,
  type PlanCheck,
  type Schedule,
  type ScheduledVisit,
  type ScheduleProgramOptions,
  scheduleProgram,
  type UnscheduledVisit,
  type VisitSlack,
} from './cadence/index.js';
export { InputError, ServiceError } from './errors.js';
export {
  type FetchEphemerisOptions,
  fetchHorizonsEphemeris,
  type HorizonsEphemeris,
  loadBuiltInEphemeris,
  NOMINAL_OBSERVATORY,
  type ObservatoryInput,
  type ObservatoryModel,
  parseHorizonsVectors,
  parseObservatory,
  solarElongationDeg,
} from './observatory/index.js';
export {
  type IcsOptions,
  type ReportOptions,
  readExecutedVisits,
  type SvgOptions,
  scheduleFromJson,
  scheduleToApt,
  scheduleToCalendarText,
  scheduleToCsv,
  scheduleToHtml,
  scheduleToIcs,
  scheduleToJson,
  scheduleToSvg,
  slackText,
  type WindowsTextOptions,
  windowsToCsv,
  windowsToJson,
} from './output/index.js';
export {
  loadBuiltInProgram,
  type ParseProgramOptions,
  type Program,
  type ProgramStructure,
  type PublishedSchedule,
  parseProgram,
  programStructure,
  readPublishedSchedule,
  type Visit,
} from './program/index.js';
export { BUILT_IN_TARGETS, findTarget, parseTarget, parseTargetsText, type Target, type TargetInput } from './sky/index.js';
export {
  cycleSpan,
  formatDate,
  formatInstant,
  JWST_CYCLES,
  MS_PER_DAY,
  MS_PER_HOUR,
  parseDurationMs,
  parseInstant,
  parseSpan,
  type Span,
} from './time/index.js';
export {
  avoidDates,
  type TargetLike,
  type VisibilityConstraint,
  type VisibilityOptions,
  type VisibilityWindow,
  visibilityWindows,
  visibilityWindowsForTargets,
} from './visibility/index.js';
