/**
 * The observer model: which model sees which part of a span, the margin of each window edge,
 * a window that crosses the end of the table's coverage, the bundled table read only when a
 * span needs it, and the measured drift of a predicted orbit that sets the predicted-orbit
 * margin.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  angleBetweenRad,
  BUILT_IN_EPHEMERIS_COVERAGE,
  cycleSpan,
  DEFAULT_OBSERVATORY,
  EPHEMERIS_SPARE_MS,
  findTarget,
  JWST_CYCLES,
  loadBuiltInEphemeris,
  loadBuiltInProgram,
  NOMINAL_OBSERVATORY,
  observerSegments,
  PREDICTED_ORBIT_MARGIN_DAYS,
  parseHorizonsVectors,
  parseObservatory,
  parseProgram,
  scheduleProgram,
  solarElongationDeg,
  sunDirectionAt,
  visibilityWindows,
} from '../../src/advanced.js';
import { EPHEMERIS_2022, EPHEMERIS_2023, readData } from '../support/data.js';

const DAY = 86_400_000;
const ARCSEC_PER_RAD = 206_264.806;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the bundled table', () => {
  it('covers what the constants say, without reading it to know', () => {
    const table = loadBuiltInEphemeris();
    expect(table.timesMs[0]).toBe(BUILT_IN_EPHEMERIS_COVERAGE.firstMs);
    expect(table.timesMs[table.timesMs.length - 1]).toBe(BUILT_IN_EPHEMERIS_COVERAGE.lastMs);
    expect(table.generatedMs).toBe(BUILT_IN_EPHEMERIS_COVERAGE.generatedMs);
    // The header's first line: "Ephemeris / WWW_USER Tue Jun 20 08:38:32 2023 Pasadena, USA".
    expect(new Date(table.generatedMs!).toISOString()).toBe('2023-06-20T00:00:00.000Z');
  });

  /** Run the command from the sources with a preload that reports reads of Horizons tables. */
  function cliReads(...args: string[]): Promise<{ code: number; stderr: string }> {
    return new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', './test/support/report-table-reads.mjs', '--import', 'tsx', 'src/cli/main.ts', ...args],
        { cwd: ROOT },
        (error, _stdout, stderr) => {
          if (error && typeof error.code !== 'number') reject(error);
          else resolve({ code: error ? (error.code as number) : 0, stderr });
        },
      );
    });
  }

  it('is read only when a span needs it: not for Cycle 5, nor with --observer nominal-l2; for Cycle 1 it is', async () => {
    const [cycle5, nominal, cycle1] = await Promise.all([
      cliReads('windows', '--target', 'HD163466', '--cycle', '5'),
      cliReads('windows', '--target', 'HD163466', '--observer', 'nominal-l2'),
      cliReads('windows', '--target', 'HD163466'),
    ]);
    expect(cycle5).toEqual({ code: 0, stderr: '' });
    expect(nominal).toEqual({ code: 0, stderr: '' });
    // The control: the default span needs the table, and the preload sees it read once.
    expect(cycle1.code).toBe(0);
    expect(cycle1.stderr.match(/^read .*horizons_jwst_wrt_sun_2021-12-26_2025-05-29_gen2023-06-20\.txt$/gm)).toHaveLength(1);
  }, 60_000);
});

