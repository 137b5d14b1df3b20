import * as Astronomy from 'astronomy-engine';
import { describe, expect, it } from 'vitest';
import {
  angleBetweenRad,
  assertEphemerisCovers,
  ephemerisPositionKm,
  parseHorizonsVectors,
  solarElongationDeg,
  sunDirectionAt,
  v3PositionAngle,
} from '../../src/observatory/face.js';
import { FieldOfRegardSchema, offNominalRollHalfRangeDeg } from '../../src/observatory/field-of-regard.js';
import { NOMINAL_OBSERVATORY, parseObservatory } from '../../src/observatory/model.js';
import { findTarget, targetUnitVector, unitVectorFromDeg } from '../../src/sky/face.js';
import { parseTarget } from '../../src/sky/target.js';
import { cycleSpan } from '../../src/time/cycles.js';
import { visibilityWindows } from '../../src/visibility/face.js';
import { EPHEMERIS_2022, EPHEMERIS_2023, readData } from '../support/data.js';

const DEG = Math.PI / 180;
const ARCSEC_PER_RAD = 206_264.806;

/**
 * The Sun's apparent direction in J2000 axes from the low-precision formulae of the
 * Astronomical Almanac (section C, "Low precision formulas for the Sun"; 0.01 degree
 * 1950-2050). n is days from J2000.0. The almanac longitude is apparent (aberration included)
 * and of the equinox of date; it is brought to J2000 axes by removing general precession
 * (50.29 arcsec a year).
 */
function almanacSunUnitVector(atMs: number): [number, number, number] {
  const n = (atMs - Date.UTC(2000, 0, 1, 12)) / 86_400_000;
  const meanLongitudeDeg = 280.46 + 0.9856474 * n;
  const meanAnomalyRad = (357.528 + 0.9856003 * n) * DEG;
  const apparentOfDateDeg = meanLongitudeDeg + 1.915 * Math.sin(meanAnomalyRad) + 0.02 * Math.sin(2 * meanAnomalyRad);
  const lambdaRad = (apparentOfDateDeg - (50.29 / 3600) * (n / 365.25)) * DEG;
  const epsilonRad = 23.4393 * DEG; // the J2000 obliquity, as the axes are J2000's
  return [Math.cos(lambdaRad), Math.cos(epsilonRad) * Math.sin(lambdaRad), Math.sin(epsilonRad) * Math.sin(lambdaRad)];
}

/** Julian centuries of TT from J2000.0 (TT - UTC = 69.184 s). */
const centuriesTt = (atMs: number): number => (atMs + 69_184 - Date.UTC(2000, 0, 1, 12)) / 86_400_000 / 36_525;

/**
 * The apparent ecliptic longitude of date, degrees in [0, 360), of a direction given in J2000
 * axes: precession J2000 -> mean equator and equinox of date (IAU 1976, Lieske's angles zeta,
 * z, theta as in Meeus, Astronomical Algorithms, ch. 21), the mean obliquity of date (ch. 22),
 * then nutation in longitude from its four largest terms (ch. 22, good to 0.5 arcsec).
 */
function apparentLongitudeOfDateDeg(direction: readonly [number, number, number], atMs: number): number {
  const t = centuriesTt(atMs);
  const zeta = (2306.2181 * t + 0.30188 * t * t + 0.017998 * t ** 3) / ARCSEC_PER_RAD;
  const z = (2306.2181 * t + 1.09468 * t * t + 0.018203 * t ** 3) / ARCSEC_PER_RAD;
  const theta = (2004.3109 * t - 0.42665 * t * t - 0.041833 * t ** 3) / ARCSEC_PER_RAD;
  const [cz, sz, cZ, sZ, ct, st] = [Math.cos(zeta), Math.sin(zeta), Math.cos(z), Math.sin(z), Math.cos(theta), Math.sin(theta)];
  const [x0, y0, z0] = direction;
  const x = (cZ * ct * cz - sZ * sz) * x0 + (-cZ * ct * sz - sZ * cz) * y0 - cZ * st * z0;
  const y = (sZ * ct * cz + cZ * sz) * x0 + (-sZ * ct * sz + cZ * cz) * y0 - sZ * st * z0;
  const w = st * cz * x0 - st * sz * y0 + ct * z0;
  const epsilon = (23.4392911 - (46.815 / 3600) * t) * DEG;
  const meanLongitudeDeg = Math.atan2(Math.cos(epsilon) * y + Math.sin(epsilon) * w, x) / DEG;
  const omega = (125.04452 - 1934.136261 * t) * DEG;
  const sunL = (280.4665 + 36000.7698 * t) * DEG;
  const moonL = (218.3165 + 481267.8813 * t) * DEG;
  const nutationArcsec = -17.2 * Math.sin(omega) - 1.32 * Math.sin(2 * sunL) - 0.23 * Math.sin(2 * moonL) + 0.21 * Math.sin(2 * omega);
  return (((meanLongitudeDeg + nutationArcsec / 3600) % 360) + 360) % 360;
}

