/**
 * A planning script for program 1539 in JWST Cycle 1:
 *
 * 1. the visibility windows of the program's targets, with the V3 position angles reachable in
 *    each, from the nominal L2 observer;
 * 2. the same windows from JWST's real orbit, read from a JPL Horizons vector table, and how far
 *    each edge moved (skipped with a note when no table is found);
 * 3. the program scheduled with the default spread cadence and the default observer (the real
 *    orbit of the bundled table, which covers Cycle 1), each target's epochs listed.
 *
 * Run it from the repository root:
 *
 *   node --import tsx examples/planning-script.ts [--ephemeris FILE]
 *
 * or `npm run examples` to run every example. Without --ephemeris the script reads the Horizons
 * table that ships in `data/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { assertEphemerisCovers, builtInEphemerisPath } from '../src/advanced.js';
import {
  cycleSpan,
  formatDate,
  formatInstant,
  loadBuiltInProgram,
  MS_PER_DAY,
  MS_PER_HOUR,
  type ObservatoryInput,
  parseHorizonsVectors,
  scheduleProgram,
  type VisibilityWindow,
  visibilityWindowsForTargets,
} from '../src/index.js';

const { values } = parseArgs({ options: { ephemeris: { type: 'string' } } });
const ephemerisPath = values.ephemeris ?? builtInEphemerisPath();

const program = loadBuiltInProgram();
const cycle = cycleSpan(1);
const targets = [...new Set(program.visits.map((visit) => visit.target))];

console.log(`Program ${program.id}: ${program.title}`);
console.log(`${program.visits.length} visits of ${targets.join(', ')}`);
console.log(`Cycle 1: ${formatDate(cycle.startMs)} to ${formatDate(cycle.endMs - 1)} (UTC)`);

/** A V3PA range in degrees; it runs eastward from min to max, through 360 when max < min. */
function v3pa(window: VisibilityWindow): string {
  const { minDeg, maxDeg } = window.v3pa;
  if (minDeg === 0 && maxDeg === 360) return 'any';
  return `${minDeg.toFixed(1)} to ${maxDeg.toFixed(1)}${maxDeg < minDeg ? ' (through 360)' : ''}`;
}

function printWindows(title: string, windows: readonly VisibilityWindow[][]): void {
  console.log(`\n${title}`);
  for (const [index, target] of targets.entries()) {
    for (const window of windows[index] ?? []) {
      console.log(
        `  ${target.padEnd(13)} ${formatInstant(window.startMs)}  to  ${formatInstant(window.endMs)}` +
          `  ${window.durationDays.toFixed(1).padStart(5)} d  V3PA ${v3pa(window)}`,
      );
    }
    if ((windows[index] ?? []).length === 0) console.log(`  ${target.padEnd(13)} never visible`);
  }
}

// 1. Nominal L2: the Sun seen from L2 is the Sun seen from the Earth's centre.
const nominal = visibilityWindowsForTargets(targets, cycle, { observatory: { observer: 'nominal-l2' } });
printWindows('Visibility windows, nominal L2 observer, elongation 85 to 135 deg', nominal);

// 2. JWST's real orbit from a JPL Horizons vector table (see docs/visibility.md for the query).
let precise: VisibilityWindow[][] | undefined;
if (existsSync(ephemerisPath)) {
  const ephemeris = parseHorizonsVectors(readFileSync(ephemerisPath, 'utf8'), basename(ephemerisPath));
  assertEphemerisCovers(ephemeris, cycle);
  const observatory: ObservatoryInput = { observer: 'ephemeris', ephemeris };
  precise = visibilityWindowsForTargets(targets, cycle, { observatory });
  printWindows(`Visibility windows, JWST's orbit from ${basename(ephemerisPath)}`, precise);

  // How far the halo orbit moves each edge that is a real edge (not where the cycle cuts a window).
  console.log('\nEdge shifts, orbit minus nominal (hours)');
  for (const [index, target] of targets.entries()) {
    const a = nominal[index] ?? [];
    const b = precise[index] ?? [];
    if (a.length !== b.length) {
      console.log(`  ${target}: ${a.length} windows nominal, ${b.length} from the orbit`);
      continue;
    }
    const shifts = a.flatMap((window, i) => {
      const other = b[i]!;
      const out: string[] = [];
      if (window.startMs !== cycle.startMs) out.push(`start ${((other.startMs - window.startMs) / MS_PER_HOUR).toFixed(1)}`);
      if (window.endMs !== cycle.endMs) out.push(`end ${((other.endMs - window.endMs) / MS_PER_HOUR).toFixed(1)}`);
      return out;
    });
    console.log(`  ${target.padEnd(13)} ${shifts.join(', ') || 'no edges inside the cycle'}`);
  }
} else {
  console.log(`\nNo Horizons table at ${ephemerisPath}: skipping the windows from JWST's real orbit.`);
  console.log('Pass one with --ephemeris FILE (docs/visibility.md says how to get it from JPL Horizons).');
}

