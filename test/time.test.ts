import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { cycleSpan } from '../src/time/cycles.js';
import { formatInstant, parseDurationMs, parseInstant, parseSpan } from '../src/time/instant.js';

describe('instants', () => {
  it('reads every accepted form as the same UTC instant', () => {
    const ms = Date.UTC(2022, 6, 1, 10);
    expect(parseInstant('2022-07-01T10:00Z')).toBe(ms);
    expect(parseInstant('2022-07-01T12:00+02:00')).toBe(ms);
    expect(parseInstant(new Date(ms))).toBe(ms);
    expect(parseInstant(DateTime.fromMillis(ms))).toBe(ms);
    expect(parseInstant(ms)).toBe(ms);
    expect(parseInstant('2022-07-01')).toBe(Date.UTC(2022, 6, 1));
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
