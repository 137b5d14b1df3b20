/**
 * The JPL Horizons table of JWST's orbit that ships with the package (`data/`, provenance in
 * `data/PROVENANCE.md`): generated 2023-06-20, daily rows from 2021-12-26 to 2025-05-29.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHorizonsVectors, type HorizonsEphemeris } from './horizons.js';

/** File name of the bundled table in `data/`. */
export const BUILT_IN_EPHEMERIS_FILE = 'horizons_jwst_wrt_sun_2021-12-26_2025-05-29_gen2023-06-20.txt';

/**
 * The file path of the bundled Horizons table, resolved from this module's URL two folders up
 * (found from the sources, `src/observatory/`, and from the build, `dist/observatory/`).
 *
 * @example
 * ```ts
 * builtInEphemerisPath(); // '.../jwst-cadence/data/horizons_jwst_wrt_sun_2021-12-26_2025-05-29_gen2023-06-20.txt'
 * ```
 */
export function builtInEphemerisPath(): string {
  return fileURLToPath(new URL(`../../data/${BUILT_IN_EPHEMERIS_FILE}`, import.meta.url));
}

/**
 * Read and parse the bundled Horizons table of JWST.
 *
 * @example
 * ```ts
 * const ephemeris = loadBuiltInEphemeris();
 * visibilityWindows('BD+60-1753', cycleSpan(1), { observatory: { ephemeris } });
 * ```
 */
export function loadBuiltInEphemeris(): HorizonsEphemeris {
  return parseHorizonsVectors(readFileSync(builtInEphemerisPath(), 'utf8'), BUILT_IN_EPHEMERIS_FILE);
}
