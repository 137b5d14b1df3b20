/**
 * The Sun's direction as seen from the observatory, and the solar elongation of a target.
 * @module
 */
import * as Astronomy from 'astronomy-engine';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { DEG_PER_RAD } from '../sky/angles.js';
import { type Target, TargetRecordSchema, targetUnitVector, type UnitVector, UnitVectorSchema } from '../sky/target.js';
import { formatInstant, InstantMsSchema, type Span, SpanRecordSchema } from '../time/instant.js';
import { NonEmptyString } from '../validation.js';
import { ephemerisPositionKm } from './horizons.js';

/**
 * The years the visibility model is stated for: 2000-01-01 to 2100-01-01 (UTC). Inside them
 * astronomy-engine's Sun is tested against JPL Horizons and NOVAS to an arcminute or better,
 * the Delta T it extrapolates past the present stays within minutes (a few arcseconds of the
 * Sun), and they hold JWST's whole life (launched 2021-12-25, propellant for about 20 years)
 * and the catalogue epochs whose proper motion is applied linearly. Outside them the model
 * would give numbers nobody has checked, so spans there are refused before any work starts.
 *
 * @example
 * ```ts
 * SUN_MODEL_SPAN.endMs === Date.UTC(2100, 0, 1); // true
 * ```
 */
export const SUN_MODEL_SPAN: Span = Object.freeze({ startMs: Date.UTC(2000, 0, 1), endMs: Date.UTC(2100, 0, 1) });

/**
 * Refuse a span that reaches outside {@link SUN_MODEL_SPAN}, naming the end at fault.
 *
 * @example
 * ```ts
 * checkSunModelSpan(cycleSpan(1)); // passes
 * checkSunModelSpan({ startMs: Date.UTC(2300, 0, 1), endMs: Date.UTC(2301, 0, 1) }); // throws InputError
 * ```
 */
export function checkSunModelSpan(span: Span, field = 'span'): void {
  requireModelYears(span, field);
}

/** The arguments of {@link checkSunModelSpan}. */
export const ModelSpanArguments = z.object({ span: SpanRecordSchema, field: NonEmptyString });

/** {@link checkSunModelSpan} of a checked span. */
export function requireModelYears(span: Span, field = 'span'): void {
  const range = `${formatInstant(SUN_MODEL_SPAN.startMs)} to ${formatInstant(SUN_MODEL_SPAN.endMs)}`;
  if (span.startMs < SUN_MODEL_SPAN.startMs) {
    throw new InputError(
      `${field}.start: ${formatInstant(span.startMs)} is before the years the visibility model is stated for (${range})`,
    );
  }
  if (span.startMs >= SUN_MODEL_SPAN.endMs) {
    throw new InputError(`${field}.start: ${formatInstant(span.startMs)} is after the years the visibility model is stated for (${range})`);
  }
  if (span.endMs > SUN_MODEL_SPAN.endMs) {
    throw new InputError(`${field}.end: ${formatInstant(span.endMs)} is after the years the visibility model is stated for (${range})`);
  }
}

import { DEFAULT_OBSERVATORY, type ObservatoryModel, ObservatorySchema } from './model.js';
import { type SunSource, SunSourceSchema, sunSourceAt } from './observer.js';

/** An instant the Sun is computed at: inside the years of {@link SUN_MODEL_SPAN}. */
export const ModelInstantSchema = InstantMsSchema.refine((ms) => ms >= SUN_MODEL_SPAN.startMs && ms < SUN_MODEL_SPAN.endMs, {
  message: `outside the years the visibility model is stated for (${new Date(SUN_MODEL_SPAN.startMs).toISOString()} to ${new Date(SUN_MODEL_SPAN.endMs).toISOString()})`,
});

export const ObservatoryInstantArguments = z.object({ observatory: ObservatorySchema, atMs: ModelInstantSchema });
export const SourceInstantArguments = z.object({ source: SunSourceSchema, atMs: ModelInstantSchema });
export const VectorPairArguments = z.object({ a: UnitVectorSchema, b: UnitVectorSchema });
export const ElongationArguments = z.object({ target: TargetRecordSchema, atMs: ModelInstantSchema, observatory: ObservatorySchema });

