/**
 * Observatory: where JWST is (its real orbit from a JPL Horizons table, bundled or fetched
 * from the Horizons API, or the nominal Sun-Earth L2 point), which of the two sees each part of
 * a span, the field of regard it may point at, the Sun's direction from it, the V3 position
 * angle it takes, orientation constraints (V3PA or aperture PA ranges), its direction of motion
 * and the micrometeoroid avoidance zone around it.
 *
 * @example
 * ```ts
 * import { findTarget, loadBuiltInEphemeris, parseInstant, parseObservatory, solarElongationDeg } from 'jwst-cadence';
 * const observatory = parseObservatory({ ephemeris: loadBuiltInEphemeris(), fieldOfRegard: { minElongationDeg: 84.8 } });
 * const elongationDeg = solarElongationDeg(findTarget('HD163466'), parseInstant('2022-07-01'), observatory);
 * console.log(elongationDeg.toFixed(1)); // the Sun-target angle seen from JWST's real orbit
 * ```
 * @module observatory
 */

export type { V3PaAt } from './attitude.js';
export { BUILT_IN_EPHEMERIS_COVERAGE, BUILT_IN_EPHEMERIS_FILE, builtInEphemerisPath, loadBuiltInEphemeris } from './builtin-ephemeris.js';
export {
  angleBetweenRad,
  apertureOffsetOf,
  aperturePaOf,
  assertEphemerisCovers,
  checkSunModelSpan,
  describeObserver,
  describeOrientation,
  edgeMarginMs,
  ephemerisPositionKm,
  ephemerisServes,
  ephemerisVelocityKmPerS,
  fetchHorizonsEphemeris,
  horizonsQueryUrl,
  inFieldOfRegard,
  mazSpan,
  nominalV3PaDeg,
  observerSegments,
  parseHorizonsVectors,
  positionAngleRad,
  ramDirectionAt,
  ramDirectionFrom,
  resolveOrientation,
  solarElongationDeg,
  sunDirectionAt,
  sunDirectionFrom,
  sunSourceAt,
  v3PositionAngle,
} from './face.js';
export {
  type FieldOfRegard,
  FieldOfRegardSchema,
  MAX_ELONGATION_DEG,
  MIN_ELONGATION_DEG,
  offNominalRollHalfRangeDeg,
} from './field-of-regard.js';
export { type HorizonsEphemeris, JWST_SUN_DISTANCE_KM, JWST_SUN_SPEED_KM_PER_S, MAX_HORIZONS_STEP_DAYS } from './horizons.js';
export { type FetchEphemerisOptions, type FetchedEphemeris, HORIZONS_API_URL } from './horizons-api.js';
export { DEFAULT_MAZ, MAZ_HALF_ANGLE_DEG, MAZ_START_MS, MazSchema, type MazSettings } from './maz.js';
export {
  DEFAULT_OBSERVATORY,
  type EdgeMargins,
  EdgeMarginsSchema,
  NOMINAL_L2_MARGIN_DAYS,
  NOMINAL_OBSERVATORY,
  type ObservatoryInput,
  type ObservatoryModel,
  ObservatorySchema,
  type ObserverChoice,
  PREDICTED_ORBIT_MARGIN_DAYS,
  parseObservatory,
} from './model.js';
export {
  type EdgeConstraint,
  type EdgeSource,
  EPHEMERIS_SPARE_MS,
  type ObserverModelName,
  type ObserverSegment,
  type SunSource,
  type WindowEdge,
} from './observer.js';
export {
  APERTURE_INSTRUMENTS,
  APERTURE_OFFSETS,
  type ApertureInstrument,
  type ApertureOffset,
  type Orientation,
  type OrientationInput,
  OrientationSchema,
} from './orientation.js';
export { SUN_MODEL_SPAN } from './sun.js';
