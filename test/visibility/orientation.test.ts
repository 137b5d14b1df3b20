/**
 * Orientation: every visit's V3PA against an independent computation (the position angle from
 * spherical trigonometry, the roll half-range from the published pointing model, written out
 * here), including near the pitch limits where the roll range narrows; windows narrowed to an
 * orientation; visits scheduled under a constraint able to hold it throughout; arcs of angle
 * against brute force; the series check; held bands.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AngleRange,
  APERTURE_OFFSETS,
  angleRangeContains,
  commonAngleRange,
  cycleSpan,
  DEFAULT_OBSERVATORY,
  findTarget,
  heldV3Pa,
  intersectAngleRanges,
  loadBuiltInProgram,
  mostSharedAngleRange,
  normalizeAngleRange,
  parseAngleRangeText,
  parseTarget,
  positionAtDeg,
  resolveOrientation,
  scheduleProgram,
  seriesOrientation,
  sunDirectionAt,
  type Target,
  visibilityWindows,
} from '../../src/advanced.js';

const DEG = Math.PI / 180;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Wrap into [-180, 180). */
const wrap180 = (deg: number): number => ((((deg + 180) % 360) + 360) % 360) - 180;

/**
 * The Sun's position angle seen from the target, degrees east of north, by the spherical
 * trigonometry of the position angle of one point from another:
 * tan PA = cos d2 sin(a2 - a1) / (sin d2 cos d1 - cos d2 sin d1 cos(a2 - a1)).
 */
function sunPositionAngleDeg(target: Target, atMs: number): number {
  const { raDeg, decDeg } = positionAtDeg(target, atMs);
  const [x, y, z] = sunDirectionAt(DEFAULT_OBSERVATORY, atMs);
  const a1 = raDeg * DEG;
  const d1 = decDeg * DEG;
  const a2 = Math.atan2(y, x);
  const d2 = Math.asin(z);
  const pa = Math.atan2(Math.cos(d2) * Math.sin(a2 - a1), Math.sin(d2) * Math.cos(d1) - Math.cos(d2) * Math.sin(d1) * Math.cos(a2 - a1));
  return pa / DEG;
}

/** Solar elongation by the spherical law of cosines, degrees. */
function elongationDeg(target: Target, atMs: number): number {
  const { raDeg, decDeg } = positionAtDeg(target, atMs);
  const [x, y, z] = sunDirectionAt(DEFAULT_OBSERVATORY, atMs);
  const a2 = Math.atan2(y, x);
  const d2 = Math.asin(z);
  const d1 = decDeg * DEG;
  return Math.acos(Math.sin(d1) * Math.sin(d2) + Math.cos(d1) * Math.cos(d2) * Math.cos(a2 - raDeg * DEG)) / DEG;
}

/**
 * The roll half-range of STScI's published pointing model (jwst_gtvt), written out again here:
 * the sun-roll limit is 5.2 degrees while the Sun's pitch is at most 2.5 degrees, then falls by
 * 1.7 degrees over the next 2.7, less a 0.1-degree pad; the Sun's pitch in the rolled frame
 * depends on the roll, so the two are iterated to a fixed point; the V3PA half-range is then
 * asin(sin(sun roll) / cos(vehicle pitch)), vehicle pitch = 90 - elongation.
 */
function publishedHalfRangeDeg(elongation: number): number {
  const pitch = (90 - elongation) * DEG;
  let roll = 5.2 * DEG;
  for (let i = 0; i < 200; i++) {
    const sunPitch = Math.asin(Math.max(-1, Math.min(1, Math.sin(pitch) / Math.cos(roll))));
    const limit = 5.2 * DEG - (sunPitch > 2.5 * DEG ? (1.7 / 2.7) * (sunPitch - 2.5 * DEG) : 0) - 0.1 * DEG;
    if (Math.abs(limit - roll) < 1e-12) break;
    roll = limit;
  }
  return Math.asin(Math.max(-1, Math.min(1, Math.sin(roll) / Math.cos(pitch)))) / DEG;
}

/**
 * What a visit can hold, computed independently: every minute of the visit, the reachable
 * range is nominal (Sun's position angle + 180) plus or minus the half-range; the range held
 * throughout is the largest lower end to the smallest upper end, unwrapped about the nominal at
 * the start. Returns the lower and upper end as offsets from that nominal, and the nominal.
 */
