/**
 * The observatory's real orbit from a JPL Horizons vector table, interpolated smoothly.
 *
 * Getting a table: in JPL Horizons choose ephemeris type "Vector Table", target `-170`
 * (James Webb Space Telescope), coordinate center `500@10` (the Sun's body centre),
 * reference frame ICRF, reference plane "frame" (equatorial axes), table content 2
 * (position and velocity), vector correction "LT" (light-time), units km and km/s, CSV
 * output, a daily step covering your span with a few days to spare. Save the text output
 * as it comes; the rows between `$$SOE` and `$$EOE` are what is read.
 * In batch form: `COMMAND='-170' CENTER='500@10' EPHEM_TYPE='VECTORS' REF_SYSTEM='ICRF'
 * REF_PLANE='FRAME' VEC_TABLE='2' VEC_CORR='LT' OUT_UNITS='KM-S' CSV_FORMAT='YES'
 * STEP_SIZE='1 d'`, with START_TIME and STOP_TIME.
 * @module
 */
import * as Astronomy from 'astronomy-engine';
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { Span } from '../time/instant.js';
import { formatInstant, InstantMsSchema, isInstantMs, MS_PER_DAY, SpanRecordSchema } from '../time/instant.js';
import { addIssues, decimalValue, FiniteNumber, NonEmptyString } from '../validation.js';

/** A parsed Horizons vector table: row instants (UTC ms), positions (km) and velocities (km/s). */
export interface HorizonsEphemeris {
  /** Where the table came from (a file name), for messages. */
  readonly source: string;
  /**
   * When Horizons generated the table: 00:00 UTC of the date its header's first line gives
   * (`Ephemeris / WWW_USER Tue Jun 20 08:38:32 2023 ...`, a Pasadena time; the start of that
   * date is never later than the true instant in UTC). Rows from then on are JWST's orbit as
   * predicted on that day; rows before are the reconstructed orbit. Absent when the header does
   * not say, and then every row counts as predicted.
   */
  readonly generatedMs?: number | undefined;
  /** Row instants, epoch ms UTC, strictly increasing. */
  readonly timesMs: Float64Array;
  /** Positions relative to the Sun, km, ICRF axes, three numbers a row. */
  readonly positionsKm: Float64Array;
  /** Velocities, km/s, three numbers a row. */
  readonly velocitiesKmPerS: Float64Array;
}

/** Julian date of J2000.0, the origin of astronomy-engine's day count. */
const JD_J2000 = 2451545.0;

/** Julian date of the Unix epoch, 1970-01-01T00:00 UTC (on the TT-like JD scale, without leap seconds). */
const JD_UNIX_EPOCH = 2440587.5;
/**
 * TT - UTC since 2017-01-01, ms: 32.184 s (TT - TAI) plus 37 leap seconds (TAI - UTC), per IERS
 * Bulletin C, which has announced no leap second since. Horizons tables of JWST all postdate it.
 */
const TT_MINUS_UTC_SINCE_2017_MS = 69_184;
const START_OF_2017_MS = Date.UTC(2017, 0, 1);

/**
 * Convert a Julian date in TDB to epoch ms UTC. TDB and TT differ by under 2 ms. From 2017 on,
 * TT - UTC is the fixed 69.184 s; before that, astronomy-engine's Delta T model (TT - UT1)
 * stands in, within a second or so of UTC.
 */
function tdbJulianDateToUtcMs(jdTdb: number): number {
  const utcMs = (jdTdb - JD_UNIX_EPOCH) * 86_400_000 - TT_MINUS_UTC_SINCE_2017_MS;
  if (utcMs >= START_OF_2017_MS) return Math.round(utcMs);
  return Astronomy.AstroTime.FromTerrestrialTime(jdTdb - JD_J2000).date.getTime();
}

/**
 * Distance from the Sun every row of a JWST table must have, km: 0.97 to 1.04 au. The Earth is
 * 0.983 to 1.017 au from the Sun, L2 lies 0.010 au (1.5 million km) beyond it, JWST's halo orbit
 * strays at most about 0.005 au (800,000 km) from L2, and just after launch JWST was near the
 * Earth; the two Horizons tables in this repository span 0.984 to 1.028 au. A zeroed or mangled
 * row lands far outside.
 */
export const JWST_SUN_DISTANCE_KM = Object.freeze({ min: 0.97 * 149_597_870.7, max: 1.04 * 149_597_870.7 });
/**
 * Speed relative to the Sun every row must have, km/s: 25 to 35. JWST moves with the Earth
 * (29.3 to 30.3 km/s) plus at most about 1 km/s about L2 (30.56 km/s at most in the tables here).
 */