describe('which model sees which part of a span', () => {
  const serves = {
    startMs: BUILT_IN_EPHEMERIS_COVERAGE.firstMs + EPHEMERIS_SPARE_MS,
    endMs: BUILT_IN_EPHEMERIS_COVERAGE.lastMs - EPHEMERIS_SPARE_MS,
  };

  it('auto: the table where it serves (its rows less 3 days at each end), nominal L2 before and after', () => {
    const models = (span: { startMs: number; endMs: number }) =>
      observerSegments(DEFAULT_OBSERVATORY, span).map((s) => [s.source.model, s.startMs, s.endMs]);
    expect(models(cycleSpan(1))).toEqual([['ephemeris', cycleSpan(1).startMs, cycleSpan(1).endMs]]);
    expect(models(cycleSpan(3))).toEqual([
      ['ephemeris', cycleSpan(3).startMs, serves.endMs],
      ['nominal-l2', serves.endMs, cycleSpan(3).endMs],
    ]);
    for (const cycle of [4, 5, 6])
      expect(models(cycleSpan(cycle))).toEqual([['nominal-l2', cycleSpan(cycle).startMs, cycleSpan(cycle).endMs]]);
    const early = { startMs: Date.UTC(2021, 11, 20), endMs: Date.UTC(2022, 0, 10) };
    expect(models(early)).toEqual([
      ['nominal-l2', early.startMs, serves.startMs],
      ['ephemeris', serves.startMs, early.endMs],
    ]);
  });

  it('ephemeris: the table only, and a span it does not serve is an error naming the table; nominal-l2: never a table', () => {
    expect(() => observerSegments(parseObservatory({ observer: 'ephemeris' }), cycleSpan(3))).toThrow(
      /horizons_jwst_wrt_sun_2021-12-26_2025-05-29_gen2023-06-20\.txt: serves .* does not contain the span/,
    );
    expect(observerSegments(NOMINAL_OBSERVATORY, cycleSpan(1)).map((s) => s.source.model)).toEqual(['nominal-l2']);
    expect(() => parseObservatory({ observer: 'nominal-l2', ephemeris: loadBuiltInEphemeris() })).toThrow(
      /observatory.ephemeris: .*nominal-l2/,
    );
  });
});