/**
 * Equinoxes and solstices of 2022 and 2023, UTC to the minute (US Naval Observatory,
 * Astronomical Applications, "Earth's Seasons"): the instants when the apparent geocentric
 * longitude of the Sun is 0, 90, 180 and 270 degrees.
 */
const SEASONS: ReadonlyArray<[string, number]> = [
  ['2022-03-20T15:33Z', 0],
  ['2022-06-21T09:14Z', 90],
  ['2022-09-23T01:04Z', 180],
  ['2022-12-21T21:48Z', 270],
  ['2023-03-20T21:24Z', 0],
  ['2023-06-21T14:58Z', 90],
  ['2023-09-23T06:50Z', 180],
  ['2023-12-22T03:27Z', 270],
];

/** Constant of aberration, arcsec (IAU 1976); the Sun's apparent longitude lags by it over R (au). */
const ABERRATION_ARCSEC = 20.49552;

/** The Earth-Sun distance, au, from the almanac's low-precision formula. */
function almanacSunDistanceAu(atMs: number): number {
  const g = (357.528 + 0.9856003 * ((atMs - Date.UTC(2000, 0, 1, 12)) / 86_400_000)) * DEG;
  return 1.00014 - 0.01671 * Math.cos(g) - 0.00014 * Math.cos(2 * g);
}

/** Rotate a J2000 direction about the J2000 ecliptic pole by an angle (positive: increasing longitude). */
function rotateInLongitude([x, y, z]: readonly [number, number, number], angleRad: number): [number, number, number] {
  const eps = 23.4392911 * DEG;
  const ye = Math.cos(eps) * y + Math.sin(eps) * z;
  const ze = -Math.sin(eps) * y + Math.cos(eps) * z;
  const xr = Math.cos(angleRad) * x - Math.sin(angleRad) * ye;
  const yr = Math.sin(angleRad) * x + Math.cos(angleRad) * ye;
  return [xr, Math.cos(eps) * yr - Math.sin(eps) * ze, Math.sin(eps) * yr + Math.cos(eps) * ze];
}

