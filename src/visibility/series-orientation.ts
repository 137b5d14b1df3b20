/**
 * Whether one orientation can be held across a series' epochs: arcs of V3PA intersected. Pure
 * arithmetic on the visits' recorded ranges (no sky model), so readers of a plan file need
 * nothing more.
 * @module
 */
import { z } from 'zod';
import { type AngleRange, commonAngleRange, HeldV3PaRecordSchema, mostSharedArc } from '../sky/angle-range.js';
import { InstantMsSchema } from '../time/instant.js';
import { AnyString, type SameShape } from '../validation.js';

/** A visit as {@link seriesOrientation} reads it (a scheduled visit has these fields). */
export interface OrientedVisit {
  readonly observation: number;
  readonly series: string;
  readonly epoch: number;
  readonly startMs: number;
  readonly status?: 'planned' | 'done' | 'failed' | undefined;
  readonly v3pa?: { readonly nominalDeg: number; readonly minDeg: number; readonly maxDeg: number } | undefined;
}

/** A visit as {@link seriesOrientation} reads it; fields not named here are left alone. */
const OrientedVisitSchema = z.object({
  observation: z.number().int().min(1),
  series: AnyString,
  epoch: z.number().int().min(1),
  startMs: InstantMsSchema,
  status: z.enum(['planned', 'done', 'failed']).optional(),
  v3pa: HeldV3PaRecordSchema.optional(),
});

/** The arguments of {@link seriesOrientation} (here, not with the other visibility functions', so that readers of plan files load no sky model). */
export const SeriesOrientationArguments = z.object({ visits: z.array(OrientedVisitSchema) });

/** Whether one orientation can be held across a series' epochs. */
export interface SeriesOrientation {
  readonly series: string;
  /** Each epoch's visit (in time order) and the V3PA range it can hold. */
  readonly epochs: ReadonlyArray<{
    readonly epoch: number;
    readonly observation: number;
    readonly startMs: number;
    readonly range: AngleRange;
  }>;
  /** The V3PA range every epoch can hold, when there is one. */
  readonly common?: AngleRange;
  /**
   * Otherwise, the range held by the most epochs, and which (epoch numbers): what one
   * orientation can do at best.
   */
  readonly best?: { readonly range: AngleRange; readonly epochs: readonly number[] };
}

/**
 * Can one orientation be held across a series' epochs (the same detector pixels every time)?
 * Per series: the V3PA range each epoch's visit can hold (its `v3pa` range, reachable
 * throughout the visit), and the range common to all of them, or, when none is, the range held
 * by the most epochs. Failed visits are left out (their epoch is repeated); visits without a
 * V3PA are skipped. Series in order of first appearance.
 *
 * @example
 * ```ts
 * for (const series of seriesOrientation(schedule.visits)) {
 *   console.log(series.series, series.common ? formatAngleRange(series.common) : 'no common V3PA');
 * }
 * ```
 */
export function seriesOrientation(visits: readonly OrientedVisit[]): SeriesOrientation[] {
  const bySeries = new Map<string, OrientedVisit[]>();
  for (const visit of visits) {
    if (visit.status === 'failed' || visit.v3pa === undefined) continue;
    const list = bySeries.get(visit.series) ?? [];
    list.push(visit);
    bySeries.set(visit.series, list);
  }
  return [...bySeries.entries()].map(([series, list]) => {
    const epochs = [...list]
      .sort((a, b) => a.startMs - b.startMs || a.observation - b.observation)
      .map((visit) =>
        Object.freeze({
          epoch: visit.epoch,
          observation: visit.observation,
          startMs: visit.startMs,
          range: Object.freeze({ minDeg: visit.v3pa!.minDeg, maxDeg: visit.v3pa!.maxDeg }),
        }),
      );
    const ranges = epochs.map((epoch) => epoch.range);
    const common = commonAngleRange(ranges);
    if (common) return Object.freeze({ series, epochs, common });
    const shared = mostSharedArc(ranges)!;
    return Object.freeze({
      series,
      epochs,
      best: Object.freeze({ range: shared.range, epochs: shared.members.map((index) => epochs[index]!.epoch) }),
    });
  });
}

const fieldsMatch: SameShape<OrientedVisit, z.output<typeof OrientedVisitSchema>> = true;
void fieldsMatch;
