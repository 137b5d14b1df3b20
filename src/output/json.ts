/**
 * The schedule as a JSON file, and back. The file is the one output other tools (and the
 * `gaps` command) read, so it has a schema version and a validating reader whose errors
 * name the file and the JSON path of the bad field.
 * @module
 */
import { z } from 'zod';
import type {
  Schedule,
  ScheduledVisit,
  ScheduleObjective,
  ScheduleWindow,
  TimeInterval,
  UnscheduledVisit,
  VisitOrientation,
} from '../cadence/schedule.js';
import { ScheduleObjectiveSchema, SortedScheduleRecordSchema } from '../cadence/schedule-schema.js';
import { InputError } from '../errors.js';
import type { WindowEdge } from '../observatory/observer.js';
import { formatVisitId } from '../program/program.js';
import { formatInstant, toInstantMs } from '../time/instant.js';
import { issueLines, NonEmptyString, PARSE_OPTIONS, parseJsonText } from '../validation.js';
import { seriesOrientation } from '../visibility/series-orientation.js';
import { roundDegrees as degrees } from './precision.js';

/** The arguments of {@link scheduleFromJson}: the file's text and its name for messages. */
export const FromJsonArguments = z.object({ text: z.string(), source: NonEmptyString });

/** The argument of {@link scheduleToJson}: a whole record, sorted as the file requires. */
export const ToJsonArguments = z.object({ schedule: SortedScheduleRecordSchema });

/**
 * The version of the file format written by {@link scheduleToJson}; bump it on any incompatible change.
 *
 * @example
 * ```ts
 * JSON.parse(scheduleToJson(schedule)).schemaVersion === SCHEDULE_JSON_SCHEMA_VERSION; // true
 * ```
 */
export const SCHEDULE_JSON_SCHEMA_VERSION = 1;

/** ISO-8601 text with `Z` or an offset, read as epoch milliseconds (UTC), as `InstantSchema` reads it. */
const IsoInstant = z.string().transform((text, ctx): number => {
  const ms = toInstantMs(text);
  if (typeof ms === 'string') {
    ctx.addIssue({ code: 'custom', continue: false, message: `not an ISO-8601 instant (${JSON.stringify(text)})` });
    return z.NEVER;
  }
  return ms;
});

/** `{ start, end }` in ISO-8601; `end` must be after `start` (or equal, when `allowEmpty`). */
function intervalSchema(allowEmpty: boolean) {
  return z
    .object({ start: IsoInstant, end: IsoInstant })
    .refine((interval) => (allowEmpty ? interval.end >= interval.start : interval.end > interval.start), {
      message: allowEmpty ? 'end must not be before start' : 'end must be after start',
      path: ['end'],
    })
    .transform(({ start, end }): TimeInterval => ({ startMs: start, endMs: end }));
}

const Interval = intervalSchema(false);

/** What made a window edge, the margin kept from it (ms), and the constraint that cut it, if one did. */
const EdgeJson = z.object({
  model: z.enum(['ephemeris', 'nominal-l2', 'span']),
  marginMs: z.number().finite().nonnegative(),
  constraint: z.enum(['v3pa', 'maz', 'maz-start']).optional(),
});
type EdgeJson = z.output<typeof EdgeJson>;

/** An edge record, its optional constraint only when present. */
const edgeOf = (edge: EdgeJson): WindowEdge => ({
  model: edge.model,
  marginMs: edge.marginMs,
  ...(edge.constraint === undefined ? {} : { constraint: edge.constraint }),
});

/** A window of the schedule: an interval, with what made each edge when the scheduler computed it. */
const WindowJson = z
  .object({ start: IsoInstant, end: IsoInstant, startEdge: EdgeJson.optional(), endEdge: EdgeJson.optional() })
  .refine((window) => window.end > window.start, { message: 'end must be after start', path: ['end'] })
  .transform(
    ({ start, end, startEdge, endEdge }): ScheduleWindow => ({
      startMs: start,
      endMs: end,
      ...(startEdge === undefined ? {} : { startEdge: edgeOf(startEdge) }),
      ...(endEdge === undefined ? {} : { endEdge: edgeOf(endEdge) }),
    }),
  );
