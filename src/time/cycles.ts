/**
 * JWST observing cycles as UTC spans.
 * @module
 */
import type { Span } from './instant.js';
import { InputError } from '../errors.js';

/**
 * The JWST General Observer cycles whose dates are documented.
 * Cycle 1 ran 2022-07-01 to 2023-06-30 inclusive; Cycle 2 began 2023-07-01 (STScI, JWST
 * cycle announcements and Calls for Proposals). Spans are half-open, so each ends at 00:00 UTC
 * on the day the next begins. Cycle 2 ran to 2024-06-30 and Cycle 3 to 2025-06-30
 * (STScI Cycle 2 and Cycle 3 Calls for Proposals).
 */
export const JWST_CYCLES: Readonly<Record<number, Span>> = Object.freeze({
  1: Object.freeze({ startMs: Date.UTC(2022, 6, 1), endMs: Date.UTC(2023, 6, 1) }),
  2: Object.freeze({ startMs: Date.UTC(2023, 6, 1), endMs: Date.UTC(2024, 6, 1) }),
  3: Object.freeze({ startMs: Date.UTC(2024, 6, 1), endMs: Date.UTC(2025, 6, 1) }),
});

/**
 * The UTC span of a JWST cycle.
 *
 * @example
 * ```ts
 * cycleSpan(1); // { startMs: Date.UTC(2022, 6, 1), endMs: Date.UTC(2023, 6, 1) }
 * ```
 */
export function cycleSpan(cycle: number): Span {
  const span = JWST_CYCLES[cycle];
  if (!span) {
    throw new InputError(`cycle: no dates are known for cycle ${cycle}; known cycles are ${Object.keys(JWST_CYCLES).join(', ')}`);
  }
  return span;
}
