/**
 * Outputs: pure functions from a schedule (`Schedule`, from the cadence module) to text, one format a module.
 *
 * - {@link scheduleToJson} / {@link scheduleFromJson}: the JSON file other tools read back;
 * - {@link scheduleToCsv}: one row a visit, for spreadsheets;
 * - {@link scheduleToIcs}: an iCalendar file, one event a visit;
 * - {@link scheduleToSvg}: a picture of the span, one lane a target;
 * - {@link scheduleToApt}: JWST APT timing special requirements;
 * - {@link scheduleToHtml}: one self-contained HTML page with all of the above for a planner;
 * - {@link writeFileAtomic}: any of them to a file, never leaving half of one;
 * - {@link readExecutedVisits}: visits that ran, from a CSV or an earlier plan's JSON (for re-planning).
 *
 * @example
 * ```ts
 * import { loadBuiltInProgram, scheduleProgram, scheduleToJson, scheduleToSvg } from 'jwst-cadence';
 * const schedule = scheduleProgram(loadBuiltInProgram());
 * const json = scheduleToJson(schedule);
 * const svg = scheduleToSvg(schedule, { width: 1400 });
 * ```
 * @module output
 */

export { type AptOptions, AptOptionsSchema, formatAptDate } from './apt.js';
export { type CalendarTextOptions, CalendarTextOptionsSchema } from './calendar.js';
export { SCHEDULE_CSV_COLUMNS } from './csv.js';
export { type ExecutedVisitsFile, readExecutedVisits } from './executed.js';
export {
  icsSequence,
  scheduleFromJson,
  scheduleToApt,
  scheduleToCalendarText,
  scheduleToCsv,
  scheduleToHtml,
  scheduleToIcs,
  scheduleToJson,
  scheduleToSvg,
  slackText,
  visitUid,
  windowsToCsv,
  windowsToJson,
  windowToJson,
  writeFileAtomic,
} from './face.js';
export { type IcsOptions, IcsOptionsSchema } from './ics.js';
export { SCHEDULE_JSON_SCHEMA_VERSION, type ScheduleJson, ScheduleJsonSchema } from './json.js';
export { type ReportOptions, ReportOptionsSchema } from './report.js';
export { EDGE_ROOM_PX, type SvgOptions, SvgOptionsSchema } from './svg.js';
export type { TargetWithoutWindowsJson, VisibilityWindowJson, WindowEdgeJson, WindowsTextOptions } from './windows.js';
