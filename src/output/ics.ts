/**
 * The schedule as an iCalendar file (RFC 5545): one event a placed visit, in UTC, with UIDs
 * that depend only on the program and the observation, so importing a revised schedule
 * moves the events instead of duplicating them.
 * @module
 */

import ical, { escape as escapeIcalText } from 'ical-generator';
import { z } from 'zod';
import { type Schedule, type ScheduledVisit, visitIdentity } from '../cadence/schedule.js';
import { ScheduleRecordSchema } from '../cadence/schedule-schema.js';
import { formatVisitId } from '../program/program.js';
import { formatInstant, InstantMsSchema, InstantSchema } from '../time/instant.js';
import { parseWith } from '../validation.js';
import { visitWindowEdges } from './edges.js';
import { observationText } from './epochs.js';
import { orientationLines } from './orientation-text.js';
import { slackText } from './slack-text.js';

/** The domain part of every UID: names this tool as the UIDs' issuer (RFC 5545 §3.8.4.7). */
const UID_DOMAIN = 'jwst-cadence';

/**
 * Options of {@link scheduleToIcs}.
 * - `stamp`: the DTSTAMP written on every event, any instant form: the moment the file is
 *   made (the command line's default), or a fixed instant for files that must come out the
 *   same byte for byte. Without it, the start of the schedule's span, so that the same
 *   schedule always gives the same bytes.
 * - `previous`: the plan this one re-plans (the plan whose executed visits it was given, or the
 *   plan it continues), or `'unknown'` when it re-plans one that is not at hand (executed
 *   visits from a CSV file). An event whose visit moved (another start or end) or changed its
 *   status since `previous` gets a higher SEQUENCE (see {@link icsSequence}), so that a
 *   calendar application that imports the file moves the event it holds (RFC 5546 §2.1.4
 *   and §2.1.5); with `'unknown'`, every event does. Without it, every SEQUENCE is 0.
 *
 * @example
 * ```ts
 * IcsOptionsSchema.parse({ stamp: '2022-06-15T12:00Z' }); // { stamp: 1655294400000 }
 * ```
 */
export const IcsOptionsSchema = z
  .object({
    stamp: InstantSchema.optional(),
    previous: z.union([z.literal('unknown'), ScheduleRecordSchema]).optional(),
  })
  .strict();

/** The instant SEQUENCE numbers count from: whole minutes since 2020-01-01T00:00Z (before JWST's launch). */
const SEQUENCE_EPOCH_MS = Date.UTC(2020, 0, 1);

/**
 * The SEQUENCE of a revised event in a file stamped `stampMs`: the whole minutes from
 * 2020-01-01T00:00Z to the stamp (at least 1). A plan does not remember how often each visit
 * moved, so the number counts time instead: each later revision of a visit outranks every
 * earlier one, however many there were, and an event that keeps its time keeps SEQUENCE 0,
 * which a calendar holding a revised one ignores, as it should (its time is the same).
 * It stays below 2^31 (RFC 5545's integer) until the year 6000.
 *
 * @example
 * ```ts
 * icsSequence(Date.UTC(2020, 0, 1, 1)); // 60
 * ```
 */
export function icsSequence(stampMs: number): number {
  return Math.max(1, Math.floor((stampMs - SEQUENCE_EPOCH_MS) / 60_000));
}

/** The arguments of {@link icsSequence}. */
export const IcsSequenceArguments = z.object({ stampMs: InstantMsSchema });

/**
 * Options of {@link scheduleToIcs}.
 *
 * @example
 * ```ts
 * const options: IcsOptions = { stamp: new Date() }; // a real creation time instead of the span start
 * ```
 */
export interface IcsOptions {
  /** DTSTAMP of every event, any instant form (see {@link IcsOptionsSchema}). */
  readonly stamp?: z.input<typeof IcsOptionsSchema>['stamp'];
  /** The plan this one re-plans, or `'unknown'` (see {@link IcsOptionsSchema}). */
  readonly previous?: Schedule | 'unknown';
}

export const UidArguments = z.object({
  programId: z.string().min(1, 'must not be empty'),
  observation: z.number().int().min(1),
  cycle: z.number().int().min(1).optional(),
});

/**
 * The UID of a visit's event: `jwst-<program>-obs-<observation>@jwst-cadence`, with
 * `-cycle-<n>` before `-obs` when the table repeats every cycle. Characters of the program id
 * other than letters, digits, `.`, `_` and `-` become `_`.
 *
 * @example
 * ```ts
 * visitUid('1539', 2); // 'jwst-1539-obs-2@jwst-cadence'
 * visitUid('1539', 2, 3); // 'jwst-1539-cycle-3-obs-2@jwst-cadence'
 * ```
 */
export function visitUid(programId: string, observation: number, cycle?: number, visit = 1): string {
  const program = programId.replace(/[^A-Za-z0-9._-]/g, '_');
  return `jwst-${program}${cycle === undefined ? '' : `-cycle-${cycle}`}-obs-${observation}${visit === 1 ? '' : `-visit-${visit}`}@${UID_DOMAIN}`;
}

/**
 * How an event names its visit: STScI's visit id (`1539:9:1`) when the numbers are APT's,
 * `row 9` when they are the table's row numbers.
 */
function visitName(schedule: Schedule, visit: ScheduledVisit): string {
  return (schedule.program.numbering ?? 'row') === 'apt' ? formatVisitId(schedule.program.id, visit) : `row ${visit.observation}`;
}

