import { describe, expect, it } from 'vitest';
import { findTarget } from '../src/sky/catalog.js';
import { parseTarget, unitVectorFromDeg } from '../src/sky/target.js';
import { offNominalRollHalfRangeDeg, FieldOfRegardSchema } from '../src/observatory/field-of-regard.js';
import { parseHorizonsVectors, ephemerisPositionKm, assertEphemerisCovers } from '../src/observatory/horizons.js';
import { NOMINAL_OBSERVATORY, parseObservatory } from '../src/observatory/model.js';
import { angleBetweenRad, solarElongationDeg, sunDirectionAt } from '../src/observatory/sun.js';
import { v3PositionAngle } from '../src/observatory/attitude.js';
import { cycleSpan } from '../src/time/cycles.js';
import { EPHEMERIS_2022, EPHEMERIS_2023, readData } from './support/data.js';

const DEG = Math.PI / 180;
const ARCSEC_PER_RAD = 206_264.806;

/**
 * The Sun's direction in J2000 axes from the low-precision formulae of the Astronomical
 * Almanac (section C, "Low precision formulas for the Sun"; 0.01 degree 1950-2050). n is days
 * from J2000.0. The almanac longitude is apparent and of the equinox of date; it is brought to
 * the geometric direction in J2000 axes by adding back the aberration (20.5 arcsec) and
 * removing general precession (50.29 arcsec a year).
 */
function almanacSunUnitVector(atMs: number): [number, number, number] {
  const n = (atMs - Date.UTC(2000, 0, 1, 12)) / 86_400_000;
  const meanLongitudeDeg = 280.46 + 0.9856474 * n;
  const meanAnomalyRad = (357.528 + 0.9856003 * n) * DEG;
  const apparentOfDateDeg = meanLongitudeDeg + 1.915 * Math.sin(meanAnomalyRad) + 0.02 * Math.sin(2 * meanAnomalyRad);
  const lambdaRad = (apparentOfDateDeg + 20.5 / 3600 - (50.29 / 3600) * (n / 365.25)) * DEG;
  const epsilonRad = 23.4393 * DEG; // the J2000 obliquity, as the axes are J2000's
  return [Math.cos(lambdaRad), Math.cos(epsilonRad) * Math.sin(lambdaRad), Math.sin(epsilonRad) * Math.sin(lambdaRad)];
}

describe('solar elongation', () => {
  it('agrees with the Astronomical Almanac Sun to 0.02 degree for the program stars through Cycle 1', () => {
    const span = cycleSpan(1);
    for (const name of ['BD+60-1753', 'HD163466']) {
      const target = findTarget(name);
      const u = unitVectorFromDeg(target.raDeg, target.decDeg);
      for (let t = span.startMs; t < span.endMs; t += 9.7 * 86_400_000) {
        const expectedDeg = angleBetweenRad(u, almanacSunUnitVector(t)) / DEG;
        // The almanac's own precision is 0.01 degree; proper motion adds under 1 arcsec.
        expect(Math.abs(solarElongationDeg(target, t) - expectedDeg)).toBeLessThan(0.01);
      }
    }
  });

  it('is 90 degrees at the ecliptic pole all year (the Sun stays on the ecliptic)', () => {
    // North ecliptic pole: RA 18h, Dec 90 - 23.4393 = +66.5607 (J2000 obliquity 23.4393 degrees).
    const pole = parseTarget({ name: 'NEP', ra: 270, dec: 66.5607 });
    for (let t = Date.UTC(2022, 0, 1); t < Date.UTC(2024, 0, 1); t += 13 * 86_400_000) {
      expect(solarElongationDeg(pole, t)).toBeCloseTo(90, 2);
    }
  });

  it('puts the Sun where precession has moved the equinox by the March 2022 equinox (2022-03-20 15:33 UTC)', () => {
    // At the equinox of date the apparent Sun is at longitude 0 of date. In J2000 axes that point
    // lies 50.29 arcsec/yr x 22.22 yr = 1117 arcsec along the ecliptic; the geometric Sun is 20.5
    // arcsec further on (no aberration); nutation in longitude (at most 17 arcsec) is what is left.
    const s = sunDirectionAt(NOMINAL_OBSERVATORY, Date.UTC(2022, 2, 20, 15, 33));
    expect(Math.abs(angleBetweenRad(s, [1, 0, 0]) * ARCSEC_PER_RAD - (1117 - 20.5))).toBeLessThan(20);
  });
});

describe('off-nominal roll', () => {
  it('is the 5.1 degree sun-roll limit at 90 degrees of elongation', () => {
    // Pitch 0: no taper, 5.2 - 0.1 pad; asin(sin(5.1)/cos(0)) = 5.1.
    expect(offNominalRollHalfRangeDeg(90)).toBeCloseTo(5.1, 6);
  });

  it('widens as 1/cos(pitch) away from the Sun', () => {
    // Elongation 120: vehicle pitch -30, sun roll 5.1: asin(sin 5.1 / cos 30).
    expect(offNominalRollHalfRangeDeg(120)).toBeCloseTo(Math.asin(Math.sin(5.1 * DEG) / Math.cos(30 * DEG)) / DEG, 6);
  });

  it('narrows when tipped toward the Sun past 2.5 degrees', () => {
    expect(offNominalRollHalfRangeDeg(85)).toBeLessThan(offNominalRollHalfRangeDeg(87.5));
    expect(offNominalRollHalfRangeDeg(85)).toBeGreaterThan(3);
  });
});