describe('a window across the end of the table', () => {
  // HD 163466 comes into view in January 2025, inside the table, and leaves in November 2025,
  // after it: one window, its start from JWST's (predicted) orbit, its end from nominal L2.
  const span = { startMs: Date.UTC(2025, 0, 1), endMs: Date.UTC(2026, 0, 1) };
  const windows = visibilityWindows('HD163466', span);

  it("stays one window, each edge computed by the model that covers it, with that edge's margin", () => {
    expect(windows).toHaveLength(1);
    const [w] = windows as [(typeof windows)[number]];
    expect(w.observers).toEqual(['ephemeris', 'nominal-l2']);
    // After the table's generation date (2023-06-20) the orbit is a prediction: half a day.
    expect(w.startEdge).toEqual({ model: 'ephemeris', marginMs: PREDICTED_ORBIT_MARGIN_DAYS * DAY });
    expect(w.endEdge).toEqual({ model: 'nominal-l2', marginMs: 3 * DAY });
    // The same edges as each model alone finds them.
    const tableOnly = visibilityWindows(
      'HD163466',
      { startMs: span.startMs, endMs: Date.UTC(2025, 4, 20) },
      { observatory: { observer: 'ephemeris' } },
    );
    const nominalOnly = visibilityWindows('HD163466', span, { observatory: NOMINAL_OBSERVATORY });
    expect(w.startMs).toBe(tableOnly[0]!.startMs);
    expect(w.endMs).toBe(nominalOnly[0]!.endMs);
    // And they differ from each other's model by hours, as the halo orbit makes them.
    expect(Math.abs(w.startMs - nominalOnly[0]!.startMs)).toBeGreaterThan(3_600_000);
  });

  it('is in the field of regard throughout, as the model of each instant sees it', () => {
    const target = findTarget('HD163466');
    const w = windows[0]!;
    for (let t = w.startMs + 60_000; t < w.endMs - 60_000; t += 3.7 * DAY) {
      const e = solarElongationDeg(target, t, DEFAULT_OBSERVATORY);
      expect(e).toBeGreaterThanOrEqual(85);
      expect(e).toBeLessThanOrEqual(135);
    }
  });

  it("is scheduled with each edge's own margin, while the schedule keeps the true window", () => {
    const schedule = scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread', span: { start: span.startMs, end: span.endMs } } });
    expect(schedule.marginMs).toBeUndefined();
    expect(schedule.observer).toMatch(/^JWST's orbit from horizons_jwst.* nominal L2 /);
    const hd = schedule.windows['HD163466']!;
    expect(hd.map((x) => [x.startMs, x.endMs])).toEqual([[windows[0]!.startMs, windows[0]!.endMs]]);
    for (const visit of schedule.visits) {
      const window = schedule.windows[visit.target]!.find((x) => visit.startMs >= x.startMs && visit.endMs <= x.endMs)!;
      const startMargin = window.startEdge!.model === 'span' ? 0 : window.startEdge!.marginMs;
      const endMargin = window.endEdge!.model === 'span' ? 0 : window.endEdge!.marginMs;
      expect(visit.startMs - window.startMs).toBeGreaterThanOrEqual(startMargin);
      expect(window.endMs - visit.endMs).toBeGreaterThanOrEqual(endMargin);
    }
  });
});

describe('margins the scheduler keeps', () => {
  const start = Date.UTC(2025, 0, 1);
  const program = parseProgram(
    [
      '---',
      'id: 7',
      '---',
      '# 7 - T',
      '',
      '| Label | Observing Template | Science Target |',
      '|---|---|---|',
      '| A | MIRI Imaging | (1) S |',
      '| B | MIRI Imaging | (2) T |',
      '',
    ].join('\n'),
  );
  const span = { start, end: start + 30 * DAY };
  const edge = (model: 'ephemeris' | 'nominal-l2', days: number) => ({ model, marginMs: days * DAY });

  it("keeps each edge's margin, and says so when a block cannot fit", () => {
    // S: in view days 1 to 5, its start from the predicted orbit (0.5 day), its end from
    // nominal L2 (3 days): a block can start from day 1.5 and must end by day 2.
    // T: in view days 10 to 13, both edges nominal (3 days): no room at all.
    const windows = {
      S: [{ startMs: start + DAY, endMs: start + 5 * DAY, startEdge: edge('ephemeris', 0.5), endEdge: edge('nominal-l2', 3) }],
      T: [{ startMs: start + 10 * DAY, endMs: start + 13 * DAY, startEdge: edge('nominal-l2', 3), endEdge: edge('nominal-l2', 3) }],
    };
    const schedule = scheduleProgram(program, { windows, cadence: { mode: 'spread', span } });
    expect(schedule.visits).toHaveLength(1);
    const visit = schedule.visits[0]!;
    expect(visit.startMs).toBeGreaterThanOrEqual(start + 1.5 * DAY);
    expect(visit.endMs).toBeLessThanOrEqual(start + 2 * DAY);
    // The schedule keeps the true window.
    expect(visit.window).toEqual({ startMs: start + DAY, endMs: start + 5 * DAY });
    expect(schedule.unscheduled).toEqual([
      expect.objectContaining({
        target: 'T',
        reason: expect.stringMatching(/fits in no visibility window of T with each window edge's own margin kept \(0.50 days, 3 days/),
      }),
    ]);
    // An explicit margin applies to every edge instead.
    const uniform = scheduleProgram(program, { windows, cadence: { mode: 'spread', span, margin: 0 } });
    expect(uniform.visits).toHaveLength(2);
    expect(uniform.marginMs).toBe(0);
  });
});

describe('how far a predicted orbit drifts (the predicted-orbit margin)', () => {
  const older = parseHorizonsVectors(readData(EPHEMERIS_2022), 'gen2022.txt');
  const newer = parseHorizonsVectors(readData(EPHEMERIS_2023), 'gen2023.txt');
  const olderModel = parseObservatory({ observer: 'ephemeris', ephemeris: older });
  const newerModel = parseObservatory({ observer: 'ephemeris', ephemeris: newer });
  const driftArcsec = (t: number): number => angleBetweenRad(sunDirectionAt(olderModel, t), sunDirectionAt(newerModel, t)) * ARCSEC_PER_RAD;

  it('the 2022-10-07 prediction against the 2023-06-20 reconstruction: under 2 arcsec of Sun direction, edges within 2 minutes', () => {
    expect(new Date(older.generatedMs!).toISOString().slice(0, 10)).toBe('2022-10-07');
    let largest = 0;
    for (let t = older.generatedMs!; t < newer.generatedMs!; t += DAY / 4) largest = Math.max(largest, driftArcsec(t));
    expect(largest).toBeLessThan(2);
    // Where both tables are reconstructions they agree to a few hundredths of an arcsecond.
    for (let t = Date.UTC(2022, 0, 1); t < older.generatedMs!; t += 7 * DAY) expect(driftArcsec(t)).toBeLessThan(0.1);
    const span = { startMs: older.generatedMs!, endMs: newer.generatedMs! };
    for (const name of ['BD+60-1753', 'HD163466']) {
      const predicted = visibilityWindows(name, span, { observatory: olderModel });
      const reconstructed = visibilityWindows(name, span, { observatory: newerModel });
      expect(predicted.length).toBe(reconstructed.length);
      predicted.forEach((w, i) => {
        const r = reconstructed[i]!;
        if (w.startMs > span.startMs) expect(Math.abs(w.startMs - r.startMs)).toBeLessThan(2 * 60_000);
        if (w.endMs < span.endMs) expect(Math.abs(w.endMs - r.endMs)).toBeLessThan(2 * 60_000);
      });
    }
  });

  it('two predictions, up to 709 days after the older one was made: within 60 arcsec, which the margin covers twice at the slowest edges', () => {
    // 709 days is the longest prediction in the bundled table (2023-06-20 to 2025-05-29).
    let largest = 0;
    const lastMs = Math.min(older.generatedMs! + 709 * DAY, older.timesMs[older.timesMs.length - 1]! - DAY);
    for (let t = newer.generatedMs!; t <= lastMs; t += DAY / 4) largest = Math.max(largest, driftArcsec(t));
    expect(largest).toBeLessThan(60);
    // The slowest rate of elongation at the program stars' Cycle 1 edges, degrees a day.
    let slowest = Infinity;
    for (const name of ['BD+60-1753', 'HD163466']) {
      const target = findTarget(name);
      const w = visibilityWindows(target, cycleSpan(1));
      for (const edgeMs of [w[0]!.endMs, w[1]!.startMs]) {
        slowest = Math.min(slowest, Math.abs(solarElongationDeg(target, edgeMs + DAY) - solarElongationDeg(target, edgeMs - DAY)) / 2);
      }
    }
    expect(slowest).toBeGreaterThan(0.065);
    const edgeShiftDays = 60 / 3600 / slowest;
    expect(PREDICTED_ORBIT_MARGIN_DAYS).toBeGreaterThanOrEqual(2 * edgeShiftDays);
  });
});

describe('cycles', () => {
  it('knows Cycles 1 to 6, each from 1 July to the next 1 July', () => {
    expect(Object.keys(JWST_CYCLES)).toEqual(['1', '2', '3', '4', '5', '6']);
    for (let cycle = 1; cycle <= 6; cycle++) {
      expect(cycleSpan(cycle)).toEqual({ startMs: Date.UTC(2021 + cycle, 6, 1), endMs: Date.UTC(2022 + cycle, 6, 1) });
    }
    expect(() => cycleSpan(7)).toThrow(/cycle: no dates are known for cycle 7; known cycles are 1, 2, 3, 4, 5, 6/);
    expect(() => cycleSpan(1.5)).toThrow(/known cycles are/);
    expect(() => scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread', cycle: 9 } })).toThrow(
      /^cadence\.cycle: no dates are known for cycle 9/,
    );
  });
});