/** The event title: target, label, visit, epoch, and cycle and status where given. */
function summaryOf(schedule: Schedule, visit: ScheduledVisit): string {
  const cycle = visit.cycle === undefined ? '' : `, cycle ${visit.cycle}`;
  const status = visit.status === undefined || visit.status === 'planned' ? '' : `, ${visit.status}`;
  return `${visit.target} · ${visit.label} (${visitName(schedule, visit)}, epoch ${visit.epoch}${cycle}${status})`;
}

/**
 * The visit's window, each end as the sky made it or, where the span cut the window, saying so
 * (the target was in view before the span, or stays in view after it: the cut is no edge).
 */
function windowLine(schedule: Schedule, visit: ScheduledVisit): string {
  const edges = visitWindowEdges(schedule, visit);
  const from = edges.startCut ? `in view before the span's start (${formatInstant(edges.startMs)})` : formatInstant(edges.startMs);
  const to = edges.endCut ? `past the span's end (${formatInstant(edges.endMs)})` : formatInstant(edges.endMs);
  return `Visibility window: ${from} to ${to}`;
}

function descriptionOf(schedule: Schedule, visit: ScheduledVisit): string {
  return [
    `JWST program ${schedule.program.id}: ${schedule.program.title}`,
    (schedule.program.numbering ?? 'row') === 'apt'
      ? `Visit ${formatVisitId(schedule.program.id, visit)}: ${visit.label}`
      : `Observation ${visit.observation} (the table's row number; no APT numbers given): ${visit.label}`,
    `Template: ${visit.template} (${visit.instrument})`,
    `Target: ${visit.target}`,
    `Series: ${visit.series}`,
    `Epoch: ${visit.epoch}`,
    ...(visit.cycle === undefined ? [] : [`Cycle: ${visit.cycle}`]),
    `Status: ${visit.status ?? 'planned'}`,
    windowLine(schedule, visit),
    ...(visit.slack === undefined ? [] : [`Slack: ${slackText(visit.slack)} (the start, with every other epoch where it is)`]),
    ...orientationLines(visit),
  ].join('\n');
}

/**
 * Render the placed visits as an iCalendar file. Each event has DTSTART/DTEND in UTC, a
 * SUMMARY such as `BD+60-1753 · NIRCam Module B (1539:8:1, epoch 1)` (`row 2` for a table
 * without APT numbers; with the cycle, and the
 * status of a visit that ran), a DESCRIPTION with the template, series, epoch, status and slack
 * (`may move 2022-08-15 to 08-22`), and a UID from {@link visitUid}. If an observation (of one
 * cycle) occurs more than once, as a failed visit and its repeat, its later visits get `-2`,
 * `-3`, ... after the number, in time order.
 * Unscheduled visits are listed in the calendar's description.
 *
 * @param schedule - the schedule to write.
 * @param options - see {@link IcsOptionsSchema}.
 * @returns the `.ics` text (CRLF line ends, as RFC 5545 requires).
 * @example
 * ```ts
 * writeFileSync('plan.ics', scheduleToIcs(schedule));
 * ```
 */
export function scheduleToIcs(schedule: Schedule, options: IcsOptions = {}): string {
  const { stamp, previous } = parseWith(IcsOptionsSchema, options, 'options', 'scheduleToIcs');
  const stampDate = new Date(stamp ?? schedule.span.startMs);
  const revision = previous === undefined ? 0 : icsSequence(stampDate.getTime());
  const before = previous === undefined || previous === 'unknown' ? undefined : eventsByUid(previous);
  const unscheduled = schedule.unscheduled.map(
    (visit) =>
      `Not scheduled: observation ${observationText(schedule, visit)} (${visit.label}, ${visit.target}, epoch ${visit.epoch}): ${visit.reason}`,
  );
  const description = [
    `Planned visits of JWST program ${schedule.program.id}, ${formatInstant(schedule.span.startMs)} to ${formatInstant(schedule.span.endMs)} (${schedule.mode} mode).`,
    ...unscheduled,
  ].join('\n');
  const calendar = ical({
    prodId: { company: 'jwst-cadence', product: 'schedule', language: 'EN' },
    // ical-generator 10 writes the calendar's name and description without RFC 5545 text
    // escaping (event properties are escaped), so a comma or a line break would corrupt the
    // file: escape them here. The tests read both back with an independent parser.
    name: escapeIcalText(`JWST program ${schedule.program.id}: ${schedule.program.title}`, false),
    description: escapeIcalText(description, false),
  });
  for (const [id, visit] of eventsByUid(schedule)) {
    const old = before?.get(id);
    // A visit not in the previous plan is a new event (SEQUENCE 0); one whose time or status
    // changed is a revision; one that kept both is the same event.
    const moved =
      previous === 'unknown' ||
      (old !== undefined &&
        (old.startMs !== visit.startMs || old.endMs !== visit.endMs || (old.status ?? 'planned') !== (visit.status ?? 'planned')));
    calendar.createEvent({
      id,
      sequence: moved ? revision : 0,
      start: new Date(visit.startMs),
      end: new Date(visit.endMs),
      stamp: stampDate,
      summary: summaryOf(schedule, visit),
      description: descriptionOf(schedule, visit),
    });
  }
  return calendar.toString();
}

/** The visits of a schedule by their events' UIDs ({@link visitUid}, with `-2`, `-3`, ... for an observation's later visits). */
function eventsByUid(schedule: Schedule): Map<string, ScheduledVisit> {
  const events = new Map<string, ScheduledVisit>();
  const seen = new Map<string, number>();
  for (const visit of schedule.visits) {
    const key = visitIdentity(visit.cycle, visit);
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    const uid = visitUid(schedule.program.id, visit.observation, visit.cycle, visit.visit);
    events.set(occurrence === 1 ? uid : uid.replace(`@${UID_DOMAIN}`, `-${occurrence}@${UID_DOMAIN}`), visit);
  }
  return events;
}