export const JWST_SUN_SPEED_KM_PER_S = Object.freeze({ min: 25, max: 35 });

/** Rows whose time steps differ by more than this from the first step are unevenly spaced, days (0.09 s). */
const STEP_TOLERANCE_DAYS = 1e-6;

/**
 * The longest row step taken, days: 10. The cubic Hermite interpolation's error grows fast
 * with the step; measured by subsampling the bundled daily table (2022-07 to 2024-07, 324
 * window edges of 42 targets, against the daily table's), the worst edge moved by 2 s at a
 * 7-day step, 21 s at 10 days, 2.2 minutes at 20, 23.5 minutes at 30, 3.3 hours at 60. Window
 * edges are promised to a minute, so a step above 10 days (a third of that promise at worst)
 * is refused.
 */
export const MAX_HORIZONS_STEP_DAYS = 10;

/** The step bound's message: the figures above, and what to ask Horizons for. */
function stepTooLong(stepDays: number): string {
  return (
    `the rows are ${describeStep(stepDays)} apart; at most ${MAX_HORIZONS_STEP_DAYS} days are taken, since the interpolation between rows ` +
    `keeps window edges within a minute only up to that step (measured: 21 s at 10 days, 2.2 minutes at 20, 3.3 hours at 60); ` +
    "ask Horizons for STEP_SIZE='1 d'"
  );
}

/** Rows whose time steps differ by more than this from the first step are unevenly spaced, ms (as above). */
const STEP_TOLERANCE_MS = STEP_TOLERANCE_DAYS * MS_PER_DAY;

/** The fields of a table whose values are checked row by row, with their names in messages. */
function tableProblem(table: HorizonsEphemeris): { path: PropertyKey[]; message: string } | undefined {
  const { timesMs, positionsKm, velocitiesKmPerS } = table;
  for (const [name, array] of [
    ['timesMs', timesMs],
    ['positionsKm', positionsKm],
    ['velocitiesKmPerS', velocitiesKmPerS],
  ] as const) {
    if (!(array instanceof Float64Array)) return { path: [name], message: 'expected a Float64Array (a table from parseHorizonsVectors)' };
  }
  const n = timesMs.length;
  if (n < 4) return { path: ['timesMs'], message: `the table has ${n} rows; at least 4 are needed to interpolate` };
  if (positionsKm.length !== 3 * n)
    return { path: ['positionsKm'], message: `holds ${positionsKm.length} numbers; ${n} rows need ${3 * n}` };
  if (velocitiesKmPerS.length !== 3 * n)
    return { path: ['velocitiesKmPerS'], message: `holds ${velocitiesKmPerS.length} numbers; ${n} rows need ${3 * n}` };
  const stepMs = timesMs[1]! - timesMs[0]!;
  if (stepMs > MAX_HORIZONS_STEP_DAYS * MS_PER_DAY) return { path: ['timesMs', 1], message: stepTooLong(stepMs / MS_PER_DAY) };
  for (let i = 0; i < n; i++) {
    const t = timesMs[i]!;
    // Plain comparisons, not a schema a row: a table has thousands of rows. NaN fails each.
    if (!isInstantMs(t)) return { path: ['timesMs', i], message: `not a finite instant (${t})` };
    if (i > 0 && !(t > timesMs[i - 1]!)) return { path: ['timesMs', i], message: 'rows must be in increasing time order' };
    if (i > 0 && Math.abs(t - timesMs[i - 1]! - stepMs) > STEP_TOLERANCE_MS) {
      return { path: ['timesMs', i], message: 'rows must be evenly spaced (a table with a hole or an uneven step)' };
    }
    const [x, y, z] = [positionsKm[3 * i]!, positionsKm[3 * i + 1]!, positionsKm[3 * i + 2]!];
    const distanceKm = Math.sqrt(x * x + y * y + z * z);
    if (!(distanceKm >= JWST_SUN_DISTANCE_KM.min && distanceKm <= JWST_SUN_DISTANCE_KM.max)) {
      return {
        path: ['positionsKm', 3 * i],
        message: `row ${i}: a distance from the Sun of ${distanceKm} km is not plausible for JWST (0.97 to 1.04 au)`,
      };
    }
    const [vx, vy, vz] = [velocitiesKmPerS[3 * i]!, velocitiesKmPerS[3 * i + 1]!, velocitiesKmPerS[3 * i + 2]!];
    const speedKmPerS = Math.sqrt(vx * vx + vy * vy + vz * vz);
    if (!(speedKmPerS >= JWST_SUN_SPEED_KM_PER_S.min && speedKmPerS <= JWST_SUN_SPEED_KM_PER_S.max)) {
      return {
        path: ['velocitiesKmPerS', 3 * i],
        message: `row ${i}: a speed of ${speedKmPerS} km/s relative to the Sun is not plausible for JWST (25 to 35 km/s)`,
      };
    }
  }
  return undefined;
}