function independentHold(target: Target, startMs: number, endMs: number): { nominalDeg: number; lower: number; upper: number } {
  const nominalDeg = (sunPositionAngleDeg(target, startMs) + 180 + 360) % 360;
  let lower = -Infinity;
  let upper = Infinity;
  for (let t = startMs; ; t = Math.min(t + MINUTE, endMs)) {
    const offset = wrap180(sunPositionAngleDeg(target, t) + 180 - nominalDeg);
    const half = publishedHalfRangeDeg(elongationDeg(target, t));
    lower = Math.max(lower, offset - half);
    upper = Math.min(upper, offset + half);
    if (t >= endMs) break;
  }
  return { nominalDeg, lower, upper };
}

/** A reported range against the independent one: nominal and both ends within the tolerances. */
function expectHold(
  reported: { nominalDeg: number; minDeg: number; maxDeg: number },
  expected: { nominalDeg: number; lower: number; upper: number },
  where: string,
): void {
  expect(Math.abs(wrap180(reported.nominalDeg - expected.nominalDeg)), `${where}: nominal`).toBeLessThan(1e-3);
  expect(Math.abs(wrap180(reported.minDeg - (expected.nominalDeg + expected.lower))), `${where}: lower end`).toBeLessThan(5e-3);
  expect(Math.abs(wrap180(reported.maxDeg - (expected.nominalDeg + expected.upper))), `${where}: upper end`).toBeLessThan(5e-3);
}

const schedule1539 = scheduleProgram(loadBuiltInProgram());

describe("each visit's V3PA", () => {
  it('equals, for every visit of program 1539 in Cycle 1, the independent position angle and the published roll model', () => {
    expect(schedule1539.visits).toHaveLength(86);
    for (const visit of schedule1539.visits) {
      expect(visit.v3pa, `observation ${visit.observation}`).toBeDefined();
      expectHold(visit.v3pa!, independentHold(findTarget(visit.target), visit.startMs, visit.endMs), `observation ${visit.observation}`);
    }
  });

  it('narrows near the pitch limits as the model says: about 3.5 degrees at 85 of elongation, 7.2 at 135', () => {
    // A target on the ecliptic crosses the whole field of regard in each window: its first
    // hours after the window opens and before it closes lie at the two limits.
    const target = parseTarget({ name: 'ECL', ra: 90, dec: 23.4393 });
    const windows = visibilityWindows(target, { start: '2023-01-01T00:00Z', end: '2024-01-01T00:00Z' }, { splitAtMaz: false });
    expect(windows.length).toBe(2);
    const seen = new Set<string>();
    for (const window of windows) {
      for (const [startMs, endMs] of [
        [window.startMs + HOUR, window.startMs + 3 * HOUR],
        [window.endMs - 3 * HOUR, window.endMs - HOUR],
      ] as const) {
        const held = heldV3Pa(target, startMs, endMs, { observatory: DEFAULT_OBSERVATORY });
        const expected = independentHold(target, startMs, endMs);
        expectHold(held, expected, `${new Date(startMs).toISOString()}`);
        const e = elongationDeg(target, startMs);
        const half = (expected.upper - expected.lower) / 2;
        if (e < 86) {
          seen.add('85');
          expect(half).toBeGreaterThan(3.3);
          expect(half).toBeLessThan(3.8);
        } else if (e > 134) {
          seen.add('135');
          expect(half).toBeGreaterThan(7.0);
          expect(half).toBeLessThan(7.3);
        }
      }
    }
    expect([...seen].sort()).toEqual(['135', '85']);
  });

  it('is an empty hold only for a visit far longer than a day (the nominal turns by more than the roll range)', () => {
    const target = findTarget('HD163466');
    const start = Date.UTC(2022, 7, 20);
    expect(heldV3Pa(target, start, start + 6 * HOUR, { observatory: DEFAULT_OBSERVATORY }).holdable).toBe(true);
    // HD 163466's nominal V3PA turns by about 0.9 degree a day; 20 days exceed the 10-degree range.
    expect(heldV3Pa(target, start, start + 20 * DAY, { observatory: DEFAULT_OBSERVATORY }).holdable).toBe(false);
  });
});

