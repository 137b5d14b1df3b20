/**
 * The plan JWST ran: a program's visits as a published observing schedule gives them, made
 * into a schedule record (with the engine's windows), so that the gap checks measure the
 * cadence achieved. No program table is needed: series are target and template, and an epoch
 * is a target's visits that run within one block.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { ObservatorySchema } from '../observatory/model.js';
import { visitKey } from '../program/program.js';
import type { PublishedSchedule, PublishedVisit } from '../program/published.js';
import { defaultSeriesId } from '../program/structure.js';
import { INSTRUMENTS } from '../program/templates.js';
import { findTarget, keyOf } from '../sky/catalog.js';
import type { Target } from '../sky/target.js';
import { formatInstant, InstantMsSchema, InstantSchema, MS_PER_DAY, MS_PER_HOUR } from '../time/instant.js';
import { visibilityWindowsForTargets } from '../visibility/windows.js';
import type { Schedule, ScheduledVisit, ScheduleWindow } from './schedule.js';

/**
 * Visits of one target that start less than this after the previous one of the target ends
 * are one epoch, hours. JWST ran each epoch of program 1539 as one back-to-back block, 4 to 10.5
 * minutes between visits (STScI's Cycle 1 observing schedules); its epochs are 12 days apart
 * or more. Twelve hours joins a block that other programs' visits interrupt, and never two
 * epochs.
 */
export const DEFAULT_EPOCH_JOIN_HOURS = 12;

/** The fields of a published visit the plan reads. */
const PublishedVisitSchema = z.looseObject({
  visitId: z.string().min(1, 'must not be empty'),
  observation: z.number().int().min(1),
  visit: z.number().int().min(1),
  startMs: InstantMsSchema,
  durationMs: z
    .number()
    .finite()
    .positive()
    .max(366 * MS_PER_DAY, 'a visit cannot last more than 366 days'),
  template: z.string().min(1, 'must not be empty'),
  target: z.string().min(1, 'must not be empty'),
});

/** A published schedule, as {@link readPublishedSchedule} returns it. */
const PublishedScheduleSchema = z.looseObject({
  program: z.string().regex(/^\d{1,6}$/, 'expected a JWST program id, a whole number such as 1539'),
  visits: z.array(PublishedVisitSchema).min(1, 'the schedule lists no visit of the program'),
  notes: z.array(z.string()),
});

/**
 * Options of {@link observedPlan}.
 *
 * @example
 * ```ts
 * ObservedPlanOptionsSchema.parse({ now: '2023-01-01T00:00Z', epochJoinHours: 6 });
 * ```
 */
export const ObservedPlanOptionsSchema = z
  .object({
    /** Visits that start before this are done; the others are scheduled (default: every visit is done). */
    now: InstantSchema.optional(),
    /** See {@link DEFAULT_EPOCH_JOIN_HOURS}. */
    epochJoinHours: z
      .number()
      .finite()
      .positive()
      .max(24 * 30, 'at most 30 days')
      .default(DEFAULT_EPOCH_JOIN_HOURS),
    /** Targets with their coordinates, for names the built-in catalogue does not know. */
    targets: z
      .array(
        z.custom<Target>(
          (value) =>
            typeof value === 'object' &&
            value !== null &&
            typeof (value as Target).name === 'string' &&
            Number.isFinite((value as Target).raDeg) &&
            Number.isFinite((value as Target).decDeg),
          'expected a target record (name, raDeg, decDeg)',
        ),
      )
      .optional(),
    /** The observatory model the windows are computed with (default: the library's). */
    observatory: ObservatorySchema.optional(),
  })
  .strict();

/** What {@link observedPlan} accepts. */
export type ObservedPlanOptions = z.input<typeof ObservedPlanOptionsSchema>;

export const ObservedArguments = z.object({ published: PublishedScheduleSchema, options: ObservedPlanOptionsSchema });

/** The instrument a template names (its first word), or the first word itself for other names. */
function instrumentOf(template: string): string {
  const first = template.split(/\s+/, 1)[0]!;
  return (INSTRUMENTS as readonly string[]).find((name) => name.toUpperCase() === first.toUpperCase()) ?? first;
}

/** {@link ObservedPlanOptions} checked: `now` read to ms (the public face reads it). */
export type CheckedObservedPlanOptions = z.output<typeof ObservedPlanOptionsSchema>;

