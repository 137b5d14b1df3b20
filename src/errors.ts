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