const ObservationNumber = z.number().int().positive();
const EpochNumber = z.number().int().positive();

const CycleNumber = z.number().int().positive();
/** Degrees in [0, 360]: a V3PA range written by the scheduler. */
const Degrees = z.number().finite().min(0).max(360);

/** A visit number within its observation: absent means 1 (plans written before visit numbers). */
const VisitNumber = z.number().int().positive().optional();
/** `program:observation:visit`, written for people (the fields above are what is read). */
const VisitIdJson = z.string().optional();

const VisitJson = z.object({
  observation: ObservationNumber,
  visit: VisitNumber,
  visitId: VisitIdJson,
  cycle: CycleNumber.optional(),
  status: z.enum(['planned', 'done', 'failed']).optional(),
  published: z.boolean().optional(),
  label: z.string(),
  template: z.string(),
  instrument: z.string(),
  target: z.string(),
  series: z.string(),
  epoch: EpochNumber,
  start: IsoInstant,
  end: IsoInstant,
  window: Interval,
  v3pa: z.object({ nominalDeg: Degrees, minDeg: Degrees, maxDeg: Degrees }).optional(),
  orientation: z
    .object({
      v3pa: z.object({ minDeg: Degrees, maxDeg: Degrees }),
      aperturePa: z
        .object({ minDeg: Degrees, maxDeg: Degrees, offsetDeg: z.number().finite().min(-360).max(360), offsetSource: z.string() })
        .optional(),
      origin: z.enum(['asked', 'held']),
    })
    .optional(),
  mazMs: z.number().finite().nonnegative().optional(),
  slack: z
    .object({
      earliest: IsoInstant,
      latest: IsoInstant,
      runs: z
        .array(z.object({ earliest: IsoInstant, latest: IsoInstant, earlierBlockedBy: z.string(), laterBlockedBy: z.string() }))
        .optional(),
    })
    .optional(),
});

/** Lead targets whose visits displaced a visit or took an ideal date's time (set by the scheduler). */
const DisplacedBy = z.array(z.string()).min(1).optional();
/** A V3PA range as the series orientation section writes it. */
const RangeJson = z.object({ minDeg: Degrees, maxDeg: Degrees });

/**
 * The series orientation section: derived from the visits' V3PA ranges when the file is written
 * (see `seriesOrientation`), checked when it is read, and not kept (it is recomputed from the
 * visits whenever it is needed).
 */
const SeriesOrientationJson = z.array(
  z.object({
    series: z.string(),
    epochs: z.array(z.object({ epoch: EpochNumber, observation: ObservationNumber, start: IsoInstant, v3pa: RangeJson })),
    common: RangeJson.optional(),
    best: z.object({ v3pa: RangeJson, epochs: z.array(EpochNumber) }).optional(),
  }),
);

const UnscheduledJson = z.object({
  observation: ObservationNumber,
  visit: VisitNumber,
  visitId: VisitIdJson,
  cycle: CycleNumber.optional(),
  label: z.string(),
  target: z.string(),
  series: z.string(),
  epoch: EpochNumber,
  reason: z.string(),
  displacedBy: DisplacedBy,
});

/** A finite number: JSON has no NaN or Infinity, and `JSON.stringify` would turn them into null. */
const Finite = z.number().finite();

/**
 * The objective the scheduler reached for one lead target, as the record holds it: durations
 * stay in milliseconds (the `Ms` in the names says so), so they read back exactly.
 */
const ObjectiveJson = ScheduleObjectiveSchema;
type ObjectiveJson = z.output<typeof ObjectiveJson>;

/**
 * The schedule JSON file: validates the text form and turns it into a {@link Schedule}.
 * Beyond field types it checks what the schedule record promises: every interval ends
 * after it starts (a visit may be instantaneous), visits are sorted by start, and each
 * target's windows are sorted and do not overlap. Its output type, `z.output<typeof
 * ScheduleJsonSchema>`, is `Schedule`; its input type is {@link ScheduleJson}.
 *
 * @example
 * ```ts
 * const schedule = ScheduleJsonSchema.parse(JSON.parse(text)); // a Schedule, instants in ms
 * ```
 */
