/**
 * `jwst-cadence schedule`: place a program's visits on a cadence.
 * @module
 */

import type { Schedule } from '../cadence/schedule.js';
import {
  scheduleToApt,
  scheduleToCalendarText,
  scheduleToCsv,
  scheduleToHtml,
  scheduleToIcs,
  scheduleToJson,
  scheduleToSvg,
} from '../output/face.js';

import { parseInstant } from '../time/instant.js';
import { checkOutPath, choiceOption, emit, inOptionTerms, parseOptions, spreadValues, terminalWidth } from './io.js';
import { planFromOptions, SCHEDULING_HELP, SCHEDULING_OPTIONS } from './scheduling.js';

export const SCHEDULE_HELP = `Usage: jwst-cadence schedule [--program FILE] [options]

Place every visit of a program on a regular cadence inside its targets' visibility windows,
and list what cannot be placed, with the reason.

${SCHEDULING_HELP}
Output:
  --format F            table (default), json, csv, ics, svg, apt or html (as 'report')
  --width N             wrap the table to N columns (default: 100 on a terminal; a file or a
                        pipe gets each line whole)
  --stamp ISO           the calendar file's DTSTAMP (default: now); give one for files that come
                        out the same byte for byte. A visit that moved since the plan given to
                        --executed or --continue gets a higher SEQUENCE, so calendars move it
  --out FILE            write to FILE (atomically); without it, or as -, to standard output
  -h, --help            this help

Examples:
  jwst-cadence schedule --format json --out plan.json
  jwst-cadence schedule --program PROGRAM.md --targets TARGETS.csv --durations HOURS.json
  jwst-cadence schedule --mode period --period P28D --tolerance P5D
  jwst-cadence schedule --ephemeris jwst_horizons.txt --format ics --out plan.ics
`;

/** What an output may need besides the schedule: the calendar file's stamp and the plan it revises. */
export interface RenderContext {
  /** DTSTAMP of the calendar file, ms: the moment it is made, or --stamp. */
  readonly stampMs: number;
  /** The plan this one re-plans (see planFromOptions). */
  readonly previous?: Schedule | 'unknown' | undefined;
  /** Columns of the terminal the table is for; none: each line as long as its content. */
  readonly width?: number | undefined;
}

/** Each output format, by its --format name. */
export const SCHEDULE_FORMATS: Readonly<Record<string, (schedule: Schedule, context: RenderContext) => string>> = {
  table: (schedule, { width }) => scheduleToCalendarText(schedule, width === undefined ? {} : { width }),
  json: scheduleToJson,
  csv: scheduleToCsv,
  ics: (schedule, { stampMs, previous }) => scheduleToIcs(schedule, { stamp: stampMs, ...(previous !== undefined ? { previous } : {}) }),
  svg: (schedule) => scheduleToSvg(schedule),
  apt: (schedule) => scheduleToApt(schedule),
  html: (schedule) => scheduleToHtml(schedule),
};

/** Run the schedule command. */
export function runSchedule(argv: readonly string[]): void {
  const values = parseOptions(spreadValues(argv, ['observed']), {
    ...SCHEDULING_OPTIONS,
    format: { type: 'string' },
    out: { type: 'string' },
    stamp: { type: 'string' },
    width: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(SCHEDULE_HELP);
    return;
  }
  const format = choiceOption(values.format, '--format', Object.keys(SCHEDULE_FORMATS), 'table');
  // A path that cannot take the output is refused before the work.
  if (values.out !== undefined) checkOutPath(values.out);
  const stampMs = stampOption(values.stamp);
  const { schedule, previous } = planFromOptions(values);
  const width = terminalWidth(values.width, values.out);
  emit(SCHEDULE_FORMATS[format]!(schedule, { stampMs, previous, width }), values.out);
}

/** The calendar file's DTSTAMP: --stamp, or the moment the command runs. */
export function stampOption(value: string | undefined): number {
  return value === undefined ? Date.now() : inOptionTerms(() => parseInstant(value, '--stamp'));
}