// 3. Schedule the program: spread cadence, the default observer and each window edge's margin.
const schedule = scheduleProgram(program, { cadence: { mode: 'spread', cycle: 1 } });
const margin =
  schedule.marginMs !== undefined ? `, ${schedule.marginMs / MS_PER_DAY}-day margin from window edges` : ", each window edge's own margin";
console.log(`\nObserver: ${schedule.observer ?? 'windows given'}`);
console.log(
  `\nSchedule (${schedule.mode} cadence${margin}): ${schedule.visits.length} visits placed, ${schedule.unscheduled.length} unscheduled`,
);

// Each target's epochs: the first visit of that target in each epoch.
const epochs = new Map<string, Map<number, { startMs: number; observations: number[] }>>();
for (const visit of schedule.visits) {
  const byEpoch = epochs.get(visit.target) ?? new Map<number, { startMs: number; observations: number[] }>();
  const epoch = byEpoch.get(visit.epoch) ?? { startMs: visit.startMs, observations: [] };
  epoch.startMs = Math.min(epoch.startMs, visit.startMs);
  epoch.observations.push(visit.observation);
  byEpoch.set(visit.epoch, epoch);
  epochs.set(visit.target, byEpoch);
}
for (const [target, byEpoch] of epochs) {
  const sorted = [...byEpoch].sort(([a], [b]) => a - b);
  console.log(`  ${target}: ${sorted.length} epochs`);
  let previous: number | undefined;
  for (const [number, { startMs, observations }] of sorted) {
    const gap = previous === undefined ? '' : `  (+${((startMs - previous) / MS_PER_DAY).toFixed(1)} d)`;
    console.log(
      `    epoch ${String(number).padStart(2)}  ${formatInstant(startMs)}  obs ${observations.sort((a, b) => a - b).join(', ')}${gap}`,
    );
    previous = startMs;
  }
}
for (const visit of schedule.unscheduled) {
  console.log(`  not placed: observation ${visit.observation} (${visit.label}, ${visit.target}): ${visit.reason}`);
}

// Check the schedule against the real orbit of the table given (with --ephemeris, another table).
if (precise) {
  const preciseByTarget = new Map(targets.map((target, index) => [target, precise[index] ?? []]));
  let outside = 0;
  let closestMs = Infinity;
  for (const visit of schedule.visits) {
    const window = preciseByTarget.get(visit.target)?.find((w) => w.startMs <= visit.startMs && visit.endMs <= w.endMs);
    if (!window) {
      outside += 1;
      console.log(
        `  observation ${visit.observation} (${visit.target}, ${formatInstant(visit.startMs)}) is outside its window from the orbit`,
      );
      continue;
    }
    if (window.startMs !== cycle.startMs) closestMs = Math.min(closestMs, visit.startMs - window.startMs);
    if (window.endMs !== cycle.endMs) closestMs = Math.min(closestMs, window.endMs - visit.endMs);
  }
  const closest = Number.isFinite(closestMs) ? `; the closest is ${(closestMs / MS_PER_HOUR).toFixed(1)} h from an edge` : '';
  console.log(
    outside === 0
      ? `\nChecked against JWST's orbit: all ${schedule.visits.length} visits lie inside their windows${closest}.`
      : `\nChecked against JWST's orbit: ${outside} visits fall outside their windows; widen the margin or schedule with the ephemeris.`,
  );
}
