/**
 * Fixed targets: J2000 positions with proper motion, a schema that validates them, and
 * their direction at any instant.
 * @module
 */
import { z } from 'zod';
import { InstantMsSchema, MS_PER_DAY } from '../time/instant.js';
import { FiniteNumber, NonEmptyString, parseWith } from '../validation.js';
import { declinationDeg, parseDeclinationDeg, parseRightAscensionDeg, RAD_PER_DEG, rightAscensionDeg } from './angles.js';

/** J2000.0 = JD 2451545.0 = 2000-01-01T12:00 TT; taken here as 11:58:55.816 UTC (TT - UTC = 64.184 s then). */
const J2000_MS = Date.UTC(2000, 0, 1, 11, 58, 55, 816);
/** A Julian year, the unit of proper motion, in milliseconds (365.25 days, IAU). */

/**
 * The largest total proper motion accepted, mas/yr: 20,000, about twice that of Barnard's
 * Star (10,393 mas/yr in Gaia DR3: -801.6 in RA cos Dec, +10,362.4 in Dec), the fastest star
 * known. Anything faster is not a star but a typing error (or a solar-system body, which a
 * fixed position cannot describe), and would move a target by degrees over a century.
 */
export const MAX_PROPER_MOTION_MAS_PER_YR = 20_000;
const JULIAN_YEAR_MS = 365.25 * MS_PER_DAY;

const angleInput = z.union([z.number(), z.string()]);

/**
 * A fixed target as given by a user. `ra` and `dec` are degrees, or sexagesimal text
 * (`17:24:52.28` hours for RA, `+60:25:50.8` degrees for Dec), J2000 (ICRS) at `epoch`.
 * Proper motion is optional: `pmRaCosDec` (mas/yr, already multiplied by cos Dec, as
 * catalogues give it) and `pmDec` (mas/yr); `epoch` is the Julian epoch of the position
 * (default 2000.0).
 *
 * @example
 * ```ts
 * TargetSchema.parse({ name: 'HD 163466', ra: '17:52:25.376', dec: '+60:23:46.94', pmRaCosDec: -2.73, pmDec: 42.67 });
 * ```
 */
export const TargetSchema = z
  .object({
    name: z.string().trim().min(1, 'a target needs a name'),
    ra: angleInput,
    dec: angleInput,
    pmRaCosDec: z.number().finite().default(0),
    pmDec: z.number().finite().default(0),
    epoch: z.number().finite().min(1800).max(2200).default(2000),
  })
  .superRefine((input, ctx) => {
    const problem = properMotionProblem(input.pmRaCosDec, input.pmDec);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        continue: false,
        path: [Math.abs(input.pmRaCosDec) >= Math.abs(input.pmDec) ? 'pmRaCosDec' : 'pmDec'],
        message: problem,
      });
  })
  .transform((input, ctx) => {
    const raDeg = angleOrIssue(() => parseRightAscensionDeg(input.ra, 'ra'), ctx, 'ra');
    const decDeg = angleOrIssue(() => parseDeclinationDeg(input.dec, 'dec'), ctx, 'dec');
    if (raDeg === undefined || decDeg === undefined) return z.NEVER;
    return Object.freeze({
      name: input.name,
      raDeg,
      decDeg,
      pmRaCosDecMasPerYr: input.pmRaCosDec,
      pmDecMasPerYr: input.pmDec,
      epochYear: input.epoch,
    });
  });

function angleOrIssue(parse: () => number, ctx: z.RefinementCtx, field: string): number | undefined {
  try {
    return parse();
  } catch (error) {
    ctx.addIssue({ code: 'custom', continue: false, path: [field], message: (error as Error).message.replace(`${field}: `, '') });
    return undefined;
  }
}

/** A validated fixed target: degrees, mas/yr and a Julian epoch. */
export type Target = z.output<typeof TargetSchema>;

/** Whether a total proper motion is within {@link MAX_PROPER_MOTION_MAS_PER_YR} (squares: no square root needed). */
function properMotionWithin(pmRaCosDec: number, pmDec: number): boolean {
  return pmRaCosDec * pmRaCosDec + pmDec * pmDec <= MAX_PROPER_MOTION_MAS_PER_YR * MAX_PROPER_MOTION_MAS_PER_YR;
}

/** Why a proper motion is refused, or undefined: the bound {@link MAX_PROPER_MOTION_MAS_PER_YR}. */
function properMotionProblem(pmRaCosDec: number, pmDec: number): string | undefined {
  if (properMotionWithin(pmRaCosDec, pmDec)) return undefined;
  const total = Math.hypot(pmRaCosDec, pmDec);
  return `a proper motion of ${total.toPrecision(6)} mas/yr is more than the ${MAX_PROPER_MOTION_MAS_PER_YR} mas/yr accepted (about twice Barnard's Star, the fastest star known)`;
}