describe('the Sun of the nominal L2 observer', () => {
  it('agrees with the Astronomical Almanac apparent Sun to its 0.01 degree for the program stars through Cycle 1', () => {
    const span = cycleSpan(1);
    for (const name of ['BD+60-1753', 'HD163466']) {
      const target = findTarget(name);
      const u = unitVectorFromDeg(target.raDeg, target.decDeg);
      for (let t = span.startMs; t < span.endMs; t += 9.7 * 86_400_000) {
        const expectedDeg = angleBetweenRad(u, almanacSunUnitVector(t)) / DEG;
        // The almanac's own precision is 0.01 degree; proper motion adds under 1 arcsec.
        expect(Math.abs(solarElongationDeg(target, t, NOMINAL_OBSERVATORY) - expectedDeg)).toBeLessThan(0.01);
      }
    }
  });

  it('is the apparent Sun: at the published equinoxes and solstices its apparent longitude of date is 0, 90, 180, 270 to 2 arcsec', () => {
    // The instants are rounded to the minute, in which the Sun moves 2.46 arcsec: half of it,
    // plus 0.5 arcsec of truncated nutation, bounds the difference. The geometric Sun would be
    // 20.5 arcsec ahead (the aberration), which this bound refuses.
    for (const [iso, longitudeDeg] of SEASONS) {
      const atMs = Date.parse(iso);
      const got = apparentLongitudeOfDateDeg(sunDirectionAt(NOMINAL_OBSERVATORY, atMs), atMs);
      const offArcsec = (((got - longitudeDeg + 540) % 360) - 180) * 3600;
      expect(Math.abs(offArcsec), iso).toBeLessThan(2);
    }
  });

  it('lags the geometric Sun by the annual aberration, 20.49552 arcsec over the distance in au, along the ecliptic', () => {
    for (let t = Date.UTC(2022, 0, 1); t < Date.UTC(2024, 0, 1); t += 11.3 * 86_400_000) {
      const g = Astronomy.GeoVector(Astronomy.Body.Sun, Astronomy.MakeTime(new Date(t)), false);
      const length = Math.hypot(g.x, g.y, g.z);
      const geometric: [number, number, number] = [g.x / length, g.y / length, g.z / length];
      const expected = rotateInLongitude(geometric, -ABERRATION_ARCSEC / almanacSunDistanceAu(t) / ARCSEC_PER_RAD);
      // The aberration of a body at rest in the solar system, to first order in v/c; the
      // Earth's orbital velocity deviates from the perpendicular by at most e = 0.0167
      // radians, so 0.4 arcsec bounds what the formula leaves out.
      expect(angleBetweenRad(sunDirectionAt(NOMINAL_OBSERVATORY, t), expected) * ARCSEC_PER_RAD).toBeLessThan(0.4);
    }
  });

  it('puts window edges of the program stars within a minute of the geometric Sun plus that aberration, 8 minutes from the geometric Sun alone', () => {
    const inField = (target: ReturnType<typeof findTarget>, sun: (t: number) => [number, number, number], t: number): boolean => {
      const e = angleBetweenRad(targetUnitVector(target, t), sun(t)) / DEG;
      return e >= 85 && e <= 135;
    };
    const geometricAt = (t: number): [number, number, number] => {
      const g = Astronomy.GeoVector(Astronomy.Body.Sun, Astronomy.MakeTime(new Date(t)), false);
      const length = Math.hypot(g.x, g.y, g.z);
      return [g.x / length, g.y / length, g.z / length];
    };
    const apparentAt = (t: number): [number, number, number] =>
      rotateInLongitude(geometricAt(t), -ABERRATION_ARCSEC / almanacSunDistanceAu(t) / ARCSEC_PER_RAD);
    /** The crossing in [a, b] by bisection to a second. */
    const crossing = (
      target: ReturnType<typeof findTarget>,
      sun: (t: number) => [number, number, number],
      a: number,
      b: number,
    ): number => {
      const start = inField(target, sun, a);
      while (b - a > 1000) {
        const m = (a + b) / 2;
        if (inField(target, sun, m) === start) a = m;
        else b = m;
      }
      return b;
    };
    for (const name of ['BD+60-1753', 'HD163466']) {
      const target = findTarget(name);
      const windows = visibilityWindows(target, cycleSpan(1), { observatory: NOMINAL_OBSERVATORY });
      for (const edgeMs of [windows[0]!.endMs, windows[1]!.startMs]) {
        const expected = crossing(target, apparentAt, edgeMs - 86_400_000, edgeMs + 86_400_000);
        const geometric = crossing(target, geometricAt, edgeMs - 86_400_000, edgeMs + 86_400_000);
        expect(Math.abs(edgeMs - expected), `${name} ${new Date(edgeMs).toISOString()}`).toBeLessThan(60_000);
        // 20.5 arcsec at 0.07-0.095 degree a day is 6 to 8 minutes.
        expect(Math.abs(edgeMs - geometric)).toBeGreaterThan(5 * 60_000);
      }
    }
  });
});

describe('solar elongation', () => {
  it('is 90 degrees at the ecliptic pole all year for the nominal L2 observer (the Sun stays on the ecliptic)', () => {
    // North ecliptic pole: RA 18h, Dec 90 - 23.4393 = +66.5607 (J2000 obliquity 23.4393 degrees).
    const pole = parseTarget({ name: 'NEP', ra: 270, dec: 66.5607 });
    for (let t = Date.UTC(2022, 0, 1); t < Date.UTC(2024, 0, 1); t += 13 * 86_400_000) {
      expect(solarElongationDeg(pole, t, NOMINAL_OBSERVATORY)).toBeCloseTo(90, 2);
    }
  });

  it('puts the Sun where precession has moved the equinox by the March 2022 equinox (2022-03-20 15:33 UTC)', () => {
    // At the equinox of date the apparent Sun is at longitude 0 of date. In J2000 axes that point
    // lies 50.29 arcsec/yr x 22.22 yr = 1117 arcsec along the ecliptic; nutation in longitude
    // (at most 17 arcsec) is what is left.
    const s = sunDirectionAt(NOMINAL_OBSERVATORY, Date.UTC(2022, 2, 20, 15, 33));
    expect(Math.abs(angleBetweenRad(s, [1, 0, 0]) * ARCSEC_PER_RAD - 1117)).toBeLessThan(20);
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
      const paDeg = Math.atan2(Math.sin(sunRa - ra), Math.cos(dec) * Math.tan(sunDec) - Math.sin(dec) * Math.cos(sunRa - ra)) / DEG;
      const expected = (((paDeg + 180) % 360) + 360) % 360;
      const got = v3PositionAngle(target, t, NOMINAL_OBSERVATORY).nominalDeg;
      const diff = Math.abs(((got - expected + 540) % 360) - 180);
      expect(diff).toBeLessThan(0.01); // proper motion of 1 arcsec is all that separates them
      const pa = v3PositionAngle(target, t, NOMINAL_OBSERVATORY);
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
