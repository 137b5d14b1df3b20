/**
 * The sky options every command that computes windows shares, apart from the code that reads
 * them, so a command can list them without loading the sky model.
 * @module
 */
import type { ParseArgsConfig } from 'node:util';

/** Help lines of the sky options, shared by every command that computes windows. */
export const SKY_HELP = `  --observer M          auto (default): JWST's real orbit where the Horizons table covers the
                        span, nominal L2 elsewhere; ephemeris: the real orbit only; nominal-l2
  --ephemeris FILE      a JPL Horizons vector table of JWST instead of the bundled one
                        (2021-12-26 to 2025-05-29; get another with 'jwst-cadence ephemeris')
  --min-elongation DEG  field-of-regard inner limit (default 85)
  --max-elongation DEG  field-of-regard outer limit (default 135)
  --maz M               micrometeoroid avoidance zone: auto (default: modelled from Cycle 2,
                        2023-07-01, on), on (any span) or off
  --maz-half-angle DEG  the zone's cone half-angle around JWST's direction of motion (default 75)
`;

/** The options that choose the sky model, shared by every command that computes windows. */
export const SKY_OPTIONS = {
  observer: { type: 'string' },
  ephemeris: { type: 'string' },
  'min-elongation': { type: 'string' },
  'max-elongation': { type: 'string' },
  maz: { type: 'string' },
  'maz-half-angle': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