describe('V3 position angle', () => {
  it('is the Sun position angle seen from the target plus 180 degrees (spherical-trigonometry check)', () => {
    const target = findTarget('BD+60-1753');
    for (let t = Date.UTC(2022, 6, 1); t < Date.UTC(2023, 6, 1); t += 17 * 86_400_000) {
      const s = sunDirectionAt(NOMINAL_OBSERVATORY, t);
      const sunRa = Math.atan2(s[1], s[0]);
      const sunDec = Math.asin(s[2]);
      const ra = target.raDeg * DEG;
      const dec = target.decDeg * DEG;
      // Position angle of a body at (sunRa, sunDec) seen from (ra, dec), the textbook formula.
      const paDeg =
        Math.atan2(Math.sin(sunRa - ra), Math.cos(dec) * Math.tan(sunDec) - Math.sin(dec) * Math.cos(sunRa - ra)) / DEG;
      const expected = (((paDeg + 180) % 360) + 360) % 360;
      const got = v3PositionAngle(target, t).nominalDeg;
      const diff = Math.abs(((got - expected + 540) % 360) - 180);
      expect(diff).toBeLessThan(0.01); // proper motion of 1 arcsec is all that separates them
      const pa = v3PositionAngle(target, t);
      expect(pa.halfRangeDeg).toBeCloseTo(offNominalRollHalfRangeDeg(pa.elongationDeg), 9);
    }
  });
});

describe('field of regard settings', () => {
  it('defaults to 85..135 and refuses an inverted band', () => {
    expect(FieldOfRegardSchema.parse({})).toEqual({ minElongationDeg: 85, maxElongationDeg: 135 });
    expect(() => parseObservatory({ fieldOfRegard: { minElongationDeg: 140 } })).toThrow(
      /observatory.fieldOfRegard.maxElongationDeg: minElongationDeg must be below maxElongationDeg/,
    );
  });
});

describe('JPL Horizons ephemeris', () => {
  const ephemeris = parseHorizonsVectors(readData(EPHEMERIS_2023), 'gen2023.txt');

  it('reads every daily row, 2021-12-26 to 2025-05-29', () => {
    // 2021-12-26 to 2025-05-29 inclusive is 1251 days.
    expect(ephemeris.timesMs.length).toBe(1251);
    // 2021-12-26 00:00 TDB is 69.184 s (TT - UTC since 2017) earlier in UTC: 2021-12-25 23:58:50.816.
    expect(new Date(ephemeris.timesMs[0]!).toISOString()).toBe('2021-12-25T23:58:50.816Z');
  });

  it('interpolates through the rows it was given and between them smoothly', () => {
    // At a row the Hermite cubic returns the row.
    const i = 200;
    const atRow = ephemerisPositionKm(ephemeris, ephemeris.timesMs[i]!);
    expect(atRow[0]).toBeCloseTo(ephemeris.positionsKm[3 * i]!, 3);
    // Midway, the interpolant agrees with a cubic through four rows to within a kilometre.
    const mid = (ephemeris.timesMs[i]! + ephemeris.timesMs[i + 1]!) / 2;
    const hermite = ephemerisPositionKm(ephemeris, mid);
    const p = (k: number): number => ephemeris.positionsKm[3 * k]!;
    const lagrange = (-p(i - 1) + 9 * p(i) + 9 * p(i + 1) - p(i + 2)) / 16;
    expect(Math.abs(hermite[0] - lagrange)).toBeLessThan(1);
  });

  it('moves the Sun by the documented ~810 arcsec on average and ~1040 at most (0.29 degree) from the geocentric direction', () => {
    const real = parseObservatory({ ephemeris });
    const span = cycleSpan(1);
    let sum = 0;
    let max = 0;
    let count = 0;
    for (let t = span.startMs; t < span.endMs; t += 86_400_000) {
      const offsetArcsec = angleBetweenRad(sunDirectionAt(real, t), sunDirectionAt(NOMINAL_OBSERVATORY, t)) * ARCSEC_PER_RAD;
      sum += offsetArcsec;
      max = Math.max(max, offsetArcsec);
      count++;
    }
    // Halo orbit amplitude ~ 800,000 km over 1.5e8 km is ~1100 arcsec at most.
    expect(max).toBeLessThan(1100);
    expect(max).toBeGreaterThan(900);
    expect(sum / count).toBeGreaterThan(650);
    expect(sum / count).toBeLessThan(950);
  });

  it('agrees with the older table to a few arcseconds of Sun direction', () => {
    const older = parseObservatory({ ephemeris: parseHorizonsVectors(readData(EPHEMERIS_2022), 'gen2022.txt') });
    const newer = parseObservatory({ ephemeris });
    for (let t = Date.UTC(2022, 6, 1); t < Date.UTC(2022, 9, 1); t += 86_400_000) {
      expect(angleBetweenRad(sunDirectionAt(older, t), sunDirectionAt(newer, t)) * ARCSEC_PER_RAD).toBeLessThan(10);
    }
  });

  it('refuses a span it does not cover, a table without rows and a malformed row', () => {
    expect(() => assertEphemerisCovers(ephemeris, cycleSpan(3))).toThrow(/gen2023.txt: covers .* does not contain the span/);
    expect(() => parseHorizonsVectors('hello', 'x.txt')).toThrow(/x.txt: not a Horizons table/);
    const text = readData(EPHEMERIS_2023);
    const broken = text.replace(/\n2459580\.5[^\n]*/, '\n2459580.500000000, A.D. 2022-Jan-01, oops,');
    expect(() => parseHorizonsVectors(broken, 'broken.txt')).toThrow(/broken.txt line \d+: expected/);
    expect(() => parseHorizonsVectors(text.replace('Reference frame : ICRF', 'Reference frame : FK4'), 'fk4.txt')).toThrow(/ICRF/);
  });
});
