/**
 * The cadence specification: what the scheduler is asked to do, validated with zod.
 * @module
 */
import * as rruleModule from 'rrule';
import { z } from 'zod';
import { cycleSpan } from '../time/cycles.js';
import { formatDays, InstantSchema, MS_PER_DAY, MS_PER_HOUR, parseDurationMs, type Span } from '../time/instant.js';
import { InputError } from '../errors.js';
import { NOMINAL_L2_MARGIN_DAYS } from '../observatory/model.js';

// rrule ships CommonJS: under Node's ESM loader its exports sit on `default`.
const { RRule } = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;

// The nominal-L2 margin is the observatory model's (see there for where 3 days comes from).
export { NOMINAL_L2_MARGIN_DAYS };

/** Default grid step of the scheduler: one hour, in ms. */
export const DEFAULT_GRID_MS = MS_PER_HOUR;

/** Default tolerance around ideal dates in `period` mode, in days (an assumption: a week). */
export const DEFAULT_PERIOD_TOLERANCE_DAYS = 7;

/** A duration: days as a number, or ISO-8601 text (`P30D`, `PT12H`). */
const DurationSchema = z.union([z.number(), z.string()]).transform((value, ctx): number => {
  try {
    return parseDurationMs(value, 'value');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^value: /, '') });
    return z.NEVER;
  }
});

const SpanInputSchema = z
  .object({ start: InstantSchema, end: InstantSchema })
  .refine((span) => span.end > span.start, { message: 'end must be after start', path: ['end'] });

const common = {
  /** The span to schedule in; default the cycle below. */
  span: SpanInputSchema.optional(),
  /** JWST cycle whose span to use when `span` is not given (default 1). */
  cycle: z.number().int().min(1).default(1),
  /** Grid step (default one hour); finer grids cost proportionally more time. */
  grid: DurationSchema.default(DEFAULT_GRID_MS).refine((ms) => ms >= 1000, 'must be at least one second'),
  /**
   * Margin from window edges: days or ISO duration. Given, it applies to every edge the span
   * does not cut. Not given, computed windows keep each edge's own margin (the observer's) and
   * windows given as plain intervals the default of `positionModel`.
   */
  margin: DurationSchema.optional(),
  /**
   * How windows given as plain intervals were computed: `nominal-l2` (the default) needs a
   * margin from window edges (3 days); `ephemeris` (JWST's real orbit) does not.
   */
  positionModel: z.enum(['nominal-l2', 'ephemeris']).default('nominal-l2'),
  /** Least gap between consecutive epochs of a target (starts), days or ISO duration. */
  minGap: DurationSchema.optional(),
  /** Largest gap between consecutive epochs of a target (starts), days or ISO duration. */
  maxGap: DurationSchema.optional(),
  /** Visits already executed or fixed: they stay, and the rest is placed around them. */
  fixed: z.array(z.object({ observation: z.number().int().min(1), start: InstantSchema })).default([]),
};

const SpreadSchema = z.object({ mode: z.literal('spread'), ...common });

const RuleSchema = z.string().transform((text, ctx) => {
  const rule = text.trim().replace(/^RRULE:/i, '');
  try {
    const options = RRule.parseString(rule);
    const bad = Object.entries(options).filter(
      ([key, value]) => key !== 'byweekday' && key !== 'until' && (typeof value === 'string' || Number.isNaN(value)),
    );
    if (typeof options.freq !== 'number') throw new Error('FREQ is missing or unknown');
    if (bad.length > 0) throw new Error(`bad value for ${bad.map(([key]) => key.toUpperCase()).join(', ')}`);
    if ('dtstart' in options || 'tzid' in options) throw new Error('give the start as "anchor", not DTSTART/TZID');
    // parseString does not check every part (BYDAY=XX passes); expanding one date does.
    new RRule({ ...options, dtstart: new Date(0), count: 1 }).all();
  } catch (error) {
    const why = error instanceof TypeError ? 'one of its parts has a value that cannot be read' : (error as Error).message;
    ctx.addIssue({ code: 'custom', message: `"${text}" is not an RFC 5545 rule such as FREQ=WEEKLY;INTERVAL=4 (${why})` });
    return z.NEVER;
  }
  return rule;
});

