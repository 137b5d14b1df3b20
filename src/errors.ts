/**
 * The one error class the library throws for input it refuses.
 * @module errors
 */

/**
 * Bad input: an argument, a field of it, a line of a file or an option that the library
 * refuses. The message starts with where the problem is (`cadence.margin: ...`,
 * `program.md line 17: ...`) and says what is wrong. It extends `RangeError`, so code that
 * caught RangeError before still catches it.
 *
 * @example
 * ```ts
 * try {
 *   parseInstant('soon', 'start');
 * } catch (error) {
 *   if (error instanceof InputError) console.error(error.message); // start: "soon" is not an ISO-8601 instant (...)
 * }
 * ```
 */
export class InputError extends RangeError {
  override readonly name = 'InputError';
}

/**
 * A remote service failed: it could not be reached (no network, no name resolution, a
 * timeout), answered with an HTTP error or an error of its own, or sent something that is not
 * what it documents. The message says which service and what happened, on one line. The CLI
 * exits with code 4 on it.
 *
 * @example
 * ```ts
 * try {
 *   await fetchHorizonsEphemeris({ from: '2027-07-01', to: '2028-07-01' });
 * } catch (error) {
 *   if (error instanceof ServiceError) console.error(error.message); // JPL Horizons: cannot reach ...
 * }
 * ```
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
}
