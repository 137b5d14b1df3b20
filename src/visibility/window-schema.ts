/**
 * A visibility window as the API takes it back (the window writers read windows given to them,
 * which may not come from the visibility engine): the schema of {@link VisibilityWindow}.
 * @module
 */
import { z } from 'zod';
import { WindowEdgeSchema } from '../observatory/window-edge.js';
import { InstantMsSchema, MS_PER_DAY } from '../time/instant.js';
import { AnyString, FiniteNumber, type SameShape } from '../validation.js';
import type { VisibilityWindow } from './types.js';

/** Degrees of a V3PA range: [0, 360]. */
const Degrees = FiniteNumber.min(0).max(360);

/**
 * One window: a target's name, an interval that ends after it starts, its length in days (which
 * must be the interval's, to a millisecond), the V3PA range, the observers (one or more) and the
 * two edges (see `WindowEdgeSchema`), and whether it lies in the micrometeoroid avoidance zone
 * where that is said. Fields not named here are left alone.
 */
export const VisibilityWindowSchema = z
  .object({
    target: AnyString,
    startMs: InstantMsSchema,
    endMs: InstantMsSchema,
    durationDays: FiniteNumber.min(0),
    v3pa: z.object({ minDeg: Degrees, maxDeg: Degrees }),
    observers: z.array(z.enum(['ephemeris', 'nominal-l2'])).min(1),
    startEdge: WindowEdgeSchema,
    endEdge: WindowEdgeSchema,
    inMaz: z.boolean().optional(),
  })
  .refine((window) => window.endMs > window.startMs, { message: 'must be after startMs', path: ['endMs'] })
  .refine((window) => Math.abs(window.durationDays * MS_PER_DAY - (window.endMs - window.startMs)) <= 1, {
    message: 'is not the length of the window (endMs - startMs, in days)',
    path: ['durationDays'],
  });

/** Windows, as the writers of many take them. */
export const VisibilityWindowsSchema = z.array(VisibilityWindowSchema);

const fieldsMatch: SameShape<VisibilityWindow, z.output<typeof VisibilityWindowSchema>> = true;
void fieldsMatch;
