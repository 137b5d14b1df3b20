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
export {
  FieldOfRegardSchema,
  MAX_ELONGATION_DEG,
  MIN_ELONGATION_DEG,
  inFieldOfRegard,
  offNominalRollHalfRangeDeg,
  type FieldOfRegard,
} from './field-of-regard.js';
export {
  DEFAULT_OBSERVATORY,
  EdgeMarginsSchema,
  NOMINAL_L2_MARGIN_DAYS,
  NOMINAL_OBSERVATORY,
  ObservatorySchema,
  PREDICTED_ORBIT_MARGIN_DAYS,
  parseObservatory,
  type EdgeMargins,
  type ObservatoryInput,
  type ObservatoryModel,
  type ObserverChoice,
} from './model.js';
export {
  EPHEMERIS_SPARE_MS,
  describeObserver,
  edgeMarginMs,
  ephemerisServes,
  observerSegments,
  sunSourceAt,
  type EdgeConstraint,
  type EdgeSource,
  type ObserverModelName,
  type ObserverSegment,
  type SunSource,
  type WindowEdge,
} from './observer.js';
export {
  JWST_SUN_DISTANCE_KM,
  JWST_SUN_SPEED_KM_PER_S,
  MAX_HORIZONS_STEP_DAYS,
  assertEphemerisCovers,
  ephemerisPositionKm,
  ephemerisVelocityKmPerS,
  parseHorizonsVectors,
  type HorizonsEphemeris,
} from './horizons.js';
export { BUILT_IN_EPHEMERIS_COVERAGE, BUILT_IN_EPHEMERIS_FILE, builtInEphemerisPath, loadBuiltInEphemeris } from './builtin-ephemeris.js';
export {
  HORIZONS_API_URL,
  fetchHorizonsEphemeris,
  horizonsQueryUrl,
  type FetchEphemerisOptions,
  type FetchedEphemeris,
} from './horizons-api.js';
export { SUN_MODEL_SPAN, angleBetweenRad, checkSunModelSpan, solarElongationDeg, sunDirectionAt, sunDirectionFrom } from './sun.js';
export { nominalV3PaDeg, positionAngleRad, v3PositionAngle, type V3PaAt } from './attitude.js';
export {
  APERTURE_INSTRUMENTS,
  APERTURE_OFFSETS,
  OrientationSchema,
  apertureOffsetOf,
  aperturePaOf,
  describeOrientation,
  resolveOrientation,
  type ApertureInstrument,
  type ApertureOffset,
  type Orientation,
  type OrientationInput,
} from './orientation.js';
export { DEFAULT_MAZ, MAZ_HALF_ANGLE_DEG, MAZ_START_MS, MazSchema, mazSpan, type MazSettings } from './maz.js';
export { ramDirectionAt, ramDirectionFrom } from './motion.js';
