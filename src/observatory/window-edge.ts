/**
 * A window edge as the API takes it back (in windows and schedules given to the library): the
 * schema of `WindowEdge`. Plain checks only, so that readers of plan files load no sky model.
 * @module
 */
import { z } from 'zod';
import { FiniteNumber, type SameShape } from '../validation.js';
import type { WindowEdge } from './observer.js';

/** Why an edge's fields disagree with each other, or undefined (see {@link WindowEdgeSchema}). */
export function edgeProblem(edge: {
  model: unknown;
  marginMs: unknown;
  constraint?: unknown;
}): { path: string; message: string } | undefined {
  if (edge.constraint === undefined) return undefined;
  if (edge.model === 'span') return { path: 'model', message: 'an edge a constraint made names the model that computed it, not the span' };
  if (edge.constraint === 'maz' && edge.marginMs !== 0)
    return { path: 'marginMs', message: "must be 0 at the MAZ's edge (the zone is a preference: no margin is kept from it)" };
  if (edge.constraint === 'maz-start' && edge.marginMs !== 0)
    return { path: 'marginMs', message: 'must be 0 where the MAZ starts being modelled (no sky edge: no margin is kept from it)' };
  return undefined;
}

/**
 * A window edge as the API takes it back: a model, a margin of no less than nothing, and the
 * constraint that made it when one did (then the model that computed it, not `span`; at the
 * MAZ's edges no margin). Fields not named here are left alone.
 *
 * @example
 * ```ts
 * WindowEdgeSchema.safeParse({ model: 'nominal-l2', marginMs: 259_200_000 }).success; // true
 * ```
 */
export const WindowEdgeSchema = z
  .object({
    model: z.enum(['ephemeris', 'nominal-l2', 'span']),
    marginMs: FiniteNumber.min(0),
    constraint: z.enum(['v3pa', 'maz', 'maz-start']).optional(),
  })
  .superRefine((edge, ctx) => {
    const problem = edgeProblem(edge);
    if (problem) ctx.addIssue({ code: 'custom', continue: false, path: [problem.path], message: problem.message });
  });

const fieldsMatch: SameShape<WindowEdge, z.output<typeof WindowEdgeSchema>> = true;
void fieldsMatch;
