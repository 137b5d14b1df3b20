import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { cycleSpan } from '../../src/time/cycles.js';
import {
  formatDate,
  formatInstant,
  InstantMsSchema,
  isInstantMs,
  parseDurationMs,
  parseInstant,
  parseSpan,
} from '../../src/time/instant.js';

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
  it("takes the instants the schema takes, by its quick check, and refuses the rest with the schema's words", () => {
    // Numbers near the limits a Date holds, and anything else.
    const edge = fc.constantFrom(8.64e15, -8.64e15, 8.64e15 + 1, -8.64e15 - 1, Number.NaN, Infinity, -Infinity, 0, -0, Number.MAX_VALUE);
    const value = fc.oneof(edge, fc.double(), fc.double({ min: -9e15, max: 9e15 }), fc.anything());
    let sound = 0;
    fc.assert(
      fc.property(value, (v) => {
        const quick = isInstantMs(v);
        if (quick) sound += 1;
        return quick === InstantMsSchema.safeParse(v).success;
      }),
      { seed: 2022, numRuns: 10_000 },
    );
    expect(sound).toBeGreaterThan(1_000);
    expect(() => formatInstant(Number.NaN)).toThrow(/^formatInstant: ms: not a finite instant \(NaN\)$/);
    expect(() => formatDate(8.64e15 + 1)).toThrow(/^formatDate: ms: after the latest instant a Date holds/);
  });

  // luxon, the library's reader of instants, is the reference: the text written must be what
  // luxon writes for the same instant in UTC, over the whole range a Date holds (8.64e15 ms
  // either side of 1970: years -271821 to +275760), fractions of a millisecond included.
  const luxonInstant = (ms: number): string =>
    DateTime.fromMillis(ms, { zone: 'utc' }).toISO({ suppressMilliseconds: true, includeOffset: true })!.replace('+00:00', 'Z');
  const luxonDate = (ms: number): string => DateTime.fromMillis(ms, { zone: 'utc' }).toISODate()!;
  const LIMIT_MS = 8.64e15;

  it('writes what luxon writes, to the second or to the millisecond', () => {
    const instants = fc.oneof(
      fc.integer({ min: -LIMIT_MS, max: LIMIT_MS }),
      fc.double({ min: -LIMIT_MS, max: LIMIT_MS, noNaN: true }),
      fc.integer({ min: 0, max: 4_102_444_800 }).map((s) => s * 1000),
    );
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

describe('reading instants in the canonical form', () => {
  // The canonical form every output writes is read without luxon (plan files hold hundreds of
  // thousands of instants); luxon, which reads every other form, is the reference for it.
  const luxonMs = (text: string): number | undefined => {
    const parsed = DateTime.fromISO(text, { zone: 'utc' });
    return parsed.isValid ? parsed.toMillis() : undefined;
  };
  const readMs = (text: string): number | undefined => {
    try {
      return parseInstant(text);
    } catch {
      return undefined;
    }
  };
  const two = (n: number): string => String(n).padStart(2, '0');

  it('reads what luxon reads, and refuses what luxon refuses, field by field', () => {
    // Fields drawn past their ranges too (month 13, day 31 of a short month, hour 24, second 60).
    const text = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        hour: fc.integer({ min: 0, max: 24 }),
        minute: fc.integer({ min: 0, max: 60 }),
        second: fc.option(fc.integer({ min: 0, max: 60 })),
        fraction: fc.option(fc.stringMatching(/^\d{1,3}$/)),
      })
      .map(({ year, month, day, hour, minute, second, fraction }) => {
        const seconds = second === null ? '' : `:${two(second)}${fraction === null ? '' : `.${fraction}`}`;
        return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}${seconds}Z`;
      });
    fc.assert(
      fc.property(text, (iso) => {
        // luxon reads hour 24 as the next day's midnight; the canonical form never writes it, and neither reader need take it.
        if (/T24:/.test(iso)) return readMs(iso) === undefined || readMs(iso) === luxonMs(iso);
        return readMs(iso) === luxonMs(iso);
      }),
      { seed: 7_2022, numRuns: 20_000 },
    );
    // Leap days: in 2024 and 2000, not in 2023 or 1900.
    for (const iso of ['2024-02-29T00:00Z', '2000-02-29T12:00:00Z', '2023-02-29T00:00Z', '1900-02-29T00:00Z', '0000-01-01T00:00:00.5Z']) {
      expect(readMs(iso), iso).toBe(luxonMs(iso));
    }
  });

  it('reads back every instant it writes', () => {
    fc.assert(
      // Years 0000 to 9999: the four-digit years of the canonical form.
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => readMs(formatInstant(ms)) === ms),
      { seed: 7_2023, numRuns: 20_000 },
    );
  });
});