/** The unit vector along (x, y, z). */
export function normalize(x: number, y: number, z: number): UnitVector {
  const length = Math.hypot(x, y, z);
  return [x / length, y / length, z / length];
}

/**
 * Unit vector from the observatory to the Sun at an instant, J2000 equatorial axes.
 *
 * Both observers give the apparent Sun: its direction as light arriving at the observatory
 * shows it, annual aberration (about 20.5 arcsec) included.
 * - Nominal L2: the Sun's geocentric apparent direction from astronomy-engine
 *   (`GeoVector(Body.Sun, t, true)`: light-time corrected, with the aberration of the Earth's
 *   motion). From L2, on the Sun-Earth line and moving with the Earth, it is the same direction.
 * - With an ephemeris: minus the observatory's interpolated heliocentric vector. The Horizons
 *   tables are light-time corrected: they give JWST where it was one light time (about 500 s)
 *   earlier, so minus the vector differs from the geometric Sun by JWST's motion over that time,
 *   v * LT / r = v / c: the annual aberration. It is the apparent Sun, the convention of STScI's
 *   visibility tool.
 * (With the geometric Sun instead, nominal edges of near-polar targets come out about
 * 8 minutes early.)
 *
 * @example
 * ```ts
 * sunDirectionAt(NOMINAL_OBSERVATORY, Date.UTC(2022, 2, 20, 15, 33)); // ~[1, 0, 0] at the March equinox (J2000 axes)
 * ```
 */
export function sunDirectionAt(observatory: ObservatoryModel, atMs: number): UnitVector {
  return sunDirectionFrom(sunSourceAt(observatory, atMs), atMs);
}

/**
 * Unit vector to the Sun at an instant from one model (see {@link sunDirectionAt}).
 *
 * @example
 * ```ts
 * sunDirectionFrom({ model: 'nominal-l2' }, Date.UTC(2022, 2, 20, 15, 33)); // ~[1, 0, 0]
 * ```
 */
export function sunDirectionFrom(source: SunSource, atMs: number): UnitVector {
  if (source.model === 'ephemeris') {
    const [x, y, z] = ephemerisPositionKm(source.ephemeris, atMs);
    return normalize(-x, -y, -z);
  }
  const sun = Astronomy.GeoVector(Astronomy.Body.Sun, Astronomy.MakeTime(new Date(atMs)), true);
  return normalize(sun.x, sun.y, sun.z);
}

/**
 * Angle between two unit vectors, radians, accurate at all angles (atan2 of cross and dot).
 *
 * @example
 * ```ts
 * angleBetweenRad([1, 0, 0], [0, 1, 0]); // Math.PI / 2
 * ```
 */
export function angleBetweenRad(a: UnitVector, b: UnitVector): number {
  return angleRad(a, b);
}

/** {@link angleBetweenRad} of checked vectors. */
export function angleRad(a: UnitVector, b: UnitVector): number {
  const cx = a[1] * b[2] - a[2] * b[1];
  const cy = a[2] * b[0] - a[0] * b[2];
  const cz = a[0] * b[1] - a[1] * b[0];
  return Math.atan2(Math.hypot(cx, cy, cz), a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);
}

/**
 * The target's solar elongation at an instant: the angle between the target and the Sun as
 * seen from the observatory, degrees.
 *
 * @example
 * ```ts
 * solarElongationDeg(findTarget('HD163466'), Date.UTC(2022, 6, 1)); // ~96
 * ```
 */
export function solarElongationDeg(target: Target, atMs: number, observatory: ObservatoryModel = DEFAULT_OBSERVATORY): number {
  return elongationDeg(target, atMs, observatory);
}

/** {@link solarElongationDeg} of a checked target, instant and model (the reference scan calls this). */
export function elongationDeg(target: Target, atMs: number, observatory: ObservatoryModel): number {
  return angleRad(targetUnitVector(target, atMs), sunDirectionAt(observatory, atMs)) * DEG_PER_RAD;
}