/** The scalar fields of a table. */
const TableFieldsSchema = z.object({ source: NonEmptyString, generatedMs: InstantMsSchema.optional() });

/**
 * A table as the library holds it ({@link HorizonsEphemeris}), checked wherever one crosses the
 * API, since an object of that shape may not come from {@link parseHorizonsVectors}: a source
 * name, an optional generation instant, and three Float64Arrays of matching lengths (at least
 * 4 rows) whose times increase evenly and whose rows are plausible for JWST, as the parser
 * requires. The output is the table itself (its identity tells observers apart). Linear in
 * the rows.
 */
export const HorizonsEphemerisSchema = z
  .custom<HorizonsEphemeris>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    'expected a table from parseHorizonsVectors',
  )
  .superRefine((table, ctx) => {
    const record = TableFieldsSchema.safeParse(table);
    if (!record.success) {
      addIssues(ctx, record.error.issues);
      return;
    }
    const problem = tableProblem(table);
    if (problem) ctx.addIssue({ code: 'custom', continue: false, path: problem.path, message: problem.message });
  });

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The generation date of a Horizons output from its first header line, 00:00 UTC of that date. */
function generationDateMs(header: string): number | undefined {
  const match = /^Ephemeris \/ \S+ \w{3} (\w{3})\s+(\d{1,2}) \d\d:\d\d:\d\d (\d{4})/m.exec(header);
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[1]!);
  return month < 0 ? undefined : Date.UTC(Number(match[3]), month, Number(match[2]));
}

/** A row's step as text: "1 day", "6 hours". */
function describeStep(days: number): string {
  if (days >= 1) return `${Number(days.toFixed(6))} day${days === 1 ? '' : 's'}`;
  return `${Number((days * 24).toFixed(4))} hours`;
}

/** The arguments of {@link parseHorizonsVectors}: the text and its name for messages. */
export const ParseArguments = z.object({ text: z.string(), source: NonEmptyString });

/**
 * Parse a JPL Horizons vector table (CSV, position and velocity, km and km/s, ICRF, centred
 * on the Sun) and validate it. Throws an InputError naming the source and line of anything
 * it cannot read or does not believe:
 * - the header must say Sun-centred (500@10), ICRF with equatorial axes, km and km/s;
 * - every row has a Julian date and six finite numbers;
 * - rows are in increasing time order and evenly spaced: a hole (rows missing) or an uneven
 *   step is an error naming the two lines around it;
 * - the step is at most {@link MAX_HORIZONS_STEP_DAYS} days (beyond, the interpolation would
 *   move window edges by more than a minute);
 * - every row's distance from the Sun and speed are plausible for JWST
 *   ({@link JWST_SUN_DISTANCE_KM}, {@link JWST_SUN_SPEED_KM_PER_S}).
 *
 * @param text - the whole Horizons output.
 * @param source - a name for messages, e.g. the file name.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const ephemeris = parseHorizonsVectors(readFileSync('jwst.txt', 'utf8'), 'jwst.txt');
 * ```
 */