describe('windows narrowed to an orientation', () => {
  const target = findTarget('HD163466');
  const plain = visibilityWindows(target, cycleSpan(1));
  const narrowed = visibilityWindows(target, cycleSpan(1), { v3pa: { minDeg: 100, maxDeg: 120 } });

  /** Whether the reachable range overlaps [100, 120] at an instant, by the independent formulae. */
  const reachable = (atMs: number): boolean => {
    const nominal = sunPositionAngleDeg(target, atMs) + 180;
    return Math.abs(wrap180(nominal - 110)) <= publishedHalfRangeDeg(elongationDeg(target, atMs)) + 10;
  };

  it('lie inside the visibility windows, and flip the independent overlap test at their edges', () => {
    expect(narrowed.length).toBeGreaterThan(0);
    for (const window of narrowed) {
      expect(plain.some((w) => w.startMs <= window.startMs && w.endMs >= window.endMs)).toBe(true);
      for (const [edgeMs, edge, inward] of [
        [window.startMs, window.startEdge, 1],
        [window.endMs, window.endEdge, -1],
      ] as const) {
        if (edge.constraint !== 'v3pa') continue;
        expect(reachable(edgeMs + inward * MINUTE)).toBe(true);
        expect(reachable(edgeMs - inward * MINUTE)).toBe(false);
      }
    }
  });

  it('hold every instant the range is reachable in the visible time (checked hourly)', () => {
    for (const window of plain) {
      for (let t = window.startMs; t < window.endMs; t += HOUR) {
        const inside = narrowed.some((w) => t >= w.startMs && t <= w.endMs);
        if (reachable(t)) expect(inside, new Date(t).toISOString()).toBe(true);
        else expect(inside, new Date(t).toISOString()).toBe(false);
      }
    }
  });

  it('are the same for the aperture PA range of NIRSpec (offset 138.5) that is this V3PA range', () => {
    const aperture = visibilityWindows(target, cycleSpan(1), {
      orientation: { aperturePa: { minDeg: 238.5, maxDeg: 258.5 }, instrument: 'NIRSpec' },
    });
    expect(aperture.map((w) => [w.startMs, w.endMs])).toEqual(narrowed.map((w) => [w.startMs, w.endMs]));
    expect(APERTURE_OFFSETS.NIRSpec.offsetDeg).toBe(138.5);
  });
});

/** Whether one angle of `asked` is reachable at every minute of a visit, by the independent formulae. */
function holdsThroughout(target: Target, startMs: number, endMs: number, asked: AngleRange): boolean {
  const { nominalDeg, lower, upper } = independentHold(target, startMs, endMs);
  const width = (asked.maxDeg - asked.minDeg + 360) % 360;
  const askedLow = wrap180(asked.minDeg - nominalDeg);
  // The asked arc, unwrapped about the nominal: [askedLow, askedLow + width], or shifted by 360.
  return [askedLow - 360, askedLow, askedLow + 360].some((low) => Math.max(low, lower) <= Math.min(low + width, upper) + 1e-3);
}

