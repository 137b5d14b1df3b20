import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { angleBetweenRad, parseHorizonsVectors, solarElongationDeg, sunDirectionAt, v3PositionAngle } from '../../src/observatory/face.js';
import { DEFAULT_OBSERVATORY, NOMINAL_OBSERVATORY, type ObservatoryModel, parseObservatory } from '../../src/observatory/model.js';
import { findTarget } from '../../src/sky/face.js';
import { parseTarget, type Target } from '../../src/sky/target.js';
import { cycleSpan } from '../../src/time/cycles.js';
import { observerGrids, referenceVisibilityIntervals, visibilityWindows, visibilityWindowsForTargets } from '../../src/visibility/face.js';
import { EPHEMERIS_2023, readData } from '../support/data.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const CYCLE_1 = cycleSpan(1);

function inField(target: Target, atMs: number, observatory: ObservatoryModel): boolean {
  const e = solarElongationDeg(target, atMs, observatory);
  return e >= observatory.fieldOfRegard.minElongationDeg && e <= observatory.fieldOfRegard.maxElongationDeg;
}

/** Every edge inside the span: in the field on one side a minute away, out of it on the other. */
function expectEdgesWithinAMinute(
  target: Target,
  observatory: ObservatoryModel,
  windows: ReturnType<typeof visibilityWindows>,
  span = CYCLE_1,
): void {
  for (const w of windows) {
    if (w.startMs > span.startMs) {
      expect(inField(target, w.startMs - MINUTE, observatory), `before start ${new Date(w.startMs).toISOString()}`).toBe(false);
      expect(inField(target, w.startMs + MINUTE, observatory), `after start ${new Date(w.startMs).toISOString()}`).toBe(true);
    }
    if (w.endMs < span.endMs) {
      expect(inField(target, w.endMs - MINUTE, observatory), `before end ${new Date(w.endMs).toISOString()}`).toBe(true);
      expect(inField(target, w.endMs + MINUTE, observatory), `after end ${new Date(w.endMs).toISOString()}`).toBe(false);
    }
  }
}

describe('visibility windows of the program stars in Cycle 1', () => {
  const ephemeris = parseHorizonsVectors(readData(EPHEMERIS_2023), 'horizons');
  const real = parseObservatory({ observer: 'ephemeris', ephemeris });

  for (const [label, observatory] of [
    ['nominal L2', NOMINAL_OBSERVATORY],
    ['Horizons ephemeris', real],
  ] as const) {
    it(`${label}: two windows each, edges within a minute of the true crossings`, () => {
      for (const name of ['BD+60-1753', 'HD163466']) {
        const target = findTarget(name);
        const windows = visibilityWindows(target, CYCLE_1, { observatory });
        // Both stars are 6-7 degrees from the CVZ: one long window a year, and one gap of
        // 70 to 95 days (docs/jwst-facts); Cycle 1 starts and ends inside the long window.
        expect(windows).toHaveLength(2);
        expect(windows[0]!.startMs).toBe(CYCLE_1.startMs);
        expect(windows[1]!.endMs).toBe(CYCLE_1.endMs);
        const gapDays = (windows[1]!.startMs - windows[0]!.endMs) / DAY;
        expect(gapDays).toBeGreaterThan(65);
        expect(gapDays).toBeLessThan(100);
        expectEdgesWithinAMinute(target, observatory, windows);
      }
    });
  }

  it('the halo orbit moves each edge by no more than the Sun offset there over the edge elongation rate', () => {
    // Near an edge, the real Sun direction differs from the geocentric one by some angle a (the
    // halo orbit's tilt, up to ~0.29 degree); an edge where elongation changes at r degrees a
    // day moves by at most a/r days. a is taken as its largest value within 3 days of the edge.
    for (const name of ['BD+60-1753', 'HD163466']) {
      const target = findTarget(name);
      const nominal = visibilityWindows(target, CYCLE_1, { observatory: NOMINAL_OBSERVATORY });
      const precise = visibilityWindows(target, CYCLE_1, { observatory: real });
      const edges = [nominal[0]!.endMs, nominal[1]!.startMs];
      const preciseEdges = [precise[0]!.endMs, precise[1]!.startMs];
      edges.forEach((edgeMs, i) => {
        const rateDegPerDay = Math.abs(solarElongationDeg(target, edgeMs + DAY) - solarElongationDeg(target, edgeMs - DAY)) / 2;
        expect(rateDegPerDay).toBeGreaterThan(0.06); // the facts: 0.07 to 0.095 degree a day
        let offsetDeg = 0;
        for (let t = edgeMs - 3 * DAY; t <= edgeMs + 3 * DAY; t += DAY / 4) {
          offsetDeg = Math.max(
            offsetDeg,
            (angleBetweenRad(sunDirectionAt(real, t), sunDirectionAt(NOMINAL_OBSERVATORY, t)) * 180) / Math.PI,
          );
        }
        const shiftMs = Math.abs(preciseEdges[i]! - edgeMs);
        expect(shiftMs).toBeLessThanOrEqual((offsetDeg / rateDegPerDay) * DAY);
        expect(shiftMs).toBeGreaterThan(3_600_000); // and the shift is real: hours, not seconds
      });
    }
  });

  it('reports a V3PA range that contains the nominal V3PA at every sampled moment', () => {
    const target = findTarget('HD163466');
    for (const w of visibilityWindows(target, CYCLE_1)) {
      // The default observer: JWST's orbit from the bundled table throughout Cycle 1.
      expect(w.observers).toEqual(['ephemeris']);
      for (let t = w.startMs; t < w.endMs; t += 5.3 * DAY) {
        const { nominalDeg } = v3PositionAngle(target, t);
        const width = (w.v3pa.maxDeg - w.v3pa.minDeg + 360) % 360 || 360;
        const offset = (nominalDeg - w.v3pa.minDeg + 360) % 360;
        expect(offset).toBeLessThanOrEqual(width + 0.5);
      }
    }
  });
});

