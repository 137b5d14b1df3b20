/**
 * Orientation constraints: a range of V3 position angle a visit must be observed at, given
 * as a V3PA range or, as APT's APERTURE PA RANGE special requirement takes it, as a range of
 * aperture position angle with the aperture's offset from V3.
 *
 * The aperture position angle (APA) of an instrument aperture is the position angle of its
 * ideal Y axis, east of north: APA = V3PA + V3IdlYAngle, where V3IdlYAngle is the aperture's
 * angle from the V3 axis in the Science Instrument Aperture File (JWST User Documentation,
 * "JWST Position Angles, Ranges, and Offsets"; STScI's visibility tool adds the SIAF
 * V3IdlYAngle to V3PA the same way). So V3PA = APA - V3IdlYAngle.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { type AngleRange, AngleRangeRecordSchema, AngleRangeSchema, arcsAgree, arcTurned, formatAngleRange } from '../sky/angle-range.js';
import { FiniteNumber, NonEmptyString, PARSE_OPTIONS, type SameShape } from '../validation.js';

/** The instruments whose aperture offsets are tabulated (the four science instruments and the guider). */
export const APERTURE_INSTRUMENTS = ['NIRCam', 'NIRSpec', 'NIRISS', 'MIRI', 'FGS'] as const;

/** One of {@link APERTURE_INSTRUMENTS}. */
export type ApertureInstrument = (typeof APERTURE_INSTRUMENTS)[number];

/** An aperture's offset from V3: APA - V3PA, degrees, and where the figure comes from. */
export interface ApertureOffset {
  /** V3IdlYAngle: the aperture position angle minus V3PA, degrees. */
  readonly offsetDeg: number;
  /** The SIAF aperture the figure is for. */
  readonly aperture: string;
  /** Where the figure is documented. */
  readonly source: string;
}

/**
 * Offsets of each instrument's reference aperture from V3 (V3IdlYAngle, degrees), for turning
 * an aperture PA range into a V3PA range. These are the apertures STScI's visibility tool
 * reports per instrument. Apertures of one instrument differ by up to about a degree (the
 * NIRCam detectors by -0.56 to +0.86 degree in the SIAF alignment file), so give the exact
 * aperture's V3IdlYAngle (`offsetDeg`) when a degree matters.
 *
 * @example
 * ```ts
 * APERTURE_OFFSETS.NIRSpec.offsetDeg; // 138.5: aperture PA = V3PA + 138.5
 * ```
 */
export const APERTURE_OFFSETS: Readonly<Record<ApertureInstrument, ApertureOffset>> = Object.freeze({
  // NIRCam is aligned with V3 to within a degree (JDox, "JWST Focal Plane": "NIRCam and NIRISS
  // are very nearly aligned with V3PA"); its ten detectors' V3IdlYAngle run from -0.56 to +0.86
  // degree (SIAF alignment parameters, pysiaf source_data/NIRCam/nircam_siaf_alignment.txt).
  NIRCam: Object.freeze({
    offsetDeg: 0,
    aperture: 'NRCALL_FULL',
    source: 'JDox "JWST Focal Plane" (aligned with V3 to within a degree; SIAF detectors -0.56 to +0.86)',
  }),
  // NIRSpec: about 138.5 degrees (JDox, "JWST Position Angles, Ranges, and Offsets", Table 1;
  // the SIAF's NRS_FULL_MSA V3IdlYAngle is 138.5 to a tenth of a degree).
  NIRSpec: Object.freeze({
    offsetDeg: 138.5,
    aperture: 'NRS_FULL_MSA',
    source: 'JDox "JWST Position Angles, Ranges, and Offsets", Table 1',
  }),
  // NIRISS: V3IdlYAngle of NIS_CEN, 0.561 degree (SIAF alignment parameters calibrated with
  // NIRISS target acquisitions, 2023-10-30: pysiaf source_data/NIRISS/niriss_siaf_alignment.txt).
  NIRISS: Object.freeze({ offsetDeg: 0.56, aperture: 'NIS_CEN', source: 'SIAF alignment, NIS_CEN V3IdlYAngle 0.561 (2023-10-30)' }),
  // MIRI imager: V3IdlYAngle of MIRIM_FULL, 4.835 degrees (SIAF PRDOPSSOC-059, as WebbPSF
  // tabulates it). The MRS has its own aperture angles (give offsetDeg for MRS work).
  MIRI: Object.freeze({ offsetDeg: 4.84, aperture: 'MIRIM_FULL', source: 'SIAF PRDOPSSOC-059, MIRIM_FULL V3IdlYAngle 4.835' }),
  // FGS: V3IdlYAngle of FGS1_FULL, -1.241 degrees (SIAF, as pysiaf reports it).
  FGS: Object.freeze({ offsetDeg: -1.24, aperture: 'FGS1_FULL', source: 'SIAF, FGS1_FULL V3IdlYAngle -1.241' }),
});

