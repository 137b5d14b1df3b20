/**
 * The checked face of the observatory functions: each one as the package exports it, its arguments
 * checked once, before any work, by the schema beside the function (see `checked`). The
 * library's own code calls the functions themselves.
 * @module
 */
import { checked } from '../validation.js';
import * as attitude from './attitude.js';
import * as fieldOfRegard from './field-of-regard.js';
import * as horizons from './horizons.js';
import type { FetchEphemerisOptions, FetchedEphemeris } from './horizons-api.js';
import * as horizonsApi from './horizons-api.js';
import * as maz from './maz.js';
import * as model from './model.js';
import * as motion from './motion.js';
import * as observer from './observer.js';
import * as orientation from './orientation.js';
import * as sun from './sun.js';

/** @function */
export const positionAngleRad = /* @__PURE__ */ checked('positionAngleRad', attitude.PositionAngleArguments, attitude.positionAngleRad);
/** @function */
export const nominalV3PaDeg = /* @__PURE__ */ checked('nominalV3PaDeg', attitude.NominalArguments, attitude.nominalV3PaDeg);
/** @function */
export const v3PositionAngle = /* @__PURE__ */ checked('v3PositionAngle', attitude.V3PaArguments, attitude.v3PositionAngle, {
  defaults: { observatory: model.DEFAULT_OBSERVATORY },
  parsed: true,
});
/** @function */
export const inFieldOfRegard = /* @__PURE__ */ checked('inFieldOfRegard', fieldOfRegard.InFieldArguments, fieldOfRegard.inFieldOfRegard);
/** @function */
export const horizonsQueryUrl = /* @__PURE__ */ checked('horizonsQueryUrl', horizonsApi.QueryArguments, horizonsApi.horizonsQueryUrl, {
  defaults: { endpoint: horizonsApi.HORIZONS_API_URL },
});
/**
 * Fetch a daily vector table of JWST covering a span (with 4 days to spare either side) from
 * the JPL Horizons API, validate it with {@link parseHorizonsVectors} and check it serves the
 * span, and, with `out`, save its text atomically. Needs the network (Node's global fetch).
 * Throws an InputError for a bad span, a ServiceError when the service cannot be reached,
 * answers with an error, or sends a table that fails validation (nothing is written then).
 *
 * @example
 * ```ts
 * const { ephemeris } = await fetchHorizonsEphemeris({ from: '2027-07-01', to: '2028-07-01', out: 'jwst-cycle6.txt' });
 * visibilityWindows('HD163466', cycleSpan(6), { observatory: { ephemeris } });
 * ```
 * @function
 */
export const fetchHorizonsEphemeris: (options: FetchEphemerisOptions) => Promise<FetchedEphemeris> = /* @__PURE__ */ checked(
  'fetchHorizonsEphemeris',
  horizonsApi.FetchArguments,
  horizonsApi.fetchHorizonsEphemeris,
  { parsed: true },
);
/** @function */
export const parseHorizonsVectors = /* @__PURE__ */ checked(
  'parseHorizonsVectors',
  horizons.ParseArguments,
  horizons.parseHorizonsVectors,
  { defaults: { source: 'ephemeris' } },
);
/** @function */
export const assertEphemerisCovers = /* @__PURE__ */ checked(
  'assertEphemerisCovers',
  horizons.CoverArguments,
  horizons.assertEphemerisCovers,
  { defaults: { spareMs: 0 } },
);
/** @function */
export const ephemerisPositionKm = /* @__PURE__ */ checked('ephemerisPositionKm', horizons.PositionArguments, horizons.ephemerisPositionKm);
/** @function */
export const ephemerisVelocityKmPerS = /* @__PURE__ */ checked(
  'ephemerisVelocityKmPerS',
  horizons.PositionArguments,
  horizons.ephemerisVelocityKmPerS,
);
/** @function */
export const mazSpan = /* @__PURE__ */ checked('mazSpan', maz.MazSpanArguments, maz.mazSpan);
/** @function */
export const ramDirectionFrom = /* @__PURE__ */ checked('ramDirectionFrom', motion.SourceInstantArguments, motion.ramDirectionFrom);
/** @function */
export const ramDirectionAt = /* @__PURE__ */ checked('ramDirectionAt', motion.ObservatoryInstantArguments, motion.ramDirectionAt, {
  parsed: true,
});
/** @function */
export const ephemerisServes = /* @__PURE__ */ checked('ephemerisServes', observer.EphemerisArgument, observer.ephemerisServes);
/** @function */
export const observerSegments = /* @__PURE__ */ checked('observerSegments', observer.ObservatorySpanArguments, observer.observerSegments, {
  parsed: true,
});
/** @function */
export const sunSourceAt = /* @__PURE__ */ checked('sunSourceAt', observer.ObservatoryInstantArguments, observer.sunSourceAt, {
  parsed: true,
});
/** @function */
export const edgeMarginMs = /* @__PURE__ */ checked('edgeMarginMs', observer.EdgeMarginArguments, observer.edgeMarginMs, { parsed: true });
/** @function */
export const describeObserver = /* @__PURE__ */ checked('describeObserver', observer.ObservatorySpanArguments, observer.describeObserver, {
  parsed: true,
});
/** @function */
export const apertureOffsetOf = /* @__PURE__ */ checked('apertureOffsetOf', orientation.VisitFields, orientation.apertureOffsetOf);
/** @function */
export const resolveOrientation = /* @__PURE__ */ checked(
  'resolveOrientation',
  orientation.ResolveArguments,
  orientation.resolveOrientation,
  { defaults: { where: 'orientation' } },
);
/** @function */
export const aperturePaOf = /* @__PURE__ */ checked('aperturePaOf', orientation.AperturePaArguments, orientation.aperturePaOf);
/** @function */
export const describeOrientation = /* @__PURE__ */ checked(
  'describeOrientation',
  orientation.DescribeOrientationArguments,
  orientation.describeOrientation,
);
/** @function */
export const checkSunModelSpan = /* @__PURE__ */ checked('checkSunModelSpan', sun.ModelSpanArguments, sun.checkSunModelSpan, {
  defaults: { field: 'span' },
});
/** @function */
export const sunDirectionAt = /* @__PURE__ */ checked('sunDirectionAt', sun.ObservatoryInstantArguments, sun.sunDirectionAt, {
  parsed: true,
});
/** @function */
export const sunDirectionFrom = /* @__PURE__ */ checked('sunDirectionFrom', sun.SourceInstantArguments, sun.sunDirectionFrom);
/** @function */
export const angleBetweenRad = /* @__PURE__ */ checked('angleBetweenRad', sun.VectorPairArguments, sun.angleBetweenRad);
/** @function */
export const solarElongationDeg = /* @__PURE__ */ checked('solarElongationDeg', sun.ElongationArguments, sun.solarElongationDeg, {
  defaults: { observatory: model.DEFAULT_OBSERVATORY },
  parsed: true,
});
