/** Paths to the external data beside the repository (never copied into it). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared folder that sits beside the repository. */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));

/** The newer JPL Horizons table of JWST (2021-12-26 to 2025-05-29, generated 2023-06-20). */
export const EPHEMERIS_2023 = `${SHARED_DIR}jwst_ephemeris/horizons_jwst_wrt_sun_2021-12-26_2025-05-29_gen2023-06-20.txt`;
/** The older table (2021-12-26 to 2024-10-03, generated 2022-10-07). */
export const EPHEMERIS_2022 = `${SHARED_DIR}jwst_ephemeris/horizons_jwst_wrt_sun_2021-12-26_2024-10-03_gen2022-10-07.txt`;
/** Program 1539's observations table as published. */
export const PROGRAM_1539_SEED = `${SHARED_DIR}seeds/program-1539.md`;

/** Read a shared file, failing loudly when the shared folder is missing. */
export function readShared(path: string): string {
  if (!existsSync(path)) throw new Error(`missing external data ${path}: the shared folder must sit beside the repository`);
  return readFileSync(path, 'utf8');
}
