/**
 * Gap checks: the gaps between consecutive visits of each series and consecutive epochs of
 * each target in a schedule, their statistics, bound violations, and whether visibility
 * forced each gap.
 * @module
 */
import { z } from 'zod';
import { MS_PER_DAY } from '../time/instant.js';
import type { Schedule, TimeInterval } from './schedule.js';
import { InputError } from '../errors.js';

/**
 * Options of {@link cadenceGaps}: bounds in days.
 *
 * @example
 * ```ts
 * GapCheckOptionsSchema.parse({ minGapDays: 20, maxGapDays: 40 });
 * ```
 */
export const GapCheckOptionsSchema = z
  .object({
    minGapDays: z.number().finite().min(0).optional(),
    maxGapDays: z.number().finite().positive().optional(),
  })
  .refine((o) => o.minGapDays === undefined || o.maxGapDays === undefined || o.minGapDays <= o.maxGapDays, {
    message: 'minGapDays must not exceed maxGapDays',
    path: ['minGapDays'],
  });

/** What {@link cadenceGaps} accepts. */
export type GapCheckOptions = z.input<typeof GapCheckOptionsSchema>;

/** One gap between consecutive starts. */
export interface Gap {
  readonly fromMs: number;
  readonly toMs: number;
  readonly days: number;
  /** Days of the gap during which the target was not visible (per `schedule.windows`). */
  readonly invisibleDays: number;
  /** Days of the gap during which the target was visible: the part the schedule chose. */
  readonly visibleDays: number;
  /**
   * True when the target was out of view for part of the gap, so the sky made it at least
   * `invisibleDays` long. Whether the sky explains all of it is a matter of `visibleDays`.
   */
  readonly forced: boolean;
  /** `'below-min'` or `'above-max'` when the gap breaks a bound. */
  readonly violation?: 'below-min' | 'above-max';
}

/** Gaps of one series or one target, with statistics (null with fewer than two visits). */
export interface GapReport {
  /** Series id, or target name for per-target reports. */
  readonly id: string;
  readonly target: string;
  /** Start instants compared: visit starts (series) or epoch starts (target). */
  readonly startsMs: readonly number[];
  readonly gaps: readonly Gap[];
  readonly minDays: number | null;
  readonly maxDays: number | null;
  readonly meanDays: number | null;
  /** Population standard deviation of the gaps, days. */
  readonly stdDays: number | null;
  readonly violations: readonly Gap[];
}

/** The gap check of a whole schedule. */
export interface GapCheck {
  readonly series: readonly GapReport[];
  readonly targets: readonly GapReport[];
}

/**
 * Check the gaps of a schedule: per series (consecutive visits of the series) and per target
 * (consecutive epochs in which the target is observed, each epoch's first visit of that
 * target). Gaps are in days; a gap is `forced` when the target was invisible during part of it.
 *
 * @example
 * ```ts
 * const check = cadenceGaps(schedule, { maxGapDays: 40 });
 * check.targets.map((report) => [report.id, report.maxDays, report.violations.length]);
 * ```
 */
export function cadenceGaps(schedule: Schedule, options: GapCheckOptions = {}): GapCheck {
  const parsed = GapCheckOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map((issue) => `gaps.${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  const bounds = parsed.data;
  const bySeries = new Map<string, { target: string; starts: number[] }>();
  const byTarget = new Map<string, Map<number, number>>();
  for (const visit of schedule.visits) {
    const series = bySeries.get(visit.series) ?? { target: visit.target, starts: [] };
    series.starts.push(visit.startMs);
    bySeries.set(visit.series, series);
    const epochs = byTarget.get(visit.target) ?? new Map<number, number>();
    epochs.set(visit.epoch, Math.min(epochs.get(visit.epoch) ?? Infinity, visit.startMs));
    byTarget.set(visit.target, epochs);
  }
  const report = (id: string, target: string, starts: number[]): GapReport =>
    gapReport(id, target, starts.sort((a, b) => a - b), schedule.windows[target] ?? [], bounds);
  return {
    series: [...bySeries].map(([id, { target, starts }]) => report(id, target, starts)),
    targets: [...byTarget].map(([target, epochs]) => report(target, target, [...epochs.values()])),
  };
}

function gapReport(
  id: string,
  target: string,
  startsMs: number[],
  windows: readonly TimeInterval[],
  bounds: { minGapDays?: number | undefined; maxGapDays?: number | undefined },
): GapReport {
  const gaps: Gap[] = [];
  for (let i = 1; i < startsMs.length; i += 1) {
    const fromMs = startsMs[i - 1]!;
    const toMs = startsMs[i]!;
    const days = (toMs - fromMs) / MS_PER_DAY;
    const invisibleDays = (toMs - fromMs - visibleMs(windows, fromMs, toMs)) / MS_PER_DAY;
    const violation =
      bounds.minGapDays !== undefined && days < bounds.minGapDays
        ? ('below-min' as const)
        : bounds.maxGapDays !== undefined && days > bounds.maxGapDays
          ? ('above-max' as const)
          : undefined;
    gaps.push(
      Object.freeze({ fromMs, toMs, days, invisibleDays, visibleDays: days - invisibleDays, forced: invisibleDays > 0, ...(violation ? { violation } : {}) }),
    );
  }
  const days = gaps.map((gap) => gap.days);
  const mean = days.length > 0 ? days.reduce((a, b) => a + b, 0) / days.length : null;
  return Object.freeze({
    id,
    target,
    startsMs,
    gaps,
    minDays: days.length > 0 ? Math.min(...days) : null,
    maxDays: days.length > 0 ? Math.max(...days) : null,
    meanDays: mean,
    stdDays: mean === null ? null : Math.sqrt(days.reduce((sum, d) => sum + (d - mean) ** 2, 0) / days.length),
    violations: gaps.filter((gap) => gap.violation !== undefined),
  });
}

/**
 * Time within [fromMs, toMs] covered by windows (sorted or not, disjoint), ms. A gap during
 * which less than its whole length is covered was forced, in part, by the sky.
 *
 * @example
 * ```ts
 * visibleMs([{ startMs: 0, endMs: 10 }, { startMs: 12, endMs: 20 }], 5, 15); // 8
 * ```
 */
export function visibleMs(windows: readonly TimeInterval[], fromMs: number, toMs: number): number {
  let total = 0;
  for (const window of windows) total += Math.max(0, Math.min(window.endMs, toMs) - Math.max(window.startMs, fromMs));
  return total;
}
