/**
 * UTC instants and spans.
 *
 * Inside the library an instant is a number: milliseconds since 1970-01-01T00:00:00Z
 * (the Unix epoch, UTC, no leap seconds), always in a field whose name ends in `Ms`.
 * Conversion to and from text happens only here, at the edges: text is read through luxon,
 * and an instant is written in UTC by the platform's own ISO-8601 formatting
 * (`Date#toISOString`), which gives luxon's text for every instant a `Date` can hold (a
 * property test checks this) at a small fraction of the cost: outputs write thousands.
 * @module
 */
import { DateTime, Duration } from 'luxon';
import { z } from 'zod';
import { InputError } from '../errors.js';

/** One day in milliseconds. */
export const MS_PER_DAY = 86_400_000;
/** One hour in milliseconds. */
export const MS_PER_HOUR = 3_600_000;
/** One minute in milliseconds. */
export const MS_PER_MINUTE = 60_000;

/**
 * The largest UTC offset read in an instant, minutes: 14 hours. The offsets in civil use run
 * from -12:00 to +14:00 (Kiribati's Line Islands), so `+99:00` is a typing error, not a zone.
 */
export const MAX_UTC_OFFSET_MINUTES = 14 * 60;

/**
 * Anything the public API accepts as an instant: an ISO-8601 string with an explicit
 * offset or `Z` (a bare local time is refused: it would depend on the machine's zone),
 * a `Date`, a luxon `DateTime`, or epoch milliseconds. Parsed to epoch milliseconds.
 *
 * @example
 * ```ts
 * InstantSchema.parse('2022-07-01T00:00Z'); // 1656633600000
 * ```
 */
export const InstantSchema = z.unknown().transform((value, ctx): number => {
  const ms = toEpochMs(value);
  if (typeof ms === 'string') {
    ctx.addIssue({ code: 'custom', message: ms });
    return z.NEVER;
  }
  return ms;
});

/** `2022-07-01T00:00:00Z`, seconds and milliseconds optional: the form every output writes. */
const CANONICAL_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;

/**
 * Epoch milliseconds of an instant in the canonical UTC form, read directly (a plan file holds
 * hundreds of thousands of them), or undefined for any other text, which luxon reads. Every
 * field is checked against the calendar, so `2022-02-30T00:00Z` goes on to luxon and its message.
 */
function canonicalUtcMs(text: string): number | undefined {
  const match = CANONICAL_UTC.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6] ?? 0);
  const ms = Number((match[7] ?? '').padEnd(3, '0'));
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year); // Date.UTC reads years 0..99 as 1900..1999
  const ok =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
    date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  return ok ? date.getTime() : undefined;
}

/** Epoch milliseconds, or a message saying why the value is not an instant. */
function toEpochMs(value: unknown): number | string {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : `not a finite instant: ${value}`;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isFinite(ms) ? ms : 'invalid Date';
  }
  if (DateTime.isDateTime(value)) {
    return value.isValid ? value.toMillis() : `invalid DateTime: ${value.invalidExplanation ?? ''}`;
  }
  if (typeof value !== 'string') {
    return `expected ISO-8601 text, a Date, a luxon DateTime or epoch milliseconds, got ${value === null ? 'null' : typeof value}`;
  }
  const text = value.trim();
  const fast = canonicalUtcMs(text);
  if (fast !== undefined) return fast;
  const parsed = DateTime.fromISO(text, { zone: 'utc' });
  if (!parsed.isValid) {
    return `"${value}" is not an ISO-8601 instant (${parsed.invalidExplanation ?? parsed.invalidReason ?? 'unparseable'})`;
  }
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  // (A date alone ends in "-DD", which is no UTC offset.)
  const zone = dateOnly ? null : /(?:Z|([+-])(\d{2})(?::?(\d{2}))?)$/i.exec(text);
  if (!dateOnly && !zone) {
    return `"${value}" has no time zone: write it in UTC, e.g. "${text}Z"`;
  }
  if (zone?.[2] !== undefined) {
    const minutes = Number(zone[2]) * 60 + Number(zone[3] ?? 0);
    if (Number(zone[3] ?? 0) > 59 || minutes > MAX_UTC_OFFSET_MINUTES) {
      return `"${value}": the UTC offset ${zone[0]} is out of range; offsets in use lie within -12:00 to +14:00, and at most +-14:00 is read`;
    }
  }
  return parsed.toMillis();
}

