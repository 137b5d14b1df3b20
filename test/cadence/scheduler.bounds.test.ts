/**
 * Bounds enforced before any work starts: the grid's candidate starts, recurrence expansion,
 * the years of the visibility model, UTC offsets, proper motion. Each property draws values on
 * both sides of the bound and checks the verdict against the bound computed here, from the
 * stated constants, never from the code's output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InputError,
  MAX_CANDIDATE_STARTS,
  MAX_IDEAL_DATES,
  MAX_PROPER_MOTION_MAS_PER_YR,
  MAX_UTC_OFFSET_MINUTES,
  parseCadenceSpec,
  parseInstant,
  parseTarget,
  sunGrid,
  visibilityWindows,
} from '../../src/advanced.js';
import { tally } from '../support/outcomes.js';

const DAY = 86_400_000;
const START = Date.UTC(2022, 6, 1);

/** The InputError thrown by fn, or undefined when it returns. */
function refusal(fn: () => unknown): InputError | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
}

describe('grid: at most MAX_CANDIDATE_STARTS candidate starts per epoch', () => {
  const record = tally('grid and span sizes');
  it('refuses exactly the grids that make too many starts, giving the number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 86_400 }), fc.integer({ min: 1, max: 3_650 }), (gridSeconds, spanDays) => {
        const span = { start: START, end: START + spanDays * DAY };
        const starts = Math.ceil((spanDays * DAY) / (gridSeconds * 1000));
        const error = refusal(() => parseCadenceSpec({ mode: 'spread', grid: `PT${gridSeconds}S`, span }));
        if (starts > MAX_CANDIDATE_STARTS) {
          expect(error?.message).toMatch(/^cadence\.grid: /);
          expect(error?.message).toContain(starts.toLocaleString('en-US'));
          record('refused');
        } else {
          expect(error).toBeUndefined();
          record('accepted');
        }
      }),
      { seed: 9_001, numRuns: 300 },
    );
  });

  it('refuses a one-second grid over a year and keeps a one-minute one', () => {
    expect(() => parseCadenceSpec({ mode: 'spread', grid: 'PT1S' })).toThrow(
      /31,536,000 candidate starts per epoch, more than the 1,000,000 allowed/,
    );
    expect(parseCadenceSpec({ mode: 'spread', grid: 'PT1M' }).gridMs).toBe(60_000);
  });
});

describe('recurrence rules: bounded expansion', () => {
  const record = tally('recurrence rules and periods');
  const span = { start: '2022-07-01T00:00Z', end: '2023-07-01T00:00Z' };

  it.each([
    ['FREQ=SECONDLY', /FREQ=SECONDLY: a cadence's ideal dates are a day or more apart/],
    ['FREQ=MINUTELY;INTERVAL=5', /FREQ=MINUTELY/],
    ['FREQ=HOURLY', /FREQ=HOURLY/],
    ['FREQ=WEEKLY;INTERVAL=-1', /INTERVAL=-1: expected a whole number from 1 to 1000/],
    ['FREQ=WEEKLY;INTERVAL=0', /INTERVAL=0/],
    ['FREQ=DAILY;COUNT=0', /COUNT=0/],
    ['FREQ=DAILY;BYHOUR=25', /BYHOUR is not taken/],
    ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', /BYMONTHDAY=30 never falls in BYMONTH=2/],
    ['FREQ=WEEKLY;BYMONTH=4,6;BYMONTHDAY=31', /never falls/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /BYMONTHDAY=32/],
    ['FREQ=DAILY;INTERVAL=7;BYDAY=SA', /BYDAY never matches/], // 2022-07-01 is a Friday
    ['FREQ=DAILY;FREQ=WEEKLY', /FREQ is given twice/],
    ['INTERVAL=2', /FREQ is missing/],
    ['FREQ=DAILY;UNTIL=20220101', /no ideal date falls in the span/],
  ])('refuses %s', (rule, pattern) => {
    const error = refusal(() => parseCadenceSpec({ mode: 'period', rrule: rule, span }));
    expect(error?.message).toMatch(/^cadence\.rrule: /);
    expect(error?.message).toMatch(pattern);
    record('refused');
  });

  it('refuses a rule that makes too many dates from a far anchor, and a period too short', () => {
    expect(() => parseCadenceSpec({ mode: 'period', rrule: 'FREQ=DAILY', anchor: '1970-01-01T00:00Z', span })).toThrow(
      /cadence\.rrule: .*makes more than the 10,000 allowed dates from the anchor/,
    );
    expect(() => parseCadenceSpec({ mode: 'period', period: 'PT10M', span })).toThrow(/cadence\.period: .*makes 52,560 ideal dates/);
    expect(() => parseCadenceSpec({ mode: 'period', period: 'P7D', anchor: '2024-01-01T00:00Z', span })).toThrow(
      /cadence\.anchor: .*no ideal date/,
    );
    record('refused');
    record('refused');
    record('refused');
  });

  it('either refuses a drawn rule cleanly or gives sorted dates inside the span, never more than the bound', () => {
    const part = fc.oneof(
      fc.constantFrom('YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY', 'SOMETIMES').map((f) => `FREQ=${f}`),
      fc.integer({ min: -3, max: 1200 }).map((n) => `INTERVAL=${n}`),
      fc.integer({ min: -1, max: 20_000 }).map((n) => `COUNT=${n}`),
      fc.array(fc.integer({ min: -1, max: 14 }), { minLength: 1, maxLength: 3 }).map((ns) => `BYMONTH=${ns.join(',')}`),
      fc.array(fc.integer({ min: -33, max: 33 }), { minLength: 1, maxLength: 3 }).map((ns) => `BYMONTHDAY=${ns.join(',')}`),
      fc
        .array(fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU', '1MO', '-1FR', '60MO', 'XX'), { minLength: 1, maxLength: 3 })
        .map((ds) => `BYDAY=${ds.join(',')}`),
      fc.integer({ min: -2, max: 30 }).map((n) => `BYHOUR=${n}`),
      fc.integer({ min: -400, max: 400 }).map((n) => `BYSETPOS=${n}`),
      fc.constantFrom('UNTIL=20230101T000000Z', 'UNTIL=20220101', 'UNTIL=soon', 'WKST=SU', 'DTSTART=20220101', 'X-NAME=1', 'garbage'),
    );
    const anchor = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2023, 5, 1) });
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom('FREQ=DAILY', 'FREQ=WEEKLY', 'FREQ=MONTHLY', 'FREQ=YEARLY'), { freq: 4 }),
        fc.array(part, { maxLength: 3 }),
        anchor,
        (freq, parts, anchorMs) => {
          if (freq === null && parts.length === 0) return;
          // Most rules start with a good FREQ, so that the other parts are judged too.
          const rule = [...(freq === null ? [] : [freq]), ...parts].join(';');
          let spec;
          try {
            spec = parseCadenceSpec({ mode: 'period', rrule: rule, anchor: anchorMs, span });
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
            expect((error as Error).message).toMatch(/^cadence\.(rrule|anchor): /);
            record('refused');
            return;
          }
          expect(spec.idealMs.length).toBeGreaterThan(0);
          expect(spec.idealMs.length).toBeLessThanOrEqual(MAX_IDEAL_DATES);
          for (let i = 0; i < spec.idealMs.length; i += 1) {
            expect(spec.idealMs[i]).toBeGreaterThanOrEqual(spec.span.startMs);
            expect(spec.idealMs[i]).toBeLessThan(spec.span.endMs);
            if (i > 0) expect(spec.idealMs[i]).toBeGreaterThan(spec.idealMs[i - 1]!);
          }
          record('accepted');
        },
      ),
      { seed: 9_002, numRuns: 400 },
    );
  });
});

