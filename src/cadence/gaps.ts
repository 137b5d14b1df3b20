/**
 * Gap checks: the gaps between consecutive visits of each series and consecutive epochs of
 * each target in a schedule, their statistics, bound violations, and whether visibility
 * forced each gap.
 * @module
 */
import { z } from 'zod';
import { MS_PER_DAY } from '../time/instant.js';
import { parseWith } from '../validation.js';
import { assertConsistentPlan, type PlanFinding } from './consistency.js';
import type { Schedule, TimeInterval } from './schedule.js';
import { ScheduleRecordSchema } from './schedule-schema.js';

/** The schedule argument of {@link cadenceGaps}: a whole record. */
export const GapsArguments = z.object({ schedule: ScheduleRecordSchema });

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
    /**
     * Excuse a long gap that the sky forced: one during which the target was out of view and
     * whose days in view add up to no more than `maxGapDays`. Excused gaps stay in the report,
     * marked `excused`, and do not fail the check.
     */
    ignoreForced: z.boolean().optional(),
    /** Name of the plan, to start error messages (e.g. the file name). */
    source: z.string().optional(),
  })
  .strict()
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
  /** Days of the gap during which the target was not visible (per `schedule.windows`, known over the span and as far as they reach: time beyond counts as visible). */
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
  /** True when the gap breaks `maxGapDays` but `ignoreForced` excuses it: the sky made it long. */
  readonly excused: boolean;
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
  /** Gaps, of targets and of series, that break a bound (excused ones included). */
  readonly breaking: number;
  /** Of those, the gaps excused as forced by the sky (with `ignoreForced`). */
  readonly excused: number;
  /** True when every gap that breaks a bound is excused. */
  readonly pass: boolean;
  /** History reported, not refused: done or failed visits outside the span or every window. */
  readonly notes: readonly PlanFinding[];
}

/**
 * Check the gaps of a schedule: per series (consecutive visits of the series) and per target
 * (consecutive epochs in which the target is observed, each epoch's first visit of that
 * target; an epoch is identified by its cycle and number). Gaps are in days; a gap is `forced`
 * when the target was invisible during part of it. Failed visits did not observe, so they
 * are left out of the gaps; done and planned visits count.
 *
 * The plan is checked first ({@link checkPlan}): a plan that breaks a rule is refused with an
 * InputError naming the rule and the visits; done or failed visits outside the span or a
 * window are returned as `notes`.
 *
 * @example
 * ```ts
 * const check = cadenceGaps(schedule, { maxGapDays: 40, ignoreForced: true });
 * check.targets.map((report) => [report.id, report.maxDays, report.violations.length]);
 * check.pass; // true when every gap over 40 days is one the sky forced
 * ```
 */
export function cadenceGaps(schedule: Schedule, options: GapCheckOptions = {}): GapCheck {
  return gapsOfPlan(schedule, parseWith(GapCheckOptionsSchema, options, 'gaps'));
}

/** The gap bounds, checked. */
export type GapBounds = z.output<typeof GapCheckOptionsSchema>;

/**
 * {@link cadenceGaps} of a checked schedule and bounds (the calendar and the report measure
 * through this): the plan's consistency first, then the gaps.
 */
export function gapsOfPlan(schedule: Schedule, bounds: GapBounds): GapCheck {
  const notes = assertConsistentPlan(schedule, bounds.source ?? 'schedule');
  return Object.freeze({ ...measureGaps(schedule, bounds), notes });
}

/**
 * The gaps of a plan, as {@link cadenceGaps} measures them, without checking the plan first (a
 * plan with a rule broken, such as a what-if move, is measured as it is). For the library's
 * own use; `cadenceGaps` is the public check.
 */
