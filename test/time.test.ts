import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { cycleSpan } from '../src/time/cycles.js';
import { formatDate, formatInstant, parseDurationMs, parseInstant, parseSpan } from '../src/time/instant.js';

describe('instants', () => {
  it('reads every accepted form as the same UTC instant', () => {
    const ms = Date.UTC(2022, 6, 1, 10);
    expect(parseInstant('2022-07-01T10:00Z')).toBe(ms);
    expect(parseInstant('2022-07-01T12:00+02:00')).toBe(ms);
    expect(parseInstant(new Date(ms))).toBe(ms);
    expect(parseInstant(DateTime.fromMillis(ms))).toBe(ms);
    expect(parseInstant(ms)).toBe(ms);
    expect(parseInstant('2022-07-01')).toBe(Date.UTC(2022, 6, 1));
    // A date alone is midnight UTC on every day of the month: its "-DD" is not an offset.
    for (let day = 1; day <= 31; day += 1) expect(parseInstant(`2022-10-${String(day).padStart(2, '0')}`)).toBe(Date.UTC(2022, 9, day));
    expect(formatInstant(ms)).toBe('2022-07-01T10:00:00Z');
  });

  it('refuses text without a zone, garbage and NaN, naming the field', () => {
    expect(() => parseInstant('2022-07-01T10:00', 'from')).toThrow(/from: .*no time zone/);
    expect(() => parseInstant('yesterday', 'from')).toThrow(/from: .*not an ISO-8601 instant/);
    expect(() => parseInstant(Number.NaN, 'to')).toThrow(/to: not a finite instant/);
  });

  it('refuses an empty or reversed span', () => {
    expect(() => parseSpan({ start: '2023-01-01T00:00Z', end: '2022-01-01T00:00Z' })).toThrow(/span.end: end must be after start/);
  });

  it('reads day and week durations, refuses months', () => {
    expect(parseDurationMs('P7D')).toBe(7 * 86_400_000);
    expect(parseDurationMs('P4W')).toBe(28 * 86_400_000);
    expect(parseDurationMs('PT12H')).toBe(43_200_000);
    expect(() => parseDurationMs('P1M', 'period')).toThrow(/period: .*months or years/);
    expect(() => parseDurationMs('soon', 'tolerance')).toThrow(/tolerance: "soon" is not an ISO-8601 duration/);
  });

  it('knows Cycle 1: 2022-07-01 to 2023-06-30 inclusive', () => {
    const span = cycleSpan(1);
    expect(formatInstant(span.startMs)).toBe('2022-07-01T00:00:00Z');
    expect(formatInstant(span.endMs)).toBe('2023-07-01T00:00:00Z');
    expect(() => cycleSpan(9)).toThrow(/no dates are known for cycle 9/);
  });
});

describe('writing instants', () => {
  // luxon, the library's reader of instants, is the reference: the text written must be what
  // luxon writes for the same instant in UTC, over the whole range a Date holds (8.64e15 ms
  // either side of 1970: years -271821 to +275760), fractions of a millisecond included.
  const luxonInstant = (ms: number): string =>
    DateTime.fromMillis(ms, { zone: 'utc' }).toISO({ suppressMilliseconds: true, includeOffset: true })!.replace('+00:00', 'Z');
  const luxonDate = (ms: number): string => DateTime.fromMillis(ms, { zone: 'utc' }).toISODate()!;
  const LIMIT_MS = 8.64e15;

  it('writes what luxon writes, to the second or to the millisecond', () => {
    const instants = fc.oneof(fc.integer({ min: -LIMIT_MS, max: LIMIT_MS }), fc.double({ min: -LIMIT_MS, max: LIMIT_MS, noNaN: true }), fc.integer({ min: 0, max: 4_102_444_800 }).map((s) => s * 1000));
    fc.assert(
      fc.property(instants, (ms) => formatInstant(ms) === luxonInstant(ms) && formatDate(ms) === luxonDate(ms)),
      { seed: 20221, numRuns: 20_000 },
    );
    for (const ms of [0, -1, LIMIT_MS, -LIMIT_MS, Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), Date.UTC(0, 0, 1) - 1]) {
      expect(formatInstant(ms)).toBe(luxonInstant(ms));
      expect(formatDate(ms)).toBe(luxonDate(ms));
    }
    expect(formatInstant(Date.UTC(2022, 6, 14, 3))).toBe('2022-07-14T03:00:00Z');
    expect(formatInstant(Date.UTC(2022, 6, 14, 3, 0, 0, 250))).toBe('2022-07-14T03:00:00.250Z');
    expect(formatDate(Date.UTC(2022, 6, 14, 23, 59))).toBe('2022-07-14');
  });

  it('refuses an instant that is not one', () => {
    for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, LIMIT_MS + 1]) {
      expect(() => formatInstant(ms)).toThrow(RangeError);
      expect(() => formatDate(ms)).toThrow(RangeError);
    }
  });
});