describe('special skies', () => {
  it('a continuous-viewing-zone target has one window for the whole year', () => {
    const windows = visibilityWindows({ name: 'NEP', ra: 270, dec: 66.56 }, CYCLE_1);
    expect(windows).toHaveLength(1);
    expect(windows[0]!.startMs).toBe(CYCLE_1.startMs);
    expect(windows[0]!.endMs).toBe(CYCLE_1.endMs);
    expect(windows[0]!.durationDays).toBe(365);
    expect(windows[0]!.v3pa).toEqual({ minDeg: 0, maxDeg: 360 });
  });

  it('a target never in the field (too close to the Sun, elongation capped at 85) has none', () => {
    // A field of regard of 170..180 degrees: nothing on the sky is ever that far from the Sun for
    // a whole year, and a star near the ecliptic pole never is at all.
    const observatory = parseObservatory({ fieldOfRegard: { minElongationDeg: 170, maxElongationDeg: 180 } });
    expect(visibilityWindows('BD+60-1753', CYCLE_1, { observatory })).toEqual([]);
  });

  it('an ecliptic target has two windows a year, each about 50 days', () => {
    // On the ecliptic, elongation runs 0..180 at ~1 degree a day: 85..135 is 50 days, twice.
    const windows = visibilityWindows({ name: 'ecliptic', ra: 90, dec: 23.4393 }, { start: '2022-01-01T00:00Z', end: '2023-01-01T00:00Z' });
    expect(windows).toHaveLength(2);
    for (const w of windows) expect(Math.abs(w.durationDays - 50)).toBeLessThan(3);
  });
});

