/**
 * Programs: parsing a program-information document, the built-in program 1539, and the
 * grouping of visits into series, links and epochs.
 *
 * @example
 * ```ts
 * import { loadBuiltInProgram, programStructure } from 'jwst-cadence';
 * const program = loadBuiltInProgram();
 * const structure = programStructure(program);
 * console.log(program.id, program.visits.length, structure.epochs.length);
 * ```
 * @module program
 */

export { builtInProgramPath } from './builtin.js';
export {
  blockDurationMs,
  formatVisitId,
  loadBuiltInProgram,
  parseProgram,
  programStructure,
  readPublishedSchedule,
  readScheduleReports,
  seriesId,
  templateDurationMs,
} from './face.js';
export { type OrientationPlan, type OrientationPlanInput, OrientationPlanSchema } from './orientation-plan.js';
export { type ParseProgramOptions, ParseProgramOptionsSchema } from './parse.js';
export {
  MAX_VISIT_DURATION_MS,
  PROGRAM_ID,
  PROGRAM_ID_RULE,
  type Program,
  ProgramSchema,
  parseVisitId,
  type Visit,
  type VisitId,
  VisitSchema,
} from './program.js';
export type { PublishedSchedule, PublishedVisit, ScheduleFile, ScheduleReport } from './published.js';
export {
  BACKGROUND_SUFFIX,
  type Epoch,
  type Link,
  type ProgramPlan,
  ProgramPlanSchema,
  type ProgramStructure,
  type Series,
} from './structure.js';
export {
  ASSUMED_DURATION_TEMPLATES,
  DEFAULT_TEMPLATE_DURATION_HOURS,
  INSTRUMENTS,
  type Instrument,
  instrumentOfTemplate,
  MAX_VISIT_GAP_MS,
  VISIT_GAP_MS,
} from './templates.js';