/** A name: text with something other than white space in it. */
const NAMED = /\S/;

/**
 * A target as the library holds it ({@link Target}), checked wherever one crosses the API, since
 * an object of that shape may not come from {@link parseTarget}: a name, RA in [0, 360) and Dec
 * in [-90, 90] degrees, finite proper motions within {@link MAX_PROPER_MOTION_MAS_PER_YR}, and
 * an epoch in 1800..2200 (as {@link TargetSchema} reads them). Other fields are ignored.
 */
export const TargetRecordSchema = z
  .object({
    name: z.string().regex(NAMED, 'a target needs a name'),
    raDeg: FiniteNumber.min(0).lt(360, 'right ascension must be below 360 degrees'),
    decDeg: FiniteNumber.min(-90).max(90),
    pmRaCosDecMasPerYr: FiniteNumber,
    pmDecMasPerYr: FiniteNumber,
    epochYear: FiniteNumber.min(1800).max(2200),
  })
  .superRefine((target, ctx) => {
    const problem = properMotionProblem(target.pmRaCosDecMasPerYr, target.pmDecMasPerYr);
    if (problem === undefined) return;
    const path = Math.abs(target.pmRaCosDecMasPerYr) >= Math.abs(target.pmDecMasPerYr) ? 'pmRaCosDecMasPerYr' : 'pmDecMasPerYr';
    ctx.addIssue({ code: 'custom', continue: false, path: [path], message: problem });
  });

/**
 * Whether a value passes {@link TargetRecordSchema}, answered by plain comparisons: the check of
 * many targets a call (the visibility engine takes thousands), where the schema's work a target
 * would cost as much as a fifth of computing its windows in a fresh process. Only a value this
 * refuses goes through the schema, for its message. A property test holds the two to the same
 * answer for any value.
 */
export function isTargetRecord(value: unknown): value is Target {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { name, raDeg, decDeg, pmRaCosDecMasPerYr, pmDecMasPerYr, epochYear } = value as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    NAMED.test(name) &&
    typeof raDeg === 'number' &&
    raDeg >= 0 &&
    raDeg < 360 &&
    typeof decDeg === 'number' &&
    decDeg >= -90 &&
    decDeg <= 90 &&
    typeof pmRaCosDecMasPerYr === 'number' &&
    Number.isFinite(pmRaCosDecMasPerYr) &&
    typeof pmDecMasPerYr === 'number' &&
    Number.isFinite(pmDecMasPerYr) &&
    properMotionWithin(pmRaCosDecMasPerYr, pmDecMasPerYr) &&
    typeof epochYear === 'number' &&
    epochYear >= 1800 &&
    epochYear <= 2200
  );
}

/** A target and an instant, the arguments of the functions below. */
export const TargetAtArguments = z.object({ target: TargetRecordSchema, atMs: InstantMsSchema });
/** What {@link TargetSchema} accepts. */
export type TargetInput = z.input<typeof TargetSchema>;

/**
 * Validate a target, throwing one InputError that names every bad field.
 *
 * @param where - prefixed to the message, e.g. `targets.csv line 4`.
 * @example
 * ```ts
 * const ncp = parseTarget({ name: 'NEP', ra: 270, dec: 66.5607 });
 * ```
 */
export function parseTarget(value: unknown, where = 'target'): Target {
  parseWith(NonEmptyString, where, 'where', 'parseTarget');
  return targetFrom(value, where);
}

/** {@link parseTarget} where `where` is the library's own words (a file's rows are read through this). */
export function targetFrom(value: unknown, where: string): Target {
  return plainTarget(value) ?? parseWith(TargetSchema, value, '', where);
}

/**
 * A target that is plainly valid, read without the schema (a file of thousands of rows spends
 * most of its reading in it), or undefined for anything else: then {@link TargetSchema} reads
 * it, for its verdict and its message. What this accepts, the schema accepts and reads alike
 * (a property test holds the two to one verdict).
 *
 * @example
 * ```ts
 * plainTarget({ name: ' NEP ', ra: 270, dec: '+66:33:38.6' }); // { name: 'NEP', raDeg: 270, decDeg: 66.5607..., ... }
 * plainTarget({ name: 'NEP', ra: 400, dec: 0 }); // undefined: the schema says why
 * ```
 */