export const ScheduleJsonSchema = z
  .object({
    schemaVersion: z.literal(SCHEDULE_JSON_SCHEMA_VERSION, {
      error: `this reader understands schemaVersion ${SCHEDULE_JSON_SCHEMA_VERSION} only`,
    }),
    program: z.object({ id: z.string(), title: z.string(), numbering: z.enum(['apt', 'row']).optional() }),
    span: Interval,
    mode: z.enum(['spread', 'period']),
    visits: z.array(VisitJson),
    unscheduled: z.array(UnscheduledJson),
    windows: z.record(z.string(), z.array(WindowJson)),
    observer: z.string().optional(),
    // Written by the scheduler; absent from hand-made schedules.
    objective: z.record(z.string(), ObjectiveJson).optional(),
    gridMs: Finite.positive().optional(),
    marginMs: Finite.nonnegative().optional(),
    notes: z.array(z.string()).optional(),
    missedDates: z
      .array(
        z.object({
          target: z.string(),
          ideal: IsoInstant,
          reason: z.string(),
          nearestStart: IsoInstant.optional(),
          displacedBy: DisplacedBy,
        }),
      )
      .optional(),
    maz: z
      .object({
        halfAngleDeg: z.number().finite().gt(0).max(180),
        from: IsoInstant,
        observingMs: Finite.nonnegative(),
        inMazMs: Finite.nonnegative(),
        policy: z.string(),
      })
      .optional(),
    seriesOrientation: SeriesOrientationJson.optional(),
  })
  .superRefine((doc, ctx) => {
    doc.visits.forEach((visit, index) => {
      if (visit.end < visit.start) {
        ctx.addIssue({ code: 'custom', continue: false, path: ['visits', index, 'end'], message: 'end must not be before start' });
      }
      const previous = doc.visits[index - 1];
      if (previous !== undefined && visit.start < previous.start) {
        ctx.addIssue({
          code: 'custom',
          continue: false,
          path: ['visits', index, 'start'],
          message: `visits must be sorted by start; this one starts before visits.${index - 1}`,
        });
      }
    });
    for (const [target, windows] of Object.entries(doc.windows)) {
      windows.forEach((window, index) => {
        const previous = windows[index - 1];
        if (previous !== undefined && window.startMs < previous.endMs) {
          ctx.addIssue({
            code: 'custom',
            continue: false,
            path: ['windows', target, index, 'start'],
            message: `windows must be sorted and disjoint; this one starts before windows.${target}.${index - 1} ends`,
          });
        }
      });
    }
  })
  .transform(
    (doc): Schedule => ({
      program: {
        id: doc.program.id,
        title: doc.program.title,
        ...(doc.program.numbering === undefined ? {} : { numbering: doc.program.numbering }),
      },
      span: { startMs: doc.span.startMs, endMs: doc.span.endMs },
      mode: doc.mode,
      visits: doc.visits.map(
        (visit): ScheduledVisit => ({
          observation: visit.observation,
          ...(visit.visit === undefined || visit.visit === 1 ? {} : { visit: visit.visit }),
          ...(visit.cycle === undefined ? {} : { cycle: visit.cycle }),
          ...(visit.status === undefined ? {} : { status: visit.status }),
          ...(visit.published === undefined ? {} : { published: visit.published }),
          label: visit.label,
          template: visit.template,
          instrument: visit.instrument,
          target: visit.target,
          series: visit.series,
          epoch: visit.epoch,
          startMs: visit.start,
          endMs: visit.end,
          window: visit.window,
          ...(visit.v3pa === undefined ? {} : { v3pa: { ...visit.v3pa } }),
          ...(visit.orientation === undefined ? {} : { orientation: orientationOf(visit.orientation) }),
          ...(visit.mazMs === undefined ? {} : { mazMs: visit.mazMs }),
          ...(visit.slack === undefined
            ? {}
            : {
                slack: {
                  earliestMs: visit.slack.earliest,
                  latestMs: visit.slack.latest,
                  ...(visit.slack.runs === undefined
                    ? {}
                    : {
                        runs: visit.slack.runs.map((run) => ({
                          earliestMs: run.earliest,
                          latestMs: run.latest,
                          earlierBlockedBy: run.earlierBlockedBy,
                          laterBlockedBy: run.laterBlockedBy,
                        })),
                      }),
                },
              }),
        }),
      ),
      unscheduled: doc.unscheduled.map(
        (visit): UnscheduledVisit => ({
          observation: visit.observation,
          ...(visit.visit === undefined || visit.visit === 1 ? {} : { visit: visit.visit }),
          ...(visit.cycle === undefined ? {} : { cycle: visit.cycle }),
          label: visit.label,
          target: visit.target,
          series: visit.series,
          epoch: visit.epoch,
          reason: visit.reason,
          ...(visit.displacedBy === undefined ? {} : { displacedBy: [...visit.displacedBy] }),
        }),
      ),
      windows: Object.fromEntries(Object.entries(doc.windows)),
      ...(doc.observer === undefined ? {} : { observer: doc.observer }),
      ...(doc.objective === undefined ? {} : { objective: objectivesOf(doc.objective) }),
      ...(doc.gridMs === undefined ? {} : { gridMs: doc.gridMs }),
      ...(doc.marginMs === undefined ? {} : { marginMs: doc.marginMs }),
      ...(doc.notes === undefined ? {} : { notes: doc.notes }),
      ...(doc.missedDates === undefined
        ? {}
        : {
            missedDates: doc.missedDates.map((missed) => ({
              target: missed.target,
              idealMs: missed.ideal,
              reason: missed.reason,
              ...(missed.nearestStart === undefined ? {} : { nearestStartMs: missed.nearestStart }),
              ...(missed.displacedBy === undefined ? {} : { displacedBy: [...missed.displacedBy] }),
            })),
          }),
      ...(doc.maz === undefined
        ? {}
        : {
            maz: {
              halfAngleDeg: doc.maz.halfAngleDeg,
              fromMs: doc.maz.from,
              observingMs: doc.maz.observingMs,
              inMazMs: doc.maz.inMazMs,
              policy: doc.maz.policy,
            },
          }),
    }),
  );

