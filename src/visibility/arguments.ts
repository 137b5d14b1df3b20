/**
 * The arguments of the visibility functions, as zod schemas: what `visibilityWindows`,
 * `visibilityWindowsForTargets`, `observerGrids` and `referenceVisibilityIntervals` check at the
 * library's boundary, once per call, before any work. The engine then takes the checked data as
 * it is. Options are objects whose unknown fields are refused (a mistyped option would
 * otherwise be a default taken silently); records (targets, grids) are checked field by field
 * whatever their origin, since an object of that shape may not come from this library.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { type ObservatoryModel, ObservatorySchema } from '../observatory/model.js';
import { type ObserverSegment, observerSegments, SunSourceSchema } from '../observatory/observer.js';
import { type Orientation, OrientationRecordSchema, OrientationSchema, orientationFrom } from '../observatory/orientation.js';
import { ModelInstantSchema, SUN_MODEL_SPAN } from '../observatory/sun.js';
import { MAX_VISIT_DURATION_MS } from '../program/program.js';
import { AngleRangeSchema } from '../sky/angle-range.js';
import { findTarget } from '../sky/catalog.js';
import { isTargetRecord, type Target, TargetRecordSchema, TargetSchema } from '../sky/target.js';
import { type Span, SpanRecordSchema, SpanSchema } from '../time/instant.js';
import { addIssues, describeValue, FiniteNumber, isPlainObject, parseInside, type SameKeys, type SameShape } from '../validation.js';
import { ConstraintsSchema } from './constraints.js';
import { SunGridSchema } from './sun-grid.js';
import type { ObserverGrids, OrientationTimeOptions, VisibilityOptions } from './types.js';
import { VisibilityWindowSchema } from './window-schema.js';

/**
 * A target in any form the visibility functions take: a name in the built-in catalogue, a target
 * as the library holds one (`raDeg`, `decDeg`, ...; checked as `TargetRecordSchema` checks it),
 * or target input (`ra`, `dec`, ...; read as `TargetSchema` reads it). Parsed to a {@link Target}.
 */
export const TargetLikeSchema = z.unknown().transform((value, ctx): Target => {
  if (typeof value === 'string') {
    try {
      return findTarget(value);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      ctx.addIssue({ code: 'custom', continue: false, message: error.message.replace(/^target: /, '') });
      return z.NEVER;
    }
  }
  if (!isPlainObject(value)) {
    ctx.addIssue({
      code: 'custom',
      continue: false,
      message: `expected a catalogue name, a target or target input ({ name, ra, dec }), got ${describeValue(value)}`,
    });
    return z.NEVER;
  }
  const record = 'raDeg' in value || 'decDeg' in value;
  return parseInside(record ? TargetRecordSchema : TargetSchema, value, ctx) ?? z.NEVER;
});

/**
 * Targets in any of the forms of {@link TargetLikeSchema}. When every one is a sound target as
 * the library holds it (the common case of many: targets parsed once, windows asked for again
 * and again), they are taken as they are after one quick pass (`isTargetRecord`, the record
 * schema's rules in plain comparisons); otherwise each is read by its form, and a bad one is
 * named by its index.
 */
export const TargetsLikeSchema = z
  .custom<readonly unknown[]>((value) => Array.isArray(value), {
    error: (issue) => `expected an array of targets, got ${describeValue(issue.input)}`,
  })
  .transform((list, ctx): Target[] => {
    if (list.every(isTargetRecord)) return list as Target[];
    const targets: Target[] = [];
    list.forEach((value, index) => {
      const target = parseInside(TargetLikeSchema, value, ctx, [index]);
      if (target !== undefined) targets.push(target);
    });
    return targets.length === list.length ? targets : z.NEVER;
  });

/**
 * A span in either form: `{ startMs, endMs }` (epoch milliseconds, as the library holds spans)
 * or `{ start, end }` in any instant form. Parsed to a {@link Span}.
 */
export const SpanLikeSchema = z.unknown().transform((value, ctx): Span => {
  if (!isPlainObject(value)) {
    ctx.addIssue({
      code: 'custom',
      continue: false,
      message: `expected { start, end } or { startMs, endMs }, got ${describeValue(value)}`,
    });
    return z.NEVER;
  }
  const record = 'startMs' in value || 'endMs' in value;
  return parseInside(record ? SpanRecordSchema : SpanSchema, value, ctx) ?? z.NEVER;
});

