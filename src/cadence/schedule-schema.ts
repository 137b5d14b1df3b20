/**
 * The schedule record as the API takes it: zod schemas of {@link Schedule} and its parts, in
 * epoch milliseconds as the record holds them, checked wherever a schedule crosses the API
 * (every output, the gap checks), since an object of that shape may not come from the
 * scheduler: one built by hand, or by other code, with a NaN instant or a field missing.
 *
 * The schemas check; they do not convert. Fields a schema does not name are left alone (a
 * schedule may carry more than this module knows), and functions go on with the record they
 * were given. Each interface of `schedule.ts` and its schema name the same fields: a
 * compile-time check below fails when a field is added to one and not to the other.
 *
 * Two levels:
 * - {@link ScheduleRecordSchema}: a whole, sound record (finite instants, intervals that do not
 *   end before they start, known statuses), what outputs and the gap checks need.
 * - {@link PlanShapeSchema}: the shape alone, what `checkPlan` needs to judge a plan whose
 *   instants or statuses may be wrong (its `intervals` and `status` rules report those).
 * @module
 */
import { z } from 'zod';
import { apertureAgrees, OffsetDegSchema } from '../observatory/orientation.js';
import { WindowEdgeSchema } from '../observatory/window-edge.js';
import { ARC_END_MESSAGE, arcFields, HeldV3PaRecordSchema, isCanonicalArc } from '../sky/angle-range.js';
import { InstantMsSchema, SpanRecordSchema } from '../time/instant.js';
import { AnyString, addIssues, FiniteNumber, PARSE_OPTIONS, recordOf, type SameShape } from '../validation.js';
import type {
  MissedDate,
  Schedule,
  ScheduledVisit,
  ScheduleMaz,
  ScheduleObjective,
  ScheduleWindow,
  UnscheduledVisit,
  VisitOrientation,
  VisitSlack,
  VisitV3Pa,
} from './schedule.js';

/** Observation, epoch and cycle numbers: whole numbers from 1. */
const Counting = z.number().int().min(1);

/** A window of the schedule: it ends after it starts. */
export const ScheduleWindowSchema = z
  .object({
    startMs: InstantMsSchema,
    endMs: InstantMsSchema,
    startEdge: WindowEdgeSchema.optional(),
    endEdge: WindowEdgeSchema.optional(),
  })
  .refine((window) => window.endMs > window.startMs, { message: 'must be after startMs', path: ['endMs'] });

/** The window a visit lies in: its ends only (the schedule's own windows carry what made each edge). */
const VisitWindowSchema = z
  .object({ startMs: InstantMsSchema, endMs: InstantMsSchema })
  .refine((window) => window.endMs > window.startMs, { message: 'must be after startMs', path: ['endMs'] });

/** The V3PA a visit holds: the nominal at its start, and the arc reachable throughout. */
const V3PaSchema = HeldV3PaRecordSchema;
/** How far a visit may move: its earliest and latest start. */
const VisitSlackRunSchema = z
  .object({
    earliestMs: InstantMsSchema,
    latestMs: InstantMsSchema,
    earlierBlockedBy: z.string().min(1),
    laterBlockedBy: z.string().min(1),
  })
  .refine((run) => run.latestMs >= run.earliestMs, { message: 'must not be before earliestMs', path: ['latestMs'] });

export const VisitSlackSchema = z
  .object({ earliestMs: InstantMsSchema, latestMs: InstantMsSchema, runs: z.array(VisitSlackRunSchema).optional() })
  .refine((slack) => slack.latestMs >= slack.earliestMs, { message: 'must not be before earliestMs', path: ['latestMs'] });

/** An arc of the record, as `AngleRange` holds one (ends in [0, 360), the whole circle 0 to 360). */
const arcMessage = (): { message: string; path: string[] } => ({ message: ARC_END_MESSAGE, path: ['maxDeg'] });

/**
 * The orientation a visit was asked for: a V3PA arc, the aperture PA arc it is when given (the
 * V3PA arc turned by the offset), and why.
 */
const VisitOrientationSchema = z
  .object({
    v3pa: z.object(arcFields).refine(isCanonicalArc, arcMessage()),
    aperturePa: z
      .object({ ...arcFields, offsetDeg: OffsetDegSchema, offsetSource: AnyString.min(1, 'must not be empty') })
      .refine(isCanonicalArc, arcMessage())
      .optional(),
    origin: z.enum(['asked', 'held']),
  })
  .refine(
    (orientation) => !orientation.aperturePa || apertureAgrees(orientation.v3pa, orientation.aperturePa, orientation.aperturePa.offsetDeg),
    {
      message: 'is not the V3PA range turned by offsetDeg',
      path: ['aperturePa'],
    },
  );

