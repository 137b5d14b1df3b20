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
  VisitSlackRun,
  VisitOrientation,
  VisitStatus,
  VisitV3Pa,
} from './schedule.js';
export {
  CadenceSpecSchema,
  DEFAULT_GRID_MS,
  DEFAULT_PERIOD_TOLERANCE_DAYS,
  MAX_CANDIDATE_STARTS,
  MAX_IDEAL_DATES,
  parseCadenceSpec,
  type CadenceSpec,
  type CadenceSpecInput,
} from './spec.js';
export { scheduleProgram, type ScheduleProgramOptions } from './scheduler.js';
export {
  epochStartProblems,
  scheduleTimeline,
  type EpochGroup,
  type EpochRequest,
  type GroupObjective,
  type GroupPlacement,
  type TimelineInput,
} from './timeline.js';
export { spreadGaps, compareLeximax } from './spread.js';
export {
  ExecutedVisitSchema,
  OperationsOptionsSchema,
  parseOperationsOptions,
  type ExecutedVisit,
  type ExecutedVisitInput,
  type OperationsOptions,
  type OperationsOptionsInput,
} from './operations.js';
export { allowedEpochStarts, epochSlack, epochSlackRuns, timelineBlocks, type EpochSlack, type SlackRun, type TimelineBlocks } from './slack.js';
export {
  EpochMoveOptionsSchema,
  EpochMoveSchema,
  moveEpoch,
  type EpochMoveEffect,
  type EpochMoveInput,
  type EpochMoveOptions,
  type GapChange,
  type MoveProblem,
  type MoveProblemKind,
} from './what-if.js';
export { assertConsistentPlan, checkPlan, type PlanCheck, type PlanFinding, type PlanRule } from './consistency.js';
export { cadenceGaps, GapCheckOptionsSchema, type Gap, type GapCheck, type GapCheckOptions, type GapReport } from './gaps.js';
export { DEFAULT_EPOCH_JOIN_HOURS, ObservedPlanOptionsSchema, observedPlan, type ObservedPlanOptions } from './observed.js';