/** A copy of a visit's orientation record, fields in the record's order. */
function orientationOf(orientation: VisitOrientation): VisitOrientation {
  return {
    v3pa: { minDeg: orientation.v3pa.minDeg, maxDeg: orientation.v3pa.maxDeg },
    ...(orientation.aperturePa === undefined
      ? {}
      : {
          aperturePa: {
            minDeg: orientation.aperturePa.minDeg,
            maxDeg: orientation.aperturePa.maxDeg,
            offsetDeg: orientation.aperturePa.offsetDeg,
            offsetSource: orientation.aperturePa.offsetSource,
          },
        }),
    origin: orientation.origin,
  };
}

/** A copy of the objectives per target, each with its fields in the record's order. */
function objectivesOf(objectives: Readonly<Record<string, ScheduleObjective>>): Record<string, ObjectiveJson> {
  return Object.fromEntries(
    Object.entries(objectives).map(([target, objective]): [string, ObjectiveJson] => [
      target,
      objective.mode === 'spread'
        ? { mode: 'spread', sortedGapsMs: [...objective.sortedGapsMs], largestGapMs: objective.largestGapMs }
        : {
            mode: 'period',
            maxDeviationMs: objective.maxDeviationMs,
            sumSquaredDeviationDays2: objective.sumSquaredDeviationDays2,
            deviationsMs: [...objective.deviationsMs],
          },
    ]),
  );
}

/**
 * The schedule JSON document as written to disk (instants as ISO-8601 text).
 *
 * @example
 * ```ts
 * const doc = JSON.parse(scheduleToJson(schedule)) as ScheduleJson;
 * doc.span.start; // '2022-07-01T00:00:00Z'
 * ```
 */
export type ScheduleJson = z.input<typeof ScheduleJsonSchema>;

