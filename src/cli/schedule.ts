/**
 * `jwst-cadence schedule`: place a program's visits on a cadence.
 * @module
 */
import { scheduleToApt } from '../output/apt.js';
import { scheduleToCalendarText } from '../output/calendar.js';
import { scheduleToCsv } from '../output/csv.js';
import { scheduleToIcs } from '../output/ics.js';
import { scheduleToJson } from '../output/json.js';
import { scheduleToHtml } from '../output/report.js';
import { scheduleToSvg } from '../output/svg.js';
import type { Schedule } from '../cadence/schedule.js';
import { choiceOption, emit, parseOptions, spreadValues } from './io.js';
import { SCHEDULING_HELP, SCHEDULING_OPTIONS, scheduleFromOptions } from './scheduling.js';

export const SCHEDULE_HELP = `Usage: jwst-cadence schedule [--program FILE] [options]

Place every visit of a program on a regular cadence inside its targets' visibility windows,
and list what cannot be placed, with the reason.

${SCHEDULING_HELP}
Output:
  --format F            table (default), json, csv, ics, svg, apt or html (as 'report')
  --out FILE            write to FILE (atomically) instead of standard output
  -h, --help            this help

Examples:
  jwst-cadence schedule --format json --out plan.json
  jwst-cadence schedule --program PROGRAM.md --targets TARGETS.csv --durations HOURS.json
  jwst-cadence schedule --mode period --period P28D --tolerance P5D
  jwst-cadence schedule --ephemeris jwst_horizons.txt --format ics --out plan.ics
`;

/** Each output format, by its --format name. */
export const SCHEDULE_FORMATS: Readonly<Record<string, (schedule: Schedule) => string>> = {
  table: scheduleToCalendarText,
  json: scheduleToJson,
  csv: scheduleToCsv,
  ics: (schedule) => scheduleToIcs(schedule),
  svg: (schedule) => scheduleToSvg(schedule),
  apt: (schedule) => scheduleToApt(schedule),
  html: (schedule) => scheduleToHtml(schedule),
};

/** Run the schedule command. */
export function runSchedule(argv: readonly string[]): void {
  const values = parseOptions(spreadValues(argv, ['observed']), { ...SCHEDULING_OPTIONS, format: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write(SCHEDULE_HELP);
    return;
  }
  const format = choiceOption(values.format, '--format', Object.keys(SCHEDULE_FORMATS), 'table');
  emit(SCHEDULE_FORMATS[format]!(scheduleFromOptions(values)), values.out);
}
