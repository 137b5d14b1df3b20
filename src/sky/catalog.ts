/**
 * The built-in catalogue: the targets of program 1539, matched by name forgivingly.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { AnyString, NonEmptyString, parseWith } from '../validation.js';
import { parseTarget, type Target, TargetRecordSchema } from './target.js';

/** A catalogue as the API takes it: targets as the library holds them. */
export const CatalogSchema = z.array(TargetRecordSchema).readonly();

/**
 * Offset of the HD163466-BKG pointing from HD 163466, arcseconds north in declination.
 * The program's background offset is not published; this is an assumption (a setting: pass
 * your own target to override). An MRS background field needs only to clear the star's
 * point-spread function (tens of arcseconds at 28 micron), and 60 arcsec moves window
 * edges by under 6 hours (elongation changes by about 0.08 degree a day at these edges).
 */
export const BACKGROUND_OFFSET_ARCSEC = 60;

/**
 * Program 1539's targets. Positions J2000 at epoch 2000.0 and proper motions from the
 * CALSPEC target table (STScI, Bohlin et al.), which agrees with SIMBAD (Gaia DR3) to well
 * under an arcsecond.
 */
export const BUILT_IN_TARGETS: readonly Target[] = Object.freeze([
  // BD+60 1753: A1V, V = 9.65. CALSPEC: 17 24 52.275 +60 25 50.75, pm +4.89, +3.76 mas/yr.
  parseTarget({ name: 'BD+60-1753', ra: '17:24:52.275', dec: '+60:25:50.75', pmRaCosDec: 4.89, pmDec: 3.76 }),
  // HD 163466: A6V, V = 6.85. CALSPEC: 17 52 25.376 +60 23 46.94, pm -2.73, +42.67 mas/yr.
  parseTarget({ name: 'HD163466', ra: '17:52:25.376', dec: '+60:23:46.94', pmRaCosDec: -2.73, pmDec: 42.67 }),
  // Background pointing for MIRI MRS: HD 163466 moved BACKGROUND_OFFSET_ARCSEC north (see above).
  parseTarget({
    name: 'HD163466-BKG',
    ra: '17:52:25.376',
    dec: 60 + 23 / 60 + (46.94 + BACKGROUND_OFFSET_ARCSEC) / 3600,
    pmRaCosDec: -2.73,
    pmDec: 42.67,
  }),
]);

/**
 * The key under which names are compared: upper case, with spaces, underscores and
 * hyphens dropped, except a hyphen that is a declination sign (`BD-12 345`).
 *
 * @example
 * ```ts
 * targetKey('bd+60 1753') === targetKey('BD+60-1753'); // true
 * ```
 */
export function targetKey(name: string): string {
  parseWith(AnyString, name, 'name', 'targetKey');
  return keyOf(name);
}

/** {@link targetKey} of a checked name (names are compared through this, many to a call). */
export function keyOf(name: string): string {
  return (
    name
      .trim()
      .toUpperCase()
      .replace(/([A-Z])\s*-(?=\d)/g, '$1\u0000')
      .replace(/[\s_-]+/g, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the placeholder set two lines up, not a character of a name
      .replace(/\u0000/g, '-')
  );
}

/** The arguments of {@link findTarget}. */
export const FindTargetArguments = z.object({ name: NonEmptyString, catalog: CatalogSchema });

/**
 * Look a target up by name in a catalogue (the built-in one by default), forgiving case,
 * spaces and hyphens. Throws an InputError listing the known names when nothing matches.
 *
 * @example
 * ```ts
 * findTarget('bd+60 1753').raDeg; // 261.2178...
 * ```
 */
export function findTarget(name: string, catalog: readonly Target[] = BUILT_IN_TARGETS): Target {
  const key = keyOf(name);
  const found = catalog.find((target) => keyOf(target.name) === key);
  if (!found) {
    throw new InputError(
      `target: "${name}" is not in the catalogue${didYouMean(
        name,
        catalog.map((t) => t.name),
        keyOf,
      )} (known: ${catalog.map((t) => t.name).join(', ')}); for another target, give its coordinates`,
    );
  }
  return found;
}