export function parseHorizonsVectors(text: string, source = 'ephemeris'): HorizonsEphemeris {
  const lines = text.split(/\r?\n/);
  const soe = lines.findIndex((line) => line.trim() === '$$SOE');
  const eoe = lines.findIndex((line) => line.trim() === '$$EOE');
  if (soe < 0 || eoe < soe) {
    throw new InputError(`${source}: not a Horizons table (no $$SOE ... $$EOE block)`);
  }
  const header = lines.slice(0, soe).join('\n');
  const expect = (pattern: RegExp, what: string): void => {
    if (!pattern.test(header)) throw new InputError(`${source}: header does not say ${what}; see the module docs for the settings to use`);
  };
  expect(/Center body name:\s*Sun\b/i, 'the centre is the Sun (500@10)');
  expect(/Reference frame\s*:\s*ICRF/i, 'the reference frame is ICRF');
  expect(/Output units\s*:\s*KM-S/i, 'units are km and km/s');
  if (/Reference plane\s*:\s*ecliptic/i.test(header) || /Ecliptic of J2000/i.test(header)) {
    throw new InputError(`${source}: the table uses ecliptic axes; ask Horizons for REF_PLANE='FRAME' (equatorial ICRF axes)`);
  }
  const rows = lines.slice(soe + 1, eoe);
  const n = rows.length;
  if (n < 4) throw new InputError(`${source}: the table has ${n} rows; at least 4 are needed to interpolate`);
  const timesMs = new Float64Array(n);
  const positionsKm = new Float64Array(3 * n);
  const velocitiesKmPerS = new Float64Array(3 * n);
  let previousJd = Number.NaN;
  let previousDate = '';
  let stepDays = Number.NaN;
  rows.forEach((row, i) => {
    const lineNumber = soe + 2 + i;
    const fields = row.split(',').map((field) => field.trim());
    const numbers = [fields[0], ...fields.slice(2, 8)].map((field) =>
      field === undefined ? Number.NaN : (decimalValue(field) ?? Number.NaN),
    );
    if (fields.length < 8 || numbers.some((value) => !Number.isFinite(value))) {
      throw new InputError(
        `${source} line ${lineNumber}: expected "JDTDB, date, X, Y, Z, VX, VY, VZ" with finite numbers, got "${row.trim().slice(0, 80)}"`,
      );
    }
    const [jd, x, y, z, vx, vy, vz] = numbers as [number, number, number, number, number, number, number];
    const date = fields[1]!.replace(/^A\.D\.\s*/, '');
    if (i > 0) {
      const step = jd - previousJd;
      if (!(step > 0))
        throw new InputError(`${source} line ${lineNumber}: rows must be in increasing time order (${date} follows ${previousDate})`);
      if (i === 1) {
        stepDays = step;
        if (step > MAX_HORIZONS_STEP_DAYS) throw new InputError(`${source} lines ${lineNumber - 1}-${lineNumber}: ${stepTooLong(step)}`);
      } else if (Math.abs(step - stepDays) > STEP_TOLERANCE_DAYS) {
        const missing = Math.round(step / stepDays) - 1;
        throw new InputError(
          step > stepDays && missing >= 1 && Math.abs(step - (missing + 1) * stepDays) <= STEP_TOLERANCE_DAYS
            ? `${source} lines ${lineNumber - 1}-${lineNumber}: ${missing} row${missing === 1 ? '' : 's'} missing between ${previousDate} and ${date} (a hole of ${describeStep(step)} in a table whose step is ${describeStep(stepDays)})`
            : `${source} lines ${lineNumber - 1}-${lineNumber}: rows are not evenly spaced (${previousDate} to ${date} is ${describeStep(step)}; the table's step is ${describeStep(stepDays)})`,
        );
      }
    }
    const distanceKm = Math.hypot(x, y, z);
    if (distanceKm < JWST_SUN_DISTANCE_KM.min || distanceKm > JWST_SUN_DISTANCE_KM.max) {
      throw new InputError(
        `${source} line ${lineNumber}: JWST ${(distanceKm / 149_597_870.7).toFixed(4)} au from the Sun on ${date} is not plausible ` +
          '(it stays between 0.97 and 1.04 au); is this a Sun-centred table of JWST (target -170, centre 500@10) in km?',
      );
    }
    const speedKmPerS = Math.hypot(vx, vy, vz);
    if (speedKmPerS < JWST_SUN_SPEED_KM_PER_S.min || speedKmPerS > JWST_SUN_SPEED_KM_PER_S.max) {
      throw new InputError(
        `${source} line ${lineNumber}: a speed of ${speedKmPerS.toFixed(3)} km/s relative to the Sun on ${date} is not plausible for JWST (25 to 35 km/s)`,
      );
    }
    timesMs[i] = tdbJulianDateToUtcMs(jd);
    positionsKm.set([x, y, z], 3 * i);
    velocitiesKmPerS.set([vx, vy, vz], 3 * i);
    previousJd = jd;
    previousDate = date;
  });
  return Object.freeze({ source, generatedMs: generationDateMs(header), timesMs, positionsKm, velocitiesKmPerS });
}

/**
 * Throw an InputError unless the table covers the span, and `spareMs` beyond each end (so no
 * instant is extrapolated).
 *
 * @example
 * ```ts
 * assertEphemerisCovers(ephemeris, cycleSpan(1));
 * ```
 */
