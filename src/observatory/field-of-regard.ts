/**
 * JWST's field of regard and the roll it allows about the boresight.
 * @module
 */
import { z } from 'zod';
import { DEG_PER_RAD, RAD_PER_DEG } from '../sky/angles.js';
import { FiniteNumber, parseWith } from '../validation.js';

/** A solar elongation, degrees: the angle between two directions, 0 to 180. */
const ElongationDegSchema = FiniteNumber.min(0).max(180);

/**
 * Smallest solar elongation JWST may point at, degrees: 85 (sun pitch -5 degrees).
 * Source: JWST User Documentation, "JWST Field of Regard". STScI's General Target
 * Visibility Tool pads this to 84.8; pass that as a setting to reproduce it.
 */
export const MIN_ELONGATION_DEG = 85;
/** Largest solar elongation JWST may point at, degrees: 135 (sun pitch +45). Same source. */
export const MAX_ELONGATION_DEG = 135;

/**
 * The field of regard: the band of solar elongation, as seen from the observatory, in which a
 * target may be observed. Degrees; defaults are the documented 85 to 135.
 *
 * @example
 * ```ts
 * FieldOfRegardSchema.parse({});                         // { minElongationDeg: 85, maxElongationDeg: 135 }
 * FieldOfRegardSchema.parse({ minElongationDeg: 84.8 }); // the visibility tool's padded limit
 * ```
 */
export const FieldOfRegardSchema = z
  .object({
    minElongationDeg: z.number().finite().min(0).max(180).default(MIN_ELONGATION_DEG),
    maxElongationDeg: z.number().finite().min(0).max(180).default(MAX_ELONGATION_DEG),
  })
  .strict()
  .refine((f) => f.minElongationDeg < f.maxElongationDeg, {
    message: 'minElongationDeg must be below maxElongationDeg',
    path: ['maxElongationDeg'],
  });

/** A validated field of regard, degrees. */
export type FieldOfRegard = z.output<typeof FieldOfRegardSchema>;

/** The arguments of {@link inFieldOfRegard}: an elongation and a field of regard (as given or as validated). */
export const InFieldArguments = z.object({ elongationDeg: ElongationDegSchema, field: FieldOfRegardSchema });

/**
 * Whether an elongation lies in the field of regard (limits included).
 *
 * @example
 * ```ts
 * inFieldOfRegard(90, { minElongationDeg: 85, maxElongationDeg: 135 }); // true
 * ```
 */
export function inFieldOfRegard(elongationDeg: number, field: FieldOfRegard): boolean {
  return elongationDeg >= field.minElongationDeg && elongationDeg <= field.maxElongationDeg;
}

/*
 * Off-nominal roll. The model is the one of STScI's General Target Visibility Tool
 * (spacecraft pointing constraints as published with jwst_gtvt), restated here:
 * - the sun-roll limit is 5.2 degrees while the Sun is pitched at most 2.5 degrees toward the
 *   boresight, and shrinks linearly by 1.7 degrees per 2.7 degrees of further pitch;
 * - 0.1 degree is kept back from that limit as a pad;
 * - the sun-pitch seen in the rolled frame depends on the roll itself, so the limit is found
 *   by fixed-point iteration;
 * - the half-range of V3PA reachable about the nominal is asin(sin(sunRoll) / cos(vehiclePitch)).
 * vehiclePitch is 90 degrees minus the solar elongation (positive when tipped toward the Sun).
 */
/** Largest sun-roll angle, radians (5.2 degrees; jwst_gtvt pointing model). */
const ABS_MAX_SUN_ROLL_RAD = 5.2 * RAD_PER_DEG;
/** Pitch toward the Sun beyond which the roll limit shrinks, radians (2.5 degrees; same model). */
const ROLL_TAPER_START_RAD = 2.5 * RAD_PER_DEG;
/** Roll lost per radian of pitch beyond the taper start: 1.7 degrees over 2.7 degrees (same model). */
const ROLL_TAPER_SLOPE = 1.7 / (5.2 - 2.5);
/** Pad kept back from the roll limit, radians (0.1 degree; same model). */
const ROLL_PAD_RAD = 0.1 * RAD_PER_DEG;

function sunRollLimitRad(sunPitchRad: number): number {
  const taper = sunPitchRad > ROLL_TAPER_START_RAD ? ROLL_TAPER_SLOPE * (sunPitchRad - ROLL_TAPER_START_RAD) : 0;
  return ABS_MAX_SUN_ROLL_RAD - taper - ROLL_PAD_RAD;
}

const clampUnit = (x: number): number => Math.min(1, Math.max(-1, x));

/**
 * Half-width, in degrees, of the V3 position angles reachable about the nominal V3PA by
 * off-nominal roll, at a given solar elongation. About 5 degrees over most of the field of
 * regard, narrowing near 85 degrees of elongation.
 *
 * @example
 * ```ts
 * offNominalRollHalfRangeDeg(110); // 5.43: asin(sin(5.1 deg) / cos(20 deg)), the sun roll widened away from the Sun
 * ```
 */
export function offNominalRollHalfRangeDeg(elongationDeg: number): number {
  parseWith(ElongationDegSchema, elongationDeg, 'elongationDeg', 'offNominalRollHalfRangeDeg');
  return rollHalfRangeDeg(elongationDeg);
}

/** {@link offNominalRollHalfRangeDeg} of a checked elongation (tables of it are made from this). */
export function rollHalfRangeDeg(elongationDeg: number): number {
  const vehiclePitchRad = (90 - elongationDeg) * RAD_PER_DEG;
  let sunRollRad = ABS_MAX_SUN_ROLL_RAD;
  let previousRad = Number.POSITIVE_INFINITY;
  // Converges in a handful of steps: the map is a contraction (slope ~0.6 * sin(roll) << 1).
  for (let step = 0; step < 50 && Math.abs(sunRollRad - previousRad) > 1e-9; step++) {
    previousRad = sunRollRad;
    const sunPitchRad = Math.asin(clampUnit(Math.sin(vehiclePitchRad) / Math.cos(previousRad)));
    sunRollRad = sunRollLimitRad(sunPitchRad);
  }
  return Math.asin(clampUnit(Math.sin(sunRollRad) / Math.cos(vehiclePitchRad))) * DEG_PER_RAD;
}
