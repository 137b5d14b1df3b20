/**
 * The observatory model: where JWST is and which solar elongations it may point at.
 * @module
 */
import { z } from 'zod';
import { FieldOfRegardSchema, type FieldOfRegard } from './field-of-regard.js';
import type { HorizonsEphemeris } from './horizons.js';
import { InputError } from '../errors.js';

/**
 * An observatory model. Without `ephemeris` the observer sits at the Sun-Earth L2 point,
 * which lies on the Sun-Earth line, so the Sun's direction from it equals the Sun's
 * geocentric direction. JWST's real halo orbit tips that direction by about 810 arcsec on
 * average and at most 1057 arcsec (0.29 degree) in Cycle 1 (measured against the
 * JPL Horizons tables of JWST), which moves the slow window edges of near-polar targets by
 * up to about 2.5 days: plan with a margin from the edges, or give the real ephemeris.
 *
 * @example
 * ```ts
 * ObservatorySchema.parse({});                                    // nominal L2, 85..135 degrees
 * ObservatorySchema.parse({ fieldOfRegard: { minElongationDeg: 84.8 } });
 * ```
 */
export const ObservatorySchema = z.object({
  fieldOfRegard: FieldOfRegardSchema.default({ minElongationDeg: 85, maxElongationDeg: 135 }),
  ephemeris: z
    .custom<HorizonsEphemeris>(
      (value) => typeof value === 'object' && value !== null && (value as HorizonsEphemeris).timesMs instanceof Float64Array,
      'expected a table from parseHorizonsVectors',
    )
    .optional(),
});

/** A validated observatory model. */
export interface ObservatoryModel {
  readonly fieldOfRegard: FieldOfRegard;
  /** The real orbit; absent for the nominal L2 observer. */
  readonly ephemeris?: HorizonsEphemeris | undefined;
}

/** What {@link parseObservatory} accepts. */
export type ObservatoryInput = z.input<typeof ObservatorySchema>;

/** The nominal L2 observer with the documented 85 to 135 degree field of regard. */
export const NOMINAL_OBSERVATORY: ObservatoryModel = Object.freeze({
  fieldOfRegard: Object.freeze({ minElongationDeg: 85, maxElongationDeg: 135 }),
});

/**
 * Validate an observatory model, throwing an InputError that names each bad field.
 *
 * @example
 * ```ts
 * const padded = parseObservatory({ fieldOfRegard: { minElongationDeg: 84.8 } });
 * ```
 */
export function parseObservatory(value: unknown = {}): ObservatoryModel {
  const result = ObservatorySchema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues.map((issue) => `observatory.${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  return Object.freeze(result.data);
}