/**
 * Sun grids from `observerGrids`, given back in the options: the span they were made for, the
 * observatory, and one segment a model, each with its grid. The segments must be the ones the
 * observatory cuts the span into, and each grid the one `sunGrid` makes for its segment (see
 * `SunGridSchema`: grids of another span, step or observer are refused). The output is the
 * object given.
 */
export const ObserverGridsSchema = z
  .custom<ObserverGrids>(isPlainObject, { error: (issue) => `expected grids made by observerGrids, got ${describeValue(issue.input)}` })
  .superRefine((grids, ctx) => {
    const fields = GridsFieldsSchema.safeParse(grids);
    if (!fields.success) {
      addIssues(ctx, fields.error.issues);
      return;
    }
    let expected: ObserverSegment[];
    try {
      expected = observerSegments(fields.data.observatory, fields.data.span);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      ctx.addIssue({ code: 'custom', continue: false, path: ['span'], message: error.message });
      return;
    }
    if (expected.length !== grids.segments.length) {
      ctx.addIssue({
        code: 'custom',
        continue: false,
        path: ['segments'],
        message: `holds ${grids.segments.length} segments; the observatory cuts the span into ${expected.length}`,
      });
      return;
    }
    expected.forEach((segment, index) => {
      const given = grids.segments[index]!;
      if (!sameSegment(segment, given.segment)) {
        ctx.addIssue({
          code: 'custom',
          continue: false,
          path: ['segments', index, 'segment'],
          message: "is not the segment the observatory gives for the grids' span",
        });
      } else if (
        given.grid.span.startMs !== segment.startMs ||
        given.grid.span.endMs !== segment.endMs ||
        !sameSource(given.grid.source, segment.source)
      ) {
        ctx.addIssue({
          code: 'custom',
          continue: false,
          path: ['segments', index, 'grid'],
          message: 'was made for another span or observer than its segment',
        });
      }
    });
  });

const GridsFieldsSchema = z.object({
  span: SpanRecordSchema,
  observatory: ObservatorySchema,
  segments: z
    .array(z.object({ segment: z.object({ startMs: FiniteNumber, endMs: FiniteNumber, source: SunSourceSchema }), grid: SunGridSchema }))
    .min(1),
});

/** Whether two segments cover the same instants with the same model (and table). */
function sameSegment(a: ObserverSegment, b: ObserverSegment): boolean {
  return a.startMs === b.startMs && a.endMs === b.endMs && sameSource(a.source, b.source);
}

/** Whether two sources are the same model and, for a table, the same table object. */
function sameSource(a: ObserverSegment['source'], b: ObserverSegment['source']): boolean {
  return a.model === b.model && (a.model !== 'ephemeris' || (b.model === 'ephemeris' && a.ephemeris === b.ephemeris));
}

/**
 * An orientation constraint as options give one (`OrientationSchema`), resolved to the V3PA range
 * it asks for: an aperture PA range needs its offset here (an instrument or `offsetDeg`), since
 * options name no visit whose instrument would give it.
 */
const OrientationOptionSchema = OrientationSchema.transform((value, ctx): Orientation => {
  try {
    return orientationFrom(value, 'orientation');
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    ctx.addIssue({ code: 'custom', continue: false, message: error.message.replace(/^orientation: /, '') });
    return z.NEVER;
  }
});

/**
 * The options of the visibility functions; unknown fields are refused. An orientation
 * constraint is given as `v3pa` or as `orientation`, not both; both are resolved here to the
 * V3PA range they ask for.
 */
export const VisibilityOptionsSchema = z
  .object({
    observatory: ObservatorySchema.optional(),
    grids: ObserverGridsSchema.optional(),
    v3pa: AngleRangeSchema.optional(),
    orientation: OrientationOptionSchema.optional(),
    splitAtMaz: z.boolean().optional(),
    constraints: ConstraintsSchema.optional(),
  })
  .strict()
  .refine((options) => options.v3pa === undefined || options.orientation === undefined, {
    message: 'give v3pa or orientation, not both',
    path: ['orientation'],
  });

