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
  --avoid FROM/TO       keep out of [FROM, TO), e.g. an instrument's unavailable dates
                        (2022-10-01/2022-10-11: 1 to 10 October); repeat for more
`;

/** The options that choose the sky model, shared by every command that computes windows. */
export const SKY_OPTIONS = {
  observer: { type: 'string' },
  ephemeris: { type: 'string' },
  'min-elongation': { type: 'string' },
  'max-elongation': { type: 'string' },
  maz: { type: 'string' },
  'maz-half-angle': { type: 'string' },
  avoid: { type: 'string', multiple: true },
} as const satisfies ParseArgsConfig['options'];

/** The sky options that choose the model of the windows alone (no `--avoid`: gaps judges windows, not constraints). */
export const SKY_MODEL_HELP = SKY_HELP.split('\n')
  .filter((line, index, lines) => !line.startsWith('  --avoid') && !(index > 0 && lines[index - 1]!.startsWith('  --avoid')))
  .join('\n');

/** {@link SKY_OPTIONS} without `avoid`. */
export const SKY_MODEL_OPTIONS = {
  observer: SKY_OPTIONS.observer,
  ephemeris: SKY_OPTIONS.ephemeris,
  'min-elongation': SKY_OPTIONS['min-elongation'],
  'max-elongation': SKY_OPTIONS['max-elongation'],
  maz: SKY_OPTIONS.maz,
  'maz-half-angle': SKY_OPTIONS['maz-half-angle'],
} as const satisfies ParseArgsConfig['options'];