/**
 * Observing templates whose apertures are not the instrument's reference aperture and whose
 * offset from V3 is not tabulated here: the MIRI Medium Resolution Spectrometer's channels are
 * irregular slices, each at its own angle to V3 (JDox, "MIRI MRS Field and Coordinates"). For
 * these, give the aperture's offset (`offsetDeg`) or a V3PA range.
 */
const UNTABULATED_TEMPLATES = [/^MIRI Medium Resolution Spectroscopy/i];

/**
 * The tabulated offset from V3 of the aperture a visit uses, by its instrument (and template,
 * where the instrument's reference aperture does not apply), or `undefined` when none is known.
 *
 * @example
 * ```ts
 * apertureOffsetOf('NIRSpec', 'NIRSpec Fixed Slit Spectroscopy')?.offsetDeg; // 138.5
 * apertureOffsetOf('MIRI', 'MIRI Medium Resolution Spectroscopy');           // undefined
 * ```
 */
export function apertureOffsetOf(
  instrument: string | undefined,
  template?: string,
): (ApertureOffset & { readonly instrument: ApertureInstrument }) | undefined {
  return tabulatedOffset(instrument, template);
}

/** An instrument and a template as a visit names them (either may be absent). */
export const VisitFields = z.object({ instrument: z.string().optional(), template: z.string().optional() });

/** {@link apertureOffsetOf} of a checked instrument and template. */
function tabulatedOffset(
  instrument: string | undefined,
  template?: string,
): (ApertureOffset & { readonly instrument: ApertureInstrument }) | undefined {
  const name = APERTURE_INSTRUMENTS.find((known) => known.toUpperCase() === instrument?.trim().toUpperCase());
  if (name === undefined) return undefined;
  if (template !== undefined && UNTABULATED_TEMPLATES.some((pattern) => pattern.test(template.trim()))) return undefined;
  return { ...APERTURE_OFFSETS[name], instrument: name };
}

/**
 * An orientation constraint as a user gives it, in one of two forms:
 * - `{ v3pa: { minDeg, maxDeg } }`: a V3PA range;
 * - `{ aperturePa: { minDeg, maxDeg }, instrument }` or `{ aperturePa, offsetDeg }`: an aperture
 *   PA range (APT's APERTURE PA RANGE) with the aperture's offset from V3, from the table of
 *   {@link APERTURE_OFFSETS} by instrument, or given (the aperture's V3IdlYAngle). Without
 *   either, the visit's own instrument is used where one is known (the scheduler knows it).
 *
 * Ranges run eastward from `minDeg` to `maxDeg` (through 360/0 when `maxDeg` is smaller, so
 * `-10` to `10` and `350` to `10` are the same 20 degrees).
 *
 * @example
 * ```ts
 * OrientationSchema.parse({ v3pa: { minDeg: 100, maxDeg: 120 } });
 * OrientationSchema.parse({ aperturePa: { minDeg: 238.5, maxDeg: 258.5 }, instrument: 'NIRSpec' });
 * ```
 */
export const OrientationSchema = z.union([
  z.strictObject({ v3pa: AngleRangeSchema }),
  z.strictObject({
    aperturePa: AngleRangeSchema,
    instrument: z.enum(APERTURE_INSTRUMENTS).optional(),
    offsetDeg: z.number().finite().min(-360).max(360).optional(),
  }),
]);

