/**
 * The one error class the library throws for input it refuses.
 * @module errors
 */

/** Why an error's message is refused (it must be text, or absent), or undefined. */
function messageProblem(kind: string, message: unknown): string | undefined {
  if (message === undefined || typeof message === 'string') return undefined;
  return `${kind}: message: expected a string, got ${message === null ? 'null' : typeof message}`;
}

/**
 * Bad input: an argument, a field of it, a line of a file or an option that the library
 * refuses. The message is one line (a file reader's lists one line a bad field) and starts
 * with where the problem is, then says what is wrong:
 * - an argument that is not what the function takes: the function, the argument and the
 *   field (`visibilityWindows: target.raDeg: not a finite number (NaN)`,
 *   `cadenceGaps: schedule.visits.3.startMs: not a finite instant (NaN)`); every exported
 *   function checks its arguments so, once, before any work;
 * - an option of a named group: the group and the field (`cadence.margin: ...`,
 *   `observatory.fieldOfRegard.minElongationDeg: ...`, `plan.links.0: ...`, `gaps.maxGapDays: ...`),
 *   which the command line turns into its options' names;
 * - a line of a file: the file and the line (`program.md line 17: ...`).
 * It extends `RangeError`, so code that caught RangeError before still catches it. Its message
 * must be text: `new InputError(5)` throws an InputError saying so.
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

  constructor(message?: string, options?: ErrorOptions) {
    const problem = messageProblem('InputError', message);
    super(problem ?? message, options);
    // A message that is not text is refused: this error, saying so, is what the caller gets.
    if (problem !== undefined) throw this;
  }
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

  constructor(message?: string, options?: ErrorOptions) {
    const problem = messageProblem('ServiceError', message);
    if (problem !== undefined) throw new InputError(problem);
    super(message, options);
  }
}