describe('scheduling under an orientation constraint', () => {
  it('places every constrained visit of HD163466 where it can hold an angle of 100..120 throughout', () => {
    const schedule = scheduleProgram(loadBuiltInProgram(), {
      orientation: { constraints: [{ target: 'HD163466', v3pa: { minDeg: 100, maxDeg: 120 } }] },
    });
    const constrained = schedule.visits.filter((visit) => visit.target === 'HD163466');
    expect(constrained.length).toBeGreaterThan(0);
    for (const visit of constrained) {
      expect(visit.orientation).toMatchObject({ v3pa: { minDeg: 100, maxDeg: 120 }, origin: 'asked' });
      expect(
        holdsThroughout(findTarget(visit.target), visit.startMs, visit.endMs, { minDeg: 100, maxDeg: 120 }),
        `observation ${visit.observation}`,
      ).toBe(true);
    }
    // Unconstrained visits are placed as before (BD+60-1753's series are untouched).
    expect(schedule.visits.filter((visit) => visit.target === 'BD+60-1753').every((visit) => visit.orientation === undefined)).toBe(true);
  });

  it('holds for any constraint arc (property, seeded): constrained visits placed can hold it, or are listed as not placed', () => {
    const program = loadBuiltInProgram();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 359 }), fc.integer({ min: 0, max: 40 }), (startDeg, widthDeg) => {
        const asked = normalizeAngleRange(startDeg, startDeg + widthDeg);
        const schedule = scheduleProgram(program, {
          orientation: {
            constraints: [
              { series: 'HD163466 / MIRI Medium Resolution Spectroscopy', v3pa: { minDeg: asked.minDeg, maxDeg: asked.minDeg + widthDeg } },
            ],
          },
        });
        const series = schedule.visits.filter((visit) => visit.series === 'HD163466 / MIRI Medium Resolution Spectroscopy');
        for (const visit of series) expect(holdsThroughout(findTarget(visit.target), visit.startMs, visit.endMs, asked)).toBe(true);
        expect(
          series.length + schedule.unscheduled.filter((visit) => visit.series === 'HD163466 / MIRI Medium Resolution Spectroscopy').length,
        ).toBe(12);
      }),
      { seed: 20221, numRuns: 6 },
    );
  });

  it('refuses constraints that name nothing in the program, or a visit twice, naming the field', () => {
    const program = loadBuiltInProgram();
    const run = (orientation: unknown) => () => scheduleProgram(program, { orientation: orientation as never });
    expect(run({ constraints: [{ target: 'Vega', v3pa: { minDeg: 1, maxDeg: 2 } }] })).toThrow(
      /^orientation\.constraints\.0\.target: the program has no visit of "Vega"/,
    );
    expect(run({ constraints: [{ observations: [999], v3pa: { minDeg: 1, maxDeg: 2 } }] })).toThrow(
      /^orientation\.constraints\.0\.observations: observation 999 does not exist/,
    );
    expect(
      run({
        constraints: [
          { target: 'HD163466', v3pa: { minDeg: 1, maxDeg: 2 } },
          { observations: [63], v3pa: { minDeg: 1, maxDeg: 2 } },
        ],
      }),
    ).toThrow(/^orientation\.constraints\.1: observation 63 is already constrained by orientation\.constraints\.0/);
    expect(run({ constraints: [{ target: 'HD163466', series: 'x', v3pa: { minDeg: 1, maxDeg: 2 } }] })).toThrow(
      /name exactly one of target, series or observations/,
    );
    expect(run({ constraints: [{ target: 'HD163466', v3pa: { minDeg: Number.NaN, maxDeg: 2 } }] })).toThrow(
      /^orientation\.constraints\.0\.v3pa\.minDeg: /,
    );
    // MIRI MRS has no tabulated offset: an aperture PA range for it needs one given.
    expect(run({ constraints: [{ target: 'HD163466', aperturePa: { minDeg: 1, maxDeg: 2 } }] })).toThrow(
      /not tabulated\): give instrument .* or offsetDeg/,
    );
    expect(() => resolveOrientation({ aperturePa: { minDeg: 1, maxDeg: 2 }, instrument: 'NIRSpec', offsetDeg: 3 })).toThrow(/not both/);
  });
});

