/**
 * The observatory model: where JWST is seen from (the observer), which solar elongations it may
 * point at, and how far a plan keeps from window edges that each observer computes.
 * @module
 */
import { z } from 'zod';
import { parseWith } from '../validation.js';
import { type FieldOfRegard, FieldOfRegardSchema } from './field-of-regard.js';
import { type HorizonsEphemeris, HorizonsEphemerisSchema } from './horizons.js';
import { DEFAULT_MAZ, MazSchema, type MazSettings } from './maz.js';

/**
 * Which observer computes the Sun's direction:
 * - `auto` (the default): JWST's real orbit from a Horizons table (the one given, else the one
 *   bundled with the package) wherever the table covers, the nominal L2 point elsewhere;
 * - `ephemeris`: the real orbit only; a span the table does not cover is an error;
 * - `nominal-l2`: the Sun-Earth L2 point everywhere (the bundled table is never read).
 */
export type ObserverChoice = 'auto' | 'ephemeris' | 'nominal-l2';

/**
 * Margin kept from window edges that the nominal L2 model computes, days. JWST's halo orbit
 * turns the Sun's direction by up to about 0.29 degree from the geocentric one, and near the
 * ecliptic poles solar elongation changes by only 0.065-0.095 degree a day at window edges, so
 * real edges lie up to about 59 hours from nominal ones (program 1539's stars in Cycle 1,
 * measured against the JPL Horizons table; docs/visibility.md). 3 days covers that.
 */
export const NOMINAL_L2_MARGIN_DAYS = 3;

/**
 * Margin kept from window edges that a Horizons table computes where its rows are a
 * prediction (on or after the table's generation date), days. Edges in the reconstructed part
 * get none.
 *
 * Measured (docs/visibility.md, and checked in the tests): the 2022-10-07 table's predicted
 * rows differ from the 2023-06-20 table's reconstructed rows by at most 1.6 arcsec of Sun
 * direction over 256 days of prediction, and move the stars' edges by at most 1.3 minutes; the
 * two tables' predictions, compared over the same later dates, stay within 6 arcsec until
 * 672 days after 2022-10-07 and then part at an e-folding time of about 3 weeks, reaching
 * 59 arcsec 709 days after it (the longest prediction in the bundled table).
 * Assumed: a table's prediction is off by no more than two published predictions disagree at
 * the same lead time, so by at most 60 arcsec within 709 days; at the slowest edges of program
 * 1539's stars (0.065 degree a day) that moves an edge by 6.2 hours. Half a day covers it
 * twice over. Slower edges (targets nearer the continuous viewing zone) move proportionally
 * more, and predictions much longer than two years can be far worse: fetch a fresh table
 * (`jwst-cadence ephemeris`).
 */
export const PREDICTED_ORBIT_MARGIN_DAYS = 0.5;

/**
 * Margins kept from window edges, days, by the observer that computed the edge. An edge where
 * the span cuts a window gets none; edges a Horizons table computes from its reconstructed rows
 * (before its generation date) get none.
 *
 * @example
 * ```ts
 * EdgeMarginsSchema.parse({}); // { nominalL2Days: 3, predictedOrbitDays: 0.5 }
 * ```
 */
export const EdgeMarginsSchema = z
  .object({
    /** Edges the nominal L2 model computed. */
    nominalL2Days: z.number().finite().min(0).max(30).default(NOMINAL_L2_MARGIN_DAYS),
    /** Edges a Horizons table computed from its predicted rows. */
    predictedOrbitDays: z.number().finite().min(0).max(30).default(PREDICTED_ORBIT_MARGIN_DAYS),
  })
  .strict();

/** Validated edge margins, days. */
export type EdgeMargins = z.output<typeof EdgeMarginsSchema>;

const DEFAULT_MARGINS: EdgeMargins = Object.freeze({
  nominalL2Days: NOMINAL_L2_MARGIN_DAYS,
  predictedOrbitDays: PREDICTED_ORBIT_MARGIN_DAYS,
});

/**
 * An observatory model: the observer, the field of regard, an optional Horizons table of
 * JWST's orbit (default: the table bundled with the package, read only when a span needs it),
 * the margins a plan keeps from the window edges each observer computes, and the
 * micrometeoroid avoidance zone (modelled from Cycle 2 on by default; see `MazSchema`).
 *
 * @example
 * ```ts
 * ObservatorySchema.parse({});                                    // auto observer, 85..135 degrees
 * ObservatorySchema.parse({ observer: 'nominal-l2' });            // the L2 point everywhere
 * ObservatorySchema.parse({ fieldOfRegard: { minElongationDeg: 84.8 } });
 * ObservatorySchema.parse({ maz: { apply: 'off' } });             // no micrometeoroid avoidance zone
 * ```
 */
export const ObservatorySchema = z
  .object({
    fieldOfRegard: FieldOfRegardSchema.default({ minElongationDeg: 85, maxElongationDeg: 135 }),
    observer: z.enum(['auto', 'ephemeris', 'nominal-l2']).default('auto'),
    ephemeris: HorizonsEphemerisSchema.optional(),
    margins: EdgeMarginsSchema.default(DEFAULT_MARGINS),
    maz: MazSchema.default(DEFAULT_MAZ),
  })
  .strict()
  .refine((model) => !(model.observer === 'nominal-l2' && model.ephemeris !== undefined), {
    message: 'a Horizons table was given with the nominal-l2 observer, which does not use one',
    path: ['ephemeris'],
  });

/** A validated observatory model. */
export interface ObservatoryModel {
  readonly fieldOfRegard: FieldOfRegard;
  readonly observer: ObserverChoice;
  /** The Horizons table to use; absent means the bundled one (unless the observer is `nominal-l2`). */
  readonly ephemeris?: HorizonsEphemeris | undefined;
  readonly margins: EdgeMargins;
  /** The micrometeoroid avoidance zone: when it is modelled and its cone's half-angle. */
  readonly maz: MazSettings;
}

/** What {@link parseObservatory} accepts. */
export type ObservatoryInput = z.input<typeof ObservatorySchema>;

const DEFAULT_FIELD: FieldOfRegard = Object.freeze({ minElongationDeg: 85, maxElongationDeg: 135 });

/** The default observatory: the `auto` observer with the documented 85 to 135 degree field of regard. */
export const DEFAULT_OBSERVATORY: ObservatoryModel = Object.freeze({
  fieldOfRegard: DEFAULT_FIELD,
  observer: 'auto',
  margins: DEFAULT_MARGINS,
  maz: DEFAULT_MAZ,
});

/** The nominal L2 observer everywhere, with the documented 85 to 135 degree field of regard. */
export const NOMINAL_OBSERVATORY: ObservatoryModel = Object.freeze({
  fieldOfRegard: DEFAULT_FIELD,
  observer: 'nominal-l2',
  margins: DEFAULT_MARGINS,
  maz: DEFAULT_MAZ,
});

/**
 * Validate an observatory model, throwing an InputError that names each bad field.
 *
 * @example
 * ```ts
 * const padded = parseObservatory({ fieldOfRegard: { minElongationDeg: 84.8 } });
 * const nominal = parseObservatory({ observer: 'nominal-l2' });
 * ```
 */
export function parseObservatory(value: unknown = {}): ObservatoryModel {
  return Object.freeze(parseWith(ObservatorySchema, value, 'observatory'));
}
