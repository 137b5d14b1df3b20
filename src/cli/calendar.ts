/**
 * `jwst-cadence calendar`: the main job. Schedule program 1539 (or another) through a cycle,
 * print the calendar and the cadence summary, and write every output to a folder.
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { wrapText } from '../output/wrap.js';
import { PROGRAM_ID } from '../program/program.js';
import { emit, parseOptions, spreadValues, terminalWidth, UsageError, writeFilesAllOrNothing } from './io.js';
import { SCHEDULE_FORMATS, stampOption } from './schedule.js';
import { planFromOptions, SCHEDULING_HELP, SCHEDULING_OPTIONS } from './scheduling.js';

export const CALENDAR_HELP = `Usage: jwst-cadence calendar [options]

Schedule a program (by default the built-in program 1539) through a JWST cycle (by default
Cycle 1), print its month-by-month calendar and cadence summary, and write the schedule as
JSON, CSV, iCalendar, SVG, APT text and an HTML report into a folder.

${SCHEDULING_HELP}
Output:
  --out-dir DIR         folder for the files (default out/program-<id>-<span>)
  --width N             wrap what is printed to N columns (default: 100 on a terminal, else
                        each line whole); calendar.txt in the folder keeps each line whole
  --stamp ISO           DTSTAMP of schedule.ics (default: now; see 'jwst-cadence schedule --help')
  -h, --help            this help

Examples:
  jwst-cadence calendar
  jwst-cadence calendar --ephemeris jwst_horizons.txt --out-dir plans/precise
`;

/** File name of each output in the folder. */
const FILES: ReadonlyArray<[format: string, file: string]> = [
  ['json', 'schedule.json'],
  ['csv', 'schedule.csv'],
  ['ics', 'schedule.ics'],
  ['svg', 'schedule.svg'],
  ['apt', 'schedule-apt.txt'],
  ['table', 'calendar.txt'],
  ['html', 'report.html'],
];

/** Run the calendar command. */
export function runCalendar(argv: readonly string[]): void {
  const values = parseOptions(spreadValues(argv, ['observed']), {
    ...SCHEDULING_OPTIONS,
    'out-dir': { type: 'string' },
    stamp: { type: 'string' },
    width: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(CALENDAR_HELP);
    return;
  }
  // A folder that cannot be one is refused before the work of scheduling.
  const outDir = values['out-dir'];
  if (outDir !== undefined && existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new UsageError(`--out-dir: ${outDir} is a file, not a folder`);
  }
  const stampMs = stampOption(values.stamp);
  const width = terminalWidth(values.width, undefined);
  const { schedule, previous } = planFromOptions(values);
  const spanName =
    values.from !== undefined
      ? 'custom-span'
      : values.cycles !== undefined
        ? `cycles-${values.cycles.trim().replace(/\s+/g, '')}`
        : `cycle-${values.cycle ?? 1}`;
  // The id is a safe name (PROGRAM_ID), so the default folder stays inside out/; check it
  // again here, since a schedule may come from anywhere.
  if (values['out-dir'] === undefined && !PROGRAM_ID.test(schedule.program.id)) {
    throw new UsageError(`program id ${JSON.stringify(schedule.program.id)} cannot name a folder; give --out-dir`);
  }
  const folder = values['out-dir'] ?? join('out', `program-${schedule.program.id}-${spanName}`);
  // Render everything first, then write all the files or none.
  const rendered = FILES.map(([format, file]) => [file, SCHEDULE_FORMATS[format]!(schedule, { stampMs, previous })] as const);
  const written = writeFilesAllOrNothing(folder, rendered, '--out-dir');
  // The calendar on standard output is the calendar.txt just rendered.
  const calendarText = rendered[FILES.findIndex(([format]) => format === 'table')]![1];
  const shown = `${calendarText}\nWrote ${written.join(', ')}\n`;
  emit(width === undefined ? shown : wrapText(shown, width), undefined);
}
