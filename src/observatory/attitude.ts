/**
 * The observatory's V3 position angle: nominal, and the range roll can reach.
 * @module
 */
import { z } from 'zod';
import { DEG_PER_RAD, wrapDegrees } from '../sky/angles.js';
import { type Target, TargetRecordSchema, targetUnitVector, type UnitVector, UnitVectorSchema } from '../sky/target.js';
import { rollHalfRangeDeg } from './field-of-regard.js';
import { DEFAULT_OBSERVATORY, type ObservatoryModel, ObservatorySchema } from './model.js';
import { angleRad, ModelInstantSchema, sunDirectionAt } from './sun.js';

export const PositionAngleArguments = z.object({ from: UnitVectorSchema, towards: UnitVectorSchema });
export const NominalArguments = z.object({ targetDirection: UnitVectorSchema, sunDirection: UnitVectorSchema });
export const V3PaArguments = z.object({ target: TargetRecordSchema, atMs: ModelInstantSchema, observatory: ObservatorySchema });

/**
 * Position angle of direction `towards` as seen from `from` (both unit vectors), radians,
 * measured from north through east: atan2(towards · east, towards · north), with east and
 * north the local unit vectors at `from`.
 *
 * @example
 * ```ts
 * positionAngleRad([1, 0, 0], [0, 0, 1]); // 0: the pole is north
 * ```
 */
export function positionAngleRad(from: UnitVector, towards: UnitVector): number {
  const [x, y, z] = from;
  const rho = Math.hypot(x, y);
  if (rho < 1e-12) {
    // At a celestial pole the local north is undefined; take RA 0 as the reference meridian.
    return Math.atan2(towards[1], z > 0 ? -towards[0] : towards[0]);
  }
  const east: UnitVector = [-y / rho, x / rho, 0];
  const north: UnitVector = [(-z * x) / rho, (-z * y) / rho, rho];
  const e = towards[0] * east[0] + towards[1] * east[1];
  const n = towards[0] * north[0] + towards[1] * north[1] + towards[2] * north[2];
  return Math.atan2(e, n);
}

/** The V3 position angle at one instant, degrees. */
export interface V3PaAt {
  /** Solar elongation, degrees. */
  readonly elongationDeg: number;
  /** Nominal V3PA in [0, 360): the Sun's position angle seen from the target plus 180. */
  readonly nominalDeg: number;
  /** Half-width of the range reachable by off-nominal roll, degrees. */
  readonly halfRangeDeg: number;
  /** nominalDeg - halfRangeDeg, wrapped to [0, 360). */
  readonly minDeg: number;
  /** nominalDeg + halfRangeDeg, wrapped to [0, 360). */
  readonly maxDeg: number;
}

/**
 * Nominal V3PA from the target and Sun directions: the -V3 axis points to the Sun, so V3 points
 * 180 degrees from the Sun's position angle (the convention of STScI's visibility tool).
 *
 * @example
 * ```ts
 * nominalV3PaDeg([1, 0, 0], [0, 0, 1]); // 180: the Sun due north puts V3 due south
 * ```
 */
export function nominalV3PaDeg(targetDirection: UnitVector, sunDirection: UnitVector): number {
  return wrapDegrees(positionAngleRad(targetDirection, sunDirection) * DEG_PER_RAD + 180);
}

/**
 * The observatory's V3 position angle for a target at an instant: nominal, and the range that
 * off-nominal roll reaches (see {@link offNominalRollHalfRangeDeg}).
 *
 * @example
 * ```ts
 * const pa = v3PositionAngle(findTarget('BD+60-1753'), Date.UTC(2022, 9, 1));
 * pa.nominalDeg; // degrees east of north
 * ```
 */
export function v3PositionAngle(target: Target, atMs: number, observatory: ObservatoryModel = DEFAULT_OBSERVATORY): V3PaAt {
  const targetDirection = targetUnitVector(target, atMs);
  const sunDirection = sunDirectionAt(observatory, atMs);
  const elongationDeg = angleRad(targetDirection, sunDirection) * DEG_PER_RAD;
  const nominalDeg = nominalV3PaDeg(targetDirection, sunDirection);
  const halfRangeDeg = rollHalfRangeDeg(elongationDeg);
  return {
    elongationDeg,
    nominalDeg,
    halfRangeDeg,
    minDeg: wrapDegrees(nominalDeg - halfRangeDeg),
    maxDeg: wrapDegrees(nominalDeg + halfRangeDeg),
  };
}
