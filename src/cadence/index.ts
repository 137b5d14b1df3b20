/**
 * Cadence: the schedule record every output reads, the cadence specification, the scheduler
 * (program level, and the interval-level core that takes windows as data) and the gap checks.
 *
 * @example
 * ```ts
 * import { cadenceGaps, loadBuiltInProgram, scheduleProgram } from 'jwst-cadence';
 * const schedule = scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread', cycle: 1 } });
 * for (const report of cadenceGaps(schedule, { maxGapDays: 45 }).targets) {
 *   console.log(report.id, report.startsMs.length, report.maxDays?.toFixed(1), report.violations.length);
 * }
 * ```
 * @module cadence
 */

export { assertConsistentPlan, checkPlan, type PlanCheck, type PlanFinding, type PlanRule } from './consistency.js';
export { cadenceGaps, type Gap, type GapCheck, type GapCheckOptions, GapCheckOptionsSchema, type GapReport } from './gaps.js';
export { DEFAULT_EPOCH_JOIN_HOURS, type ObservedPlanOptions, ObservedPlanOptionsSchema, observedPlan } from './observed.js';
export {
  type ExecutedVisit,
  type ExecutedVisitInput,
  ExecutedVisitSchema,
  type OperationsOptions,
  type OperationsOptionsInput,
  OperationsOptionsSchema,
  parseOperationsOptions,
} from './operations.js';
export type {
  MissedDate,
  Schedule,
  ScheduledVisit,
  ScheduleMaz,
  ScheduleObjective,
  ScheduleWindow,
  TimeInterval,
  UnscheduledVisit,
  VisitOrientation,
  VisitSlack,
  VisitSlackRun,
  VisitStatus,
  VisitV3Pa,
} from './schedule.js';
export { type ScheduleProgramOptions, scheduleProgram } from './scheduler.js';
export {
  allowedEpochStarts,
  type EpochSlack,
  epochSlack,
  epochSlackRuns,
  type SlackRun,
  type TimelineBlocks,
  timelineBlocks,
} from './slack.js';
export {
  type CadenceSpec,
  type CadenceSpecInput,
  CadenceSpecSchema,
  DEFAULT_GRID_MS,
  DEFAULT_PERIOD_TOLERANCE_DAYS,
  MAX_CANDIDATE_STARTS,
  MAX_IDEAL_DATES,
  parseCadenceSpec,
} from './spec.js';
export { compareLeximax, spreadGaps } from './spread/index.js';
export {
  type EpochGroup,
  type EpochRequest,
  epochStartProblems,
  type GroupObjective,
  type GroupPlacement,
  scheduleTimeline,
  type TimelineInput,
} from './timeline.js';
export {
  type EpochMoveEffect,
  type EpochMoveInput,
  type EpochMoveOptions,
  EpochMoveOptionsSchema,
  EpochMoveSchema,
  type GapChange,
  type MoveProblem,
  type MoveProblemKind,
  moveEpoch,
} from './what-if.js';
