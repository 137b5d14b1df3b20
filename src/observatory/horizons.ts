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
import type { Span } from '../time/instant.js';
import { formatInstant } from '../time/instant.js';
import { InputError } from '../errors.js';

/** A parsed Horizons vector table: row instants (UTC ms), positions (km) and velocities (km/s). */
export interface HorizonsEphemeris {
  /** Where the table came from (a file name), for messages. */
  readonly source: string;
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
 * Parse a JPL Horizons vector table (CSV, position and velocity, km and km/s, ICRF, centred
 * on the Sun). Throws an InputError naming the source and line of anything it cannot read.
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
  rows.forEach((row, i) => {
    const lineNumber = soe + 2 + i;
    const fields = row.split(',').map((field) => field.trim());
    const numbers = [fields[0], ...fields.slice(2, 8)].map(Number);
    if (fields.length < 8 || numbers.some((value) => !Number.isFinite(value))) {
      throw new InputError(`${source} line ${lineNumber}: expected "JDTDB, date, X, Y, Z, VX, VY, VZ" with numbers, got "${row.trim().slice(0, 80)}"`);
    }
    const [jd, x, y, z, vx, vy, vz] = numbers as [number, number, number, number, number, number, number];
    timesMs[i] = tdbJulianDateToUtcMs(jd);
    if (i > 0 && timesMs[i]! <= timesMs[i - 1]!) {
      throw new InputError(`${source} line ${lineNumber}: rows must be in increasing time order`);
    }
    positionsKm.set([x, y, z], 3 * i);
    velocitiesKmPerS.set([vx, vy, vz], 3 * i);
  });
  return Object.freeze({ source, timesMs, positionsKm, velocitiesKmPerS });
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
  const times = ephemeris.timesMs;
  const n = times.length;
  if (!(atMs >= times[0]! && atMs <= times[n - 1]!)) {
    throw new InputError(`${ephemeris.source}: ${formatInstant(atMs)} is outside the table (${formatInstant(times[0]!)} to ${formatInstant(times[n - 1]!)})`);
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
  // Cubic Hermite basis functions on [0, 1].
  const u2 = u * u;
  const u3 = u2 * u;
  const h00 = 2 * u3 - 3 * u2 + 1;
  const h10 = u3 - 2 * u2 + u;
  const h01 = -2 * u3 + 3 * u2;
  const h11 = u3 - u2;
  const p = ephemeris.positionsKm;
  const v = ephemeris.velocitiesKmPerS;
  const out: [number, number, number] = [0, 0, 0];
  for (let axis = 0; axis < 3; axis++) {
    out[axis] =
      h00 * p[3 * lo + axis]! + h10 * stepS * v[3 * lo + axis]! + h01 * p[3 * hi + axis]! + h11 * stepS * v[3 * hi + axis]!;
  }
  return out;
}