/** What {@link OrientationSchema} accepts. */
export type OrientationInput = z.input<typeof OrientationSchema>;

/** A resolved orientation constraint: the V3PA range, and the aperture PA range it came from. */
export interface Orientation {
  /** The V3PA range the visit must be observed at. */
  readonly v3pa: AngleRange;
  /** The same range as aperture PA, and the offset between them (APA - V3PA). */
  readonly aperturePa?: {
    readonly range: AngleRange;
    readonly offsetDeg: number;
    /** Where the offset comes from: an instrument of the table, or `given`. */
    readonly offsetSource: string;
  };
}

/**
 * Resolve an orientation constraint to a V3PA range. `instrument` is the visit's instrument,
 * used for an aperture PA range that names neither an instrument nor an offset. Throws an
 * InputError naming `where` when the input is malformed or an aperture PA range has no offset.
 *
 * @example
 * ```ts
 * resolveOrientation({ aperturePa: { minDeg: 238.5, maxDeg: 258.5 }, instrument: 'NIRSpec' }).v3pa; // { minDeg: 100, maxDeg: 120 }
 * ```
 */
export function resolveOrientation(input: unknown, where = 'orientation', instrument?: string, template?: string): Orientation {
  const result = OrientationSchema.safeParse(input, PARSE_OPTIONS);
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .map(
          (issue) =>
            `${[where, ...issue.path].join('.')}: ${issue.code === 'invalid_union' ? 'give either { v3pa: { minDeg, maxDeg } } or { aperturePa: { minDeg, maxDeg }, instrument or offsetDeg }' : issue.message}`,
        )
        .join('; '),
    );
  }
  return orientationFrom(result.data, where, instrument, template);
}

/** The arguments of {@link resolveOrientation} besides the input it reads: where, and the visit's instrument and template. */
export const ResolveArguments = z.object({
  // The input is read by OrientationSchema in the function, whose messages name `where`.
  input: z.unknown(),
  where: NonEmptyString,
  instrument: z.string().optional(),
  template: z.string().optional(),
});

/**
 * {@link resolveOrientation} of input its schema read (the schemas of options and plans that
 * hold an orientation resolve it through this). Throws an InputError naming `where` when an
 * aperture PA range has no offset, or two.
 */
export function orientationFrom(
  value: z.output<typeof OrientationSchema>,
  where: string,
  instrument?: string,
  template?: string,
): Orientation {
  if ('v3pa' in value) return Object.freeze({ v3pa: value.v3pa });
  if (value.instrument !== undefined && value.offsetDeg !== undefined) {
    throw new InputError(`${where}: give an instrument or an offsetDeg for the aperture PA range, not both`);
  }
  let offsetDeg: number;
  let offsetSource: string;
  if (value.offsetDeg !== undefined) {
    offsetDeg = value.offsetDeg;
    offsetSource = 'given';
  } else if (value.instrument !== undefined) {
    offsetDeg = APERTURE_OFFSETS[value.instrument].offsetDeg;
    offsetSource = value.instrument;
  } else {
    const own = tabulatedOffset(instrument, template);
    if (own === undefined) {
      const why = instrument !== undefined && template !== undefined ? ` (the offset of "${template}" is not tabulated)` : '';
      throw new InputError(
        `${where}: an aperture PA range needs the aperture's offset from V3${why}: give instrument (${APERTURE_INSTRUMENTS.join(', ')}) or offsetDeg`,
      );
    }
    offsetDeg = own.offsetDeg;
    offsetSource = own.instrument;
  }
  return Object.freeze({
    v3pa: arcTurned(value.aperturePa, -offsetDeg),
    aperturePa: Object.freeze({ range: value.aperturePa, offsetDeg, offsetSource }),
  });
}

