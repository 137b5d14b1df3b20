/**
 * The schedule as JWST APT timing special requirements a planner can copy into the
 * Astronomer's Proposal Tool, target by target: a BETWEEN window around each first-epoch
 * visit, AFTER OBSERVATION links that carry the cadence from epoch to epoch, and a
 * GROUP/SEQUENCE link for each run of consecutively numbered visits planned back to back.
 * Requirement forms and date format follow the APT documentation (dates UT, `01-JUL-2022`); an
 * orientation is written as APT's APERTURE PA RANGE, and visits in the micrometeoroid avoidance
 * zone are flagged as APT flags them.
 * @module
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Schedule, ScheduledVisit } from '../cadence/schedule.js';
import { MAX_VISIT_GAP_MS } from '../program/templates.js';
import { formatInstant, InstantMsSchema, MS_PER_DAY } from '../time/instant.js';
import { parseWith } from '../validation.js';
import { type Epoch, epochsOf, numberingText, observationText, targetsOf } from './epochs.js';
import { mazSummaryText } from './orientation-text.js';

/** Default half-width of every timing window, in days: the slack given to APT around the plan. */
const DEFAULT_TOLERANCE_DAYS = 7;

/**
 * Options of {@link scheduleToApt}. `toleranceDays` (default 7, any non-negative number) is
 * how far before and after the scheduled time each timing window reaches.
 *
 * @example
 * ```ts
 * AptOptionsSchema.parse({}); // { toleranceDays: 7 }
 * ```
 */
export const AptOptionsSchema = z
  .object({
    toleranceDays: z.number().finite().nonnegative().max(366, 'must not exceed 366 days').default(DEFAULT_TOLERANCE_DAYS),
  })
  .strict();

/**
 * Options of {@link scheduleToApt}.
 *
 * @example
 * ```ts
 * const options: AptOptions = { toleranceDays: 3 };
 * ```
 */
export type AptOptions = z.input<typeof AptOptionsSchema>;

/**
 * A UT date in APT's format, `DD-MON-YYYY`, month in upper case English.
 *
 * @example
 * ```ts
 * formatAptDate(Date.UTC(2022, 6, 1)); // '01-JUL-2022'
 * ```
 */
export function formatAptDate(ms: number): string {
  parseWith(InstantMsSchema, ms, 'ms', 'formatAptDate');
  return aptDate(ms);
}

/** {@link formatAptDate} of a checked instant. */
function aptDate(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'utc', locale: 'en-US' }).toFormat('dd-LLL-yyyy').toUpperCase();
}

const floorToDay = (ms: number): number => Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
const ceilToDay = (ms: number): number => Math.ceil(ms / MS_PER_DAY) * MS_PER_DAY;

/** Whole days, one decimal, for notes. */
const days = (ms: number): string => (ms / MS_PER_DAY).toFixed(1);

/** A comment line: `# ` and the text with line breaks flattened. */
const comment = (text: string): string => `# ${text.replace(/\s*[\r\n]+\s*/g, ' ')}`;

/**
 * The BETWEEN window of a first-epoch visit: the scheduled start ± tolerance, clipped to the
 * visit's visibility window, then widened outwards to whole UT days (APT dates are days), so
 * it always contains the scheduled start.
 */
function betweenRequirement(visit: ScheduledVisit, toleranceMs: number): string {
  const fromMs = floorToDay(Math.max(visit.startMs - toleranceMs, Math.min(visit.window.startMs, visit.startMs)));
  const toMs = ceilToDay(Math.min(visit.startMs + toleranceMs, Math.max(visit.window.endMs, visit.startMs)));
  return `BETWEEN ${aptDate(fromMs)} AND ${aptDate(toMs)}`;
}

/**
 * The AFTER OBSERVATION link of a later-epoch visit to the first visit of the previous epoch:
 * the scheduled start-to-start gap ∓ tolerance, rounded outwards to whole days, never below 0.
 */
