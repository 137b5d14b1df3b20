/**
 * The micrometeoroid avoidance zone: JWST's direction of motion against independent
 * computations (finite differences of positions; the Sun's ecliptic longitude minus 90 degrees
 * for nominal L2), the zone's intervals for targets on the ecliptic, its settings, windows split
 * at its edges, the scheduler's policy and the outputs that report it.
 */
import * as Astronomy from 'astronomy-engine';
import { describe, expect, it } from 'vitest';
import {
  cycleSpan,
  DEFAULT_OBSERVATORY,
  findTarget,
  loadBuiltInEphemeris,
  loadBuiltInProgram,
  MAZ_HALF_ANGLE_DEG,
  MAZ_START_MS,
  mazIntervals,
  mazSpan,
  parseObservatory,
  parseProgram,
  parseTarget,
  ramDirectionFrom,
  scheduleFromJson,
  scheduleProgram,
  scheduleToApt,
  scheduleToCalendarText,
  scheduleToIcs,
  scheduleToJson,
  sunDirectionAt,
  type Target,
  targetUnitVector,
  visibilityWindows,
} from '../../src/advanced.js';
import { cli } from '../support/cli.js';

const DEG = Math.PI / 180;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** The speed of light, km/s (SI). */
const C_KM_PER_S = 299_792.458;
const angleDeg = (a: readonly number[], b: readonly number[]): number => {
  const dot = a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  const norm = Math.hypot(a[0]!, a[1]!, a[2]!) * Math.hypot(b[0]!, b[1]!, b[2]!);
  return Math.acos(Math.max(-1, Math.min(1, dot / norm))) / DEG;
};
/** J2000 obliquity of the ecliptic, degrees (IAU 2006: 84381.406 arcsec). */
const OBLIQUITY_DEG = 84_381.406 / 3600;
/** Unit vector of ecliptic longitude and latitude (J2000 ecliptic) in J2000 equatorial axes. */
const fromEcliptic = (lonDeg: number, latDeg: number): [number, number, number] => {
  const [l, b, e] = [lonDeg * DEG, latDeg * DEG, OBLIQUITY_DEG * DEG];
  const x = Math.cos(b) * Math.cos(l);
  const y = Math.cos(b) * Math.sin(l);
  const z = Math.sin(b);
  return [x, y * Math.cos(e) - z * Math.sin(e), y * Math.sin(e) + z * Math.cos(e)];
};
/** J2000 ecliptic longitude of a J2000 equatorial direction, degrees. */
const eclipticLongitudeDeg = ([x, y, z]: readonly number[]): number => {
  const e = OBLIQUITY_DEG * DEG;
  return (((Math.atan2(y! * Math.cos(e) + z! * Math.sin(e), x!) / DEG) % 360) + 360) % 360;
};