/**
 * An orientation's aperture PA range for a visit's instrument and template: the range it was
 * given in, or its V3PA range plus the tabulated offset ({@link apertureOffsetOf}); `undefined`
 * when neither is known.
 *
 * @example
 * ```ts
 * aperturePaOf({ v3pa: { minDeg: 100, maxDeg: 120 } }, 'NIRSpec'); // { range: { 238.5..258.5 }, offsetDeg: 138.5, offsetSource: 'NIRSpec' }
 * aperturePaOf({ v3pa: { minDeg: 100, maxDeg: 120 } }, 'MIRI', 'MIRI Medium Resolution Spectroscopy'); // undefined
 * ```
 */
export function aperturePaOf(orientation: Orientation, instrument: string | undefined, template?: string): Orientation['aperturePa'] {
  if (orientation.aperturePa) return orientation.aperturePa;
  const own = tabulatedOffset(instrument, template);
  if (own === undefined) return undefined;
  return Object.freeze({ range: arcTurned(orientation.v3pa, own.offsetDeg), offsetDeg: own.offsetDeg, offsetSource: own.instrument });
}

/**
 * How far an aperture PA range may lie from its V3PA range turned by the offset, degrees: rounding
 * only (a millionth of a degree is 4 milliarcseconds).
 */
const ARC_TOLERANCE_DEG = 1e-6;

/** The offset between an aperture PA and V3PA, degrees (a V3IdlYAngle), as orientations take it. */
export const OffsetDegSchema = FiniteNumber.min(-360).max(360);

/** Whether an aperture PA range is its V3PA range turned by the offset, to rounding. */
export function apertureAgrees(v3pa: AngleRange, aperturePa: AngleRange, offsetDeg: number): boolean {
  return arcsAgree(arcTurned(v3pa, offsetDeg), aperturePa, ARC_TOLERANCE_DEG);
}

/**
 * An orientation as the library holds one ({@link Orientation}, as {@link resolveOrientation}
 * gives it): a V3PA arc and, when present, the aperture PA arc it came from, which must be the
 * V3PA arc turned by the offset. Fields not named here are left alone.
 *
 * @example
 * ```ts
 * OrientationRecordSchema.safeParse(resolveOrientation({ v3pa: { minDeg: 100, maxDeg: 120 } })).success; // true
 * ```
 */
export const OrientationRecordSchema = z
  .object({
    v3pa: AngleRangeRecordSchema,
    aperturePa: z.object({ range: AngleRangeRecordSchema, offsetDeg: OffsetDegSchema, offsetSource: NonEmptyString }).optional(),
  })
  .refine(
    (orientation) =>
      !orientation.aperturePa || apertureAgrees(orientation.v3pa, orientation.aperturePa.range, orientation.aperturePa.offsetDeg),
    {
      message: 'is not the V3PA range turned by offsetDeg',
      path: ['aperturePa', 'range'],
    },
  );

/** The arguments of {@link aperturePaOf}. */
export const AperturePaArguments = z.object({
  orientation: OrientationRecordSchema,
  instrument: z.string().optional(),
  template: z.string().optional(),
});

/** The arguments of {@link describeOrientation}. */
export const DescribeOrientationArguments = z.object({ orientation: OrientationRecordSchema });

/**
 * An orientation in words: `V3PA 100..120`, or `aperture PA 238.5..258.5 (NIRSpec offset 138.5; V3PA 100..120)`.
 *
 * @example
 * ```ts
 * describeOrientation({ v3pa: { minDeg: 100, maxDeg: 120 } }); // 'V3PA 100..120'
 * ```
 */
export function describeOrientation(orientation: Orientation): string {
  const v3 = `V3PA ${formatAngleRange(orientation.v3pa)}`;
  if (!orientation.aperturePa) return v3;
  const { range, offsetDeg, offsetSource } = orientation.aperturePa;
  const from =
    offsetSource === 'given' ? `offset ${Number(offsetDeg.toFixed(3))}` : `${offsetSource} offset ${Number(offsetDeg.toFixed(3))}`;
  return `aperture PA ${formatAngleRange(range)} (${from}; ${v3})`;
}

const fieldsMatch: [
  SameShape<Orientation, z.output<typeof OrientationRecordSchema>>,
  SameShape<NonNullable<Orientation['aperturePa']>, NonNullable<z.output<typeof OrientationRecordSchema>['aperturePa']>>,
] = [true, true];
void fieldsMatch;