describe('properties over random targets and spans', () => {
  const target = fc.record({
    name: fc.constant('random'),
    ra: fc.double({ min: 0, max: 359.999, noNaN: true }),
    dec: fc.double({ min: -90, max: 90, noNaN: true }),
  });
  const span = fc
    .record({ startDay: fc.integer({ min: 0, max: 700 }), lengthDays: fc.double({ min: 0.5, max: 400, noNaN: true }) })
    .map(({ startDay, lengthDays }) => ({
      startMs: Date.UTC(2022, 0, 1) + startDay * DAY + 3_600_000 * 7.3,
      endMs: Date.UTC(2022, 0, 1) + startDay * DAY + 3_600_000 * 7.3 + Math.round(lengthDays * DAY),
    }));

  it('windows are sorted, disjoint, inside the span; samples inside are in the field and samples outside are not', () => {
    fc.assert(
      fc.property(target, span, fc.integer({ min: 0, max: 1000 }), (input, s, seed) => {
        const t = parseTarget(input);
        const windows = visibilityWindows(t, s);
        let previousEnd = s.startMs;
        for (const w of windows) {
          expect(w.startMs).toBeGreaterThanOrEqual(previousEnd);
          expect(w.endMs).toBeGreaterThan(w.startMs);
          expect(w.endMs).toBeLessThanOrEqual(s.endMs);
          expect(Number.isFinite(w.v3pa.minDeg) && Number.isFinite(w.v3pa.maxDeg)).toBe(true);
          previousEnd = w.endMs;
        }
        // 40 sample instants, each checked away from the edges by a minute.
        for (let i = 0; i < 40; i++) {
          const at = s.startMs + ((i + (seed % 97) / 97) / 40) * (s.endMs - s.startMs);
          const near = windows.some((w) => Math.abs(at - w.startMs) < MINUTE || Math.abs(at - w.endMs) < MINUTE);
          if (near) continue;
          const inside = windows.some((w) => at >= w.startMs && at < w.endMs);
          // The default observer: the bundled table where it serves, nominal L2 outside.
          expect(inField(t, at, DEFAULT_OBSERVATORY)).toBe(inside);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the fast engine and the plain hourly reference agree to within a minute', () => {
    fc.assert(
      fc.property(target, (input) => {
        const t = parseTarget(input);
        const fast = visibilityWindows(t, CYCLE_1);
        const reference = referenceVisibilityIntervals(t, CYCLE_1);
        // The reference misses dips shorter than its hour step; compare only where it has them all.
        if (fast.some((w) => w.endMs - w.startMs < 2 * 3_600_000)) return;
        expect(fast.length).toBe(reference.length);
        fast.forEach((w, i) => {
          expect(Math.abs(w.startMs - reference[i]![0])).toBeLessThanOrEqual(MINUTE);
          expect(Math.abs(w.endMs - reference[i]![1])).toBeLessThanOrEqual(MINUTE);
        });
      }),
      { numRuns: 12 },
    );
  });

  it('one shared set of Sun grids gives the same windows as grids per target', () => {
    const targets = [findTarget('BD+60-1753'), findTarget('HD163466'), parseTarget({ name: 'x', ra: 10, dec: -30 })];
    for (const observatory of [NOMINAL_OBSERVATORY, DEFAULT_OBSERVATORY]) {
      const grids = observerGrids(CYCLE_1, observatory);
      const together = visibilityWindowsForTargets(targets, CYCLE_1, { observatory, grids });
      targets.forEach((t, i) => {
        expect(together[i]).toEqual(visibilityWindows(t, CYCLE_1, { observatory }));
      });
    }
  });
});

describe('bad input', () => {
  it('names the field: declination, right ascension, sexagesimal, NaN, reversed span, uncovered ephemeris', () => {
    expect(() => visibilityWindows({ name: 'x', ra: 10, dec: 95 }, CYCLE_1)).toThrow(/dec: declination must be in \[-90, 90\]/);
    expect(() => visibilityWindows({ name: 'x', ra: 360, dec: 0 }, CYCLE_1)).toThrow(/ra: right ascension must be in \[0, 360\)/);
    expect(() => visibilityWindows({ name: 'x', ra: '25:00:00', dec: 0 }, CYCLE_1)).toThrow(/ra: /);
    expect(() => visibilityWindows({ name: 'x', ra: '12:61:00', dec: 0 }, CYCLE_1)).toThrow(/ra: .*below 60/);
    expect(() => visibilityWindows({ name: 'x', ra: Number.NaN, dec: 0 }, CYCLE_1)).toThrow(/ra: /);
    expect(() => visibilityWindows('HD163466', { start: '2023-01-01T00:00Z', end: '2022-01-01T00:00Z' })).toThrow(
      /end must be after start/,
    );
    const ephemeris = parseHorizonsVectors(readData(EPHEMERIS_2023), 'horizons.txt');
    expect(() => visibilityWindows('HD163466', cycleSpan(3), { observatory: { observer: 'ephemeris', ephemeris } })).toThrow(
      /horizons.txt: serves .* which does not contain the span 2024-07-01T00:00:00Z to 2025-07-01T00:00:00Z/,
    );
  });
});