function afterRequirement(visit: ScheduledVisit, reference: ScheduledVisit, toleranceMs: number, name: Namer): string {
  const gapMs = visit.startMs - reference.startMs;
  const minDays = Math.max(0, Math.floor((gapMs - toleranceMs) / MS_PER_DAY));
  const maxDays = Math.max(0, Math.ceil((gapMs + toleranceMs) / MS_PER_DAY));
  return `AFTER OBSERVATION ${name(reference)} BY ${minDays} TO ${maxDays} DAYS`;
}

/**
 * Maximal runs of visits that follow one another in the schedule's time order, each starting
 * as the one before ends, with observation numbers going up by one (or visit numbers, within
 * one observation) and the same epoch number.
 * Such a run was planned back
 * to back, so it can be linked non-interruptible: an epoch's visits of one target, or a
 * science visit and its background pointing (a different target with the same epoch).
 */
function consecutiveRuns(visits: readonly ScheduledVisit[]): ScheduledVisit[][] {
  const ordered = [...visits].sort((a, b) => a.startMs - b.startMs || a.observation - b.observation || (a.visit ?? 1) - (b.visit ?? 1));
  const runs: ScheduledVisit[][] = [];
  for (const visit of ordered) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (
      run !== undefined &&
      last !== undefined &&
      (visit.observation === last.observation + 1 ||
        (visit.observation === last.observation && (visit.visit ?? 1) === (last.visit ?? 1) + 1)) &&
      visit.epoch === last.epoch &&
      visit.startMs >= last.endMs &&
      visit.startMs - last.endMs <= MAX_VISIT_GAP_MS
    ) {
      run.push(visit);
    } else {
      runs.push([visit]);
    }
  }
  return runs.filter((run) => run.length > 1);
}

/** How the text names a visit's observation (`9`, or `9 visit 2`: see `observationText`). */
type Namer = (visit: { readonly observation: number; readonly visit?: number | undefined }) => string;

/** Degrees as APT shows them, two decimals. */
const aptDeg = (value: number): string => value.toFixed(2);

/**
 * The APERTURE PA RANGE requirement of a visit asked for an orientation: the aperture PA range
 * with the V3PA range it is (APT's form), or, when the aperture's offset from V3 is not known
 * here, the V3PA range to enter with APT's "Set using V3".
 */
function orientationRequirement(visit: ScheduledVisit, name: Namer): string[] {
  const orientation = visit.orientation;
  if (!orientation) return [];
  const v3 = `V3PA ${aptDeg(orientation.v3pa.minDeg)} TO ${aptDeg(orientation.v3pa.maxDeg)}`;
  const held =
    orientation.origin === 'held'
      ? [comment(`Observation ${name(visit)}: V3PA band chosen so that every epoch of its series holds one orientation`)]
      : [];
  const aperture = orientation.aperturePa;
  if (!aperture) {
    return [
      ...held,
      comment(
        `Observation ${name(visit)}: the aperture's offset from V3 is not known here; in APT tick "Set using V3" and enter the V3PA range`,
      ),
      `Observation ${name(visit)}: APERTURE PA RANGE SET USING V3: ${v3} DEGREES`,
    ];
  }
  const source = aperture.offsetSource === 'given' ? 'given offset' : `${aperture.offsetSource} offset`;
  return [
    ...held,
    `Observation ${name(visit)}: APERTURE PA RANGE ${aptDeg(aperture.minDeg)} TO ${aptDeg(aperture.maxDeg)} DEGREES (${v3}; ${source} ${aperture.offsetDeg})`,
  ];
}

/**
 * A warning for a visit planned with time in the micrometeoroid avoidance zone, as APT flags
 * observations whose special requirements force MAZ time (JDox, "APT Micrometeoroid Avoidance").
 */
