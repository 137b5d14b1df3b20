/**
 * What if an epoch moves: the plan with one epoch block shifted to a new start, every other
 * visit where it is, the gaps that change, and what the move would break.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { BACKGROUND_SUFFIX } from '../program/structure.js';
import { formatDays, formatInstant, InstantSchema } from '../time/instant.js';
import { parseWith } from '../validation.js';
import { checkPlan, type PlanRule } from './consistency.js';
import { type Gap, measureGaps } from './gaps.js';
import type { Schedule, ScheduledVisit, ScheduleWindow } from './schedule.js';
import { ScheduleRecordSchema } from './schedule-schema.js';

/** The plan `moveEpoch` moves an epoch of: a whole schedule record. */
export const MoveArguments = z.object({ schedule: ScheduleRecordSchema });

/**
 * The move: which epoch (its lead target, number, and cycle when the table repeats every
 * cycle) and its new start (the start of its first planned visit).
 *
 * @example
 * ```ts
 * EpochMoveSchema.parse({ target: 'BD+60-1753', epoch: 7, start: '2023-01-30T06:00Z' });
 * ```
 */
export const EpochMoveSchema = z
  .object({
    target: z.string().min(1),
    epoch: z.number().int().min(1),
    cycle: z.number().int().min(1).optional(),
    start: InstantSchema,
  })
  .strict();

/** What {@link EpochMoveSchema} accepts. */
export type EpochMoveInput = z.input<typeof EpochMoveSchema>;

/**
 * Options of {@link moveEpoch}: the gap bounds to judge the gaps by (days), and `now`, before
 * which nothing may start.
 *
 * @example
 * ```ts
 * EpochMoveOptionsSchema.parse({ maxGapDays: 40, now: '2022-10-15' });
 * ```
 */
export const EpochMoveOptionsSchema = z
  .object({
    minGapDays: z.number().finite().min(0).optional(),
    maxGapDays: z.number().finite().positive().optional(),
    now: InstantSchema.optional(),
  })
  .strict()
  .refine((o) => o.minGapDays === undefined || o.maxGapDays === undefined || o.minGapDays <= o.maxGapDays, {
    message: 'minGapDays must not exceed maxGapDays',
    path: ['minGapDays'],
  });

/** What {@link EpochMoveOptionsSchema} accepts. */
export type EpochMoveOptions = z.input<typeof EpochMoveOptionsSchema>;

/**
 * What a move breaks, by kind: `span` (the block leaves the span), `now` (it would start before
 * now), `window` (it leaves the visibility window of one of its targets), `margin` (it stays in
 * the window but closer to an edge than that edge's margin), `timeline` (it overlaps another
 * visit), `order` (it passes an epoch of its series), `gap-bound` (a gap it changes breaks a bound).
 */
export type MoveProblemKind = 'span' | 'now' | 'window' | 'margin' | 'timeline' | 'order' | 'gap-bound';

/** One thing a move breaks. */
export interface MoveProblem {
  readonly kind: MoveProblemKind;
  readonly message: string;
}

/** A gap the move changes: of the target's epochs or of one series' visits, before and after. */
export interface GapChange {
  /** `target` (gaps between epoch starts) or `series` (between visit starts). */
  readonly of: 'target' | 'series';
  /** The target's name or the series id. */
  readonly id: string;
  readonly before: { readonly fromMs: number; readonly toMs: number; readonly days: number };
  readonly after: { readonly fromMs: number; readonly toMs: number; readonly days: number };
  /** The bound the gap breaks after the move, if any (with the bounds given). */
  readonly violation?: 'below-min' | 'above-max';
}