/** The plan a published schedule gives, for checked options (see the face's `observedPlan`). */
export function observedPlan(published: PublishedSchedule, options: CheckedObservedPlanOptions): Schedule {
  const checked = options;
  const visits = [...published.visits].sort(
    (a, b) => a.startMs - b.startMs || a.observation - b.observation || (a.visit ?? 1) - (b.visit ?? 1),
  );
  const byKey = new Map<string, PublishedVisit>();
  for (const visit of visits) {
    const other = byKey.get(visitKey(visit));
    if (other) {
      throw new InputError(
        `observedPlan: published.visits: visit ${visit.visitId} is listed twice (${formatInstant(other.startMs)} and ${formatInstant(visit.startMs)}); a plan holds each visit once`,
      );
    }
    byKey.set(visitKey(visit), visit);
  }
  const first = visits[0]!;
  let lastEnd = -Infinity;
  for (const visit of visits) lastEnd = Math.max(lastEnd, visit.startMs + visit.durationMs);
  const span = { startMs: Math.floor(first.startMs / MS_PER_DAY) * MS_PER_DAY, endMs: Math.ceil(lastEnd / MS_PER_DAY) * MS_PER_DAY };
  if (span.endMs === span.startMs) span.endMs += MS_PER_DAY;

  // The targets' windows, computed by the engine.
  const names = [...new Set(visits.map((visit) => visit.target))];
  const catalogue = checked.targets;
  const targets = names.map((name) => {
    const given = catalogue?.find((target) => keyOf(target.name) === keyOf(name));
    if (given) return given;
    try {
      return findTarget(name);
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`observedPlan: options.targets: ${error.message.replace(/^target: /, '')}`);
      throw error;
    }
  });
  let computed;
  try {
    computed = visibilityWindowsForTargets(targets, span, checked.observatory ? { observatory: checked.observatory } : {});
  } catch (error) {
    // The span is the visits' own: say so (a start in 1969 is no date the sky model covers).
    if (error instanceof InputError)
      throw new InputError(`observedPlan: published.visits: the windows of the visits' days cannot be computed (${error.message})`);
    throw error;
  }
  const windows: Record<string, ScheduleWindow[]> = {};
  names.forEach((name, index) => {
    Object.defineProperty(windows, name, {
      value: computed[index]!.map((w) => Object.freeze({ startMs: w.startMs, endMs: w.endMs })),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });

  // Epochs: per target, visits joined while each starts soon after the one before ends.
  const joinMs = checked.epochJoinHours * MS_PER_HOUR;
  const epochOf = new Map<PublishedVisit, number>();
  const last = new Map<string, { endMs: number; epoch: number }>();
  for (const visit of visits) {
    const before = last.get(visit.target);
    const epoch = before === undefined ? 1 : visit.startMs - before.endMs < joinMs ? before.epoch : before.epoch + 1;
    epochOf.set(visit, epoch);
    last.set(visit.target, {
      endMs: Math.max(visit.startMs + visit.durationMs, before?.epoch === epoch ? before.endMs : -Infinity),
      epoch,
    });
  }

  const now = checked.now;
  const notes: string[] = [...published.notes];
  const placed: ScheduledVisit[] = visits.map((visit) => {
    const startMs = visit.startMs;
    const endMs = visit.startMs + visit.durationMs;
    const window = windows[visit.target]!.find((w) => w.startMs <= startMs && endMs <= w.endMs);
    const done = now === undefined || startMs < now;
    if (!window)
      notes.push(
        `${visit.visitId} (${visit.target}, ${formatInstant(startMs)}) lies outside every window the engine computes for ${visit.target}`,
      );
    return Object.freeze({
      observation: visit.observation,
      // Absent for visit 1, as plans without visit numbers have it.
      ...((visit.visit ?? 1) === 1 ? {} : { visit: visit.visit }),
      // A scheduled visit outside every window is kept as it is, as history, like a visit that ran.
      ...(done || !window ? { status: 'done' as const } : {}),
      published: true,
      label: visit.visitId,
      template: visit.template,
      instrument: instrumentOf(visit.template),
      target: visit.target,
      series: defaultSeriesId(visit),
      epoch: epochOf.get(visit)!,
      startMs,
      endMs,
      window: Object.freeze(window ? { startMs: window.startMs, endMs: window.endMs } : { startMs, endMs }),
    });
  });
  const epochs = [...last.values()].reduce((sum, entry) => sum + entry.epoch, 0);
  const doneCount = placed.filter((visit) => visit.status === 'done').length;
  notes.unshift(
    `Program ${published.program} as JWST's published observing schedule gives it: ${placed.length} visits in ${epochs} epochs of ${names.length} target${names.length === 1 ? '' : 's'} ` +
      `(an epoch: a target's visits each starting less than ${checked.epochJoinHours} h after the one before ends), ` +
      `${doneCount} done${now === undefined ? '' : ` (before ${formatInstant(now)})`}, ${placed.length - doneCount} scheduled`,
  );
  return Object.freeze({
    program: Object.freeze({ id: published.program, title: `program ${published.program} as published` }),
    span: Object.freeze(span),
    mode: 'spread' as const,
    visits: placed,
    unscheduled: [],
    windows,
    notes,
  });
}
