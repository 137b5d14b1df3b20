/**
 * Visits that ran, read from a file: a CSV (`observation,start[,visit][,status][,cycle][,end]`) or the
 * JSON of an earlier plan whose visits carry statuses (its `done` and `failed` visits).
 * @module
 */

import { type ExecutedVisitInput, ExecutedVisitSchema } from '../cadence/operations.js';
import { readCsvRows } from '../csv-text.js';
import { InputError } from '../errors.js';
import { PARSE_OPTIONS } from '../validation.js';
import { scheduleFromJson } from './json.js';

/** Visits that ran, and where each was read (`executed.csv line 4`, `plan.json visits.12`), for messages. */
export interface ExecutedVisitsFile {
  readonly visits: readonly ExecutedVisitInput[];
  readonly where: readonly string[];
}

/** Columns an executed-visits CSV may have. */
const COLUMNS = ['observation', 'visit', 'start', 'status', 'cycle', 'end'] as const;

/**
 * Read visits that ran. Text starting with `{` is the JSON of a plan (as `scheduleToJson`
 * writes it): its visits with status `done` or `failed` are taken, with their cycle, start and
 * end; planned ones are not (they have not run). Any other text is CSV with a header naming the
 * columns `observation` (an observation number or a visit id, `1539:9:2`) and `start` (ISO-8601),
 * and optionally `visit` (the visit number, for an observation with several), `status` (`done`, the default, or
 * `failed`), `cycle` (for tables repeated every cycle) and `end` (default: the start plus the
 * visit's duration). Every row is checked here; an error names the file and the line (or the
 * JSON path) and the field.
 *
 * @param text - the file's contents.
 * @param source - the file's name, to start messages.
 * @example
 * ```ts
 * const { visits } = readExecutedVisits('observation,start,status\n21,2022-10-01T18:00Z,failed\n', 'executed.csv');
 * visits[0]; // { observation: 21, start: '2022-10-01T18:00Z', status: 'failed' }
 * ```
 */
export function readExecutedVisits(text: string, source: string): ExecutedVisitsFile {
  if (typeof source !== 'string' || source === '') throw new InputError('source: expected the name of the file, to start messages');
  if (typeof text !== 'string') throw new InputError(`${source}: expected the file's text, a string`);
  if (text.trimStart().startsWith('{')) {
    const plan = scheduleFromJson(text, source);
    const visits: ExecutedVisitInput[] = [];
    const where: string[] = [];
    plan.visits.forEach((visit, index) => {
      if (visit.status !== 'done' && visit.status !== 'failed') return;
      visits.push({
        observation: visit.observation,
        ...(visit.visit === undefined ? {} : { visit: visit.visit }),
        ...(visit.cycle === undefined ? {} : { cycle: visit.cycle }),
        start: visit.startMs,
        end: visit.endMs,
        status: visit.status,
      });
      where.push(`${source} visits.${index}`);
    });
    return { visits, where };
  }
  const { header, rows: records } = readCsvRows(text, source);
  for (const column of ['observation', 'start']) {
    if (!header.includes(column))
      throw new InputError(`${source} line 1: the header needs an "${column}" column (found: ${header.join(', ') || 'none'})`);
  }
  const unknown = header.filter((column) => !(COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0)
    throw new InputError(
      `${source} line 1: unknown column ${unknown.map((column) => `"${column}"`).join(', ')} (columns: ${COLUMNS.join(', ')})`,
    );
  const visits: ExecutedVisitInput[] = [];
  const where: string[] = [];
  for (const { record, line } of records) {
    const here = `${source} line ${line}`;
    const whole = (value: string | undefined): number | string | undefined =>
      value === undefined || value === '' ? undefined : /^\d+$/.test(value) ? Number(value) : value;
    const input: Record<string, unknown> = { observation: whole(record.observation), start: record.start };
    if (record.visit !== undefined && record.visit !== '') input.visit = whole(record.visit);
    if (record.status !== undefined && record.status !== '') input.status = record.status;
    if (record.cycle !== undefined && record.cycle !== '') input.cycle = whole(record.cycle);
    if (record.end !== undefined && record.end !== '') input.end = record.end;
    const parsed = ExecutedVisitSchema.safeParse(input, PARSE_OPTIONS);
    if (!parsed.success) {
      throw new InputError(parsed.error.issues.map((issue) => `${here}: ${issue.path.join('.') || 'row'}: ${issue.message}`).join('; '));
    }
    visits.push(input as ExecutedVisitInput);
    where.push(here);
  }
  return { visits, where };
}
