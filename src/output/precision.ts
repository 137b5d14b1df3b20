/**
 * How far numbers are rounded in the outputs, one rule for all of them (docs/outputs.md says
 * it to users):
 * - files read by programs (JSON, CSV): days to 4 decimals (0.0001 day is 8.64 s, finer than
 *   the minute a window edge is promised to) and degrees to 3 (0.001 degree, 3.6 arcsec, far
 *   below the daily sampling's accuracy of V3PA);
 * - text read by people (tables, calendar, report): days and degrees to 1 decimal, margins
 *   to 2 (a 0.25-day margin reads as itself).
 * Instants are ISO-8601 UTC, to the second unless the instant has milliseconds.
 * @module
 */

/** Decimals of days in JSON and CSV. */
export const DAY_DECIMALS = 4;
/** Decimals of degrees in JSON and CSV. */
export const DEG_DECIMALS = 3;

/** A number rounded to `decimals` places, as a number (so JSON prints no trailing zeros). */
export const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/**
 * A computed angle as JSON and CSV hold it: to {@link DEG_DECIMALS} decimals (a full double's
 * 14 decimals say nothing the daily sampling knows); 360 stays 360 (a whole circle), and a
 * value that rounds up to 360 from below becomes 0.
 */
export const roundDegrees = (value: number): number => {
  const rounded = round(value, DEG_DECIMALS);
  return rounded === 360 && value < 360 ? 0 : rounded;
};