/**
 * The one target name the format cannot carry: zod (like any careful reader) drops an own
 * `__proto__` key of a record rather than let it replace the prototype, so it would vanish
 * on reading. Both directions refuse it instead of losing it silently.
 */
const UNREADABLE_TARGET = '__proto__';
const unreadableTargetMessage = `a target cannot be named "${UNREADABLE_TARGET}" in a JSON schedule (as a key of windows or objective)`;

const toIso = (interval: TimeInterval): { start: string; end: string } => ({
  start: formatInstant(interval.startMs),
  end: formatInstant(interval.endMs),
});

/**
 * Render a schedule as the JSON file format (schema version 1): two-space indented,
 * instants as ISO-8601 UTC text, ending in a newline.
 *
 * @param schedule - the schedule to write.
 * @returns the file's text; {@link scheduleFromJson} reads it back to an equal schedule.
 * @example
 * ```ts
 * writeFileSync('plan.json', scheduleToJson(schedule));
 * ```
 */
export function scheduleToJson(schedule: Schedule): string {
  if ([schedule.windows, schedule.objective ?? {}].some((record) => Object.hasOwn(record, UNREADABLE_TARGET))) {
    throw new InputError(`scheduleToJson: schedule: ${unreadableTargetMessage}`);
  }
  const doc: ScheduleJson = {
    schemaVersion: SCHEDULE_JSON_SCHEMA_VERSION,
    program: {
      id: schedule.program.id,
      title: schedule.program.title,
      ...(schedule.program.numbering === undefined ? {} : { numbering: schedule.program.numbering }),
    },
    span: toIso(schedule.span),
    mode: schedule.mode,
    visits: schedule.visits.map((visit) => ({
      observation: visit.observation,
      visit: visit.visit ?? 1,
      visitId: formatVisitId(schedule.program.id, visit),
      ...(visit.cycle === undefined ? {} : { cycle: visit.cycle }),
      ...(visit.status === undefined ? {} : { status: visit.status }),
      ...(visit.published === undefined ? {} : { published: visit.published }),
      label: visit.label,
      template: visit.template,
      instrument: visit.instrument,
      target: visit.target,
      series: visit.series,
      epoch: visit.epoch,
      start: formatInstant(visit.startMs),
      end: formatInstant(visit.endMs),
      window: toIso(visit.window),
      ...(visit.v3pa === undefined
        ? {}
        : { v3pa: { nominalDeg: degrees(visit.v3pa.nominalDeg), minDeg: degrees(visit.v3pa.minDeg), maxDeg: degrees(visit.v3pa.maxDeg) } }),
      ...(visit.orientation === undefined ? {} : { orientation: orientationOf(visit.orientation) }),
      ...(visit.mazMs === undefined ? {} : { mazMs: visit.mazMs }),
      ...(visit.slack === undefined
        ? {}
        : {
            slack: {
              earliest: formatInstant(visit.slack.earliestMs),
              latest: formatInstant(visit.slack.latestMs),
              ...(visit.slack.runs === undefined
                ? {}
                : {
                    runs: visit.slack.runs.map((run) => ({
                      earliest: formatInstant(run.earliestMs),
                      latest: formatInstant(run.latestMs),
                      earlierBlockedBy: run.earlierBlockedBy,
                      laterBlockedBy: run.laterBlockedBy,
                    })),
                  }),
            },
          }),
    })),
    unscheduled: schedule.unscheduled.map((visit) => ({
      observation: visit.observation,
      visit: visit.visit ?? 1,
      visitId: formatVisitId(schedule.program.id, visit),
      ...(visit.cycle === undefined ? {} : { cycle: visit.cycle }),
      label: visit.label,
      target: visit.target,
      series: visit.series,
      epoch: visit.epoch,
      reason: visit.reason,
      ...(visit.displacedBy === undefined ? {} : { displacedBy: [...visit.displacedBy] }),
    })),
    windows: Object.fromEntries(
      Object.entries(schedule.windows).map(([target, windows]) => [
        target,
        windows.map((window) => ({
          ...toIso(window),
          ...(window.startEdge === undefined ? {} : { startEdge: edgeOf(window.startEdge) }),
          ...(window.endEdge === undefined ? {} : { endEdge: edgeOf(window.endEdge) }),
        })),
      ]),
    ),
    ...(schedule.observer === undefined ? {} : { observer: schedule.observer }),
    ...(schedule.objective === undefined ? {} : { objective: objectivesOf(schedule.objective) }),
    ...(schedule.gridMs === undefined ? {} : { gridMs: schedule.gridMs }),
    ...(schedule.marginMs === undefined ? {} : { marginMs: schedule.marginMs }),
    ...(schedule.notes === undefined ? {} : { notes: [...schedule.notes] }),
    ...(schedule.missedDates === undefined
      ? {}
      : {
          missedDates: schedule.missedDates.map((missed) => ({
            target: missed.target,
            ideal: formatInstant(missed.idealMs),
            reason: missed.reason,
            ...(missed.nearestStartMs === undefined ? {} : { nearestStart: formatInstant(missed.nearestStartMs) }),
            ...(missed.displacedBy === undefined ? {} : { displacedBy: [...missed.displacedBy] }),
          })),
        }),
    ...(schedule.maz === undefined
      ? {}
      : {
          maz: {
            halfAngleDeg: schedule.maz.halfAngleDeg,
            from: formatInstant(schedule.maz.fromMs),
            observingMs: schedule.maz.observingMs,
            inMazMs: schedule.maz.inMazMs,
            policy: schedule.maz.policy,
          },
        }),
    ...seriesOrientationSection(schedule),
  };
  // No second check of the text: the record was checked above, and the round-trip property
  // test holds that every record it accepts is written as a file scheduleFromJson reads back.
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The derived series orientation section, when any visit has a V3PA. */
function seriesOrientationSection(schedule: Schedule): { seriesOrientation?: z.input<typeof SeriesOrientationJson> } {
  const sections = seriesOrientation(schedule.visits);
  if (sections.length === 0) return {};
  const range = (value: { minDeg: number; maxDeg: number }) => ({ minDeg: degrees(value.minDeg), maxDeg: degrees(value.maxDeg) });
  return {
    seriesOrientation: sections.map((section) => ({
      series: section.series,
      epochs: section.epochs.map((epoch) => ({
        epoch: epoch.epoch,
        observation: epoch.observation,
        start: formatInstant(epoch.startMs),
        v3pa: range(epoch.range),
      })),
      ...(section.common ? { common: range(section.common) } : {}),
      ...(section.best ? { best: { v3pa: range(section.best.range), epochs: [...section.best.epochs] } } : {}),
    })),
  };
}

/**
 * Read a schedule JSON file (as written by {@link scheduleToJson}) back into a schedule.
 *
 * @param text - the file's contents.
 * @param source - the file's name, used to start every error message.
 * @returns the schedule, instants in epoch milliseconds (UTC).
 * @throws InputError when the text is not JSON, or listing every bad field, one a
 *   line, as `<source>: <json.path>: <problem>`, e.g.
 *   `plan.json: visits.3.start: not an ISO-8601 instant ("soon")`.
 * @example
 * ```ts
 * const schedule = scheduleFromJson(readFileSync('plan.json', 'utf8'), 'plan.json');
 * schedule.visits[0]?.startMs; // epoch milliseconds
 * ```
 */
export function scheduleFromJson(text: string, source = 'schedule JSON'): Schedule {
  const data = parseJsonText(text, source);
  const records: unknown[] =
    typeof data === 'object' && data !== null
      ? [(data as Record<string, unknown>)['windows'], (data as Record<string, unknown>)['objective']]
      : [];
  if (records.some((record) => typeof record === 'object' && record !== null && Object.hasOwn(record, UNREADABLE_TARGET))) {
    throw new InputError(`${source}: ${unreadableTargetMessage}`);
  }
  const result = ScheduleJsonSchema.safeParse(data, PARSE_OPTIONS);
  if (!result.success) throw new InputError(issueLines(result.error.issues, source).join('\n'));
  return result.data;
}
