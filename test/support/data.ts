/** Data files the tests read: all inside the repository. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtInEphemerisPath } from '../../src/observatory/builtin-ephemeris.js';

/** The bundled JPL Horizons table of JWST (2021-12-26 to 2025-05-29, generated 2023-06-20). */
export const EPHEMERIS_2023 = builtInEphemerisPath();
/** The older table (2021-12-26 to 2024-10-03, generated 2022-10-07), a test fixture. */
export const EPHEMERIS_2022 = fileURLToPath(
  new URL('./fixtures/horizons_jwst_wrt_sun_2021-12-26_2024-10-03_gen2022-10-07.txt', import.meta.url),
);
/** Program 1539's observations table as published, shipped in data/. */
export const PROGRAM_1539 = fileURLToPath(new URL('../../data/program-1539.md', import.meta.url));

/** Read a data file as text. */
export function readData(path: string): string {
  return readFileSync(path, 'utf8');
}