describe('arcs of angle', () => {
  const arc = fc.record({ start: fc.double({ min: -720, max: 720, noNaN: true }), width: fc.double({ min: 0, max: 359, noNaN: true }) });

  it('intersect as brute force over a fine grid of angles says (property, seeded)', () => {
    fc.assert(
      fc.property(arc, arc, (a, b) => {
        const x = normalizeAngleRange(a.start, a.start + a.width);
        const y = normalizeAngleRange(b.start, b.start + b.width);
        const both = intersectAngleRanges(x, y);
        for (let deg = 0; deg < 360; deg += 0.37) {
          const inBoth = angleRangeContains(x, deg, -1e-9) && angleRangeContains(y, deg, -1e-9);
          if (inBoth) expect(both !== undefined).toBe(true);
        }
        if (both) {
          // Every angle of the answer lies in both (ends within rounding).
          for (const deg of [both.minDeg, both.maxDeg, (both.minDeg + ((both.maxDeg - both.minDeg + 360) % 360) / 2) % 360]) {
            expect(angleRangeContains(x, deg, 1e-9) && angleRangeContains(y, deg, 1e-9)).toBe(true);
          }
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('give the most shared angle as a count brute force confirms (property, seeded)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ start: fc.integer({ min: 0, max: 359 }), width: fc.integer({ min: 0, max: 30 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        (arcs) => {
          const ranges = arcs.map((a) => normalizeAngleRange(a.start, a.start + a.width));
          let best = 0;
          for (let deg = 0; deg < 360; deg += 0.5) best = Math.max(best, ranges.filter((range) => angleRangeContains(range, deg)).length);
          const shared = mostSharedAngleRange(ranges)!;
          expect(shared.count).toBe(best);
          expect(shared.members.every((index) => angleRangeContains(ranges[index]!, shared.range.minDeg, 1e-9))).toBe(true);
          expect(commonAngleRange(ranges) !== undefined).toBe(best === ranges.length);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it('read MIN:MAX text, negative and through north, and refuse anything else with the option named', () => {
    expect(parseAngleRangeText('100:120', '--v3pa')).toEqual({ minDeg: 100, maxDeg: 120 });
    expect(parseAngleRangeText('-10:10', '--v3pa')).toEqual({ minDeg: 350, maxDeg: 10 });
    expect(parseAngleRangeText('350:10', '--v3pa')).toEqual({ minDeg: 350, maxDeg: 10 });
    expect(() => parseAngleRangeText('100', '--v3pa')).toThrow(/^--v3pa: expected MIN:MAX/);
    expect(() => parseAngleRangeText('1:2:3', '--v3pa')).toThrow(/^--v3pa: /);
  });
});

describe('one orientation across a series', () => {
  it('finds the common range of the epochs, or the range most of them share', () => {
    const visit = (epoch: number, minDeg: number, maxDeg: number) => ({
      observation: epoch,
      series: 'S',
      epoch,
      startMs: epoch * DAY,
      v3pa: { nominalDeg: minDeg, minDeg, maxDeg },
    });
    const [common] = seriesOrientation([visit(1, 100, 110), visit(2, 104, 114), visit(3, 106, 116)]);
    expect(common!.common).toEqual({ minDeg: 106, maxDeg: 110 });
    const [split] = seriesOrientation([visit(1, 355, 5), visit(2, 358, 8), visit(3, 100, 110)]);
    expect(split!.common).toBeUndefined();
    expect(split!.best).toEqual({ range: { minDeg: 358, maxDeg: 5 }, epochs: [1, 2] });
  });

  it("in program 1539: HD 163466's MRS epochs, about 2.8 days apart under a 100..120 constraint, share an angle only in part", () => {
    const schedule = scheduleProgram(loadBuiltInProgram(), {
      orientation: { constraints: [{ target: 'HD163466', v3pa: { minDeg: 100, maxDeg: 120 } }] },
    });
    const mrs = seriesOrientation(schedule.visits).find((series) => series.series === 'HD163466 / MIRI Medium Resolution Spectroscopy')!;
    // Each range is what the visit can hold; the common range, if any, lies in every one.
    for (const epoch of mrs.epochs) {
      const visit = schedule.visits.find((v) => v.observation === epoch.observation)!;
      expect(epoch.range).toEqual({ minDeg: visit.v3pa!.minDeg, maxDeg: visit.v3pa!.maxDeg });
    }
    const shared = mrs.common ?? mrs.best!.range;
    const holders = mrs.common ? mrs.epochs : mrs.epochs.filter((epoch) => mrs.best!.epochs.includes(epoch.epoch));
    for (const epoch of holders) expect(angleRangeContains(epoch.range, shared.minDeg, 1e-9)).toBe(true);
  });

  it('holds one band when asked: every held epoch can reach the chosen band, so one angle serves them all', () => {
    const series = 'HD163466 / MIRI Medium Resolution Spectroscopy';
    const schedule = scheduleProgram(loadBuiltInProgram(), { orientation: { hold: [{ series, bandDeg: 0 }] } });
    const held = schedule.visits.filter((visit) => visit.series === series);
    expect(held.length).toBeGreaterThan(1);
    const band = held[0]!.orientation!.v3pa;
    expect(band.minDeg).toBe(band.maxDeg);
    for (const visit of held) {
      expect(visit.orientation).toMatchObject({ origin: 'held', v3pa: band });
      expect(holdsThroughout(findTarget(visit.target), visit.startMs, visit.endMs, band), `observation ${visit.observation}`).toBe(true);
    }
    const check = seriesOrientation(schedule.visits).find((entry) => entry.series === series)!;
    expect(check.common).toBeDefined();
    expect(angleRangeContains(check.common!, band.minDeg, 1e-3)).toBe(true);
    expect(schedule.notes?.some((note) => note.startsWith(`series ${series} held within V3PA`))).toBe(true);
  });
});
