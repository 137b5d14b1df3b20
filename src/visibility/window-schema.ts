/**
 * A visibility window as the API takes it back (the window writers read windows given to them,
 * which may not come from the visibility engine): the schema of {@link VisibilityWindow}.
 * @module
 */
import { z } from 'zod';
import { EpochMsSchema, MS_PER_DAY } from '../time/instant.js';
import { AnyString, FiniteNumber, type SameKeys } from '../validation.js';
import type { VisibilityWindow } from './windows.js';

/** What made a window edge, and the margin a plan keeps from it (ms). */
const EdgeSchema = z.object({ model: z.enum(['ephemeris', 'nominal-l2', 'span']), marginMs: FiniteNumber.min(0) });

/** Degrees of a V3PA range: [0, 360]. */
const Degrees = FiniteNumber.min(0).max(360);

/**
 * One window: a target's name, an interval that ends after it starts, its length in days (which
 * must be the interval's, to a millisecond), the V3PA range, the observers (one or more) and the
 * two edges. Fields not named here are left alone.
 */
export const VisibilityWindowSchema = z
  .object({
    target: AnyString,
    startMs: EpochMsSchema,
    endMs: EpochMsSchema,
    durationDays: FiniteNumber.min(0),
    v3pa: z.object({ minDeg: Degrees, maxDeg: Degrees }),
    observers: z.array(z.enum(['ephemeris', 'nominal-l2'])).min(1),
    startEdge: EdgeSchema,
    endEdge: EdgeSchema,
  })
  .refine((window) => window.endMs > window.startMs, { message: 'must be after startMs', path: ['endMs'] })
  .refine((window) => Math.abs(window.durationDays * MS_PER_DAY - (window.endMs - window.startMs)) <= 1, {
    message: 'is not the length of the window (endMs - startMs, in days)',
    path: ['durationDays'],
  });

/** Windows, as the writers of many take them. */
export const VisibilityWindowsSchema = z.array(VisibilityWindowSchema);

const fieldsMatch: SameKeys<VisibilityWindow, z.output<typeof VisibilityWindowSchema>> = true;
void fieldsMatch;
