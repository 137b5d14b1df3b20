/**
 * The schedule as JWST APT timing special requirements a planner can copy into the
 * Astronomer's Proposal Tool, target by target: a BETWEEN window around each first-epoch
 * visit, AFTER OBSERVATION links that carry the cadence from epoch to epoch, and a
 * GROUP/SEQUENCE link for each run of consecutively numbered visits planned back to back.
 * Requirement forms and date format follow the APT documentation (dates UT, `01-JUL-2022`).
 * @module
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Schedule, ScheduledVisit } from '../cadence/schedule.js';
import { EpochMsSchema, formatInstant, MS_PER_DAY } from '../time/instant.js';
import { parseArguments, parseWith } from '../validation.js';
import { ScheduleArguments } from './check.js';
import { type Epoch, epochsOf, targetsOf } from './epochs.js';

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
  parseWith(EpochMsSchema, ms, 'ms', 'formatAptDate');
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
function afterRequirement(visit: ScheduledVisit, reference: ScheduledVisit, toleranceMs: number): string {
  const gapMs = visit.startMs - reference.startMs;
  const minDays = Math.max(0, Math.floor((gapMs - toleranceMs) / MS_PER_DAY));
  const maxDays = Math.max(0, Math.ceil((gapMs + toleranceMs) / MS_PER_DAY));
  return `AFTER OBSERVATION ${reference.observation} BY ${minDays} TO ${maxDays} DAYS`;
}

/**
 * Maximal runs of visits that follow one another in the schedule's time order, each starting
 * as the one before ends, with observation numbers going up by one and the same epoch number.
 * Such a run was planned back
 * to back, so it can be linked non-interruptible: an epoch's visits of one target, or a
 * science visit and its background pointing (a different target with the same epoch).
 */
function consecutiveRuns(visits: readonly ScheduledVisit[]): ScheduledVisit[][] {
  const ordered = [...visits].sort((a, b) => a.startMs - b.startMs || a.observation - b.observation);
  const runs: ScheduledVisit[][] = [];
  for (const visit of ordered) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (
      run !== undefined &&
      last !== undefined &&
      visit.observation === last.observation + 1 &&
      visit.epoch === last.epoch &&
      visit.startMs === last.endMs
    ) {
      run.push(visit);
    } else {
      runs.push([visit]);
    }
  }
  return runs.filter((run) => run.length > 1);
}

function epochLines(epoch: Epoch, previous: Epoch | undefined, runs: readonly ScheduledVisit[][], toleranceMs: number): string[] {
  const first = epoch.visits[0]!;
  const reference = previous?.visits[0];
  const observations = epoch.visits.map((visit) => visit.observation).join(', ');
  const lines = [
    comment(
      `Epoch ${epoch.epoch}: observation${epoch.visits.length > 1 ? 's' : ''} ${observations}; first visit ${formatInstant(first.startMs)}` +
        (reference ? `, ${days(first.startMs - reference.startMs)} days after observation ${reference.observation}` : ''),
    ),
  ];
  for (const visit of epoch.visits) {
    const requirement = reference ? afterRequirement(visit, reference, toleranceMs) : betweenRequirement(visit, toleranceMs);
    lines.push(`Observation ${visit.observation}: ${requirement}`);
  }
  for (const run of runs.filter((r) => epoch.visits.includes(r[0]!))) {
    const range = `${run[0]!.observation}-${run.at(-1)!.observation}`;
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
 * - unscheduled visits as `#` comments with their reasons.
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
  parseArguments('scheduleToApt', ScheduleArguments, { schedule });
  const { toleranceDays } = parseWith(AptOptionsSchema, options, 'options', 'scheduleToApt');
  const toleranceMs = toleranceDays * MS_PER_DAY;
  const lines = [
    comment(`JWST program ${schedule.program.id}: ${schedule.program.title}`),
    comment(
      `Timing special requirements from a schedule of ${formatInstant(schedule.span.startMs)} to ${formatInstant(schedule.span.endMs)} (${schedule.mode} mode).`,
    ),
    comment(`Dates are UT. Windows are the scheduled times ± ${toleranceDays} days, widened to whole days.`),
  ];
  const runs = consecutiveRuns(schedule.visits);
  for (const target of targetsOf(schedule)) {
    const epochs = epochsOf(schedule, target);
    const unscheduled = schedule.unscheduled.filter((visit) => visit.target === target);
    if (epochs.length === 0 && unscheduled.length === 0) continue;
    lines.push('', comment(`Target ${target}`));
    epochs.forEach((epoch, index) => lines.push(...epochLines(epoch, epochs[index - 1], runs, toleranceMs)));
    for (const visit of unscheduled) {
      lines.push(comment(`Not scheduled: observation ${visit.observation} (${visit.label}, epoch ${visit.epoch}): ${visit.reason}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
