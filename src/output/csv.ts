/**
 * The schedule as CSV, one row a placed visit, for spreadsheets and quick scripts.
 * @module
 */

import { stringify } from 'csv-stringify/sync';
import type { Schedule, ScheduledVisit } from '../cadence/schedule.js';
import { formatVisitId } from '../program/program.js';
import { formatAngleRange } from '../sky/angle-range.js';
import { formatInstant } from '../time/instant.js';
import { visitWindowEdges } from './edges.js';
import { mazShareOf } from './orientation-text.js';
import { roundDegrees as degrees } from './precision.js';

/**
 * The CSV header, in column order. `v3paNominalDeg` is the visit's nominal V3PA at its start and
 * `v3paMinDeg`..`v3paMaxDeg` the range reachable throughout it (eastward, through 360 when the
 * second is smaller); `orientationV3pa` the V3PA range it was asked to hold (`100..120`);
 * `mazFraction` the share of the visit inside the micrometeoroid avoidance zone (0 to 1); `cycle`
 * the repetition of the table the visit belongs to; `status` `planned`, `done` or `failed`;
 * `slackEarliest`..`slackLatest` the earliest and latest start the visit's epoch could move it to
 * with every other epoch where it is (ISO-8601); `visit` the visit number within the observation,
 * `visitId` the visit as STScI names it (`1539:9:1`), and `numbering` what the observation numbers
 * are (`apt`, APT's, or `row`, the table's row numbers); `windowOpens`..`windowCloses` the edges of the
 * visibility window that holds the visit where the sky made them, empty where the span cut the
 * window (the target was in view before the span, or stays in view after it); `slackRuns` every
 * run of starts the epoch may move the visit to, `start/end (what blocks the earlier end; what
 * blocks the later end)`, runs joined by ` | `. Each other column
 * is empty where the schedule does not say (`status` is `planned` when absent).
 *
 * @example
 * ```ts
 * SCHEDULE_CSV_COLUMNS.slice(0, 9).join(','); // 'observation,label,template,instrument,target,series,epoch,start,end'
 * ```
 */
export const SCHEDULE_CSV_COLUMNS = [
  'observation',
  'label',
  'template',
  'instrument',
  'target',
  'series',
  'epoch',
  'start',
  'end',
  'v3paNominalDeg',
  'v3paMinDeg',
  'v3paMaxDeg',
  'orientationV3pa',
  'mazFraction',
  'cycle',
  'status',
  'slackEarliest',
  'slackLatest',
  'visit',
  'visitId',
  'numbering',
  'windowOpens',
  'windowCloses',
  'slackRuns',
] as const;

/** A visit's window edges where the sky made them; empty where the span cut the window. */
function windowCells(schedule: Schedule, visit: ScheduledVisit): [string, string] {
  const edges = visitWindowEdges(schedule, visit);
  return [edges.startCut ? '' : formatInstant(edges.startMs), edges.endCut ? '' : formatInstant(edges.endMs)];
}

/**
 * Render the placed visits as CSV (RFC 4180 quoting, `\n` line ends, a header row),
 * in the schedule's order. Instants are ISO-8601 UTC. Unscheduled visits are not rows;
 * they are in the JSON and APT outputs.
 *
 * @param schedule - the schedule to write.
 * @returns the CSV text, ending in a newline.
 * @example
 * ```ts
 * scheduleToCsv(schedule).split('\n')[0]; // 'observation,label,...,end,v3paNominalDeg,...,slackEarliest,slackLatest,visit,visitId,numbering'
 * ```
 */
export function scheduleToCsv(schedule: Schedule): string {
  const rows = schedule.visits.map((visit) => [
    visit.observation,
    visit.label,
    visit.template,
    visit.instrument,
    visit.target,
    visit.series,
    visit.epoch,
    formatInstant(visit.startMs),
    formatInstant(visit.endMs),
    visit.v3pa === undefined ? '' : degrees(visit.v3pa.nominalDeg),
    visit.v3pa === undefined ? '' : degrees(visit.v3pa.minDeg),
    visit.v3pa === undefined ? '' : degrees(visit.v3pa.maxDeg),
    visit.orientation === undefined ? '' : formatAngleRange(visit.orientation.v3pa),
    visit.mazMs === undefined ? '' : Number(mazShareOf(visit)!.toFixed(4)),
    visit.cycle ?? '',
    visit.status ?? 'planned',
    visit.slack === undefined ? '' : formatInstant(visit.slack.earliestMs),
    visit.slack === undefined ? '' : formatInstant(visit.slack.latestMs),
    visit.visit ?? 1,
    formatVisitId(schedule.program.id, visit),
    schedule.program.numbering ?? 'row',
    // The window's edges where the sky made them; empty where the span cut the window.
    ...windowCells(schedule, visit),
    (visit.slack?.runs ?? [])
      .map((run) => `${formatInstant(run.earliestMs)}/${formatInstant(run.latestMs)} (${run.earlierBlockedBy}; ${run.laterBlockedBy})`)
      .join(' | '),
  ]);
  return stringify(rows, { header: true, columns: [...SCHEDULE_CSV_COLUMNS] });
}
