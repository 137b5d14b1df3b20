/**
 * The direction of JWST's orbital motion around the Sun (the ram vector), which the
 * micrometeoroid avoidance zone is centred on.
 * @module
 */
import * as Astronomy from 'astronomy-engine';
import { z } from 'zod';
import type { UnitVector } from '../sky/target.js';
import { ephemerisPositionKm, ephemerisVelocityKmPerS, type HorizonsEphemeris } from './horizons.js';
import { type ObservatoryModel, ObservatorySchema } from './model.js';
import { type SunSource, SunSourceSchema, sunSourceAt } from './observer.js';
import { ModelInstantSchema, normalize } from './sun.js';

/** The arguments of {@link ramDirectionFrom}: a source, and an instant inside the model's years. */
export const SourceInstantArguments = z.object({ source: SunSourceSchema, atMs: ModelInstantSchema });
/** The arguments of {@link ramDirectionAt}. */
export const ObservatoryInstantArguments = z.object({ observatory: ObservatorySchema, atMs: ModelInstantSchema });

/**
 * Unit vector of the observatory's velocity relative to the Sun at an instant from one model,
 * J2000 equatorial axes:
 * - with a Horizons table: the table's velocity, interpolated (JWST's real motion: its halo
 *   orbit about L2 turns the direction from the Earth's by up to 0.35 degree, measured over the
 *   bundled table from 2022-07 to 2025-05), read one light time later than `atMs`: the table
 *   is light-time corrected, so its row at T holds JWST's state at T - |r|/c. The geometric
 *   motion is the one meteoroids meet; read at `atMs` itself it would lag by 8.2 to 8.6 minutes
 *   (|r| of 0.984 to 1.028 au in the bundled table), and the zone's edges with it;
 * - nominal L2: the Earth's geometric heliocentric velocity at `atMs` from astronomy-engine
 *   (`HelioState`, which applies no light time). The
 *   Sun-Earth L2 point moves with the Earth around the Sun, on the same line from the Sun, so
 *   its velocity has the Earth's direction (the Earth's monthly wobble about the Earth-Moon
 *   barycentre, 12.5 m/s, turns it by at most 0.03 degree).
 *
 * @example
 * ```ts
 * ramDirectionFrom({ model: 'nominal-l2' }, Date.UTC(2022, 8, 23)); // ~ the direction of ecliptic longitude 90
 * ```
 */
export function ramDirectionFrom(source: SunSource, atMs: number): UnitVector {
  if (source.model === 'ephemeris') {
    const [vx, vy, vz] = ephemerisVelocityKmPerS(source.ephemeris, geometricRowInstant(source.ephemeris, atMs));
    return normalize(vx, vy, vz);
  }
  const state = Astronomy.HelioState(Astronomy.Body.Earth, Astronomy.MakeTime(new Date(atMs)));
  return normalize(state.vx, state.vy, state.vz);
}

/** The speed of light, km/s (exact, SI definition of the metre). */
const SPEED_OF_LIGHT_KM_PER_S = 299_792.458;

/**
 * The instant at which a light-time corrected Horizons table holds JWST's geometric state of
 * `atMs`. A table with vector correction "LT" gives, at row time T, JWST where it was one light
 * time earlier, at T - |r|/c (|r| about 1.01 au: 8.4 minutes); so JWST's state at `atMs` is the
 * table's at `atMs + |r|/c`. |r| changes by at most about 0.5 km/s times 500 s, 250 km, over that
 * light time: under a millisecond of difference, so one step suffices. Kept inside the table:
 * the last minutes before its last row are served by that row's state (only the grid's spare
 * samples beyond a segment ever fall there).
 */
function geometricRowInstant(ephemeris: HorizonsEphemeris, atMs: number): number {
  const [x, y, z] = ephemerisPositionKm(ephemeris, atMs);
  const lightMs = (Math.hypot(x, y, z) / SPEED_OF_LIGHT_KM_PER_S) * 1000;
  return Math.min(atMs + lightMs, ephemeris.timesMs[ephemeris.timesMs.length - 1]!);
}

/**
 * Unit vector of the observatory's direction of motion around the Sun at an instant, from the
 * model the observatory's observer uses then (see {@link ramDirectionFrom}).
 *
 * @example
 * ```ts
 * ramDirectionAt(DEFAULT_OBSERVATORY, Date.UTC(2023, 9, 1)); // from the bundled Horizons table
 * ```
 */
export function ramDirectionAt(observatory: ObservatoryModel, atMs: number): UnitVector {
  return ramDirectionFrom(sunSourceAt(observatory, atMs), atMs);
}
