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
export {
  MAX_VISIT_DURATION_MS,
  PROGRAM_ID,
  PROGRAM_ID_RULE,
  formatVisitId,
  parseVisitId,
  ProgramSchema,
  type VisitId,
  VisitSchema,
  type Program,
  type Visit,
} from './program.js';
export {
  ASSUMED_DURATION_TEMPLATES,
  blockDurationMs,
  DEFAULT_TEMPLATE_DURATION_HOURS,
  INSTRUMENTS,
  instrumentOfTemplate,
  MAX_VISIT_GAP_MS,
  templateDurationMs,
  VISIT_GAP_MS,
  type Instrument,
} from './templates.js';
export { ParseProgramOptionsSchema, parseProgram, type ParseProgramOptions } from './parse.js';
export { builtInProgramPath, loadBuiltInProgram } from './builtin.js';
export {
  BACKGROUND_SUFFIX,
  ProgramPlanSchema,
  programStructure,
  seriesId,
  type Epoch,
  type Link,
  type ProgramPlan,
  type ProgramStructure,
  type Series,
} from './structure.js';
export { OrientationPlanSchema, type OrientationPlan, type OrientationPlanInput } from './orientation-plan.js';
export {
  readPublishedSchedule,
  readScheduleReports,
  type PublishedSchedule,
  type PublishedVisit,
  type ScheduleFile,
  type ScheduleReport,
} from './published.js';
