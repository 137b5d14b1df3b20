/**
 * The schedule as an iCalendar file (RFC 5545): one event a placed visit, in UTC, with UIDs
 * that depend only on the program and the observation, so importing a revised schedule
 * moves the events instead of duplicating them.
 * @module
 */
import { visitWindowEdges } from './edges.js';
import ical, { escape as escapeIcalText } from 'ical-generator';
import { z } from 'zod';
import { visitIdentity, type Schedule, type ScheduledVisit } from '../cadence/schedule.js';
import { formatInstant, InstantSchema } from '../time/instant.js';
import { parseArguments, parseWith } from '../validation.js';
import { ScheduleArguments } from './check.js';
import { orientationLines } from './orientation-text.js';
import { slackWords } from './slack-text.js';

/** The domain part of every UID: names this tool as the UIDs' issuer (RFC 5545 §3.8.4.7). */
const UID_DOMAIN = 'jwst-cadence';

/**
 * Options of {@link scheduleToIcs}.
 * `stamp` is the DTSTAMP written on every event, any instant form; by default the start of
 * the schedule's span, so that the same schedule always gives the same bytes.
 *
 * @example
 * ```ts
 * IcsOptionsSchema.parse({ stamp: '2022-06-15T12:00Z' }); // { stamp: 1655294400000 }
 * ```
 */
export const IcsOptionsSchema = z
  .object({
    stamp: InstantSchema.optional(),
  })
  .strict();

/**
 * Options of {@link scheduleToIcs}.
 *
 * @example
 * ```ts
 * const options: IcsOptions = { stamp: new Date() }; // a real creation time instead of the span start
 * ```
 */
export type IcsOptions = z.input<typeof IcsOptionsSchema>;

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
export function visitUid(programId: string, observation: number, cycle?: number): string {
  parseArguments('visitUid', UidArguments, { programId, observation, cycle });
  return uidOf(programId, observation, cycle);
}

const UidArguments = z.object({
  programId: z.string().min(1, 'must not be empty'),
  observation: z.number().int().min(1),
  cycle: z.number().int().min(1).optional(),
});

/** {@link visitUid} of a checked id, number and cycle. */
function uidOf(programId: string, observation: number, cycle?: number): string {
  const program = programId.replace(/[^A-Za-z0-9._-]/g, '_');
  return `jwst-${program}${cycle === undefined ? '' : `-cycle-${cycle}`}-obs-${observation}@${UID_DOMAIN}`;
}

/** The event title: target, label, observation, epoch, and cycle and status where given. */
function summaryOf(visit: ScheduledVisit): string {
  const cycle = visit.cycle === undefined ? '' : `, cycle ${visit.cycle}`;
  const status = visit.status === undefined || visit.status === 'planned' ? '' : `, ${visit.status}`;
  return `${visit.target} · ${visit.label} (obs ${visit.observation}, epoch ${visit.epoch}${cycle}${status})`;
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
    `Observation ${visit.observation}: ${visit.label}`,
    `Template: ${visit.template} (${visit.instrument})`,
    `Target: ${visit.target}`,
    `Series: ${visit.series}`,
    `Epoch: ${visit.epoch}`,
    ...(visit.cycle === undefined ? [] : [`Cycle: ${visit.cycle}`]),
    `Status: ${visit.status ?? 'planned'}`,
    windowLine(schedule, visit),
    ...(visit.slack === undefined ? [] : [`Slack: ${slackWords(visit.slack)} (the start, with every other epoch where it is)`]),
    ...orientationLines(visit),
  ].join('\n');
}

/**
 * Render the placed visits as an iCalendar file. Each event has DTSTART/DTEND in UTC, a
 * SUMMARY such as `BD+60-1753 · NIRCam Module B (obs 2, epoch 1)` (with the cycle, and the
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
  parseArguments('scheduleToIcs', ScheduleArguments, { schedule });
  const { stamp } = parseWith(IcsOptionsSchema, options, 'options', 'scheduleToIcs');
  const stampDate = new Date(stamp ?? schedule.span.startMs);
  const unscheduled = schedule.unscheduled.map(
    (visit) => `Not scheduled: observation ${visit.observation} (${visit.label}, ${visit.target}, epoch ${visit.epoch}): ${visit.reason}`,
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
  const seen = new Map<string, number>();
  for (const visit of schedule.visits) {
    const key = visitIdentity(visit.cycle, visit.observation);
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    const uid = uidOf(schedule.program.id, visit.observation, visit.cycle);
    calendar.createEvent({
      id: occurrence === 1 ? uid : uid.replace(`@${UID_DOMAIN}`, `-${occurrence}@${UID_DOMAIN}`),
      start: new Date(visit.startMs),
      end: new Date(visit.endMs),
      stamp: stampDate,
      summary: summaryOf(visit),
      description: descriptionOf(schedule, visit),
    });
  }
  return calendar.toString();
}
