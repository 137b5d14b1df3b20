/**
 * The yearly calendar: schedule program 1539 through Cycle 1, print the month-by-month
 * calendar with its cadence summary, and write the picture (SVG) and the calendar file (ICS,
 * one event a visit) to a folder, printing where they went.
 *
 * Run it from the repository root:
 *
 *   node --import tsx examples/yearly-calendar.ts [--out-dir DIR]
 *
 * or `npm run examples` to run every example. Without --out-dir the files go to a new folder
 * in the system's temporary directory.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBuiltInProgram, scheduleProgram, scheduleToCalendarText, scheduleToIcs, scheduleToSvg } from '../src/index.js';

const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });

const schedule = scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread', cycle: 1 } });

// The calendar text: a heading, each month's epoch blocks, then the cadence per target.
process.stdout.write(scheduleToCalendarText(schedule));

let folder: string;
if (values['out-dir'] !== undefined) {
  folder = resolve(values['out-dir']);
  mkdirSync(folder, { recursive: true });
} else {
  folder = mkdtempSync(join(tmpdir(), 'jwst-cadence-calendar-'));
}
const svgPath = join(folder, `program-${schedule.program.id}-cycle-1.svg`);
const icsPath = join(folder, `program-${schedule.program.id}-cycle-1.ics`);
writeFileSync(svgPath, scheduleToSvg(schedule, { title: `JWST program ${schedule.program.id}, Cycle 1` }));
// The stamp defaults to the span's start so the file is the same on every run; a real
// export would pass the time it was made.
writeFileSync(icsPath, scheduleToIcs(schedule));

console.log(`\nPicture (open in a browser): ${svgPath}`);
console.log(`Calendar (import into a calendar application): ${icsPath}`);
