/**
 * The cadence specification: what the scheduler is asked to do, validated with zod.
 * @module
 */
import * as rruleModule from 'rrule';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { NOMINAL_L2_MARGIN_DAYS } from '../observatory/model.js';
import { VisitRefSchema } from '../program/program.js';
import { cycleSpan } from '../time/cycles.js';
import { formatDays, formatInstant, InstantSchema, MS_PER_DAY, MS_PER_HOUR, parseDurationMs, type Span } from '../time/instant.js';
import { parseWith } from '../validation.js';

// rrule ships CommonJS: under Node's ESM loader its exports sit on `default`.
const { RRule } = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;

// The nominal-L2 margin is the observatory model's (see there for where 3 days comes from).
export { NOMINAL_L2_MARGIN_DAYS };

/** Default grid step of the scheduler: one hour, in ms. */
export const DEFAULT_GRID_MS = MS_PER_HOUR;

/** Default tolerance around ideal dates in `period` mode, in days (an assumption: a week). */
export const DEFAULT_PERIOD_TOLERANCE_DAYS = 7;

/**
 * The most candidate start instants the grid may make over the span, per epoch block: one
 * million. A year on a one-minute grid makes 525,600 and takes a few seconds and about half
 * a gigabyte for program 1539; the scheduler's time and memory grow in proportion, so a
 * one-second grid over a year (31.5 million, about 14 GB) is refused before any work starts.
 */
export const MAX_CANDIDATE_STARTS = 1_000_000;

/**
 * The most ideal dates a `period` cadence may make, from its anchor to the span's end: ten
 * thousand, more than one a day for 27 years. A cadence aims one epoch at each date, and no
 * program has that many epochs; the bound keeps a rule such as `FREQ=DAILY` from an anchor
 * centuries back, or a tiny period, from expanding without end.
 */
export const MAX_IDEAL_DATES = 10_000;

/** A duration: days as a number, or ISO-8601 text (`P30D`, `PT12H`). */
const DurationSchema = z.union([z.number(), z.string()]).transform((value, ctx): number => {
  try {
    return parseDurationMs(value, 'value');
  } catch (error) {
    ctx.addIssue({ code: 'custom', continue: false, message: (error as Error).message.replace(/^value: /, '') });
    return z.NEVER;
  }
});

const SpanInputSchema = z
  .object({ start: InstantSchema, end: InstantSchema })
  .strict()
  .refine((span) => span.end > span.start, { message: 'end must be after start', path: ['end'] });

const common = {
  /** The span to schedule in; default the cycle below. */
  span: SpanInputSchema.optional(),
  /** JWST cycle whose span to use when `span` is not given (default 1). */
  cycle: z.number().int().min(1).default(1),
  /**
   * Several JWST cycles, first to last: the span runs from the first's start to the last's end
   * (instead of `span` or `cycle`).
   */
  cycles: z
    .object({ first: z.number().int().min(1), last: z.number().int().min(1) })
    .strict()
    .refine((cycles) => cycles.last >= cycles.first, { message: 'last must not be before first', path: ['last'] })
    .optional(),
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
  fixed: z.array(z.object({ observation: VisitRefSchema, start: InstantSchema }).strict()).default([]),
};

// Unknown fields are refused: a field of the other mode (a period in spread mode) or a mistyped
// one would otherwise be dropped silently.
const SpreadSchema = z.object({ mode: z.literal('spread'), ...common }).strict();

/** Days in each month at most (February in a leap year), for rules that name a month and a day. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const WEEKDAY = '(?:MO|TU|WE|TH|FR|SA|SU)';

/** A comma-separated list of whole numbers, each within +-[min, max] (or [min, max] when unsigned). */
function numberList(value: string, min: number, max: number, signed: boolean): number[] | undefined {
  const pattern = signed ? /^[+-]?\d{1,4}$/ : /^\d{1,4}$/;
  const parts = value.split(',');
  if (!parts.every((part) => pattern.test(part))) return undefined;
  const numbers = parts.map(Number);
  return numbers.every((n) => Math.abs(n) >= min && Math.abs(n) <= max) ? numbers : undefined;
}