/** A placed visit. */
export const ScheduledVisitSchema = z
  .object({
    observation: Counting,
    visit: Counting.optional(),
    cycle: Counting.optional(),
    status: z.enum(['planned', 'done', 'failed']).optional(),
    published: z.boolean().optional(),
    label: AnyString,
    template: AnyString,
    instrument: AnyString,
    target: AnyString,
    series: AnyString,
    epoch: Counting,
    startMs: InstantMsSchema,
    endMs: InstantMsSchema,
    window: VisitWindowSchema,
    v3pa: V3PaSchema.optional(),
    orientation: VisitOrientationSchema.optional(),
    mazMs: FiniteNumber.min(0).optional(),
    slack: VisitSlackSchema.optional(),
  })
  .refine((visit) => visit.endMs >= visit.startMs, { message: 'must not be before startMs', path: ['endMs'] })
  .refine((visit) => visit.mazMs === undefined || visit.mazMs <= visit.endMs - visit.startMs, {
    message: 'must not exceed the visit (endMs - startMs)',
    path: ['mazMs'],
  });

/** The largest distance from 1970 of an instant a Date holds, ms (as `InstantMsSchema` checks). */
const MAX_INSTANT_MS = 8.64e15;
const isInstant = (value: unknown): value is number => typeof value === 'number' && Math.abs(value) <= MAX_INSTANT_MS;
const isCounting = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDegrees = (value: unknown): boolean => typeof value === 'number' && value >= 0 && value <= 360;
const STATUSES: ReadonlySet<unknown> = new Set(['planned', 'done', 'failed']);
const isArc = (value: unknown): value is Record<string, unknown> & { minDeg: number; maxDeg: number } =>
  isObject(value) &&
  typeof value['minDeg'] === 'number' &&
  value['minDeg'] >= 0 &&
  value['minDeg'] < 360 &&
  isDegrees(value['maxDeg']) &&
  isCanonicalArc(value as { minDeg: number; maxDeg: number });
const isBlocker = (value: unknown): boolean => typeof value === 'string' && value.length > 0;
const isSlackRun = (value: unknown): boolean =>
  isObject(value) &&
  isInstant(value['earliestMs']) &&
  isInstant(value['latestMs']) &&
  isBlocker(value['earlierBlockedBy']) &&
  isBlocker(value['laterBlockedBy']);
const isSlack = (value: unknown): boolean =>
  isObject(value) &&
  isInstant(value['earliestMs']) &&
  isInstant(value['latestMs']) &&
  value['latestMs'] >= value['earliestMs'] &&
  (value['runs'] === undefined || (Array.isArray(value['runs']) && value['runs'].every(isSlackRun)));
const isOrientation = (value: unknown): boolean => {
  if (!isObject(value) || !isArc(value['v3pa']) || (value['origin'] !== 'asked' && value['origin'] !== 'held')) return false;
  const aperture = value['aperturePa'];
  if (aperture === undefined) return true;
  return (
    isArc(aperture) &&
    typeof aperture['offsetDeg'] === 'number' &&
    aperture['offsetDeg'] >= -360 &&
    aperture['offsetDeg'] <= 360 &&
    typeof aperture['offsetSource'] === 'string' &&
    aperture['offsetSource'] !== '' &&
    apertureAgrees(value['v3pa'], aperture, aperture['offsetDeg'])
  );
};

/**
 * Whether a value passes {@link ScheduledVisitSchema}, answered by plain comparisons: the check of
 * the many visits of a plan (a plan file of 100,000 visits is read, then checked again by each
 * function it is given to), where the schema's work would cost more than the gap check itself.
 * Only visits this refuses go through the schema, for its message. A property test holds the
 * two to the same answer for any value.
 */