const PeriodSchema = z
  .object({
    mode: z.literal('period'),
    ...common,
    /** The period: days or ISO duration (`P30D`). Give this or `rrule`. */
    period: DurationSchema.refine((ms) => ms > 0, 'must be positive').optional(),
    /** An RFC 5545 recurrence rule (`FREQ=WEEKLY;INTERVAL=4`). Give this or `period`. */
    rrule: RuleSchema.optional(),
    /** First ideal date (default the span's start). */
    anchor: InstantSchema.optional(),
    /** How far an epoch may start from its ideal date, days or ISO duration (default 7 days). */
    tolerance: DurationSchema.default(DEFAULT_PERIOD_TOLERANCE_DAYS * MS_PER_DAY),
  })
  .refine((spec) => (spec.period === undefined) !== (spec.rrule === undefined), {
    message: 'give exactly one of "period" and "rrule"',
    path: ['period'],
  });

/**
 * A cadence specification, `spread` or `period`.
 *
 * @example
 * ```ts
 * CadenceSpecSchema.parse({ mode: 'spread' });
 * CadenceSpecSchema.parse({ mode: 'period', period: 'P30D', tolerance: 5 });
 * CadenceSpecSchema.parse({ mode: 'period', rrule: 'FREQ=WEEKLY;INTERVAL=4', margin: 0 });
 * ```
 */
export const CadenceSpecSchema = z.discriminatedUnion('mode', [SpreadSchema, PeriodSchema]);

/** What {@link CadenceSpecSchema} accepts. */
export type CadenceSpecInput = z.input<typeof CadenceSpecSchema>;

/** A resolved cadence specification: instants and durations in ms. */
export interface CadenceSpec {
  readonly mode: 'spread' | 'period';
  readonly span: Span;
  readonly gridMs: number;
  readonly marginMs: number;
  readonly minGapMs: number;
  readonly maxGapMs: number;
  readonly fixed: readonly { readonly observation: number; readonly startMs: number }[];
  /** `period` mode: the ideal dates in the span, ascending. */
  readonly idealMs: readonly number[];
  /** `period` mode: the tolerance around each ideal date. */
  readonly toleranceMs: number;
  /** `period` mode: the cadence in words, for messages. */
  readonly description: string;
}

/** A cycle's span, its error named as the cadence's field. */
function cadenceCycleSpan(cycle: number): Span {
  try {
    return cycleSpan(cycle);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`cadence.${error.message}`);
    throw error;
  }
}

/**
 * Validate and resolve a cadence specification; throws one InputError naming every bad
 * field by its path (`cadence.tolerance: ...`).
 *
 * @example
 * ```ts
 * const spec = parseCadenceSpec({ mode: 'period', period: 'P30D' });
 * spec.idealMs.length; // 13 dates in Cycle 1 (365 days / 30)
 * ```
 */
export function parseCadenceSpec(value: unknown = { mode: 'spread' }): CadenceSpec {
  const result = CadenceSpecSchema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues.map((issue) => `${['cadence', ...issue.path].join('.')}: ${issue.message}`).join('; '),
    );
  }
  const input = result.data;
  const span: Span = input.span ? { startMs: input.span.start, endMs: input.span.end } : cadenceCycleSpan(input.cycle);
  const marginMs = input.margin ?? (input.positionModel === 'ephemeris' ? 0 : NOMINAL_L2_MARGIN_DAYS * MS_PER_DAY);
  const minGapMs = input.minGap ?? 0;
  const maxGapMs = input.maxGap ?? Infinity;
  if (minGapMs > maxGapMs) throw new InputError('cadence.minGap: must not exceed maxGap');
  const fixed = input.fixed.map((entry) => ({ observation: entry.observation, startMs: entry.start }));
  const base = { span, gridMs: input.grid, marginMs, minGapMs, maxGapMs, fixed };
  if (input.mode === 'spread') {
    return Object.freeze({ mode: 'spread', ...base, idealMs: [], toleranceMs: 0, description: 'spread' });
  }
  const anchorMs = input.anchor ?? span.startMs;
  let idealMs: number[];
  let description: string;
  if (input.period !== undefined) {
    const periodMs = input.period;
    idealMs = [];
    const firstK = Math.max(0, Math.ceil((span.startMs - anchorMs) / periodMs));
    for (let k = firstK; anchorMs + k * periodMs < span.endMs; k += 1) idealMs.push(anchorMs + k * periodMs);
    description = `every ${formatDays(periodMs)} from ${new Date(anchorMs).toISOString()}`;
  } else {
    const rule = new RRule({ ...RRule.parseString(input.rrule!), dtstart: new Date(anchorMs) });
    idealMs = rule
      .between(new Date(span.startMs), new Date(span.endMs), true)
      .map((date) => date.getTime())
      .filter((ms) => ms < span.endMs);
    description = `${input.rrule} from ${new Date(anchorMs).toISOString()}`;
  }
  return Object.freeze({ mode: 'period', ...base, idealMs, toleranceMs: input.tolerance, description });
}

