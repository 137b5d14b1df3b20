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

export { nominalV3PaDeg, positionAngleRad, type V3PaAt, v3PositionAngle } from './attitude.js';
export { BUILT_IN_EPHEMERIS_COVERAGE, BUILT_IN_EPHEMERIS_FILE, builtInEphemerisPath, loadBuiltInEphemeris } from './builtin-ephemeris.js';
export {
  type FieldOfRegard,
  FieldOfRegardSchema,
  inFieldOfRegard,
  MAX_ELONGATION_DEG,
  MIN_ELONGATION_DEG,
  offNominalRollHalfRangeDeg,
} from './field-of-regard.js';
export {
  assertEphemerisCovers,
  ephemerisPositionKm,
  ephemerisVelocityKmPerS,
  type HorizonsEphemeris,
  JWST_SUN_DISTANCE_KM,
  JWST_SUN_SPEED_KM_PER_S,
  MAX_HORIZONS_STEP_DAYS,
  parseHorizonsVectors,
} from './horizons.js';
export {
  type FetchEphemerisOptions,
  type FetchedEphemeris,
  fetchHorizonsEphemeris,
  HORIZONS_API_URL,
  horizonsQueryUrl,
} from './horizons-api.js';
export { DEFAULT_MAZ, MAZ_HALF_ANGLE_DEG, MAZ_START_MS, MazSchema, type MazSettings, mazSpan } from './maz.js';
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
export { ramDirectionAt, ramDirectionFrom } from './motion.js';
export {
  describeObserver,
  type EdgeConstraint,
  type EdgeSource,
  EPHEMERIS_SPARE_MS,
  edgeMarginMs,
  ephemerisServes,
  type ObserverModelName,
  type ObserverSegment,
  observerSegments,
  type SunSource,
  sunSourceAt,
  type WindowEdge,
} from './observer.js';
export {
  APERTURE_INSTRUMENTS,
  APERTURE_OFFSETS,
  type ApertureInstrument,
  type ApertureOffset,
  apertureOffsetOf,
  aperturePaOf,
  describeOrientation,
  type Orientation,
  type OrientationInput,
  OrientationSchema,
  resolveOrientation,
} from './orientation.js';
export { angleBetweenRad, checkSunModelSpan, SUN_MODEL_SPAN, solarElongationDeg, sunDirectionAt, sunDirectionFrom } from './sun.js';