export function assertEphemerisCovers(ephemeris: HorizonsEphemeris, span: Span, spareMs = 0): void {
  requireCoverage(ephemeris, span, spareMs);
}

/** The arguments of {@link assertEphemerisCovers}. */
export const CoverArguments = z.object({ ephemeris: HorizonsEphemerisSchema, span: SpanRecordSchema, spareMs: FiniteNumber.min(0) });

/** {@link assertEphemerisCovers} of a checked table and span. */
export function requireCoverage(ephemeris: HorizonsEphemeris, span: Span, spareMs = 0): void {
  const first = ephemeris.timesMs[0]!;
  const last = ephemeris.timesMs[ephemeris.timesMs.length - 1]!;
  if (span.startMs - spareMs < first || span.endMs + spareMs > last) {
    const spare = spareMs > 0 ? ` with ${spareMs / 86_400_000} days to spare at each end for interpolation` : '';
    throw new InputError(
      `${ephemeris.source}: covers ${formatInstant(first)} to ${formatInstant(last)}, which does not contain the span ` +
        `${formatInstant(span.startMs)} to ${formatInstant(span.endMs)}${spare}; download a table that does`,
    );
  }
}

/** The arguments of {@link ephemerisPositionKm} and {@link ephemerisVelocityKmPerS}. */
export const PositionArguments = z.object({ ephemeris: HorizonsEphemerisSchema, atMs: InstantMsSchema });

/**
 * The observatory's position relative to the Sun at an instant, km (ICRF axes), by cubic
 * Hermite interpolation of the table's positions and velocities (continuous in position and
 * velocity; for daily rows of an orbit whose curvature timescale is months, its error is
 * metres). Throws outside the table.
 *
 * @example
 * ```ts
 * const [x, y, z] = ephemerisPositionKm(ephemeris, Date.UTC(2022, 6, 1));
 * ```
 */
export function ephemerisPositionKm(ephemeris: HorizonsEphemeris, atMs: number): [number, number, number] {
  return hermite(ephemeris, atMs, false);
}

/**
 * The observatory's velocity relative to the Sun at an instant, km/s (ICRF axes): the time
 * derivative of the cubic Hermite interpolant of {@link ephemerisPositionKm}, which equals the
 * table's velocity at each row and is continuous between them. Throws outside the table.
 *
 * @example
 * ```ts
 * const [vx, vy, vz] = ephemerisVelocityKmPerS(ephemeris, Date.UTC(2022, 6, 1)); // about 30 km/s in all
 * ```
 */
export function ephemerisVelocityKmPerS(ephemeris: HorizonsEphemeris, atMs: number): [number, number, number] {
  return hermite(ephemeris, atMs, true);
}

/** The Hermite interpolant of the table at an instant (km), or its time derivative (km/s). */
function hermite(ephemeris: HorizonsEphemeris, atMs: number, derivative: boolean): [number, number, number] {
  const times = ephemeris.timesMs;
  const n = times.length;
  if (!(atMs >= times[0]! && atMs <= times[n - 1]!)) {
    throw new InputError(
      `${ephemeris.source}: ${formatInstant(atMs)} is outside the table (${formatInstant(times[0]!)} to ${formatInstant(times[n - 1]!)})`,
    );
  }
  // Binary search for the row interval [i, i + 1] holding atMs.
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= atMs) lo = mid;
    else hi = mid;
  }
  const stepS = (times[hi]! - times[lo]!) / 1000;
  const u = (atMs - times[lo]!) / 1000 / stepS;
  // Cubic Hermite basis functions on [0, 1], or their derivatives with respect to time (per s).
  const u2 = u * u;
  const u3 = u2 * u;
  const h00 = derivative ? (6 * u2 - 6 * u) / stepS : 2 * u3 - 3 * u2 + 1;
  const h10 = derivative ? (3 * u2 - 4 * u + 1) / stepS : u3 - 2 * u2 + u;
  const h01 = derivative ? (-6 * u2 + 6 * u) / stepS : -2 * u3 + 3 * u2;
  const h11 = derivative ? (3 * u2 - 2 * u) / stepS : u3 - u2;
  const p = ephemeris.positionsKm;
  const v = ephemeris.velocitiesKmPerS;
  const out: [number, number, number] = [0, 0, 0];
  for (let axis = 0; axis < 3; axis++) {
    out[axis] = h00 * p[3 * lo + axis]! + h10 * stepS * v[3 * lo + axis]! + h01 * p[3 * hi + axis]! + h11 * stepS * v[3 * hi + axis]!;
  }
  return out;
}