describe("JWST's direction of motion", () => {
  it("nominal L2: the Earth's velocity, which central differences of its heliocentric positions give to 0.001 degree", () => {
    for (let k = 0; k < 24; k++) {
      const t = Date.UTC(2025, 6, 1) + k * 15 * DAY;
      const at = (ms: number) => Astronomy.HelioVector(Astronomy.Body.Earth, Astronomy.MakeTime(new Date(ms)));
      const [before, after] = [at(t - HOUR), at(t + HOUR)];
      const difference = [after.x - before.x, after.y - before.y, after.z - before.z];
      expect(angleDeg(ramDirectionFrom({ model: 'nominal-l2' }, t), difference)).toBeLessThan(1e-3);
    }
  });

  it("nominal L2: within the orbit's flight-path angle (at most e = 0.0167 rad, 0.96 degree) of the Sun's ecliptic longitude minus 90, on the ecliptic", () => {
    for (let k = 0; k < 24; k++) {
      const t = Date.UTC(2025, 6, 1) + k * 15 * DAY;
      const ram = ramDirectionFrom({ model: 'nominal-l2' }, t);
      const sunLongitude = eclipticLongitudeDeg(sunDirectionAt(parseObservatory({ observer: 'nominal-l2' }), t));
      expect(angleDeg(ram, fromEcliptic(sunLongitude - 90, 0))).toBeLessThan(0.98);
    }
  });

  it("real orbit: the Horizons table's motion, which central differences of its own rows give to 0.01 degree", () => {
    const ephemeris = loadBuiltInEphemeris();
    const p = ephemeris.positionsKm;
    for (let row = 200; row < ephemeris.timesMs.length - 1; row += 37) {
      const difference = [0, 1, 2].map((axis) => p[3 * (row + 1) + axis]! - p[3 * (row - 1) + axis]!);
      expect(angleDeg(ramDirectionFrom({ model: 'ephemeris', ephemeris }, ephemeris.timesMs[row]!), difference)).toBeLessThan(0.01);
      // Between rows, the interpolated direction stays as close to the differences of the rows around it.
      const midMs = (ephemeris.timesMs[row]! + ephemeris.timesMs[row + 1]!) / 2;
      const across = [0, 1, 2].map((axis) => p[3 * (row + 1) + axis]! - p[3 * row + axis]!);
      expect(angleDeg(ramDirectionFrom({ model: 'ephemeris', ephemeris }, midMs), across)).toBeLessThan(0.01);
    }
  });

  it('real orbit: geometric, not light-time lagged: at T - |r|/c it is the direction of the row at T (a Horizons "LT" row holds JWST one light time earlier)', () => {
    const ephemeris = loadBuiltInEphemeris();
    const p = ephemeris.positionsKm;
    const v = ephemeris.velocitiesKmPerS;
    for (let row = 10; row < ephemeris.timesMs.length - 10; row += 53) {
      const lightMs = (Math.hypot(p[3 * row]!, p[3 * row + 1]!, p[3 * row + 2]!) / C_KM_PER_S) * 1000;
      const rowVelocity = [v[3 * row]!, v[3 * row + 1]!, v[3 * row + 2]!];
      // The direction turns about a degree a day: 8.3 minutes of lag is 0.006 degree; the
      // interpolation between daily rows is good to well under 0.0001.
      expect(angleDeg(ramDirectionFrom({ model: 'ephemeris', ephemeris }, ephemeris.timesMs[row]! - lightMs), rowVelocity)).toBeLessThan(
        1e-4,
      );
    }
  });

  it("real orbit: the zone's edges are where an independent geometric direction (row velocities at their own instants, T - |r|/c) is 75 degrees from the target, to a minute", () => {
    const ephemeris = loadBuiltInEphemeris();
    const p = ephemeris.positionsKm;
    const v = ephemeris.velocitiesKmPerS;
    // Rows re-timed to the instants they describe, and the velocity between them interpolated
    // linearly: over a day it turns about a degree, so the direction is good to about 1e-4 degree.
    const geometricMs = Array.from(
      ephemeris.timesMs,
      (t, i) => t - (Math.hypot(p[3 * i]!, p[3 * i + 1]!, p[3 * i + 2]!) / C_KM_PER_S) * 1000,
    );
    const geometricRam = (t: number): number[] => {
      let i = 0;
      while (geometricMs[i + 1]! <= t) i++;
      const u = (t - geometricMs[i]!) / (geometricMs[i + 1]! - geometricMs[i]!);
      return [0, 1, 2].map((axis) => (1 - u) * v[3 * i + axis]! + u * v[3 * (i + 1) + axis]!);
    };
    const span = cycleSpan(2);
    let edges = 0;
    for (const [ra, dec] of [
      [90, 23.44],
      [200, -10],
      [300, 30],
    ] as const) {
      const target = parseTarget({ name: `ra${ra}`, ra, dec });
      const offDeg = (t: number): number => angleDeg(targetUnitVector(target, t), geometricRam(t)) - MAZ_HALF_ANGLE_DEG;
      for (const interval of mazIntervals(target, span, DEFAULT_OBSERVATORY)) {
        for (const edge of [interval.startMs, interval.endMs]) {
          if (edge === span.startMs || edge === span.endMs) continue;
          // Bisect the independent crossing within a day around the engine's edge.
          let [lo, hi] = [edge - 12 * HOUR, edge + 12 * HOUR];
          expect(Math.sign(offDeg(lo))).not.toBe(Math.sign(offDeg(hi)));
          while (hi - lo > 1000) {
            const mid = (lo + hi) / 2;
            if (Math.sign(offDeg(mid)) === Math.sign(offDeg(lo))) lo = mid;
            else hi = mid;
          }
          // Read from light-time corrected rows at their row times, the edges came 8.2 to 8.6 minutes late.
          expect(Math.abs(edge - lo), `${target.name} ${new Date(edge).toISOString()}`).toBeLessThan(60_000);
          edges++;
        }
      }
    }
    expect(edges).toBeGreaterThanOrEqual(5);
  });

  it("real orbit: the halo orbit turns it from the Earth's by a few tenths of a degree (0.35 at most in the bundled table)", () => {
    const ephemeris = loadBuiltInEphemeris();
    let largest = 0;
    for (let t = Date.UTC(2022, 6, 1); t < Date.UTC(2025, 4, 1); t += 5 * DAY) {
      largest = Math.max(
        largest,
        angleDeg(ramDirectionFrom({ model: 'ephemeris', ephemeris }, t), ramDirectionFrom({ model: 'nominal-l2' }, t)),
      );
    }
    // A halo orbit some 800,000 km from L2 with a period of about six months moves at a few tenths
    // of a km/s about it, against the Earth's 30 km/s: a few tenths of a degree, well under one.
    expect(largest).toBeGreaterThan(0.1);
    expect(largest).toBeLessThan(1);
  });
});