/** Checked visibility options: an observatory model and grids (when given), the orientation asked (resolved), and whether to split at the MAZ. */
export type CheckedVisibilityOptions = z.output<typeof VisibilityOptionsSchema>;

/** The arguments of `visibilityWindows`. */
export const VisibilityWindowsArguments = z.object({ target: TargetLikeSchema, span: SpanLikeSchema, options: VisibilityOptionsSchema });

/** The arguments of `visibilityWindowsForTargets`. */
export const ForTargetsArguments = z.object({ targets: TargetsLikeSchema, span: SpanLikeSchema, options: VisibilityOptionsSchema });

/** The arguments of `observerGrids`. */
export const ObserverGridsArguments = z.object({ span: SpanRecordSchema, observatory: ObservatorySchema });

/**
 * The most steps of the reference scan: 200,000 (an hourly scan over 22 years; each step
 * computes the Sun afresh, a few microseconds, so a scan stays within about a second or two).
 */
export const MAX_REFERENCE_STEPS = 200_000;

/** The arguments of `referenceVisibilityIntervals`: its step at least a second, and its steps bounded. */
export const ReferenceArguments = z
  .object({
    target: TargetRecordSchema,
    span: SpanRecordSchema,
    observatory: ObservatorySchema,
    stepMs: FiniteNumber.min(1000, 'must be at least one second (edges are bisected to a second)'),
  })
  .refine((a) => (a.span.endMs - a.span.startMs) / a.stepMs <= MAX_REFERENCE_STEPS, {
    error: () => `makes more than the ${MAX_REFERENCE_STEPS.toLocaleString('en-US')} steps a reference scan may take over the span`,
    path: ['stepMs'],
  });

/** Whether two observatory models compute the same Sun (the same observer and table). */
export function sameObserver(a: ObservatoryModel, b: ObservatoryModel): boolean {
  return a.observer === b.observer && a.ephemeris === b.ephemeris;
}

/**
 * The options of the functions that follow orientation through time: an observatory model, and
 * Sun grids made for it (when given); unknown fields are refused.
 */
export const OrientationTimeOptionsSchema = z
  .object({ observatory: ObservatorySchema, grids: ObserverGridsSchema.optional() })
  .strict()
  .refine((options) => options.grids === undefined || sameObserver(options.grids.observatory, options.observatory), {
    message: 'were made for another observer or table than options.observatory; make them with observerGrids(span, observatory)',
    path: ['grids'],
  });

/** An interval of instants inside the years the Sun model is stated for, its end not before its start. */
function instantsInOrder(a: { startMs: number; endMs: number }, ctx: z.RefinementCtx): void {
  if (a.endMs < a.startMs) ctx.addIssue({ code: 'custom', continue: false, path: ['endMs'], message: 'must not be before startMs' });
}

/**
 * The arguments of `heldV3Pa`: a target, a visit's start and end (in order, the Sun model's
 * years, no longer than a visit may last) and the options.
 */
export const HeldV3PaArguments = z
  .object({ target: TargetRecordSchema, startMs: ModelInstantSchema, endMs: ModelInstantSchema, options: OrientationTimeOptionsSchema })
  .superRefine((a, ctx) => {
    instantsInOrder(a, ctx);
    if (a.endMs - a.startMs > MAX_VISIT_DURATION_MS) {
      ctx.addIssue({
        code: 'custom',
        continue: false,
        path: ['endMs'],
        message: 'makes a visit longer than the 366 days a visit may last',
      });
    }
  });

/** The arguments of `reachedV3PaRange`: a target, an interval in the Sun model's years, and the options. */
export const ReachedV3PaArguments = z
  .object({ target: TargetRecordSchema, startMs: ModelInstantSchema, endMs: ModelInstantSchema, options: OrientationTimeOptionsSchema })
  .superRefine(instantsInOrder);