export function plainTarget(value: unknown): Target | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const fields = value as Record<string, unknown>;
  const { name, ra, dec } = fields;
  if (typeof name !== 'string') return undefined;
  const trimmed = name.trim();
  // The schema's defaults: no proper motion, epoch 2000.
  const pmRaCosDec = fields['pmRaCosDec'] === undefined ? 0 : fields['pmRaCosDec'];
  const pmDec = fields['pmDec'] === undefined ? 0 : fields['pmDec'];
  const epoch = fields['epoch'] === undefined ? 2000 : fields['epoch'];
  if (
    trimmed === '' ||
    !isAngle(ra) ||
    !isAngle(dec) ||
    typeof pmRaCosDec !== 'number' ||
    !Number.isFinite(pmRaCosDec) ||
    typeof pmDec !== 'number' ||
    !Number.isFinite(pmDec) ||
    typeof epoch !== 'number' ||
    !(epoch >= 1800 && epoch <= 2200) ||
    !properMotionWithin(pmRaCosDec, pmDec)
  ) {
    return undefined;
  }
  let raDeg: number;
  let decDeg: number;
  try {
    raDeg = rightAscensionDeg(ra, 'ra');
    decDeg = declinationDeg(dec, 'dec');
  } catch {
    return undefined;
  }
  return Object.freeze({ name: trimmed, raDeg, decDeg, pmRaCosDecMasPerYr: pmRaCosDec, pmDecMasPerYr: pmDec, epochYear: epoch });
}

/** An angle as the schema takes it: a finite number or a string. */
function isAngle(value: unknown): value is number | string {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * The target's RA and Dec in degrees at an instant, proper motion applied linearly from its
 * epoch (ample for the arcsecond-scale motions of stars over decades).
 *
 * @example
 * ```ts
 * positionAtDeg(target, Date.UTC(2022, 6, 1)); // { raDeg, decDeg }
 * ```
 */
export function positionAtDeg(target: Target, atMs: number): { raDeg: number; decDeg: number } {
  return targetPositionAt(target, atMs);
}

/** {@link positionAtDeg} of a checked target and instant (inner loops call this). */
function targetPositionAt(target: Target, atMs: number): { raDeg: number; decDeg: number } {
  const epochMs = J2000_MS + (target.epochYear - 2000) * JULIAN_YEAR_MS;
  const years = (atMs - epochMs) / JULIAN_YEAR_MS;
  const decDeg = target.decDeg + (target.pmDecMasPerYr * years) / 3_600_000;
  const cosDec = Math.cos(target.decDeg * RAD_PER_DEG);
  const raDeg = cosDec > 1e-9 ? target.raDeg + (target.pmRaCosDecMasPerYr * years) / 3_600_000 / cosDec : target.raDeg;
  return { raDeg, decDeg };
}

/** A unit vector [x, y, z] in J2000 equatorial axes. */
export type UnitVector = readonly [number, number, number];

/** How far from 1 the length of a unit vector may be: far above rounding, far below any real error. */
const UNIT_LENGTH_TOLERANCE = 1e-6;

/** A {@link UnitVector} as the API takes it: three finite numbers whose length is 1 (to 1e-6). */
export const UnitVectorSchema = z
  .tuple([FiniteNumber, FiniteNumber, FiniteNumber])
  .refine((v) => Math.abs(Math.hypot(v[0], v[1], v[2]) - 1) <= UNIT_LENGTH_TOLERANCE, {
    message: 'not a unit vector (its length must be 1)',
  });

/** The arguments of {@link unitVectorFromDeg}: any finite RA (it is periodic), a Dec in [-90, 90]. */
export const DirectionArguments = z.object({ raDeg: FiniteNumber, decDeg: FiniteNumber.min(-90).max(90) });

/**
 * Unit vector of a direction given in degrees (J2000 equatorial axes: x to the equinox, z to the pole).
 *
 * @example
 * ```ts
 * unitVectorFromDeg(0, 90); // [6.1e-17, 0, 1]
 * ```
 */
export function unitVectorFromDeg(raDeg: number, decDeg: number): UnitVector {
  const raRad = raDeg * RAD_PER_DEG;
  const decRad = decDeg * RAD_PER_DEG;
  const cosDec = Math.cos(decRad);
  return [cosDec * Math.cos(raRad), cosDec * Math.sin(raRad), Math.sin(decRad)];
}

/**
 * The target's unit vector at an instant (catalogue position plus proper motion; no
 * aberration, following the convention of STScI's visibility tool).
 *
 * @example
 * ```ts
 * targetUnitVector(target, Date.UTC(2022, 6, 1));
 * ```
 */
export function targetUnitVector(target: Target, atMs: number): UnitVector {
  const { raDeg, decDeg } = targetPositionAt(target, atMs);
  return unitVectorFromDeg(raDeg, decDeg);
}
