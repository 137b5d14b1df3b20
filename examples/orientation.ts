/**
 * Orientation and the micrometeoroid avoidance zone, for program 1539 and a target on the
 * ecliptic:
 *
 * 1. when HD 163466 can be observed at a V3PA of 100 to 120 degrees in Cycle 1 (the worked
 *    example of docs/orientation.md);
 * 2. program 1539 scheduled with every HD 163466 visit at that orientation, each visit's V3PA,
 *    and whether one orientation serves the MRS series at every epoch;
 * 3. a point on the ecliptic in Cycle 2: its windows split at the micrometeoroid avoidance zone,
 *    and six visits scheduled to keep out of it.
 *
 * Run it from the repository root:
 *
 *   node --import tsx examples/orientation.ts [--v3pa MIN:MAX]
 *
 * or `npm run examples` to run every example.
 */
import { parseArgs } from 'node:util';
import { formatAngleRange, parseAngleRangeText, seriesOrientation } from '../src/advanced.js';
import {
  cycleSpan,
  formatInstant,
  loadBuiltInProgram,
  parseProgram,
  parseTarget,
  scheduleProgram,
  visibilityWindows,
} from '../src/index.js';

const { values } = parseArgs({ options: { v3pa: { type: 'string', default: '100:120' } } });
const asked = parseAngleRangeText(values.v3pa!, '--v3pa');
const span = cycleSpan(1);

// 1. Windows at the orientation.
console.log(`HD163466 at V3PA ${formatAngleRange(asked)} in Cycle 1:`);
const all = visibilityWindows('HD163466', span);
const atOrientation = visibilityWindows('HD163466', span, { v3pa: asked });
const days = (windows: readonly { durationDays: number }[]): number => windows.reduce((sum, w) => sum + w.durationDays, 0);
for (const w of atOrientation) console.log(`  ${formatInstant(w.startMs)} to ${formatInstant(w.endMs)}  ${w.durationDays.toFixed(2)} days`);
console.log(`  ${days(atOrientation).toFixed(2)} of ${days(all).toFixed(2)} visible days`);

// 2. The program scheduled with that constraint.
const schedule = scheduleProgram(loadBuiltInProgram(), { orientation: { constraints: [{ target: 'HD163466', v3pa: asked }] } });
console.log(
  `\nProgram 1539 with HD163466 at V3PA ${formatAngleRange(asked)}: ${schedule.visits.length} visits placed, ${schedule.unscheduled.length} not`,
);
for (const visit of schedule.visits.filter((v) => v.target === 'HD163466')) {
  const { nominalDeg, minDeg, maxDeg } = visit.v3pa!;
  console.log(
    `  obs ${String(visit.observation).padStart(2)}  ${formatInstant(visit.startMs)}  V3PA ${nominalDeg.toFixed(1)} (holds ${minDeg.toFixed(1)}..${maxDeg.toFixed(1)})`,
  );
}
const mrs = seriesOrientation(schedule.visits).find((s) => s.series === 'HD163466 / MIRI Medium Resolution Spectroscopy');
if (mrs?.common) console.log(`  one V3PA for every MRS epoch: ${formatAngleRange(mrs.common, 1)}`);
else if (mrs?.best)
  console.log(`  no V3PA serves every MRS epoch; ${formatAngleRange(mrs.best.range, 1)} serves epochs ${mrs.best.epochs.join(', ')}`);

// 3. A point on the ecliptic in Cycle 2, where the micrometeoroid avoidance zone is modelled.
const ecliptic = parseTarget({ name: 'ECL', ra: 90, dec: 23.4393 });
console.log('\nA point on the ecliptic in Cycle 2:');
for (const w of visibilityWindows(ecliptic, cycleSpan(2))) {
  console.log(`  ${formatInstant(w.startMs)} to ${formatInstant(w.endMs)}  ${w.inMaz ? 'in the MAZ' : 'outside the MAZ'}`);
}
const rows = Array.from({ length: 6 }, (_, i) => `| Slit ${i + 1} | NIRSpec Fixed Slit Spectroscopy | (1) ECL |`).join('\n');
const program = parseProgram(
  `---\nid: 9001\n---\n# 9001 - Ecliptic example\n\n| Label | Observing Template | Science Target |\n|---|---|---|\n${rows}\n`,
  { source: 'ecliptic.md' },
);
const planned = scheduleProgram(program, { targets: [ecliptic], cadence: { mode: 'spread', cycle: 2 } });
const { maz } = planned;
console.log(
  `  ${planned.visits.length} visits placed, ${maz ? ((100 * maz.inMazMs) / maz.observingMs).toFixed(1) : '0.0'}% of their time in the MAZ (${maz?.policy ?? 'no zone'})`,
);
