import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeclinationDeg, parseRightAscensionDeg } from '../../src/sky/angles.js';
import { BUILT_IN_TARGETS, targetKey } from '../../src/sky/catalog.js';
import { findTarget, positionAtDeg } from '../../src/sky/face.js';
import { isTargetRecord, parseTarget, TargetRecordSchema } from '../../src/sky/target.js';

describe('angles', () => {
  it('reads sexagesimal hours and degrees', () => {
    // 17h24m52.28s = (17 + 24/60 + 52.28/3600) * 15 degrees
    expect(parseRightAscensionDeg('17:24:52.28')).toBeCloseTo((17 + 24 / 60 + 52.28 / 3600) * 15, 10);
    expect(parseRightAscensionDeg('17h24m52.28s')).toBeCloseTo((17 + 24 / 60 + 52.28 / 3600) * 15, 10);
    expect(parseDeclinationDeg('+60:25:50.8')).toBeCloseTo(60 + 25 / 60 + 50.8 / 3600, 10);
    expect(parseDeclinationDeg('-00:30:00')).toBe(-0.5);
    expect(parseDeclinationDeg('-12 30 00')).toBe(-12.5);
  });

  it('refuses malformed or out-of-range angles with the field named', () => {
    expect(() => parseRightAscensionDeg('17:74:00')).toThrow(/ra: .*below 60/);
    expect(() => parseRightAscensionDeg(360)).toThrow(/ra: right ascension must be in \[0, 360\)/);
    expect(() => parseRightAscensionDeg(Number.NaN)).toThrow(/ra:/);
    expect(() => parseDeclinationDeg(90.5)).toThrow(/dec: declination must be in \[-90, 90\]/);
    expect(() => parseDeclinationDeg('sixty')).toThrow(/dec: "sixty" is not sexagesimal/);
  });

  it('round-trips any degree value through sexagesimal text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 5999 }), (h, m, cs) => {
        const text = `${h}:${String(m).padStart(2, '0')}:${(cs / 100).toFixed(2)}`;
        expect(parseRightAscensionDeg(text)).toBeCloseTo((h + m / 60 + cs / 100 / 3600) * 15, 9);
      }),
    );
  });
});

describe('targets', () => {
  it('names every bad field at once', () => {
    expect(() => parseTarget({ name: 'x', ra: 400, dec: -95 }, 'targets.csv line 3')).toThrow(/targets.csv line 3: ra: .*; dec: /);
    expect(() => parseTarget({ name: '', ra: 1, dec: 1 })).toThrow(/name: a target needs a name/);
  });

  it('matches catalogue names forgivingly', () => {
    for (const spelling of ['BD+60-1753', 'BD+60 1753', 'bd+60-1753', ' BD +60 1753 ']) {
      expect(findTarget(spelling).name).toBe('BD+60-1753');
    }
    expect(findTarget('HD 163466').name).toBe('HD163466');
    expect(findTarget('hd163466-bkg').name).toBe('HD163466-BKG');
    expect(targetKey('BD-12 345')).not.toBe(targetKey('BD+12 345'));
    expect(() => findTarget('Vega')).toThrow(/not in the catalogue/);
  });

  it('holds the CALSPEC positions of the program stars', () => {
    // CALSPEC table: BD+60 1753 at 17 24 52.275 +60 25 50.75; HD 163466 at 17 52 25.376 +60 23 46.94.
    const bd60 = findTarget('BD+60-1753');
    expect(bd60.raDeg).toBeCloseTo(261.21781, 5);
    expect(bd60.decDeg).toBeCloseTo(60.43076, 5);
    const hd = findTarget('HD163466');
    expect(hd.raDeg).toBeCloseTo(268.10573, 5);
    expect(hd.decDeg).toBeCloseTo(60.39637, 5);
    expect(BUILT_IN_TARGETS).toHaveLength(3);
  });

  it('moves a star by its proper motion', () => {
    const hd = findTarget('HD163466');
    // 42.67 mas/yr north for 22.5 years = 0.96 arcsec.
    const at = positionAtDeg(hd, Date.UTC(2022, 6, 1, 12));
    expect((at.decDeg - hd.decDeg) * 3600).toBeCloseTo(42.67e-3 * 22.5, 2);
    // -2.73 mas/yr in RA*cos(Dec): RA moves by that over cos(Dec).
    expect((at.raDeg - hd.raDeg) * 3600 * Math.cos((hd.decDeg * Math.PI) / 180)).toBeCloseTo(-2.73e-3 * 22.5, 3);
  });
});

describe('target records', () => {
  it("the quick check of many targets gives the record schema's answer for any value", () => {
    const number = fc.oneof(
      fc.double({ noNaN: false }),
      fc.constantFrom(0, -0, 359.999_999, 360, -90, 90, 90.000_001, 1800, 2200, 1799.9, 20_000, 14_142.14, 14_142.2, 1e154, 1e155),
      fc.integer({ min: -400, max: 400 }),
    );
    const field = fc.oneof(number, fc.string(), fc.constant(undefined), fc.constant(null), fc.boolean());
    const record = fc.record(
      {
        name: fc.oneof(fc.constantFrom('HD163466', '', ' ', '\t', 'x'), fc.string(), fc.integer()),
        raDeg: field,
        decDeg: field,
        pmRaCosDecMasPerYr: field,
        pmDecMasPerYr: field,
        epochYear: fc.oneof(field, fc.integer({ min: 1790, max: 2210 })),
      },
      { requiredKeys: [] },
    );
    const value = fc.oneof(
      record,
      record.map((r) => Object.freeze({ ...r, extra: 1 })),
      fc.anything(),
      fc.constant(findTarget('HD163466')),
    );
    let sound = 0;
    fc.assert(
      fc.property(value, (v) => {
        const quick = isTargetRecord(v);
        if (quick) sound += 1;
        return quick === TargetRecordSchema.safeParse(v).success;
      }),
      { seed: 1753, numRuns: 20_000 },
    );
    // Both answers are tried often: the draws are not all refused.
    expect(sound).toBeGreaterThan(1_000);
    expect(isTargetRecord(findTarget('BD+60-1753'))).toBe(true);
    expect(isTargetRecord({ ...findTarget('BD+60-1753'), raDeg: Number.NaN })).toBe(false);
  });
});