/** The effect of a move. */
export interface EpochMoveEffect {
  /** The plan with the epoch's planned visits moved (valid or not), without slack (every epoch's may change). */
  readonly schedule: Schedule;
  /** The visits moved (the epoch's planned visits, and its background pointings), as moved. */
  readonly moved: readonly ScheduledVisit[];
  /** What the move breaks; empty when the plan stays valid. */
  readonly problems: readonly MoveProblem[];
  /** The gaps that change. */
  readonly gaps: readonly GapChange[];
  /** Whether the new start lies within the epoch's recorded slack (undefined when the plan records none). */
  readonly withinSlack?: boolean;
  /**
   * What the plan record cannot tell, in words: an orientation a moved visit holds, the
   * micrometeoroid avoidance zone, a period cadence's tolerance. Each is kept by the recorded
   * slack, which the scheduler computed with them.
   */
  readonly unchecked: readonly string[];
}

const RULE_KIND: Partial<Record<PlanRule, MoveProblemKind>> = {
  'no-overlap': 'timeline',
  'inside-span': 'span',
  'inside-window': 'window',
  'epoch-order': 'order',
};

/** The margin kept from a window edge: its own, the plan's one margin, or none where the span cut it. */
function edgeMargin(schedule: Schedule, window: ScheduleWindow, which: 'start' | 'end'): number {
  const atMs = which === 'start' ? window.startMs : window.endMs;
  const edge = which === 'start' ? window.startEdge : window.endEdge;
  if (edge?.model === 'span' || atMs === schedule.span.startMs || atMs === schedule.span.endMs) return 0;
  return edge?.marginMs ?? schedule.marginMs ?? 0;
}

/**
 * What if an epoch moved to a new start, every other visit where it is: the plan as it would
 * be, the gaps of the target and of its series that change (with the bounds given), and what
 * the move breaks (span, now, window, margin, timeline, order, gap bound). The epoch's planned
 * visits move together, back to back as they are; visits that ran stay. An error names the
 * field when the epoch is not in the plan.
 *
 * The plan record holds the windows with each edge's margin, every visit and its status, so
 * those are checked here; an orientation, the micrometeoroid avoidance zone and a period
 * cadence's tolerance are not in it (see `unchecked`): the epoch's recorded slack keeps them.
 *
 * @param schedule - the plan (from `scheduleProgram` or `scheduleFromJson`).
 * @param move - the epoch and its new start.
 * @param options - gap bounds in days, and `now`.
 * @example
 * ```ts
 * import { loadBuiltInProgram, moveEpoch, scheduleProgram } from 'jwst-cadence';
 * const plan = scheduleProgram(loadBuiltInProgram());
 * const effect = moveEpoch(plan, { target: 'BD+60-1753', epoch: 7, start: '2023-01-30T06:00Z' }, { maxGapDays: 30 });
 * effect.gaps.map((gap) => `${gap.id}: ${gap.before.days.toFixed(1)} -> ${gap.after.days.toFixed(1)} d`);
 * effect.problems; // [] when the plan stays valid
 * ```
 */
export function moveEpoch(schedule: Schedule, move: EpochMoveInput, options: EpochMoveOptions = {}): EpochMoveEffect {
  // Arguments: the library's boundary. The plan whole (as a schedule record), then the move and
  // the options, each named by its argument (`move.epoch: ...`).
  const { target, epoch, cycle, start } = parseWith(EpochMoveSchema, move, 'move');
  const bounds = parseWith(EpochMoveOptionsSchema, options, 'options');

  const indices = blockIndices(schedule, target, epoch, cycle);
  const { after, moved, movedPaths } = movedPlan(schedule, indices, start);
  const problems = placementProblems(schedule, after, moved, movedPaths, bounds.now);
  const gaps = gapChanges(schedule, after, bounds, problems);
  const unchecked: string[] = [];
  if (moved.some((visit) => visit.orientation !== undefined)) unchecked.push('the orientation its visits hold (a V3PA range)');
  if (schedule.maz !== undefined) unchecked.push('time in the micrometeoroid avoidance zone');
  if (schedule.mode === 'period') unchecked.push("the tolerance around the epoch's ideal date");
  const firstVisit =
    schedule.visits[
      indices.reduce((best, index) => (schedule.visits[index]!.startMs < schedule.visits[best]!.startMs ? index : best), indices[0]!)
    ]!;
  const withinSlack =
    firstVisit.slack === undefined ? undefined : start >= firstVisit.slack.earliestMs && start <= firstVisit.slack.latestMs;
  return Object.freeze({
    schedule: after,
    moved,
    problems,
    gaps,
    ...(withinSlack === undefined ? {} : { withinSlack }),
    unchecked,
  });
}

