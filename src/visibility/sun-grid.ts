/**
 * The Sun's direction sampled once per span on a regular grid, shared by every target.
 * All targets see the same Sun, so the ephemeris is evaluated once per sample, never per target.
 * @module
 */
import { checkSunModelSpan, sunDirectionFrom } from '../observatory/sun.js';
import { assertEphemerisCovers } from '../observatory/horizons.js';
import type { SunSource } from '../observatory/observer.js';
import { MS_PER_DAY, type Span } from '../time/instant.js';

/**
 * Grid step, ms: one day. Catmull-Rom interpolation of the Sun's direction on a daily grid
 * stays within 0.03 arcsec of the directly computed direction over a year (measured: 0.020;
 * checked in test/), about 10 seconds of time at the slowest window edges of near-polar
 * targets (0.07 degree a day); the engine's budget is one minute.
 */
export const SUN_GRID_STEP_MS = MS_PER_DAY;

/**
 * Samples kept beyond each end of the span so that interpolation never runs off the grid (the
 * Catmull-Rom cubic of an instant reads one sample before it and two after). With the daily
 * step, and the last sample up to a day past the span's end, a table must cover three days
 * either side of the span (`EPHEMERIS_SPARE_MS`).
 */
const PAD_SAMPLES = 2;

/** The Sun's unit vector sampled every `stepMs` from `startMs`. */
export interface SunGrid {
  readonly startMs: number;
  readonly stepMs: number;
  readonly count: number;
  /** x, y, z of each sample, J2000 equatorial axes. */
  readonly xyz: Float64Array;
  /**
   * An upper bound on the Sun's angular rate, radians per ms: the largest step between samples
   * with 25% to spare for the rate's rise within a step (it varies by 3.4% over a year with the
   * Earth's orbital eccentricity, and by a few percent more on the halo orbit).
   */
  readonly maxRateRadPerMs: number;
  /** The span the grid was made for. */
  readonly span: Span;
  /** The model whose Sun was sampled. */
  readonly source: SunSource;
}

/**
 * Sample the Sun's direction from one model over a span (with two samples to spare at each end).
 *
 * @example
 * ```ts
 * const grid = sunGrid(cycleSpan(1), { model: 'nominal-l2' });
 * grid.count; // 370 daily samples
 * ```
 */
export function sunGrid(span: Span, source: SunSource, stepMs: number = SUN_GRID_STEP_MS): SunGrid {
  checkSunModelSpan(span);
  const startMs = span.startMs - PAD_SAMPLES * stepMs;
  const count = Math.ceil((span.endMs - span.startMs) / stepMs) + 2 * PAD_SAMPLES + 1;
  if (source.model === 'ephemeris') {
    assertEphemerisCovers(source.ephemeris, span, (PAD_SAMPLES + 1) * stepMs);
  }
  const xyz = new Float64Array(3 * count);
  let maxStepRad = 0;
  for (let k = 0; k < count; k++) {
    const s = sunDirectionFrom(source, startMs + k * stepMs);
    xyz[3 * k] = s[0];
    xyz[3 * k + 1] = s[1];
    xyz[3 * k + 2] = s[2];
    if (k > 0) {
      const chord = Math.hypot(s[0] - xyz[3 * k - 3]!, s[1] - xyz[3 * k - 2]!, s[2] - xyz[3 * k - 1]!);
      maxStepRad = Math.max(maxStepRad, 2 * Math.asin(Math.min(1, chord / 2)));
    }
  }
  return Object.freeze({ startMs, stepMs, count, xyz, maxRateRadPerMs: (1.25 * maxStepRad) / stepMs, span, source });
}

/**
 * Dot product of a unit vector with the Sun's direction at any instant inside the grid, from a
 * Catmull-Rom cubic through the four nearest samples, renormalised.
 */
export function sunDotAt(grid: SunGrid, atMs: number, ux: number, uy: number, uz: number): number {
  const position = (atMs - grid.startMs) / grid.stepMs;
  let k = Math.floor(position);
  if (k < 1) k = 1;
  if (k > grid.count - 3) k = grid.count - 3;
  const u = position - k;
  const u2 = u * u;
  const u3 = u2 * u;
  // Catmull-Rom weights of samples k-1, k, k+1, k+2.
  const w0 = 0.5 * (-u3 + 2 * u2 - u);
  const w1 = 0.5 * (3 * u3 - 5 * u2 + 2);
  const w2 = 0.5 * (-3 * u3 + 4 * u2 + u);
  const w3 = 0.5 * (u3 - u2);
  const xyz = grid.xyz;
  const i = 3 * (k - 1);
  const x = w0 * xyz[i]! + w1 * xyz[i + 3]! + w2 * xyz[i + 6]! + w3 * xyz[i + 9]!;
  const y = w0 * xyz[i + 1]! + w1 * xyz[i + 4]! + w2 * xyz[i + 7]! + w3 * xyz[i + 10]!;
  const z = w0 * xyz[i + 2]! + w1 * xyz[i + 5]! + w2 * xyz[i + 8]! + w3 * xyz[i + 11]!;
  return (x * ux + y * uy + z * uz) / Math.hypot(x, y, z);
}

/** The Sun's interpolated unit vector at an instant inside the grid. */
export function sunVectorAt(grid: SunGrid, atMs: number): [number, number, number] {
  return [sunDotAt(grid, atMs, 1, 0, 0), sunDotAt(grid, atMs, 0, 1, 0), sunDotAt(grid, atMs, 0, 0, 1)];
}
