/**
 * The JPL Horizons table of JWST's orbit that ships with the package (`data/`, provenance in
 * `data/PROVENANCE.md`): generated 2023-06-20, daily rows from 2021-12-26 to 2025-05-29.
 *
 * Its coverage is known here without reading it, so that a span it does not cover (or the
 * nominal L2 observer) never reads the file; it is read and parsed once, the first time a span
 * needs it, and kept (it is immutable data).
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type HorizonsEphemeris, parseHorizonsVectors } from './horizons.js';

/** File name of the bundled table in `data/`. */
export const BUILT_IN_EPHEMERIS_FILE = 'horizons_jwst_wrt_sun_2021-12-26_2025-05-29_gen2023-06-20.txt';

/**
 * What the bundled table covers, epoch ms UTC, as its header and rows say (a test checks these
 * against the parsed file): the first and last rows, 2021-12-26 and 2025-05-29 at 00:00 TDB
 * (69.184 s earlier in UTC), and the generation date, 2023-06-20 (rows from then on are
 * predicted).
 */
export const BUILT_IN_EPHEMERIS_COVERAGE = Object.freeze({
  firstMs: Date.UTC(2021, 11, 26) - 69_184,
  lastMs: Date.UTC(2025, 4, 29) - 69_184,
  generatedMs: Date.UTC(2023, 5, 20),
});

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

/** The parsed bundled table, once read. */
let loaded: HorizonsEphemeris | undefined;

/**
 * The bundled Horizons table of JWST, read and parsed on the first call and kept.
 *
 * @example
 * ```ts
 * const ephemeris = loadBuiltInEphemeris();
 * visibilityWindows('BD+60-1753', cycleSpan(1), { observatory: { observer: 'ephemeris', ephemeris } });
 * ```
 */
export function loadBuiltInEphemeris(): HorizonsEphemeris {
  loaded ??= parseHorizonsVectors(readFileSync(builtInEphemerisPath(), 'utf8'), BUILT_IN_EPHEMERIS_FILE);
  return loaded;
}