/** A target's windows as the orientation and MAZ functions take them: its own, sorted and disjoint, in the Sun model's years. */
function checkTargetWindows(
  target: Target,
  windows: ReadonlyArray<{ target: string; startMs: number; endMs: number }>,
  ctx: z.RefinementCtx,
  inside?: Span,
): void {
  windows.forEach((window, index) => {
    const at = (field: string): PropertyKey[] => ['windows', index, field];
    if (window.target !== target.name)
      ctx.addIssue({
        code: 'custom',
        continue: false,
        path: at('target'),
        message: `is a window of ${JSON.stringify(window.target)}, not of the target (${JSON.stringify(target.name)})`,
      });
    else if (window.startMs < SUN_MODEL_SPAN.startMs || window.endMs > SUN_MODEL_SPAN.endMs)
      ctx.addIssue({
        code: 'custom',
        continue: false,
        path: at('startMs'),
        message: 'lies outside the years the visibility model is stated for',
      });
    else if (inside && (window.startMs < inside.startMs || window.endMs > inside.endMs))
      ctx.addIssue({ code: 'custom', continue: false, path: at('startMs'), message: 'lies outside the span' });
    else if (index > 0 && window.startMs < windows[index - 1]!.endMs)
      ctx.addIssue({
        code: 'custom',
        continue: false,
        path: at('startMs'),
        message: `windows must be sorted and disjoint; this one starts before window ${index - 1} ends`,
      });
  });
}

/** The arguments of `orientationWindows`: a target, its windows, an orientation as the library holds one, and the options. */
export const OrientationWindowsArguments = z
  .object({
    target: TargetRecordSchema,
    windows: z.array(VisibilityWindowSchema),
    orientation: OrientationRecordSchema,
    options: OrientationTimeOptionsSchema,
  })
  .superRefine((a, ctx) => checkTargetWindows(a.target, a.windows, ctx));

/** Intervals of a span, sorted and disjoint, each ending after it starts: a target's time in the MAZ. */
const MazIntervalsSchema = z.array(SpanRecordSchema);

/** The arguments of `splitWindowsAtMaz`: a target, its windows and its MAZ intervals inside the span, the span, and the options. */
export const SplitAtMazArguments = z
  .object({
    target: TargetRecordSchema,
    windows: z.array(VisibilityWindowSchema),
    maz: MazIntervalsSchema,
    span: SpanRecordSchema,
    options: OrientationTimeOptionsSchema,
  })
  .superRefine((a, ctx) => {
    if (a.span.startMs < SUN_MODEL_SPAN.startMs || a.span.endMs > SUN_MODEL_SPAN.endMs) {
      ctx.addIssue({
        code: 'custom',
        continue: false,
        path: ['span'],
        message: 'reaches outside the years the visibility model is stated for',
      });
      return;
    }
    checkTargetWindows(a.target, a.windows, ctx, a.span);
    a.maz.forEach((interval, index) => {
      if (interval.startMs < a.span.startMs || interval.endMs > a.span.endMs)
        ctx.addIssue({ code: 'custom', continue: false, path: ['maz', index, 'startMs'], message: 'lies outside the span' });
      else if (index > 0 && interval.startMs < a.maz[index - 1]!.endMs)
        ctx.addIssue({
          code: 'custom',
          continue: false,
          path: ['maz', index, 'startMs'],
          message: `intervals must be sorted and disjoint; this one starts before interval ${index - 1} ends`,
        });
    });
  });

/** The arguments of `mazIntervals`: a target, a span in the Sun model's years, and an observatory model. */
export const MazIntervalsArguments = z
  .object({ target: TargetRecordSchema, span: SpanRecordSchema, observatory: ObservatorySchema })
  .refine((a) => a.span.startMs >= SUN_MODEL_SPAN.startMs && a.span.endMs <= SUN_MODEL_SPAN.endMs, {
    message: 'reaches outside the years the visibility model is stated for',
    path: ['span'],
  });

// The options interface and its checked form name the same fields (a new option must be checked
// too); each record interface and its schema describe the same record.
const fieldsMatch: [
  SameKeys<VisibilityOptions, CheckedVisibilityOptions>,
  SameShape<ObserverGrids, z.output<typeof GridsFieldsSchema>>,
  SameShape<OrientationTimeOptions, z.output<typeof OrientationTimeOptionsSchema>>,
] = [true, true, true];
void fieldsMatch;
