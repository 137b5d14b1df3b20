/**
 * The micrometeoroid avoidance zone (MAZ): a cone around JWST's direction of orbital motion
 * (the ram vector) in which pointing is allowed but to be minimised, from Cycle 2 on.
 *
 * Source: JWST User Documentation, "JWST Micrometeoroid Avoidance Zone" (the MAZ is a cone of a
 * specified half angle around the orbital motion direction, the "ram vector"; observing there is
 * not disallowed but is to be minimised) and "APT Micrometeoroid Avoidance" (APT flags
 * observations whose special requirements can force them into a target's MAZ visibility, and
 * the proposer retires the warning with a justification).
 *
 * The cone's size, 75 degrees, is read here as a half-angle. JDox gives 75 degrees; one of its
 * pages calls it a half angle and one a diameter. The half-angle reading is the one that agrees
 * with the documentation's statement that the MAZ covers the leading side of the field of regard
 * within about 45 degrees of the ecliptic. On the ecliptic, the leading field of regard (85 to 135
 * degrees west of the Sun) lies 0 to 45 degrees from the ram vector, which is 90 degrees west of
 * the Sun: a 37.5-degree half-angle (the diameter reading) would leave part of it out, while a
 * 75-degree half-angle covers it and, at 45 degrees of ecliptic latitude, the leading field of
 * regard out to about 131 degrees of elongation. Another public JWST field-of-regard tool reads
 * it the same way. It is a setting (`halfAngleDeg`).
 * @module
 */
import { z } from 'zod';
import { type Span, SpanRecordSchema } from '../time/instant.js';
import { FiniteNumber, type SameShape } from '../validation.js';

/** Half-angle of the MAZ cone around the ram vector, degrees (JDox, read as a half-angle: see the module docs). */
export const MAZ_HALF_ANGLE_DEG = 75;

/**
 * When the MAZ policy starts: the start of Cycle 2, 2023-07-01T00:00Z (JDox, "JWST Micrometeoroid
 * Avoidance Zone": the MAZ applies from Cycle 2; Cycle 2 began on 1 July 2023, STScI "JWST
 * Approved Programs").
 */
export const MAZ_START_MS = Date.UTC(2023, 6, 1);

/**
 * The MAZ settings:
 * - `apply`: `auto` (the default) models the MAZ from {@link MAZ_START_MS} (Cycle 2) on and not
 *   before; `on` models it throughout any span; `off` never;
 * - `halfAngleDeg`: the cone's half-angle, default {@link MAZ_HALF_ANGLE_DEG}.
 *
 * @example
 * ```ts
 * MazSchema.parse({});                    // { apply: 'auto', halfAngleDeg: 75 }
 * MazSchema.parse({ halfAngleDeg: 37.5 }); // the diameter reading of JDox
 * ```
 */
export const MazSchema = z
  .object({
    apply: z.enum(['auto', 'on', 'off']).default('auto'),
    halfAngleDeg: z.number().finite().gt(0).max(180).default(MAZ_HALF_ANGLE_DEG),
  })
  .strict();

/** Validated MAZ settings. */
export type MazSettings = z.output<typeof MazSchema>;

/** MAZ settings as the library holds them (both fields, as {@link MazSchema} gives them). */
const MazRecordSchema = z.object({ apply: z.enum(['auto', 'on', 'off']), halfAngleDeg: FiniteNumber.gt(0).max(180) });

/** The default MAZ settings: from Cycle 2 on, a 75-degree half-angle. */
export const DEFAULT_MAZ: MazSettings = Object.freeze({ apply: 'auto', halfAngleDeg: MAZ_HALF_ANGLE_DEG });

/** The arguments of {@link mazSpan}. */
export const MazSpanArguments = z.object({ settings: MazRecordSchema, span: SpanRecordSchema });

/**
 * The part of a span in which the MAZ is modelled, or `undefined` when none: the whole span
 * with `on`, nothing with `off`, and with `auto` the part from 2023-07-01 on.
 *
 * @example
 * ```ts
 * mazSpan(DEFAULT_MAZ, cycleSpan(1)); // undefined: Cycle 1 predates the MAZ
 * mazSpan(DEFAULT_MAZ, cycleSpan(2)); // the whole of Cycle 2
 * ```
 */
export function mazSpan(settings: MazSettings, span: Span): Span | undefined {
  if (settings.apply === 'off') return undefined;
  const startMs = settings.apply === 'on' ? span.startMs : Math.max(span.startMs, MAZ_START_MS);
  return startMs < span.endMs ? { startMs, endMs: span.endMs } : undefined;
}

const fieldsMatch: SameShape<MazSettings, z.output<typeof MazRecordSchema>> = true;
void fieldsMatch;