export function isScheduledVisit(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { window, v3pa, slack, orientation, mazMs } = value;
  return (
    isCounting(value['observation']) &&
    (value['visit'] === undefined || isCounting(value['visit'])) &&
    (value['cycle'] === undefined || isCounting(value['cycle'])) &&
    (value['status'] === undefined || STATUSES.has(value['status'])) &&
    (value['published'] === undefined || typeof value['published'] === 'boolean') &&
    typeof value['label'] === 'string' &&
    typeof value['template'] === 'string' &&
    typeof value['instrument'] === 'string' &&
    typeof value['target'] === 'string' &&
    typeof value['series'] === 'string' &&
    isCounting(value['epoch']) &&
    isInstant(value['startMs']) &&
    isInstant(value['endMs']) &&
    value['endMs'] >= value['startMs'] &&
    isObject(window) &&
    isInstant(window['startMs']) &&
    isInstant(window['endMs']) &&
    window['endMs'] > window['startMs'] &&
    (v3pa === undefined ||
      (isArc(v3pa) && typeof v3pa['nominalDeg'] === 'number' && v3pa['nominalDeg'] >= 0 && v3pa['nominalDeg'] < 360)) &&
    (slack === undefined || isSlack(slack)) &&
    (orientation === undefined || isOrientation(orientation)) &&
    (mazMs === undefined || (typeof mazMs === 'number' && mazMs >= 0 && mazMs <= value['endMs'] - value['startMs']))
  );
}

/** The placed visits of a record: one quick pass (see {@link isScheduledVisit}), the schema for the message of any it refuses. */
const ScheduledVisitsSchema = z
  .custom<ScheduledVisit[]>((value) => Array.isArray(value), 'expected an array of visits')
  .superRefine((visits, ctx) => {
    if (visits.every(isScheduledVisit)) return;
    const checked = z.array(ScheduledVisitSchema).safeParse(visits, PARSE_OPTIONS);
    if (!checked.success) addIssues(ctx, checked.error.issues);
  });

/** A visit the scheduler could not place. */
export const UnscheduledVisitSchema = z.object({
  observation: Counting,
  visit: Counting.optional(),
  cycle: Counting.optional(),
  label: AnyString,
  target: AnyString,
  series: AnyString,
  epoch: Counting,
  reason: AnyString,
  displacedBy: z.array(AnyString).min(1).optional(),
});

/** An ideal date no epoch took. */
export const MissedDateSchema = z.object({
  target: AnyString,
  idealMs: InstantMsSchema,
  reason: AnyString,
  nearestStartMs: InstantMsSchema.optional(),
  displacedBy: z.array(AnyString).min(1).optional(),
});

/**
 * The micrometeoroid avoidance zone as a schedule saw it: a half-angle as the settings take it,
 * an instant, observing time and the part of it inside the zone (no more than all of it).
 */
export const ScheduleMazSchema = z
  .object({
    halfAngleDeg: FiniteNumber.gt(0).max(180),
    fromMs: InstantMsSchema,
    observingMs: FiniteNumber.min(0),
    inMazMs: FiniteNumber.min(0),
    policy: AnyString,
  })
  .refine((maz) => maz.inMazMs <= maz.observingMs, { message: 'must not exceed observingMs', path: ['inMazMs'] });

/** The objective reached for one lead target. */
export const ScheduleObjectiveSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('spread'), sortedGapsMs: z.array(FiniteNumber), largestGapMs: FiniteNumber }),
  z.object({
    mode: z.literal('period'),
    maxDeviationMs: FiniteNumber,
    sumSquaredDeviationDays2: FiniteNumber,
    deviationsMs: z.array(FiniteNumber.nullable()),
  }),
]);

/** The fields of a schedule other than its visits and windows, as both levels check them. */
const scheduleFields = {
  program: z.object({ id: AnyString, title: AnyString, numbering: z.enum(['apt', 'row']).optional() }),
  span: SpanRecordSchema,
  mode: z.enum(['spread', 'period']),
  unscheduled: z.array(UnscheduledVisitSchema),
  observer: AnyString.optional(),
  objective: recordOf(ScheduleObjectiveSchema).optional(),
  gridMs: FiniteNumber.positive().optional(),
  marginMs: FiniteNumber.min(0).optional(),
  notes: z.array(AnyString).optional(),
  missedDates: z.array(MissedDateSchema).optional(),
  maz: ScheduleMazSchema.optional(),
};

/** The MAZ is modelled from an instant of the span (its start, or a later one with `auto`). */
const mazInSpan = (schedule: { span: { startMs: number; endMs: number }; maz?: { fromMs: number } | undefined }): boolean =>
  schedule.maz === undefined || (schedule.maz.fromMs >= schedule.span.startMs && schedule.maz.fromMs < schedule.span.endMs);
