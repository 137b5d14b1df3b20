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

export type { PlanCheck, PlanFinding, PlanRule } from './consistency.js';
export {
  allowedEpochStarts,
  assertConsistentPlan,
  cadenceGaps,
  checkPlan,
  compareLeximax,
  epochSlack,
  epochSlackRuns,
  epochStartProblems,
  moveEpoch,
  observedPlan,
  scheduleProgram,
  scheduleTimeline,
  spreadGaps,
  timelineBlocks,
} from './face.js';
export { type Gap, type GapCheck, type GapCheckOptions, GapCheckOptionsSchema, type GapReport } from './gaps.js';
export { DEFAULT_EPOCH_JOIN_HOURS, type ObservedPlanOptions, ObservedPlanOptionsSchema } from './observed.js';
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
export type { ScheduleProgramOptions } from './scheduler.js';
export type { EpochSlack, SlackRun, TimelineBlocks } from './slack.js';
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
export type { EpochGroup, EpochRequest, GroupObjective, GroupPlacement, TimelineInput } from './timeline.js';
export {
  type EpochMoveEffect,
  type EpochMoveInput,
  type EpochMoveOptions,
  EpochMoveOptionsSchema,
  EpochMoveSchema,
  type GapChange,
  type MoveProblem,
  type MoveProblemKind,
} from './what-if.js';
