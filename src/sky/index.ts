/**
 * Sky: angles, targets (J2000 positions with proper motion) and the built-in catalogue of
 * program 1539's targets, read from objects, CSV or JSON; ranges of position angle (arcs of the
 * circle) and their intersections.
 *
 * @example
 * ```ts
 * import { findTarget, parseTarget } from 'jwst-cadence';
 * const star = findTarget('BD+60 1753');
 * const south = parseTarget({ name: 'south', ra: '17:24:52.28', dec: '-30:30:00' });
 * console.log(star.name, south.decDeg); // BD+60-1753 -30.5
 * ```
 * @module sky
 */

export { type AngleRange, type AngleRangeInput, AngleRangeSchema, FULL_CIRCLE } from './angle-range.js';
export { DEG_PER_RAD, parseDeclinationDeg, parseRightAscensionDeg, RAD_PER_DEG, wrapDeg360 } from './angles.js';
export { BACKGROUND_OFFSET_ARCSEC, BUILT_IN_TARGETS, targetKey } from './catalog.js';
export {
  angleDifferenceDeg,
  angleRangeCentreDeg,
  angleRangeContains,
  angleRangeIntersections,
  angleRangeWidthDeg,
  commonAngleRange,
  findTarget,
  formatAngleRange,
  intersectAngleRanges,
  mostSharedAngleRange,
  normalizeAngleRange,
  parseAngleRangeText,
  parseTargetsText,
  positionAtDeg,
  targetUnitVector,
  unitVectorFromDeg,
} from './face.js';
export { MAX_PROPER_MOTION_MAS_PER_YR, parseTarget, type Target, type TargetInput, TargetSchema, type UnitVector } from './target.js';