const MAZ_IN_SPAN = { message: 'must lie in the span (the zone is modelled from an instant of it)', path: ['maz', 'fromMs'] };

/**
 * A whole schedule record: every instant finite, every interval in order, every number where
 * the record says it is. Linear in the record's size.
 *
 * @example
 * ```ts
 * ScheduleRecordSchema.safeParse({ ...schedule, span: { startMs: NaN, endMs: 0 } }).success; // false
 * ```
 */
export const ScheduleRecordSchema = z
  .object({
    ...scheduleFields,
    visits: ScheduledVisitsSchema,
    windows: recordOf(z.array(ScheduleWindowSchema)),
  })
  .refine(mazInSpan, MAZ_IN_SPAN);

/**
 * A schedule record as the record promises it to readers of the JSON file: whole (as
 * {@link ScheduleRecordSchema}), its visits sorted by start and each target's windows sorted and
 * disjoint.
 */
export const SortedScheduleRecordSchema = ScheduleRecordSchema.superRefine((schedule, ctx) => {
  schedule.visits.forEach((visit, index) => {
    if (index > 0 && visit.startMs < schedule.visits[index - 1]!.startMs) {
      ctx.addIssue({
        code: 'custom',
        continue: false,
        path: ['visits', index, 'startMs'],
        message: `visits must be sorted by start; this one starts before visits.${index - 1}`,
      });
    }
  });
  for (const [target, windows] of Object.entries(schedule.windows)) {
    windows.forEach((window, index) => {
      if (index > 0 && window.startMs < windows[index - 1]!.endMs) {
        ctx.addIssue({
          code: 'custom',
          continue: false,
          path: ['windows', target, index, 'startMs'],
          message: `windows must be sorted and disjoint; this one starts before window ${index - 1} ends`,
        });
      }
    });
  }
});

/** Any number: the plan check's `intervals` rule judges instants itself. */
const AnyNumber = z.number().or(z.nan()).or(z.literal(Infinity)).or(z.literal(-Infinity));

/**
 * The shape of a plan, for the plan check: a schedule record in which the instants of visits and
 * windows may be any number and a visit's status any text, since the check's own rules
 * (`intervals`, `status`) name those problems with the visits they concern.
 */
export const PlanShapeSchema = z
  .object({
    ...scheduleFields,
    visits: z.array(
      z.object({
        observation: Counting,
        visit: Counting.optional(),
        cycle: Counting.optional(),
        status: AnyString.optional(),
        target: AnyString,
        series: AnyString,
        epoch: Counting,
        startMs: AnyNumber,
        endMs: AnyNumber,
      }),
    ),
    windows: recordOf(z.array(z.object({ startMs: AnyNumber, endMs: AnyNumber }))),
  })
  .refine(mazInSpan, MAZ_IN_SPAN);

/*
 * Each interface and its schema describe the same record (see `SameShape`): a field added to
 * one and not the other, or typed differently, fails the build here, so the boundary never lets a field through unchecked.
 */
type ObjectiveKeys = {
  [M in ScheduleObjective['mode']]: SameShape<
    Extract<ScheduleObjective, { mode: M }>,
    Extract<z.output<typeof ScheduleObjectiveSchema>, { mode: M }>
  >;
};
const fieldsMatch: [
  SameShape<Schedule, z.output<typeof ScheduleRecordSchema>>,
  SameShape<ScheduledVisit, z.output<typeof ScheduledVisitSchema>>,
  SameShape<UnscheduledVisit, z.output<typeof UnscheduledVisitSchema>>,
  SameShape<ScheduleWindow, z.output<typeof ScheduleWindowSchema>>,
  SameShape<MissedDate, z.output<typeof MissedDateSchema>>,
  SameShape<VisitV3Pa, z.output<typeof V3PaSchema>>,
  SameShape<VisitSlack, z.output<typeof VisitSlackSchema>>,
  SameShape<VisitOrientation, z.output<typeof VisitOrientationSchema>>,
  SameShape<NonNullable<VisitOrientation['aperturePa']>, NonNullable<z.output<typeof VisitOrientationSchema>['aperturePa']>>,
  SameShape<ScheduleMaz, z.output<typeof ScheduleMazSchema>>,
  ObjectiveKeys['spread'],
  ObjectiveKeys['period'],
] = [true, true, true, true, true, true, true, true, true, true, true, true];
void fieldsMatch;