/** The plan's indices of an epoch's planned visits (with its background's); an InputError naming the planned epochs when there are none. */
function blockIndices(schedule: Schedule, target: string, epoch: number, cycle: number | undefined): number[] {
  const inBlock = (visit: ScheduledVisit): boolean =>
    (visit.status ?? 'planned') === 'planned' &&
    visit.epoch === epoch &&
    visit.cycle === cycle &&
    (visit.target === target || visit.target === `${target}${BACKGROUND_SUFFIX}`);
  const indices = schedule.visits.flatMap((visit, index) => (inBlock(visit) ? [index] : []));
  if (indices.length > 0) return indices;
  const epochs = [
    ...new Set(
      schedule.visits
        .filter((visit) => visit.target === target && (visit.status ?? 'planned') === 'planned' && visit.cycle === cycle)
        .map((visit) => visit.epoch),
    ),
  ].sort((a, b) => a - b);
  throw new InputError(
    `move.epoch: no planned epoch ${epoch}${cycle === undefined ? '' : ` of cycle ${cycle}`} of ${target} in the plan` +
      (epochs.length > 0
        ? ` (planned epochs: ${epochs.join(', ')})`
        : ` (${target} has no planned visits${cycle === undefined ? '' : ` in cycle ${cycle}`})`),
  );
}

/** The plan with the block at `indices` moved to start at `start`, sorted again; the moved visits and their new paths. */
function movedPlan(
  schedule: Schedule,
  indices: readonly number[],
  start: number,
): { after: Schedule; moved: ScheduledVisit[]; movedPaths: Set<string> } {
  const firstStart = Math.min(...indices.map((index) => schedule.visits[index]!.startMs));
  const shift = start - firstStart;
  const movedSet = new Set(indices);
  // Every epoch's slack may change with the move: the plan returned carries none.
  const shifted = schedule.visits.map((visit, index): ScheduledVisit => {
    const { slack: _slack, ...rest } = visit;
    if (!movedSet.has(index)) return rest;
    const startMs = visit.startMs + shift;
    const endMs = visit.endMs + shift;
    return Object.freeze({ ...rest, startMs, endMs, window: windowAround(schedule.windows[visit.target], startMs, endMs) ?? visit.window });
  });
  const order = shifted
    .map((_, index) => index)
    .sort(
      (a, b) =>
        shifted[a]!.startMs - shifted[b]!.startMs ||
        shifted[a]!.observation - shifted[b]!.observation ||
        (shifted[a]!.visit ?? 1) - (shifted[b]!.visit ?? 1),
    );
  const visits = order.map((index) => shifted[index]!);
  const newPath = new Map(order.map((old, position) => [old, `visits.${position}`]));
  return {
    after: Object.freeze({ ...schedule, visits }),
    moved: indices.map((index) => shifted[index]!),
    movedPaths: new Set(indices.map((index) => newPath.get(index)!)),
  };
}