describe('the zone', () => {
  const ecliptic = (lonDeg: number): Target => {
    const [x, y, z] = fromEcliptic(lonDeg, 0);
    return parseTarget({ name: `ecliptic ${lonDeg}`, ra: (((Math.atan2(y, x) / DEG) % 360) + 360) % 360, dec: Math.asin(z) / DEG });
  };

  it("holds a target on the ecliptic exactly while it lies within 75 degrees of the Sun's longitude minus 90 (independent, sampled daily)", () => {
    const span = cycleSpan(4);
    const observatory = parseObservatory({ observer: 'nominal-l2' });
    for (const lon of [0, 90, 200]) {
      const target = ecliptic(lon);
      const inside = mazIntervals(target, span, observatory);
      expect(inside.length).toBeGreaterThan(0);
      for (let t = span.startMs; t < span.endMs; t += DAY) {
        const sunLongitude = eclipticLongitudeDeg(sunDirectionAt(observatory, t));
        const fromRam = angleDeg(targetUnitVector(target, t), fromEcliptic(sunLongitude - 90, 0));
        const inZone = inside.some((interval) => t >= interval.startMs && t < interval.endMs);
        // Where the two directions differ (by the flight-path angle, under a degree), the test allows it.
        if (fromRam < MAZ_HALF_ANGLE_DEG - 1) expect(inZone, new Date(t).toISOString()).toBe(true);
        if (fromRam > MAZ_HALF_ANGLE_DEG + 1) expect(inZone, new Date(t).toISOString()).toBe(false);
      }
    }
  });

  it("never holds program 1539's stars: 83 degrees from the ecliptic, they stay more than 75 from the ram direction", () => {
    for (const name of ['BD+60-1753', 'HD163466']) expect(mazIntervals(findTarget(name), cycleSpan(2), DEFAULT_OBSERVATORY)).toEqual([]);
  });

  it('is modelled from Cycle 2 on by default, everywhere with "on", nowhere with "off"; its half-angle is a setting', () => {
    expect(MAZ_START_MS).toBe(Date.UTC(2023, 6, 1));
    const settings = (apply: 'auto' | 'on' | 'off') => parseObservatory({ maz: { apply } }).maz;
    expect(mazSpan(settings('auto'), cycleSpan(1))).toBeUndefined();
    expect(mazSpan(settings('auto'), cycleSpan(2))).toEqual(cycleSpan(2));
    expect(mazSpan(settings('auto'), { startMs: Date.UTC(2023, 0, 1), endMs: Date.UTC(2024, 0, 1) })).toEqual({
      startMs: MAZ_START_MS,
      endMs: Date.UTC(2024, 0, 1),
    });
    expect(mazSpan(settings('on'), cycleSpan(1))).toEqual(cycleSpan(1));
    expect(mazSpan(settings('off'), cycleSpan(2))).toBeUndefined();
    const target = ecliptic(90);
    const wide = mazIntervals(target, cycleSpan(4), parseObservatory({ maz: { halfAngleDeg: 75 } }));
    const narrow = mazIntervals(target, cycleSpan(4), parseObservatory({ maz: { halfAngleDeg: 37.5 } }));
    const total = (list: readonly { startMs: number; endMs: number }[]) => list.reduce((sum, i) => sum + i.endMs - i.startMs, 0);
    expect(total(narrow)).toBeLessThan(total(wide));
    expect(() => parseObservatory({ maz: { halfAngleDeg: 0 } })).toThrow(/^observatory\.maz\.halfAngleDeg: /);
  });

  it('splits windows where it starts or ends, flags each part, and marks the cut with no margin', () => {
    // Latitude 45: the zone covers part of a window, so windows are cut.
    const [x, y, z] = fromEcliptic(90, 45);
    const target = parseTarget({ name: 'lat45', ra: (((Math.atan2(y, x) / DEG) % 360) + 360) % 360, dec: Math.asin(z) / DEG });
    const span = cycleSpan(4);
    const whole = visibilityWindows(target, span, { splitAtMaz: false });
    const parts = visibilityWindows(target, span);
    expect(parts.length).toBeGreaterThan(whole.length);
    expect(parts.every((part) => typeof part.inMaz === 'boolean')).toBe(true);
    const cuts = parts.flatMap((part) => [part.startEdge, part.endEdge]).filter((edge) => edge.constraint === 'maz');
    expect(cuts.length).toBeGreaterThan(0);
    expect(cuts.every((edge) => edge.marginMs === 0)).toBe(true);
    // The parts tile the windows.
    for (const window of whole) {
      const inside = parts.filter((part) => part.startMs >= window.startMs && part.endMs <= window.endMs);
      expect(inside[0]!.startMs).toBe(window.startMs);
      expect(inside.at(-1)!.endMs).toBe(window.endMs);
      for (let i = 1; i < inside.length; i++) expect(inside[i]!.startMs).toBe(inside[i - 1]!.endMs);
    }
    // Cycle 1, before the zone: no flag at all.
    expect(visibilityWindows(target, cycleSpan(1)).every((window) => window.inMaz === undefined)).toBe(true);
  });
});