function mazWarning(visit: ScheduledVisit, name: Namer): string[] {
  if (visit.mazMs === undefined || visit.mazMs <= 0) return [];
  const share = Math.round((100 * visit.mazMs) / Math.max(1, visit.endMs - visit.startMs));
  return [
    comment(
      `WARNING: observation ${name(visit)} is planned with ${share}% of its time in the micrometeoroid avoidance zone. APT flags special requirements ` +
        'that force an observation into the zone; relax them, or explain why on the Proposal Information page.',
    ),
  ];
}

function epochLines(
  epoch: Epoch,
  previous: Epoch | undefined,
  runs: readonly ScheduledVisit[][],
  toleranceMs: number,
  name: Namer,
): string[] {
  const first = epoch.visits[0]!;
  const reference = previous?.visits[0];
  const observations = epoch.visits.map(name).join(', ');
  const planned = epoch.visits.filter((visit) => (visit.status ?? 'planned') === 'planned');
  const ran = epoch.visits.filter((visit) => visit.status === 'done').map(name);
  const lines = [
    comment(
      `Epoch ${epoch.epoch}: observation${epoch.visits.length > 1 ? 's' : ''} ${observations}; first visit ${formatInstant(first.startMs)}` +
        (reference ? `, ${days(first.startMs - reference.startMs)} days after observation ${name(reference)}` : '') +
        (ran.length === 0
          ? ''
          : planned.length === 0
            ? '; ran (done)'
            : `; observation${ran.length > 1 ? 's' : ''} ${ran.join(', ')} ran (done)`),
    ),
  ];
  for (const visit of planned) {
    const requirement = reference ? afterRequirement(visit, reference, toleranceMs, name) : betweenRequirement(visit, toleranceMs);
    lines.push(`Observation ${name(visit)}: ${requirement}`);
    lines.push(...orientationRequirement(visit, name), ...mazWarning(visit, name));
  }
  for (const run of runs.filter((r) => planned.includes(r[0]!))) {
    const range = `${name(run[0]!)}-${name(run.at(-1)!)}`;
    const others = [...new Set(run.map((visit) => visit.target).filter((target) => target !== epoch.target))];
    if (others.length > 0) lines.push(comment(`Observations ${range} run back to back with ${others.join(', ')}`));
    lines.push(`Observations ${range}: GROUP/SEQUENCE OBSERVATIONS ${range} NON-INTERRUPTIBLE`);
  }
  return lines;
}

/**
 * Render a schedule as APT timing special requirements, one section a target:
 *
 * - each visit of the target's first epoch: `BETWEEN <from> AND <to>`, its scheduled start
 *   ± tolerance, clipped to its visibility window, widened to whole UT days;
 * - each visit of a later epoch: `AFTER OBSERVATION <n> BY <min> TO <max> DAYS`, where n is
 *   the first visit of the previous epoch and min..max is the scheduled start-to-start gap
 *   ∓ tolerance, rounded outwards to whole days, never below 0;
 * - each run of two or more visits that follow one another in time with observation numbers
 *   going up by one and the same epoch number (an epoch's visits, or a science visit and its
 *   background pointing): `GROUP/SEQUENCE OBSERVATIONS <a>-<b> NON-INTERRUPTIBLE`, in the
 *   section of the run's first visit;
 * - each visit asked for an orientation: `APERTURE PA RANGE <min> TO <max> DEGREES (V3PA <min> TO
 *   <max>; <instrument> offset <deg>)`, or, where the aperture's offset from V3 is not known,
 *   `APERTURE PA RANGE SET USING V3: V3PA <min> TO <max> DEGREES` (APT's "Set using V3");
 * - each visit planned with time in the micrometeoroid avoidance zone: a `# WARNING` comment, as
 *   APT warns, and the schedule's share of observing time in the zone in the heading;
 * - unscheduled visits as `#` comments with their reasons;
 * - visits that ran: done ones as the references of the links after them, with no requirement of
 *   their own; failed ones as `#` comments (they are placed again);
 * - a table repeated every cycle: one section a cycle, each repetition on its own.
 *
 * Requirement lines read `Observation <n>: <requirement>`; everything else is a `#` comment.
 *
 * @param schedule - the schedule to describe.
 * @param options - see {@link AptOptionsSchema}.
 * @returns the text, ending in a newline.
 * @example
 * ```ts
 * scheduleToApt(schedule, { toleranceDays: 5 });
 * // ... 'Observation 6: AFTER OBSERVATION 1 BY 25 TO 35 DAYS' ...
 * ```
 */
