/**
 * JWST observing cycles as UTC spans.
 * @module
 */

import { InputError } from '../errors.js';
import { FiniteNumber, parseWith } from '../validation.js';
import type { Span } from './instant.js';

/**
 * The JWST General Observer cycles whose dates are documented, as half-open UTC spans: each
 * begins at 00:00 UTC on 1 July and ends where the next begins.
 * - Cycle 1: 2022-07-01 to 2023-06-30 inclusive (STScI, JWST Cycle 1 Call for Proposals and
 *   cycle announcements; science operations began 2022-07-12).
 * - Cycle 2: from 2023-07-01; Cycle 3: from 2024-07-01 (STScI Cycle 2 and Cycle 3 Calls for
 *   Proposals; STScI "JWST Approved Programs" page, column "Start of Cycle").
 * - Cycle 4: from 2025-07-01 (STScI, "Calls for Proposals and Policy" page, important dates
 *   for Cycle 4: "July 1, 2025: Cycle 4 observations begin"; the Approved Programs page).
 * - Cycle 5: from 2026-07-01 (STScI, JWST Cycle 5 Call for Proposals, released 2025-08-01 with
 *   proposals due 2025-10-15 for observations from July 2026; JDox "JWST Call for Proposals
 *   for Cycle 5").
 * - Cycle 6: 2027-07-01 to 2028-06-30 inclusive, the span STScI's Cycle 6 planning package
 *   jayrock (spacetelescope/jayrock) uses for Cycle 6 visibility.
 */
export const JWST_CYCLES: Readonly<Record<number, Span>> = Object.freeze({
  1: Object.freeze({ startMs: Date.UTC(2022, 6, 1), endMs: Date.UTC(2023, 6, 1) }),
  2: Object.freeze({ startMs: Date.UTC(2023, 6, 1), endMs: Date.UTC(2024, 6, 1) }),
  3: Object.freeze({ startMs: Date.UTC(2024, 6, 1), endMs: Date.UTC(2025, 6, 1) }),
  4: Object.freeze({ startMs: Date.UTC(2025, 6, 1), endMs: Date.UTC(2026, 6, 1) }),
  5: Object.freeze({ startMs: Date.UTC(2026, 6, 1), endMs: Date.UTC(2027, 6, 1) }),
  6: Object.freeze({ startMs: Date.UTC(2027, 6, 1), endMs: Date.UTC(2028, 6, 1) }),
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
  parseWith(FiniteNumber, cycle, 'cycle', 'cycleSpan');
  const span = Number.isInteger(cycle) && Object.hasOwn(JWST_CYCLES, cycle) ? JWST_CYCLES[cycle] : undefined;
  if (!span) {
    throw new InputError(`cycle: no dates are known for cycle ${cycle}; known cycles are ${Object.keys(JWST_CYCLES).join(', ')}`);
  }
  return span;
}
