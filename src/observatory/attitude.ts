/**
 * The observatory's V3 position angle: nominal, and the range roll can reach.
 * @module
 */
import { DEG_PER_RAD, wrapDeg360 } from '../sky/angles.js';
import { targetUnitVector, type Target, type UnitVector } from '../sky/target.js';
import { offNominalRollHalfRangeDeg } from './field-of-regard.js';
import { DEFAULT_OBSERVATORY, type ObservatoryModel } from './model.js';
import { angleBetweenRad, sunDirectionAt } from './sun.js';

/**
 * Position angle of direction `towards` as seen from `from` (both unit vectors), radians,
 * measured from north through east: atan2(towards · east, towards · north), with east and
 * north the local unit vectors at `from`.
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
 */
export function nominalV3PaDeg(targetDirection: UnitVector, sunDirection: UnitVector): number {
  return wrapDeg360(positionAngleRad(targetDirection, sunDirection) * DEG_PER_RAD + 180);
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
  const elongationDeg = angleBetweenRad(targetDirection, sunDirection) * DEG_PER_RAD;
  const nominalDeg = nominalV3PaDeg(targetDirection, sunDirection);
  const halfRangeDeg = offNominalRollHalfRangeDeg(elongationDeg);
  return {
    elongationDeg,
    nominalDeg,
    halfRangeDeg,
    minDeg: wrapDeg360(nominalDeg - halfRangeDeg),
    maxDeg: wrapDeg360(nominalDeg + halfRangeDeg),
  };
}