export function measureGaps(
  schedule: Schedule,
  bounds: { minGapDays?: number | undefined; maxGapDays?: number | undefined; ignoreForced?: boolean | undefined },
): Omit<GapCheck, 'notes'> {
  const windows = new Map<string, readonly TimeInterval[]>(Object.entries(schedule.windows));
  const bySeries = new Map<string, { target: string; starts: number[] }>();
  const byTarget = new Map<string, Map<string, number>>();
  for (const visit of schedule.visits) {
    if (visit.status === 'failed') continue;
    let series = bySeries.get(visit.series);
    if (series === undefined) {
      series = { target: visit.target, starts: [] };
      bySeries.set(visit.series, series);
    }
    series.starts.push(visit.startMs);
    let epochs = byTarget.get(visit.target);
    if (epochs === undefined) {
      epochs = new Map<string, number>();
      byTarget.set(visit.target, epochs);
    }
    const epoch = `${visit.cycle ?? ''}#${visit.epoch}`;
    epochs.set(epoch, Math.min(epochs.get(epoch) ?? Infinity, visit.startMs));
  }
  const visibleByTarget = new Map<string, (fromMs: number, toMs: number) => number>();
  const visibleOf = (target: string) => {
    let visible = visibleByTarget.get(target);
    if (visible === undefined) {
      // A plan's windows are known over its span (and as far as any window reaches): the part
      // of a gap beyond that (history before the span, a continued plan) is not known to be
      // out of view, so it counts as in view, never as forced.
      const list = windows.get(target) ?? [];
      const known = visibleTime(list);
      const knownFrom = Math.min(schedule.span.startMs, list[0]?.startMs ?? Infinity);
      const knownTo = Math.max(schedule.span.endMs, list[list.length - 1]?.endMs ?? -Infinity);
      visible = (fromMs, toMs) => {
        const from = Math.max(fromMs, knownFrom);
        const to = Math.min(toMs, knownTo);
        return toMs - fromMs - (to > from ? to - from - known(from, to) : 0);
      };
      visibleByTarget.set(target, visible);
    }
    return visible;
  };
  const report = (id: string, target: string, starts: number[]): GapReport =>
    gapReport(
      id,
      target,
      starts.sort((a, b) => a - b),
      visibleOf(target),
      bounds,
    );
  const series = [...bySeries].map(([id, { target, starts }]) => report(id, target, starts));
  const targets = [...byTarget].map(([target, epochs]) => report(target, target, [...epochs.values()]));
  let breaking = 0;
  let excused = 0;
  for (const r of [...targets, ...series]) {
    breaking += r.violations.length;
    for (const gap of r.violations) if (gap.excused) excused += 1;
  }
  return { series, targets, breaking, excused, pass: breaking === excused };
}

function gapReport(
  id: string,
  target: string,
  startsMs: number[],
  visibleBetween: (fromMs: number, toMs: number) => number,
  bounds: { minGapDays?: number | undefined; maxGapDays?: number | undefined; ignoreForced?: boolean | undefined },
): GapReport {
  const gaps: Gap[] = [];
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 1; i < startsMs.length; i += 1) {
    const fromMs = startsMs[i - 1]!;
    const toMs = startsMs[i]!;
    const days = (toMs - fromMs) / MS_PER_DAY;
    const invisibleDays = (toMs - fromMs - visibleBetween(fromMs, toMs)) / MS_PER_DAY;
    const visibleDays = days - invisibleDays;
    const forced = invisibleDays > 0;
    const violation =
      bounds.minGapDays !== undefined && days < bounds.minGapDays
        ? ('below-min' as const)
        : bounds.maxGapDays !== undefined && days > bounds.maxGapDays
          ? ('above-max' as const)
          : undefined;
    const excused = bounds.ignoreForced === true && violation === 'above-max' && forced && visibleDays <= bounds.maxGapDays!;
    gaps.push(Object.freeze({ fromMs, toMs, days, invisibleDays, visibleDays, forced, ...(violation ? { violation } : {}), excused }));
    sum += days;
    min = Math.min(min, days);
    max = Math.max(max, days);
  }
  const count = gaps.length;
  const mean = count > 0 ? sum / count : null;
  let squares = 0;
  if (mean !== null) for (const gap of gaps) squares += (gap.days - mean) ** 2;
  return Object.freeze({
    id,
    target,
    startsMs,
    gaps,
    minDays: count > 0 ? min : null,
    maxDays: count > 0 ? max : null,
    meanDays: mean,
    stdDays: mean === null ? null : Math.sqrt(squares / count),
    violations: gaps.filter((gap) => gap.violation !== undefined),
  });
}

/**
 * Visible time between two instants for sorted, disjoint windows, in O(log windows) a call:
 * the cumulative window time up to each window's start, then a binary search for each end.
 */
function visibleTime(windows: readonly TimeInterval[]): (fromMs: number, toMs: number) => number {
  const cumulative = new Float64Array(windows.length + 1);
  windows.forEach((window, index) => {
    cumulative[index + 1] = cumulative[index]! + (window.endMs - window.startMs);
  });
  /** Window time before `ms`. */
  const upTo = (ms: number): number => {
    let lo = 0;
    let hi = windows.length; // first window starting after ms
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (windows[mid]!.startMs <= ms) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const last = windows[lo - 1]!;
    return cumulative[lo - 1]! + Math.min(last.endMs, ms) - last.startMs;
  };
  return (fromMs, toMs) => upTo(toMs) - upTo(fromMs);
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