describe('before the zone is modelled', () => {
  // RA 300, Dec 30 (ecliptic latitude about 50): within 75 degrees of the direction of motion
  // from spring to mid-July, so already in the zone on 2023-07-01, when the zone's model starts.
  const span = { startMs: Date.UTC(2023, 0, 1), endMs: Date.UTC(2024, 0, 1) };
  const target = parseTarget({ name: 'RA300', ra: 300, dec: 30 });
  // RA 270, Dec 60: never within 75 degrees of the motion (ecliptic latitude about 84), in view across 2023-07-01.
  const far = parseTarget({ name: 'RA270', ra: 270, dec: 60 });

  it("a window part before 2023-07-01 says nothing of the zone, and the cut there is not one of the zone's edges", () => {
    for (const t of [target, far]) {
      const parts = visibilityWindows(t, span);
      const before = parts.filter((part) => part.startMs < MAZ_START_MS);
      expect(before.length, t.name).toBeGreaterThan(0);
      for (const part of before) {
        expect(part.endMs, t.name).toBeLessThanOrEqual(MAZ_START_MS);
        expect(part.inMaz, t.name).toBeUndefined();
      }
      const cut = parts.find((part) => part.startMs === MAZ_START_MS);
      expect(cut, t.name).toBeDefined();
      expect(cut!.startEdge.constraint, t.name).toBe('maz-start');
      expect(parts.find((part) => part.endMs === MAZ_START_MS)!.endEdge.constraint, t.name).toBe('maz-start');
      expect(typeof cut!.inMaz, t.name).toBe('boolean');
      // No edge of the zone at the instant its model starts.
      expect(
        parts.flatMap((p) => [p.startEdge, p.endEdge].filter((e, i) => e.constraint === 'maz' && [p.startMs, p.endMs][i] === MAZ_START_MS)),
      ).toEqual([]);
    }
    expect(visibilityWindows(target, span).find((part) => part.startMs === MAZ_START_MS)!.inMaz).toBe(true);
    expect(visibilityWindows(far, span).find((part) => part.startMs === MAZ_START_MS)!.inMaz).toBe(false);
  });

  it('the windows command says "not modelled" for those parts and the CSV names the cut maz-start', async () => {
    const text = await cli('windows', '--ra', '300', '--dec', '30', '--name', 'RA300', '--from', '2023-01-01', '--to', '2024-01-01');
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n').filter((line) => line.includes('RA300') && line.includes('2023-0'));
    expect(lines.find((line) => /2023-07-01/.test(line) && /2023-04/.test(line))).toMatch(/not modelled/);
    expect(text.stdout).not.toMatch(/2023-04-\d\d\S*\s.*2023-07-01\S*.*outside/);
    const csv = await cli(
      'windows',
      '--ra',
      '300',
      '--dec',
      '30',
      '--name',
      'RA300',
      '--from',
      '2023-01-01',
      '--to',
      '2024-01-01',
      '--format',
      'csv',
    );
    const row = csv.stdout.split('\n').find((line) => line.includes(',2023-07-01T00:00:00Z,'))!;
    expect(row.split(',').slice(-3)).toEqual(['', 'maz-start', '']);
  });
});

