/**
 * Epochs as the outputs see them: a schedule's visits grouped by target and epoch number,
 * in time order.
 * @module
 */
import type { Schedule, ScheduledVisit } from '../cadence/schedule.js';

/**
 * The visits of one target at one epoch, sorted by start (ties by observation number).
 *
 * @example
 * ```ts
 * const first: Epoch = epochsOf(schedule, 'HD163466')[0]!;
 * ```
 */
export interface Epoch {
  readonly target: string;
  readonly epoch: number;
  /** Start of the earliest visit of the epoch. */
  readonly startMs: number;
  readonly visits: readonly ScheduledVisit[];
}

/**
 * The schedule's targets, in order of first appearance: the keys of `windows`, then targets
 * that only appear in visits, then targets that only appear among the unscheduled.
 *
 * @example
 * ```ts
 * targetsOf(schedule); // ['BD+60-1753', 'HD163466']
 * ```
 */
export function targetsOf(schedule: Schedule): readonly string[] {
  const names = [
    ...Object.keys(schedule.windows),
    ...schedule.visits.map((visit) => visit.target),
    ...schedule.unscheduled.map((visit) => visit.target),
  ];
  return [...new Set(names)];
}

/**
 * The epochs of one target, in time order.
 *
 * @param schedule - the schedule.
 * @param target - the target's name, as in the visits.
 * @example
 * ```ts
 * epochsOf(schedule, 'BD+60-1753').map((epoch) => epoch.visits.length); // e.g. [5, 5, 2]
 * ```
 */
export function epochsOf(schedule: Schedule, target: string): readonly Epoch[] {
  const byEpoch = new Map<number, ScheduledVisit[]>();
  for (const visit of schedule.visits) {
    if (visit.target !== target) continue;
    const list = byEpoch.get(visit.epoch) ?? [];
    list.push(visit);
    byEpoch.set(visit.epoch, list);
  }
  return [...byEpoch.entries()]
    .map(([epoch, visits]): Epoch => {
      const sorted = [...visits].sort((a, b) => a.startMs - b.startMs || a.observation - b.observation);
      return { target, epoch, startMs: sorted[0]!.startMs, visits: sorted };
    })
    .sort((a, b) => a.startMs - b.startMs || a.epoch - b.epoch);
}