/**
 * Parse one instant, throwing a clear error when it is not one.
 *
 * @param value - ISO-8601 text with a zone (a date alone means 00:00 UTC), a `Date`, a luxon `DateTime` or epoch milliseconds.
 * @param field - the name used in the error message.
 * @returns epoch milliseconds (UTC).
 * @example
 * ```ts
 * parseInstant('2022-07-01'); // 1656633600000, midnight UTC
 * parseInstant('2022-07-01T12:00+02:00') === parseInstant('2022-07-01T10:00Z'); // true
 * ```
 */
export function parseInstant(value: unknown, field = 'instant'): number {
  const result = InstantSchema.safeParse(value);
  if (!result.success) {
    throw new InputError(`${field}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  return result.data;
}

/**
 * Format epoch milliseconds as ISO-8601 UTC text, to the second unless the instant has milliseconds.
 *
 * @example
 * ```ts
 * formatInstant(1656633600000); // '2022-07-01T00:00:00Z'
 * ```
 */
export function formatInstant(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

/**
 * Format epoch milliseconds as a UTC calendar date, `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * formatDate(1656633600000); // '2022-07-01'
 * ```
 */
export function formatDate(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.slice(0, text.indexOf('T'));
}

/**
 * A duration in words, in days: `30 days`, `1.50 days`, or `no limit` for Infinity.
 *
 * @example
 * ```ts
 * formatDays(30 * MS_PER_DAY); // '30 days'
 * ```
 */
export function formatDays(ms: number): string {
  if (ms === Number.POSITIVE_INFINITY) return 'no limit';
  const days = ms / MS_PER_DAY;
  return `${Number.isInteger(days) ? days : days.toFixed(2)} days`;
}

/**
 * Parse an ISO-8601 duration (`P30D`, `PT12H`, `P1W`) or a number of days into milliseconds.
 * Calendar units (months, years) are refused: their length depends on the date.
 *
 * @example
 * ```ts
 * parseDurationMs('P7D'); // 604800000
 * parseDurationMs(1.5);   // 129600000
 * ```
 */
export function parseDurationMs(value: string | number, field = 'duration'): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) {
      throw new InputError(`${field}: expected a non-negative number of days, got ${value}`);
    }
    return value * MS_PER_DAY;
  }
  const duration = Duration.fromISO(value.trim());
  if (!duration.isValid) {
    throw new InputError(`${field}: "${value}" is not an ISO-8601 duration such as P30D or PT12H`);
  }
  if (duration.years !== 0 || duration.months !== 0 || duration.quarters !== 0) {
    throw new InputError(`${field}: "${value}" uses months or years, whose length varies; give days or weeks`);
  }
  const ms = duration.as('milliseconds');
  if (!(ms >= 0)) {
    throw new InputError(`${field}: "${value}" must not be negative`);
  }
  return ms;
}

/** A half-open time span [startMs, endMs) in epoch milliseconds (UTC). */
export const SpanSchema = z
  .object({ start: InstantSchema, end: InstantSchema })
  .transform(({ start, end }) => ({ startMs: start, endMs: end }))
  .refine((span) => span.endMs > span.startMs, { message: 'end must be after start', path: ['end'] });

/** A half-open time span [startMs, endMs), epoch milliseconds (UTC). */
export interface Span {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Parse a span given as `{ start, end }` (any instant form), checking that it is not empty.
 *
 * @example
 * ```ts
 * parseSpan({ start: '2022-07-01', end: '2023-07-01' }); // { startMs: 1656633600000, endMs: 1688169600000 }
 * ```
 */
export function parseSpan(value: unknown, field = 'span'): Span {
  const result = SpanSchema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues.map((issue) => `${[field, ...issue.path].join('.')}: ${issue.message}`).join('; '),
    );
  }
  return result.data;
}