export function scheduleToApt(schedule: Schedule, options: AptOptions = {}): string {
  const name: Namer = (visit) => observationText(schedule, visit);
  const { toleranceDays } = parseWith(AptOptionsSchema, options, 'options', 'scheduleToApt');
  const toleranceMs = toleranceDays * MS_PER_DAY;
  const lines = [
    comment(`JWST program ${schedule.program.id}: ${schedule.program.title}`),
    comment(
      `Timing special requirements from a schedule of ${formatInstant(schedule.span.startMs)} to ${formatInstant(schedule.span.endMs)} (${schedule.mode} mode).`,
    ),
    comment(`Dates are UT. Windows are the scheduled times ± ${toleranceDays} days, widened to whole days.`),
    comment(`Numbers: ${numberingText(schedule)}.`),
  ];
  if (schedule.visits.some((visit) => visit.orientation !== undefined)) {
    lines.push(
      comment(
        "Orientations: APERTURE PA RANGE in aperture position angle (V3PA plus the aperture's offset from V3), with the V3PA range it is.",
      ),
    );
  }
  const maz = mazSummaryText(schedule);
  if (maz !== undefined) lines.push(comment(`Micrometeoroid avoidance zone: ${maz}.`));
  // A table repeated every cycle: one section a cycle (each repetition goes into APT on its own).
  const cycles = [...new Set([...schedule.visits, ...schedule.unscheduled].map((visit) => visit.cycle))].sort(
    (a, b) => (a ?? 0) - (b ?? 0),
  );
  for (const cycle of cycles) {
    if (cycle !== undefined) lines.push('', comment(`Cycle ${cycle}`));
    const part: Schedule = {
      ...schedule,
      // Failed visits observed nothing: they are listed, not linked to.
      visits: schedule.visits.filter((visit) => visit.cycle === cycle && visit.status !== 'failed'),
      unscheduled: schedule.unscheduled.filter((visit) => visit.cycle === cycle),
    };
    if (cycle !== undefined && part.unscheduled.length === 0 && part.visits.every((visit) => visit.endMs <= schedule.span.startMs)) {
      lines.push(
        comment(
          `The plan of cycle ${cycle}, continued here: ${part.visits.length} visits before the span, whose requirements are that plan's`,
        ),
      );
      continue;
    }
    const failed = schedule.visits.filter((visit) => visit.cycle === cycle && visit.status === 'failed');
    const runs = consecutiveRuns(part.visits.filter((visit) => (visit.status ?? 'planned') === 'planned'));
    for (const target of targetsOf(schedule)) {
      const epochs = epochsOf(part, target);
      const unscheduled = part.unscheduled.filter((visit) => visit.target === target);
      const failedHere = failed.filter((visit) => visit.target === target);
      if (epochs.length === 0 && unscheduled.length === 0 && failedHere.length === 0) continue;
      lines.push('', comment(`Target ${target}`));
      for (const visit of failedHere) {
        lines.push(
          comment(`Observation ${name(visit)} failed (${formatInstant(visit.startMs)}, epoch ${visit.epoch}); the plan places it again`),
        );
      }
      epochs.forEach((epoch, index) => {
        lines.push(...epochLines(epoch, epochs[index - 1], runs, toleranceMs, name));
      });
      for (const visit of unscheduled) {
        lines.push(comment(`Not scheduled: observation ${name(visit)} (${visit.label}, epoch ${visit.epoch}): ${visit.reason}`));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
