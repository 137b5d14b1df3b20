/**
 * The Sun's direction sampled once per span on a regular grid, shared by every target.
 * All targets see the same Sun, so the ephemeris is evaluated once per sample, never per target.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { requireCoverage } from '../observatory/horizons.js';
import { type SunSource, SunSourceSchema } from '../observatory/observer.js';
import { requireModelYears, sunDirectionFrom } from '../observatory/sun.js';
import { MS_PER_DAY, type Span, SpanRecordSchema } from '../time/instant.js';
import { addIssues, FiniteNumber, type SameShape } from '../validation.js';

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

/**
 * The most samples one grid may hold: 100,000. The default daily step over the longest span the
 * model takes (2000 to 2100) makes 36,530; an hourly step over a year 8,766. Each sample is one
 * computation of the Sun (about 5 microseconds for nominal L2), so a grid stays within a second;
 * a finer step over a long span is refused before any work.
 */
export const MAX_SUN_GRID_SAMPLES = 100_000;

/** The finest grid step taken, ms: one second, the resolution edges are found to. */
const MIN_STEP_MS = 1000;

/** The arguments of {@link sunGrid}: a span, a source, and a step no longer than a day. */
export const SunGridArguments = z
  .object({
    span: SpanRecordSchema,
    source: SunSourceSchema,
    stepMs: FiniteNumber.min(MIN_STEP_MS, 'must be at least one second').max(
      SUN_GRID_STEP_MS,
      'must be at most one day (the step the interpolation is stated for)',
    ),
  })
  .refine((a) => sampleCount(a.span, a.stepMs) <= MAX_SUN_GRID_SAMPLES, {
    error: () =>
      `makes more samples over the span than the ${MAX_SUN_GRID_SAMPLES.toLocaleString('en-US')} a grid may hold; take a longer step or a shorter span`,
    path: ['stepMs'],
  });

/** The samples a grid over `span` holds with step `stepMs`: the span, and the spare samples at each end. */
function sampleCount(span: Span, stepMs: number): number {
  return Math.ceil((span.endMs - span.startMs) / stepMs) + 2 * PAD_SAMPLES + 1;
}

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
  requireModelYears(span);
  if (source.model === 'ephemeris') {
    requireCoverage(source.ephemeris, span, (PAD_SAMPLES + 1) * stepMs);
  }
  return sampleDirections(span, source, stepMs, sunDirectionFrom);
}

/**
 * A unit vector of the observatory's sampled every `stepMs` over a span with its spare samples
 * at each end: the Sun's direction (`sunGrid`), or JWST's direction of motion (the MAZ's
 * grids). The rate bound is the largest turn between samples, with 25% to spare for its rise
 * within a step.
 */
export function sampleDirections(
  span: Span,
  source: SunSource,
  stepMs: number,
  directionAt: (source: SunSource, atMs: number) => readonly [number, number, number],
): SunGrid {
  const startMs = span.startMs - PAD_SAMPLES * stepMs;
  const count = sampleCount(span, stepMs);
  const xyz = new Float64Array(3 * count);
  let maxStepRad = 0;
  for (let k = 0; k < count; k++) {
    const s = directionAt(source, startMs + k * stepMs);
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

/** How far a grid's sample may lie from the Sun it claims to hold, radians: rounding only. */
const SAMPLE_TOLERANCE_RAD = 1e-9;

/**
 * A grid as the API takes one back (in `ObserverGrids`, from {@link sunGrid}), since an object
 * of that shape may not come from it: its fields must be the ones {@link sunGrid} makes for
 * its own `span`, `source` and `stepMs` (start, count, a sample array of that many finite unit
 * vectors, a positive rate), and its first, middle and last samples must be the Sun of that
 * source at their instants, so a grid of another span, step or observer is refused. Linear in
 * the samples, plus three computations of the Sun. The output is the grid itself.
 */
export const SunGridSchema = z
  .custom<SunGrid>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'expected a Sun grid made by sunGrid')
  .superRefine((grid, ctx) => {
    const fields = GridFieldsSchema.safeParse(grid);
    if (!fields.success) {
      addIssues(ctx, fields.error.issues);
      return;
    }
    const problem = gridProblem(grid);
    if (problem) ctx.addIssue({ code: 'custom', continue: false, path: problem.path, message: problem.message });
  });

/** The fields of a grid, each of its own kind. */
const GridFieldsSchema = z.object({
  startMs: FiniteNumber,
  stepMs: FiniteNumber.min(MIN_STEP_MS).max(SUN_GRID_STEP_MS),
  count: z
    .number()
    .int()
    .min(2 * PAD_SAMPLES + 2)
    .max(MAX_SUN_GRID_SAMPLES),
  // Any Float64Array, whatever its buffer (`z.instanceof` would type it as one on an ArrayBuffer only).
  xyz: z.custom<Float64Array>((value) => value instanceof Float64Array, { message: 'expected a Float64Array' }),
  maxRateRadPerMs: FiniteNumber.positive(),
  span: SpanRecordSchema,
  source: SunSourceSchema,
});

/** What is wrong with a grid whose fields are each of their kind, or undefined. */
function gridProblem(grid: SunGrid): { path: PropertyKey[]; message: string } | undefined {
  const { span, stepMs, count, xyz } = grid;
  if (grid.startMs !== span.startMs - PAD_SAMPLES * stepMs)
    return { path: ['startMs'], message: `must be ${PAD_SAMPLES} steps before span.startMs, as sunGrid makes it` };
  if (count !== sampleCount(span, stepMs))
    return { path: ['count'], message: `must be ${sampleCount(span, stepMs)} for this span and step, as sunGrid makes it` };
  if (xyz.length !== 3 * count) return { path: ['xyz'], message: `holds ${xyz.length} numbers; ${count} samples need ${3 * count}` };
  for (let k = 0; k < count; k++) {
    const [x, y, z] = [xyz[3 * k]!, xyz[3 * k + 1]!, xyz[3 * k + 2]!];
    // NaN fails the comparison as well.
    if (!(Math.abs(Math.sqrt(x * x + y * y + z * z) - 1) <= 1e-6))
      return { path: ['xyz', 3 * k], message: `sample ${k} is not a unit vector` };
  }
  try {
    // Where the Sun can be computed at all: the model's years, and the table's rows.
    requireModelYears(span, 'span');
    if (grid.source.model === 'ephemeris') requireCoverage(grid.source.ephemeris, span, (PAD_SAMPLES + 1) * stepMs);
  } catch (error) {
    if (error instanceof InputError) return { path: ['span'], message: error.message };
    throw error;
  }
  for (const k of [0, count >> 1, count - 1]) {
    const sun = sunDirectionFrom(grid.source, grid.startMs + k * stepMs);
    // The chord between the two directions: the angle for angles this small (acos of the dot
    // product would lose them to rounding near 1).
    const chord = Math.hypot(sun[0] - xyz[3 * k]!, sun[1] - xyz[3 * k + 1]!, sun[2] - xyz[3 * k + 2]!);
    if (!(chord <= SAMPLE_TOLERANCE_RAD)) {
      return {
        path: ['xyz', 3 * k],
        message: `sample ${k} is not the Sun of the grid's source at its instant (a grid of another span, step or observer)`,
      };
    }
  }
  return undefined;
}

const fieldsMatch: SameShape<SunGrid, z.output<typeof GridFieldsSchema>> = true;
void fieldsMatch;