describe('instants: UTC offsets within +-14:00', () => {
  const record = tally('UTC offsets');
  it('reads offsets within the bound exactly and refuses the rest', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99, max: 99 }), fc.integer({ min: 0, max: 99 }), (hours, minutes) => {
        const sign = hours < 0 ? '-' : '+';
        const text = `2022-07-01T12:00:00${sign}${String(Math.abs(hours)).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
        const offsetMinutes = Math.abs(hours) * 60 + minutes;
        const error = refusal(() => parseInstant(text, '--from'));
        if (minutes > 59 || offsetMinutes > MAX_UTC_OFFSET_MINUTES) {
          expect(error?.message).toMatch(/^--from: /);
          record('refused');
        } else {
          expect(error).toBeUndefined();
          const signed = (hours < 0 ? -1 : 1) * offsetMinutes;
          expect(parseInstant(text)).toBe(Date.UTC(2022, 6, 1, 12) - signed * 60_000);
          record('accepted');
        }
      }),
      { seed: 9_003, numRuns: 300 },
    );
  });

  it('refuses +99:00 by name', () => {
    expect(() => parseInstant('2022-01-01T00:00+99:00', '--from')).toThrow(/^--from: .*the UTC offset \+99:00 is out of range/);
  });
});

describe('proper motion: at most MAX_PROPER_MOTION_MAS_PER_YR', () => {
  const record = tally('proper motions');
  it('accepts exactly the proper motions within the bound, naming the field otherwise', () => {
    const pm = fc.oneof(fc.double({ min: -3e4, max: 3e4, noNaN: true }), fc.constantFrom(1e308, -1e308, 1e5, 19_999.9, 20_000.1));
    fc.assert(
      fc.property(pm, pm, (pmRaCosDec, pmDec) => {
        const error = refusal(() => parseTarget({ name: 'S', ra: 10, dec: 20, pmRaCosDec, pmDec }, 'targets.csv line 2'));
        if (Math.hypot(pmRaCosDec, pmDec) > MAX_PROPER_MOTION_MAS_PER_YR) {
          expect(error?.message).toMatch(
            /^targets\.csv line 2: pm(RaCosDec|Dec): a proper motion of .* mas\/yr is more than the 20000 mas\/yr accepted/,
          );
          record('refused');
        } else {
          expect(error).toBeUndefined();
          record('accepted');
        }
      }),
      { seed: 9_004, numRuns: 300 },
    );
  });
});

describe('the years of the visibility model', () => {
  const record = tally('spans outside the model years');
  it.each([
    [{ start: '2300-01-01T00:00Z', end: '2301-01-01T00:00Z' }, /^span\.start: 2300-01-01T00:00:00Z is after|^span\.end: 2301/],
    [
      { start: '2099-06-01T00:00Z', end: '2100-06-01T00:00Z' },
      /^span\.end: 2100-06-01T00:00:00Z is after the years the visibility model is stated for \(2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z\)/,
    ],
    [{ start: '1999-01-01T00:00Z', end: '2000-06-01T00:00Z' }, /^span\.start: 1999-01-01T00:00:00Z is before/],
    [{ start: '+100000-01-01T00:00Z', end: '+100001-01-01T00:00Z' }, /^span\./],
  ])('refuses %o before computing', (span, pattern) => {
    expect(() => visibilityWindows('BD+60-1753', span)).toThrow(pattern);
    record('refused');
  });

  it('accepts the model years to their ends', () => {
    const span = { startMs: Date.UTC(2099, 6, 1), endMs: Date.UTC(2100, 0, 1) };
    expect(sunGrid(span, { model: 'nominal-l2' }).span).toEqual(span);
    record('accepted');
  });
});