/** NIRSpec fixed-slit visit's scheduled length in program 1539's published Cycle 1 schedule (median of 11: 28 min 33 s). */
const NIRSPEC_FIXED_SLIT_MS = (28 * 60 + 33) * 1000;

describe('scheduling with the zone', () => {
  const rows = Array.from({ length: 6 }, (_, i) => `| Slit ${i + 1} | NIRSpec Fixed Slit Spectroscopy | (1) ECL |`).join('\n');
  const program = parseProgram(
    `---\nid: 9001\n---\n# 9001 - Ecliptic test\n\n| Label | Observing Template | Science Target |\n|---|---|---|\n${rows}\n`,
    { source: 'ecliptic.md' },
  );
  // Ecliptic longitude 90, latitude 0: in 2023-2024, a window in September-November (leading, in
  // the zone) and one in February-March (trailing, outside it).
  const targets = [parseTarget({ name: 'ECL', ra: 90, dec: OBLIQUITY_DEG })];

  it('keeps every epoch outside the zone when that places them all', () => {
    const schedule = scheduleProgram(program, { targets, cadence: { mode: 'spread', cycle: 2 } });
    expect(schedule.visits).toHaveLength(6);
    expect(schedule.visits.every((visit) => visit.mazMs === 0)).toBe(true);
    expect(schedule.maz).toMatchObject({
      halfAngleDeg: 75,
      fromMs: cycleSpan(2).startMs,
      inMazMs: 0,
      policy: 'every epoch placed outside the MAZ',
    });
    // Six NIRSpec fixed-slit visits of the published median length, 28 min 33 s (STScI's weekly
    // observing schedules, program 1539, Cycle 1).
    expect(schedule.maz!.observingMs).toBe(6 * NIRSPEC_FIXED_SLIT_MS);
    // Without the zone, the spread cadence uses both windows.
    const free = scheduleProgram(program, { targets, cadence: { mode: 'spread', cycle: 2 }, observatory: { maz: { apply: 'off' } } });
    expect(free.maz).toBeUndefined();
    expect(free.visits.some((visit) => new Date(visit.startMs).getUTCMonth() >= 8)).toBe(true);
  });

  it('uses the zone where the count would otherwise drop, reports the share, and warns in the APT text', () => {
    const span = { start: '2023-09-01T00:00Z', end: '2024-01-01T00:00Z' };
    const schedule = scheduleProgram(program, { targets, cadence: { mode: 'spread', span } });
    expect(schedule.visits).toHaveLength(6);
    expect(schedule.visits.every((visit) => visit.mazMs === visit.endMs - visit.startMs)).toBe(true);
    expect(schedule.maz!.inMazMs).toBe(schedule.maz!.observingMs);
    expect(schedule.maz!.policy).toMatch(/^MAZ time used only by ECL/);
    const apt = scheduleToApt(schedule);
    expect(apt.match(/^# WARNING: observation \d+ is planned with 100% of its time in the micrometeoroid avoidance zone/gm)).toHaveLength(
      6,
    );
    expect(scheduleToCalendarText(schedule)).toMatch(
      /^MAZ: 100\.0% of 2\.9 h of observing time from 2023-09-01 in the micrometeoroid avoidance zone/m,
    );
    // iCalendar folds long lines (RFC 5545 3.1): unfold before reading.
    expect(scheduleToIcs(schedule).replace(/\r\n /g, '')).toContain('Micrometeoroid avoidance zone: 100% of the visit inside');
    // The JSON file keeps it all (angles to 0.001 degree, as files hold them): read back and
    // written again, the same text, the zone's record and each visit's time in it unchanged.
    const read = scheduleFromJson(scheduleToJson(schedule));
    expect(scheduleToJson(read)).toBe(scheduleToJson(schedule));
    expect(read.maz).toEqual(schedule.maz);
    expect(read.visits.map((visit) => visit.mazMs)).toEqual(schedule.visits.map((visit) => visit.mazMs));
  });

  it("joins windows given as split parts back together, so a block may run across the zone's edge", () => {
    // Latitude 45: windows cut by the zone. Given as visibilityWindows returns them, the
    // scheduler's windows are the whole ones.
    const [x, y, z] = fromEcliptic(90, 45);
    const target = parseTarget({ name: 'L45', ra: (((Math.atan2(y, x) / DEG) % 360) + 360) % 360, dec: Math.asin(z) / DEG });
    const span = cycleSpan(4);
    const parts = visibilityWindows(target, span);
    const whole = visibilityWindows(target, span, { splitAtMaz: false });
    expect(parts.length).toBeGreaterThan(whole.length);
    const schedule = scheduleProgram(program, {
      targets: [{ ...target, name: 'ECL' }],
      windows: { ECL: parts },
      cadence: { mode: 'spread', cycle: 4 },
    });
    expect(schedule.windows['ECL']!.map((w) => [w.startMs, w.endMs])).toEqual(whole.map((w) => [w.startMs, w.endMs]));
  });

  it('leaves program 1539 untouched in Cycle 2: its stars never enter the zone', () => {
    const schedule = scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread', cycle: 2 } });
    expect(schedule.visits.every((visit) => visit.mazMs === 0)).toBe(true);
    expect(schedule.maz?.policy).toBe('no target enters the MAZ while it is visible');
  });
});
