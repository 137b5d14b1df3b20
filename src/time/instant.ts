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
import { describeValue, NonEmptyString, parseWith } from '../validation.js';

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
 * The largest distance from 1970 of an instant a `Date` holds, ms: 100,000,000 days either side
 * (ECMA-262, "Time Values and Time Range"). Epoch milliseconds beyond it are no instant at all.
 */
const MAX_DATE_MS = 8.64e15;

/**
 * Epoch milliseconds that are an instant: a finite number a `Date` can hold. The form instants
 * take inside the library, checked where a record of them crosses the API.
 */
export const InstantMsSchema = z
  .number({
    error: (issue) =>
      typeof issue.input === 'number'
        ? `not a finite instant (${describeValue(issue.input)})`
        : `expected epoch milliseconds, got ${describeValue(issue.input)}`,
  })
  .min(-MAX_DATE_MS, `before the earliest instant a Date holds (-${MAX_DATE_MS} ms)`)
  .max(MAX_DATE_MS, `after the latest instant a Date holds (${MAX_DATE_MS} ms)`);

/**
 * Whether a value passes {@link InstantMsSchema}, by one comparison: the formatters below take
 * hundreds of thousands of instants a call in the gap report, so only a value this refuses goes
 * through the schema, for its message. A property test holds the two to the same answer.
 */
export function isInstantMs(value: unknown): value is number {
  return typeof value === 'number' && value >= -MAX_DATE_MS && value <= MAX_DATE_MS;
}

/** A half-open span of epoch milliseconds, `{ startMs, endMs }`, whose end is after its start. */
export const SpanRecordSchema = z
  .object({ startMs: InstantMsSchema, endMs: InstantMsSchema })
  .refine((span) => span.endMs > span.startMs, { message: 'must be after startMs', path: ['endMs'] });

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
  const ms = toInstantMs(value);
  if (typeof ms === 'string') {
    ctx.addIssue({ code: 'custom', continue: false, message: ms });
    return z.NEVER;
  }
  return ms;
});

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** The value of `width` decimal digits of `text` from `at`, or -1 when one is not a digit. */
function digitsAt(text: string, at: number, width: number): number {
  let value = 0;
  for (let i = at; i < at + width; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar: the count of days of the
 * 400-year eras and of the days within one, from a year that starts on 1 March (so the leap day
 * ends it), as in the civil-calendar algorithms of Howard Hinnant ("chrono-Compatible Low-Level
 * Date Algorithms").
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Epoch milliseconds of an instant in the canonical UTC form every output writes,
 * `2022-07-01T00:00:00Z` (seconds and up to three decimals of them optional), read directly
 * and without allocating (a plan file holds hundreds of thousands of them), or undefined for any
 * other text, which luxon reads. Every field is checked against the calendar, so
 * `2022-02-30T00:00Z` goes on to luxon and its message. A property test checks it against luxon.
 */
function canonicalUtcMs(text: string): number | undefined {
  const n = text.length;
  if (n < 17 || n > 24 || text.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':') return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  let second = 0;
  let ms = 0;
  if (n > 17) {
    if (text[16] !== ':' || n < 20) return undefined;
    second = digitsAt(text, 17, 2);
    if (n > 20) {
      if (text[19] !== '.' || n < 22) return undefined;
      const width = n - 21;
      const fraction = digitsAt(text, 20, width);
      if (fraction < 0) return undefined;
      ms = fraction * (width === 1 ? 100 : width === 2 ? 10 : 1);
    }
  }
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > MONTH_DAYS[month - 1]! + (leap ? 1 : 0)) return undefined;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms;
}

/**
 * Epoch milliseconds, or a message saying why the value is not an instant: what
 * {@link InstantSchema} reads, for schemas that read many instants (a plan file holds hundreds of
 * thousands) and would otherwise run a parse inside a parse for each.
 */
export function toInstantMs(value: unknown): number | string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `not a finite instant: ${value}`;
    return Math.abs(value) <= MAX_DATE_MS ? value : `${value} ms is outside the instants a Date holds (within ${MAX_DATE_MS} ms of 1970)`;
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
  if (!parsed.isValid) return `"${value}" is not an ISO-8601 instant (${invalidInWords(parsed.invalidExplanation)})`;
  // A date with no time of day (2022, 2022-07, 2022-07-01, 2022-182, 2022-W27-5) is the start
  // of its first day, 00:00 UTC; a time of day needs a zone.
  const dateOnly = !/T/i.test(text);
  // (A date alone has no time of day, so no zone: its "-07" or "-01" is no UTC offset.)
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

/** Units luxon names in its explanations, and their ranges, for messages in the project's words. */
const UNIT_RANGES: Readonly<Record<string, string>> = {
  month: '1 to 12',
  day: '1 to the days of the month',
  hour: '0 to 23',
  minute: '0 to 59',
  second: '0 to 59',
  millisecond: '0 to 999',
  ordinal: '1 to the days of the year',
  weekNumber: '1 to the weeks of the year',
  weekday: '1 to 7',
};

/** Why luxon refused an ISO text, in the project's words (its own sentence is not passed on). */
function invalidInWords(explanation: string | null): string {
  const outOfRange = /you specified (\S+) \(of type \w+\) as an? (\w+)/.exec(explanation ?? '');
  if (outOfRange) {
    const [, given, unit] = outOfRange as unknown as [string, string, string];
    return `${unit} ${given} is out of range${UNIT_RANGES[unit] ? `: ${UNIT_RANGES[unit]}` : ''}`;
  }
  return 'expected e.g. 2022-07-01T00:00Z, or a date alone: 2022-07-01, 2022-07 or 2022';
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
  parseWith(NonEmptyString, field, 'field', 'parseInstant');
  return parseWith(InstantSchema, value, field);
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
  if (!isInstantMs(ms)) parseWith(InstantMsSchema, ms, 'ms', 'formatInstant');
  const text = new Date(ms).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

/**
 * Format epoch milliseconds as ISO-8601 UTC text to the nearest second, for instants where the
 * second is all that is meant (a table's served span, whose ends carry TT - UTC's 0.184 s).
 * Not exported from the package: {@link formatInstant} is the public form.
 */
export function formatSecond(ms: number): string {
  return formatInstant(Math.round(ms / 1000) * 1000);
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
  if (!isInstantMs(ms)) parseWith(InstantMsSchema, ms, 'ms', 'formatDate');
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

/** What {@link parseDurationMs} takes: days or ISO-8601 text. */
const DurationInputSchema = z.union([z.number(), z.string()], {
  error: (issue) => `expected a number of days or ISO-8601 text, got ${describeValue(issue.input)}`,
});

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
  parseWith(NonEmptyString, field, 'field', 'parseDurationMs');
  parseWith(DurationInputSchema, value, field);
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) {
      throw new InputError(`${field}: expected a non-negative number of days, got ${value}`);
    }
    if (value * MS_PER_DAY > MAX_DATE_MS)
      throw new InputError(`${field}: ${value} days is longer than any span of instants (${MAX_DATE_MS / MS_PER_DAY} days)`);
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
  if (ms > MAX_DATE_MS) throw new InputError(`${field}: "${value}" is longer than any span of instants (${MAX_DATE_MS / MS_PER_DAY} days)`);
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
  parseWith(NonEmptyString, field, 'field', 'parseSpan');
  return parseWith(SpanSchema, value, field);
}