/**
 * The parts of an RFC 5545 rule a cadence takes, each with what its value may be. A rule is
 * expanded by the `rrule` package, which steps through time until a date matches: a rule
 * whose parts can never match (BYHOUR=25, February 30), a negative or zero INTERVAL, or a
 * step finer than a day would make it run for minutes or for ever, so such rules are refused
 * here, before any work. Steps under a day belong to `period` (e.g. PT12H), whose dates are
 * counted before they are made.
 */
const RULE_PARTS: Readonly<Record<string, (value: string) => string | undefined>> = {
  FREQ: (value) =>
    /^(YEARLY|MONTHLY|WEEKLY|DAILY)$/.test(value)
      ? undefined
      : /^(HOURLY|MINUTELY|SECONDLY)$/.test(value)
        ? `FREQ=${value}: a cadence's ideal dates are a day or more apart in a rule; give a shorter step as "period" (e.g. PT12H)`
        : `FREQ=${value}: expected YEARLY, MONTHLY, WEEKLY or DAILY`,
  INTERVAL: (value) =>
    numberList(value, 1, 1000, false)?.length === 1 ? undefined : `INTERVAL=${value}: expected a whole number from 1 to 1000`,
  COUNT: (value) =>
    numberList(value, 1, MAX_IDEAL_DATES, false)?.length === 1
      ? undefined
      : `COUNT=${value}: expected a whole number from 1 to ${MAX_IDEAL_DATES}`,
  UNTIL: (value) =>
    /^\d{8}(T\d{6}Z?)?$/.test(value) ? undefined : `UNTIL=${value}: expected a UTC date such as 20230701 or 20230701T000000Z`,
  BYMONTH: (value) => (numberList(value, 1, 12, false) ? undefined : `BYMONTH=${value}: expected months 1 to 12`),
  BYMONTHDAY: (value) => (numberList(value, 1, 31, true) ? undefined : `BYMONTHDAY=${value}: expected days 1 to 31 or -1 to -31`),
  BYSETPOS: (value) => (numberList(value, 1, 366, true) ? undefined : `BYSETPOS=${value}: expected positions 1 to 366 or -1 to -366`),
  BYDAY: (value) =>
    value.split(',').every((part) => new RegExp(`^(?:[+-]?([1-9]|[1-4]\\d|5[0-3]))?${WEEKDAY}$`).test(part))
      ? undefined
      : `BYDAY=${value}: expected weekdays such as MO,TH or 1MO, -1FR (ordinals 1 to 53)`,
  WKST: (value) => (new RegExp(`^${WEEKDAY}$`).test(value) ? undefined : `WKST=${value}: expected a weekday such as MO`),
};

/** Why a rule's text is refused, or undefined when every part is one a cadence takes. */
function ruleProblem(rule: string): string | undefined {
  const seen = new Map<string, string>();
  for (const part of rule.split(';')) {
    const match = /^([A-Z]+)=(.*)$/i.exec(part.trim());
    if (!match) return `"${part}" is not a KEY=VALUE part`;
    const key = match[1]!.toUpperCase();
    const value = match[2]!.toUpperCase();
    if (key === 'DTSTART' || key === 'TZID') return 'give the start as "anchor", not DTSTART/TZID';
    const check = RULE_PARTS[key];
    if (!check) return `${key} is not taken in a cadence rule (parts taken: ${Object.keys(RULE_PARTS).join(', ')})`;
    if (seen.has(key)) return `${key} is given twice`;
    seen.set(key, value);
    const problem = check(value);
    if (problem) return problem;
  }
  if (!seen.has('FREQ')) return 'FREQ is missing';
  const months = seen.has('BYMONTH') ? numberList(seen.get('BYMONTH')!, 1, 12, false)! : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const days = seen.has('BYMONTHDAY') ? numberList(seen.get('BYMONTHDAY')!, 1, 31, true)! : [];
  if (days.length > 0 && !months.some((month) => days.some((day) => Math.abs(day) <= MONTH_DAYS[month - 1]!))) {
    return `BYMONTHDAY=${seen.get('BYMONTHDAY')} never falls in BYMONTH=${seen.get('BYMONTH')}`;
  }
  return undefined;
}

