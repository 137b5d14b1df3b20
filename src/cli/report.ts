/**
 * `jwst-cadence report`: the schedule as one HTML page for a planner, from a saved plan or
 * scheduled on the spot.
 * @module
 */

import { scheduleFromJson, scheduleToHtml } from '../output/face.js';
import { checkOutPath, daysOption, emit, parseOptions, readFileOption, spreadValues, UsageError } from './io.js';
import { SCHEDULING_HELP, SCHEDULING_OPTIONS, scheduleFromOptions } from './scheduling.js';

export const REPORT_HELP = `Usage: jwst-cadence report [--schedule FILE.json | scheduling options] [--out FILE]

Write one self-contained HTML page about a schedule: the program, span and observer model, the
year's picture, a month-by-month calendar, every visit, the cadence per target (each gap,
forced by the sky or chosen), what was not placed and why, and each target's windows. The
page fetches nothing, so it opens from a mail attachment; it prints on A4.

Either render a saved plan (--schedule: the JSON that 'jwst-cadence schedule' or 'calendar'
writes),
or schedule a program with the same options as 'jwst-cadence schedule':

Plan:
  --schedule FILE       the schedule JSON to render; with it, only --min-gap and --max-gap
                        of the options below apply (as the bounds the gap tables check)

${SCHEDULING_HELP}
Output:
  --out FILE            write to FILE (atomically); without it, or as -, to standard output
  -h, --help            this help

Examples:
  jwst-cadence report --out report.html
  jwst-cadence report --schedule plan.json --max-gap 45 --out report.html
  jwst-cadence report --mode period --period 30 --tolerance 7 --out period.html
`;

/** Run the report command. */
export function runReport(argv: readonly string[]): void {
  const values = parseOptions(spreadValues(argv, ['observed']), {
    ...SCHEDULING_OPTIONS,
    schedule: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(REPORT_HELP);
    return;
  }
  const minGapDays = daysOption(values['min-gap'], '--min-gap');
  // A path that cannot take the output is refused before the work.
  if (values.out !== undefined) checkOutPath(values.out);
  const maxGapDays = daysOption(values['max-gap'], '--max-gap');
  if (minGapDays !== undefined && maxGapDays !== undefined && minGapDays > maxGapDays) {
    throw new UsageError('--min-gap must not exceed --max-gap');
  }
  let schedule;
  if (values.schedule !== undefined) {
    const ignored = Object.keys(SCHEDULING_OPTIONS).filter(
      (name) => name !== 'min-gap' && name !== 'max-gap' && values[name as keyof typeof SCHEDULING_OPTIONS] !== undefined,
    );
    if (ignored.length > 0) {
      throw new UsageError(`--schedule renders a saved plan; ${ignored.map((name) => `--${name}`).join(', ')} would not apply to it`);
    }
    schedule = readFileOption(values.schedule, '--schedule', scheduleFromJson);
  } else {
    schedule = scheduleFromOptions(values);
  }
  const bounds = { ...(minGapDays !== undefined ? { minGapDays } : {}), ...(maxGapDays !== undefined ? { maxGapDays } : {}) };
  emit(scheduleToHtml(schedule, bounds), values.out);
}