/** What the moved block breaks of the plan's rules, of now, and of its targets' windows and margins. */
function placementProblems(
  schedule: Schedule,
  after: Schedule,
  moved: readonly ScheduledVisit[],
  movedPaths: ReadonlySet<string>,
  now: number | undefined,
): MoveProblem[] {
  const problems: MoveProblem[] = [];
  for (const finding of checkPlan(after).problems) {
    const kind = RULE_KIND[finding.rule];
    if (kind && finding.visits.some((path) => movedPaths.has(path))) problems.push({ kind, message: finding.message });
  }
  const blockStart = Math.min(...moved.map((visit) => visit.startMs));
  const blockEnd = Math.max(...moved.map((visit) => visit.endMs));
  if (now !== undefined && blockStart < now) {
    problems.push({
      kind: 'now',
      message: `the block would start ${formatInstant(blockStart)}, before now (${formatInstant(now)})`,
    });
  }
  // The whole block in one window of each of its targets, each edge's margin kept.
  for (const name of [...new Set(moved.map((visit) => visit.target))]) {
    const window = windowAround(schedule.windows[name], blockStart, blockEnd);
    if (!window) {
      if (!problems.some((problem) => problem.kind === 'window')) {
        problems.push({
          kind: 'window',
          message: `the block (${formatInstant(blockStart)} to ${formatInstant(blockEnd)}) does not lie in one window of ${name}`,
        });
      }
      continue;
    }
    const early = window.startMs + edgeMargin(schedule, window, 'start') - blockStart;
    const late = blockEnd - (window.endMs - edgeMargin(schedule, window, 'end'));
    if (early > 0)
      problems.push({
        kind: 'margin',
        message: `the block would start ${formatDays(early)} inside the margin kept from the start of ${name}'s window (${formatInstant(window.startMs)})`,
      });
    if (late > 0)
      problems.push({
        kind: 'margin',
        message: `the block would end ${formatDays(late)} inside the margin kept from the end of ${name}'s window (${formatInstant(window.endMs)})`,
      });
  }
  return problems;
}

/** The gaps of targets and series that the move changes, judged by the bounds given; a target's gap beyond a bound is added to `problems`. */
function gapChanges(
  schedule: Schedule,
  after: Schedule,
  bounds: { minGapDays?: number | undefined; maxGapDays?: number | undefined },
  problems: MoveProblem[],
): GapChange[] {
  const checkBounds = {
    ...(bounds.minGapDays !== undefined ? { minGapDays: bounds.minGapDays } : {}),
    ...(bounds.maxGapDays !== undefined ? { maxGapDays: bounds.maxGapDays } : {}),
  };
  const gapsOf = (plan: Schedule) => {
    const check = measureGaps(plan, checkBounds);
    return [
      ...check.targets.map((report) => ({ of: 'target' as const, report })),
      ...check.series.map((report) => ({ of: 'series' as const, report })),
    ];
  };
  const before = new Map(gapsOf(schedule).map((entry) => [`${entry.of}|${entry.report.id}`, entry.report]));
  const gaps: GapChange[] = [];
  for (const { of, report } of gapsOf(after)) {
    const old = before.get(`${of}|${report.id}`);
    if (!old) continue;
    report.gaps.forEach((gap: Gap, index: number) => {
      const was = old.gaps[index];
      if (!was || (was.fromMs === gap.fromMs && was.toMs === gap.toMs)) return;
      gaps.push({
        of,
        id: report.id,
        before: { fromMs: was.fromMs, toMs: was.toMs, days: was.days },
        after: { fromMs: gap.fromMs, toMs: gap.toMs, days: gap.days },
        ...(gap.violation ? { violation: gap.violation } : {}),
      });
      if (gap.violation && of === 'target') {
        const bound = gap.violation === 'below-min' ? `the least gap (${bounds.minGapDays} d)` : `the largest gap (${bounds.maxGapDays} d)`;
        problems.push({
          kind: 'gap-bound',
          message: `the gap of ${report.id} from ${formatInstant(gap.fromMs)} to ${formatInstant(gap.toMs)} would be ${gap.days.toFixed(2)} d, beyond ${bound}`,
        });
      }
    });
  }
  return gaps;
}

/** The window of a list holding [startMs, endMs), if one does. */
function windowAround(windows: readonly ScheduleWindow[] | undefined, startMs: number, endMs: number): ScheduleWindow | undefined {
  return (windows ?? []).find((window) => window.startMs <= startMs && endMs <= window.endMs);
}
