/**
 * The schedule as CSV, one row a placed visit, for spreadsheets and quick scripts.
 * @module
 */
import { stringify } from 'csv-stringify/sync';
import type { Schedule } from '../cadence/schedule.js';
import { formatInstant } from '../time/instant.js';
import { parseArguments } from '../validation.js';
import { ScheduleArguments } from './check.js';

/**
 * The CSV header, in column order.
 *
 * @example
 * ```ts
 * SCHEDULE_CSV_COLUMNS.join(','); // 'observation,label,template,instrument,target,series,epoch,start,end'
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
] as const;

/**
 * Render the placed visits as CSV (RFC 4180 quoting, `\n` line ends, a header row),
 * in the schedule's order. Instants are ISO-8601 UTC. Unscheduled visits are not rows;
 * they are in the JSON and APT outputs.
 *
 * @param schedule - the schedule to write.
 * @returns the CSV text, ending in a newline.
 * @example
 * ```ts
 * scheduleToCsv(schedule).split('\n')[0]; // 'observation,label,template,instrument,target,series,epoch,start,end'
 * ```
 */
export function scheduleToCsv(schedule: Schedule): string {
  parseArguments('scheduleToCsv', ScheduleArguments, { schedule });
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
  ]);
  return stringify(rows, { header: true, columns: [...SCHEDULE_CSV_COLUMNS] });
}
