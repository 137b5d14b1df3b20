/**
 * A cadence gate: check the gaps of a schedule with `cadenceGaps` and exit with code 1 when a
 * gap longer than the bound (45 days by default) is one the schedule chose, so it can stop a
 * CI job. Gaps the sky forced are printed as information and do not fail the check.
 *
 * A long gap is blamed on the sky only when the target was out of view during it and the days
 * it was in view add up to no more than the bound; a 93-day gap across a 92.7-day
 * invisible season passes, while a 177-day gap across the same season fails (84 of its days
 * could have held an epoch).
 *
 * Run it from the repository root:
 *
 *   node --import tsx examples/check-gaps.ts [--max-gap DAYS] [--schedule FILE.json]
 *
 * or `npm run examples` to run every example. Without --schedule it checks the default plan
 * of program 1539 in Cycle 1 (spread cadence), which passes: its only long gaps are forced.
 * FILE.json is a schedule as `jwst-cadence schedule --format json` writes it.
 * Exit codes: 0 the cadence holds, 1 a chosen gap is too long, 2 bad arguments or file.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  cadenceGaps,
  formatDate,
  type Gap,
  type GapReport,
  loadBuiltInProgram,
  type Schedule,
  scheduleFromJson,
  scheduleProgram,
} from '../src/index.js';

/** Arguments, or exit 2 with one line on standard error. */
function readArguments(): { maxGapDays: number; schedule: Schedule; source: string } {
  try {
    const { values } = parseArgs({ options: { 'max-gap': { type: 'string' }, schedule: { type: 'string' } } });
    const maxGapDays = values['max-gap'] === undefined ? 45 : Number(values['max-gap']);
    if (!(maxGapDays > 0) || !Number.isFinite(maxGapDays))
      throw new Error(`--max-gap: expected a positive number of days, got "${values['max-gap']}"`);
    if (values.schedule === undefined) {
      return {
        maxGapDays,
        schedule: scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread', cycle: 1 } }),
        source: 'the default plan for Cycle 1',
      };
    }
    const file = values.schedule;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`--schedule: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    return { maxGapDays, schedule: scheduleFromJson(text, file), source: file };
  } catch (error) {
    // A schedule file can have many bad fields, one a line: report the first and how many more.
    const [first, ...more] = (error as Error).message.split('\n');
    process.stderr.write(`check-gaps: ${first}${more.length > 0 ? ` (and ${more.length} more problems)` : ''}\n`);
    process.exit(2);
  }
}

const { maxGapDays, schedule, source } = readArguments();
const check = cadenceGaps(schedule, { maxGapDays });

/** Days of the gap when the target could be observed: what the schedule, not the sky, decided. */
const chosen = (gap: Gap): boolean => !gap.forced || gap.visibleDays > maxGapDays;
const describe = (report: GapReport, gap: Gap): string =>
  `${report.id}: ${formatDate(gap.fromMs)} to ${formatDate(gap.toMs)}, ${gap.days.toFixed(1)} d` +
  (gap.forced ? ` (out of view ${gap.invisibleDays.toFixed(1)} d, in view ${gap.visibleDays.toFixed(1)} d)` : '');

console.log(`Cadence check of ${source} (program ${schedule.program.id}, ${schedule.visits.length} visits), bound ${maxGapDays} d`);
for (const report of check.targets) {
  const max = report.maxDays === null ? '-' : report.maxDays.toFixed(1);
  console.log(`  ${report.id.padEnd(13)} ${String(report.startsMs.length).padStart(3)} epochs, largest gap ${max} d`);
}

// Per target (epoch starts) and per series (visit starts of one target and template).
const forced: string[] = [];
const failures: string[] = [];
let forcedInSeries = 0;
for (const [kind, reports] of [
  ['target', check.targets],
  ['series', check.series],
] as const) {
  for (const report of reports) {
    for (const gap of report.violations) {
      if (gap.violation !== 'above-max') continue;
      if (chosen(gap)) failures.push(describe(report, gap));
      else if (kind === 'target') forced.push(describe(report, gap));
      else forcedInSeries += 1;
    }
  }
}
if (forced.length > 0 || forcedInSeries > 0) {
  console.log('\nForced by visibility (information only):');
  for (const line of forced) console.log(`  ${line}`);
  if (forcedInSeries > 0) console.log(`  and ${forcedInSeries} gaps of single series across the same seasons`);
}
if (failures.length > 0) {
  console.log(`\nFAIL: ${failures.length} gaps above ${maxGapDays} d that the schedule chose:`);
  for (const line of failures) console.log(`  ${line}`);
  process.exitCode = 1;
} else {
  console.log(`\nOK: no gap above ${maxGapDays} d except where the sky forced it.`);
}