const RuleSchema = z.string().transform((text, ctx) => {
  const rule = text.trim().replace(/^RRULE:/i, '');
  try {
    const problem = ruleProblem(rule);
    if (problem) throw new Error(problem);
    // The parts were checked above; expanding waits until the anchor and span are known.
    RRule.parseString(rule);
  } catch (error) {
    const why = error instanceof TypeError ? 'one of its parts has a value that cannot be read' : (error as Error).message;
    ctx.addIssue({ code: 'custom', continue: false, message: `"${text}" is not an RFC 5545 rule such as FREQ=WEEKLY;INTERVAL=4 (${why})` });
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
  .strict()
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
  /** Pinned visits: the observation (with the visit number and program id when named by its id `1539:9:1`) and start. */
  readonly fixed: readonly { readonly observation: number; readonly visit?: number; readonly program?: string; readonly startMs: number }[];
  /** `period` mode: the ideal dates in the span, ascending. */
  readonly idealMs: readonly number[];
  /** `period` mode: the tolerance around each ideal date. */
  readonly toleranceMs: number;
  /** `period` mode: the cadence in words, for messages. */
  readonly description: string;
}

/** A cycle's span, its error named as the cadence's field. */
function cadenceCycleSpan(cycle: number, field = 'cycle'): Span {
  try {
    return cycleSpan(cycle);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`cadence.${error.message.replace(/^cycle:/, `${field}:`)}`);
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
  const input = parseWith(CadenceSpecSchema, value, 'cadence');
  const given = value as { span?: unknown; cycle?: unknown; cycles?: unknown };
  if (input.cycles && (given.span !== undefined || given.cycle !== undefined)) {
    throw new InputError(`cadence.cycles: give one of span, cycle and cycles`);
  }
  const span: Span = input.span
    ? { startMs: input.span.start, endMs: input.span.end }
    : input.cycles
      ? {
          startMs: cadenceCycleSpan(input.cycles.first, 'cycles.first').startMs,
          endMs: cadenceCycleSpan(input.cycles.last, 'cycles.last').endMs,
        }
      : cadenceCycleSpan(input.cycle);
  if (input.grid > span.endMs - span.startMs) {
    throw new InputError(
      `cadence.grid: a grid of ${formatDays(input.grid)} is longer than the span (${formatDays(span.endMs - span.startMs)}); the grid step is the time between candidate starts`,
    );
  }
  const candidateStarts = Math.ceil((span.endMs - span.startMs) / input.grid);
  if (candidateStarts > MAX_CANDIDATE_STARTS) {
    throw new InputError(
      `cadence.grid: a grid of ${input.grid / 1000} s over this span makes ${candidateStarts.toLocaleString('en-US')} candidate starts per epoch, ` +
        `more than the ${MAX_CANDIDATE_STARTS.toLocaleString('en-US')} allowed; use a grid of at least ${Math.ceil((span.endMs - span.startMs) / MAX_CANDIDATE_STARTS / 1000)} seconds`,
    );
  }
  const marginMs = input.margin ?? (input.positionModel === 'ephemeris' ? 0 : NOMINAL_L2_MARGIN_DAYS * MS_PER_DAY);
  const minGapMs = input.minGap ?? 0;
  const maxGapMs = input.maxGap ?? Infinity;
  if (minGapMs > maxGapMs) throw new InputError('cadence.minGap: must not exceed maxGap');
  const fixed = input.fixed.map((entry) => ({ ...entry.observation, startMs: entry.start }));
  const base = { span, gridMs: input.grid, marginMs, minGapMs, maxGapMs, fixed };
  if (input.mode === 'spread') {
    return Object.freeze({ mode: 'spread', ...base, idealMs: [], toleranceMs: 0, description: 'spread' });
  }
  const anchorMs = input.anchor ?? span.startMs;
  if (anchorMs >= span.endMs) {
    throw new InputError(
      `cadence.anchor: ${formatInstant(anchorMs)} is not before the span's end (${formatInstant(span.endMs)}), so no ideal date falls in the span`,
    );
  }
  // (A function: numbers are formatted only when a message is made; see the module's bounds.)
  const tooMany = (): string => `more than the ${MAX_IDEAL_DATES.toLocaleString('en-US')} allowed`;
  let idealMs: number[];
  let description: string;
  if (input.period !== undefined) {
    const periodMs = input.period;
    const firstK = Math.max(0, Math.ceil((span.startMs - anchorMs) / periodMs));
    const count = Math.ceil((span.endMs - anchorMs) / periodMs) - firstK;
    if (count > MAX_IDEAL_DATES) {
      throw new InputError(
        `cadence.period: a period of ${formatDays(periodMs)} makes ${count.toLocaleString('en-US')} ideal dates in the span, ${tooMany()}`,
      );
    }
    idealMs = [];
    for (let k = firstK; anchorMs + k * periodMs < span.endMs; k += 1) idealMs.push(anchorMs + k * periodMs);
    description = `every ${formatDays(periodMs)} from ${new Date(anchorMs).toISOString()}`;
  } else {
    const options = RRule.parseString(input.rrule!);
    if (options.freq === RRule.DAILY && (options.interval ?? 1) % 7 === 0 && options.byweekday) {
      // Every 7k days is always the anchor's weekday: any other BYDAY never matches.
      const weekday = (new Date(anchorMs).getUTCDay() + 6) % 7; // rrule counts weekdays from Monday = 0
      const days = (Array.isArray(options.byweekday) ? options.byweekday : [options.byweekday]).map((day) =>
        typeof day === 'number' ? day : typeof day === 'string' ? ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].indexOf(day) : day.weekday,
      );
      if (!days.includes(weekday)) {
        throw new InputError(`cadence.rrule: "${input.rrule}" steps whole weeks from the anchor's weekday, so its BYDAY never matches`);
      }
    }
    // Expand from the anchor to the span's end, counting every date the rule makes (those
    // before the span cost as much as the others), and stop past the bound.
    const untilMs = Math.min(options.until?.getTime() ?? Infinity, span.endMs);
    const rule = new RRule({ ...options, dtstart: new Date(anchorMs), until: new Date(untilMs) });
    const all: number[] = [];
    rule.all((date) => {
      all.push(date.getTime());
      return all.length <= MAX_IDEAL_DATES;
    });
    if (all.length > MAX_IDEAL_DATES) {
      throw new InputError(
        `cadence.rrule: "${input.rrule}" makes ${tooMany()} dates from the anchor (${formatInstant(anchorMs)}) to the span's end; move the anchor nearer the span or take a longer step`,
      );
    }
    idealMs = all.filter((ms) => ms >= span.startMs && ms < span.endMs);
    description = `${input.rrule} from ${new Date(anchorMs).toISOString()}`;
  }
  if (idealMs.length === 0) {
    throw new InputError(
      `cadence.${input.period !== undefined ? 'period' : 'rrule'}: no ideal date falls in the span (${formatInstant(span.startMs)} to ${formatInstant(span.endMs)})`,
    );
  }
  return Object.freeze({ mode: 'period', ...base, idealMs, toleranceMs: input.tolerance, description });
}
