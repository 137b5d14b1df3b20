/**
 * The scheduler core on time intervals: given windows as data, place each group's epoch
 * chain on the one observatory timeline. Groups are placed one after another; each
 * avoids the time taken by the groups before it and by every fixed block. Given that busy
 * time, each group's placement is exact on the grid (see `spread.ts` and `period.ts`).
 * @module
 */
import { formatDate, formatDays, MS_PER_HOUR, type Span } from '../time/instant.js';
import { visibleMs } from './gaps.js';
import { solvePeriod } from './period.js';
import type { ScheduleObjective, TimeInterval } from './schedule.js';
import { chainFeasible, solveSpread } from './spread.js';
import { gridStarts, type StartContext } from './starts.js';
import { InputError } from '../errors.js';
import { parseArguments } from '../validation.js';
import { TimelineArguments } from './arguments.js';

/** One epoch block to place. */
export interface EpochRequest {
  readonly durationMs: number;
  /** Targets whose windows must each contain the whole block; the first is the lead target. */
  readonly targets: readonly string[];
  /** Start of an executed or fixed block: it stays there. */
  readonly fixedStartMs?: number | undefined;
}

/** A lead target's epochs, in cadence order. */
export interface EpochGroup {
  readonly target: string;
  readonly epochs: readonly EpochRequest[];
}

/** Everything the core needs: intervals and numbers only. */
export interface TimelineInput {
  readonly span: Span;
  readonly gridMs: number;
  readonly marginMs: number;
  readonly minGapMs: number;
  readonly maxGapMs: number;
  /** Visibility windows per target name, sorted and disjoint. */
  readonly windows: Readonly<Record<string, readonly TimeInterval[]>>;
  /** Groups in scheduling order (earlier groups take time first). */
  readonly groups: readonly EpochGroup[];
  readonly mode: 'spread' | 'period';
  /** `period` mode: ideal dates; epoch i of every group aims at date i. */
  readonly idealMs: readonly number[];
  readonly toleranceMs: number;
}

/** The objective a group's placement reached: the schedule's objective record. */
export type GroupObjective = ScheduleObjective;

/** A group's placement: a start or a reason per epoch. */
export interface GroupPlacement {
  readonly target: string;
  readonly startsMs: readonly (number | null)[];
  readonly reasons: readonly (string | null)[];
  readonly objective: GroupObjective;
  /** Constraints that had to be relaxed, in words. */
  readonly notes: readonly string[];
}

/**
 * Place every group's epochs. Deterministic; throws an InputError when fixed blocks
 * contradict each other (out of order or overlapping).
 *
 * @example
 * ```ts
 * const H = 3_600_000;
 * const [group] = scheduleTimeline({
 *   span: { startMs: 0, endMs: 100 * H }, gridMs: H, marginMs: 0, minGapMs: 0, maxGapMs: Infinity,
 *   windows: { S: [{ startMs: 0, endMs: 100 * H }] }, mode: 'spread', idealMs: [], toleranceMs: 0,
 *   groups: [{ target: 'S', epochs: [{ durationMs: H, targets: ['S'] }, { durationMs: H, targets: ['S'] }] }],
 * });
 * group.startsMs; // [25 * H, 75 * H]
 * ```
 */
export function scheduleTimeline(input: TimelineInput): GroupPlacement[] {
  // Arguments: the library's boundary (schemas in ./arguments.ts).
  parseArguments('scheduleTimeline', TimelineArguments, { input });
  return placeTimeline(input);
}

/** {@link scheduleTimeline} of a checked input (`scheduleProgram` places through this). */
export function placeTimeline(input: TimelineInput): GroupPlacement[] {
  const fixedBlocks = input.groups.map((group) =>
    group.epochs
      .filter((epoch) => epoch.fixedStartMs !== undefined)
      .map((epoch) => ({ startMs: epoch.fixedStartMs!, endMs: epoch.fixedStartMs! + epoch.durationMs })),
  );
  const allFixed = fixedBlocks.flat().sort((a, b) => a.startMs - b.startMs);
  for (let i = 1; i < allFixed.length; i += 1) {
    if (allFixed[i]!.startMs < allFixed[i - 1]!.endMs) {
      throw new InputError(
        `fixed: fixed blocks overlap at ${new Date(allFixed[i]!.startMs).toISOString()}; one observatory cannot run both`,
      );
    }
  }
  const placed: TimeInterval[] = [];
  return input.groups.map((group, groupIndex) => {
    const otherFixed = fixedBlocks.filter((_, index) => index !== groupIndex).flat();
    const busy = otherFixed.length > 0 ? [...otherFixed, ...placed] : placed;
    const result = placeGroup(group, input, busy);
    group.epochs.forEach((epoch, index) => {
      const start = result.startsMs[index];
      if (start !== null && start !== undefined && epoch.fixedStartMs === undefined) {
        // Kept sorted by start, so that busy time needs no sorting per group.
        const block = { startMs: start, endMs: start + epoch.durationMs };
        let at = placed.length;
        while (at > 0 && placed[at - 1]!.startMs > block.startMs) at -= 1;
        placed.splice(at, 0, block);
      }
    });
    return result;
  });
}

/** Why epoch `last` is left out of a chain that cannot be placed whole. */
function leftOutReason(group: EpochGroup, input: TimelineInput, chain: readonly number[], last: number): string {
  return (
    `epochs ${chain.map((index) => index + 1).join(', ')} of ${group.target} do not all fit in order in the visible time ` +
    `(with the margin${input.minGapMs > 0 || input.maxGapMs < Infinity ? ', the gap bounds' : ''} and other targets' visits); epoch ${last + 1} is left out`
  );
}

function placeGroup(group: EpochGroup, input: TimelineInput, busy: readonly TimeInterval[]): GroupPlacement {
  const { span, gridMs, marginMs, windows, mode, idealMs, toleranceMs } = input;
  const context: StartContext = { span, gridMs, marginMs, windows, busy };
  const n = group.epochs.length;
  const reasons: (string | null)[] = new Array<string | null>(n).fill(null);
  // Blocks of equal length and targets share their candidate starts (read-only arrays).
  const startsByBlock = new Map<string, Float64Array>();
  const startsOf = (epoch: EpochRequest): Float64Array => {
    const key = `${epoch.durationMs}|${epoch.targets.join('\u0000')}`;
    let starts = startsByBlock.get(key);
    if (!starts) {
      starts = gridStarts(epoch, context);
      startsByBlock.set(key, starts);
    }
    return starts;
  };
  const candidates: (Float64Array | null)[] = group.epochs.map((epoch, index) => {
    if (epoch.fixedStartMs !== undefined) return Float64Array.of(epoch.fixedStartMs);
    const all = startsOf(epoch);
    if (mode === 'spread') {
      if (all.length === 0) reasons[index] = noRoomReason(group, index, input, busy);
      return all.length > 0 ? all : null;
    }
    const ideal = idealMs[index];
    if (ideal === undefined) {
      reasons[index] = `the cadence gives only ${idealMs.length} ideal date${idealMs.length === 1 ? '' : 's'} in the span, so epoch ${index + 1} has none`;
      return null;
    }
    const near = all.filter((t) => Math.abs(t - ideal) <= toleranceMs);
    if (near.length === 0) reasons[index] = missedReason(group, index, ideal, all, input, busy);
    return near.length > 0 ? near : null;
  });

  // A free epoch must start after the fixed epochs before it and end before those after it.
  const fixedIndices = group.epochs.flatMap((epoch, index) => (epoch.fixedStartMs !== undefined ? [index] : []));
  if (fixedIndices.length > 0) {
    group.epochs.forEach((epoch, index) => {
      const own = candidates[index];
      if (epoch.fixedStartMs !== undefined || !own) return;
      const before = fixedIndices.filter((f) => f < index).at(-1);
      const after = fixedIndices.find((f) => f > index);
      let earliestMs = -Infinity;
      let latestMs = Infinity;
      if (before !== undefined) {
        earliestMs = group.epochs[before]!.fixedStartMs!;
        for (let k = before; k < index; k += 1) earliestMs += group.epochs[k]!.durationMs;
      }
      if (after !== undefined) {
        latestMs = group.epochs[after]!.fixedStartMs!;
        for (let k = index; k < after; k += 1) latestMs -= group.epochs[k]!.durationMs;
      }
      const kept = own.filter((t) => t >= earliestMs && t <= latestMs);
      if (kept.length === 0) {
        const between = [before, after].filter((f) => f !== undefined).map((f) => `fixed epoch ${f! + 1}`);
        reasons[index] = `epoch ${index + 1} of ${group.target} has no visible start in order with ${between.join(' and ')}`;
        candidates[index] = null;
      } else if (kept.length < own.length) {
        candidates[index] = kept;
      }
    });
  }

  let chain = candidates.map((c, index) => (c ? index : -1)).filter((index) => index >= 0);
  const notes: string[] = [];
  let minGapMs = input.minGapMs;
  let maxGapMs = input.maxGapMs;
  const solveChain = (indices: readonly number[], min: number, max: number) => {
    const chainCandidates = indices.map((index) => candidates[index]!);
    const durationsMs = indices.map((index) => group.epochs[index]!.durationMs);
    const fixed = indices.map((index) => group.epochs[index]!.fixedStartMs !== undefined);
    if (mode === 'spread') {
      return solveSpread({ spanStartMs: span.startMs, spanEndMs: span.endMs, candidates: chainCandidates, durationsMs, minGapMs: min, maxGapMs: max, gridMs });
    }
    return solvePeriod({ candidates: chainCandidates, idealMs: indices.map((index) => idealMs[index]!), fixed, durationsMs, minGapMs: min, maxGapMs: max });
  };

  let solution = solveChain(chain, minGapMs, maxGapMs);
  // Bounds on the gaps give way before epochs do: when no placement of these epochs keeps them,
  // they are dropped (and said so), then epochs are left out only if still needed.
  if (!solution && (minGapMs > 0 || maxGapMs < Infinity)) {
    notes.push(
      `${group.target}: no placement keeps every gap between ${formatDays(minGapMs)} and ${formatDays(maxGapMs)}; placed without those bounds (see the gap report)`,
    );
    minGapMs = 0;
    maxGapMs = Infinity;
    solution = solveChain(chain, 0, Infinity);
  }
  if (!solution && mode === 'spread' && chain.every((index) => group.epochs[index]!.fixedStartMs === undefined)) {
    // Without fixed epochs, dropping epochs from the end only makes a chain easier, so the
    // number to drop is found by bisection on feasibility alone (one pass each), and the chain
    // solved once.
    const free = chain.filter((index) => group.epochs[index]!.fixedStartMs === undefined);
    const without = (dropped: number): number[] => {
      const gone = new Set(free.slice(free.length - dropped));
      return chain.filter((index) => !gone.has(index));
    };
    const feasible = (dropped: number): boolean => {
      const indices = without(dropped);
      return chainFeasible({
        spanStartMs: span.startMs,
        spanEndMs: span.endMs,
        candidates: indices.map((index) => candidates[index]!),
        durationsMs: indices.map((index) => group.epochs[index]!.durationMs),
        minGapMs,
        maxGapMs,
        gridMs,
      });
    };
    let lo = 1;
    let hi = free.length;
    if (feasible(hi)) {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (feasible(mid)) hi = mid;
        else lo = mid + 1;
      }
      // Leave out the last `lo` free epochs, one at a time, as the loop below would.
      for (let dropped = 1; dropped <= lo; dropped += 1) {
        const last = free[free.length - dropped]!;
        reasons[last] = leftOutReason(group, input, chain, last);
        chain = chain.filter((index) => index !== last);
      }
      solution = solveChain(chain, minGapMs, maxGapMs);
    }
  }
  while (!solution) {
    const last = [...chain].reverse().find((index) => group.epochs[index]!.fixedStartMs === undefined);
    if (last === undefined) {
      throw new InputError(`fixed: the fixed epochs of ${group.target} are out of order or too close for their blocks`);
    }
    reasons[last] = leftOutReason(group, input, chain, last);
    chain = chain.filter((index) => index !== last);
    solution = solveChain(chain, minGapMs, maxGapMs);
  }

  const startsMs: (number | null)[] = new Array<number | null>(n).fill(null);
  chain.forEach((index, position) => {
    startsMs[index] = solution.startsMs[position]!;
  });
  let objective: GroupObjective;
  if (mode === 'spread' && 'sortedGapsMs' in solution) {
    const starts = solution.startsMs;
    let largestGapMs = 0;
    for (let i = 1; i < starts.length; i += 1) largestGapMs = Math.max(largestGapMs, starts[i]! - starts[i - 1]!);
    objective = { mode: 'spread', sortedGapsMs: solution.sortedGapsMs, largestGapMs };
  } else if ('deviationsMs' in solution) {
    const deviationsMs: (number | null)[] = new Array<number | null>(n).fill(null);
    chain.forEach((index, position) => {
      deviationsMs[index] = solution.deviationsMs[position]!;
    });
    objective = {
      mode: 'period',
      maxDeviationMs: solution.maxDeviationMs,
      sumSquaredDeviationDays2: solution.sumSquaredDeviationDays2,
      deviationsMs,
    };
  } else {
    throw new Error('internal: solution does not match the mode');
  }
  return { target: group.target, startsMs, reasons, objective, notes };
}


function formatHours(ms: number): string {
  const hours = ms / MS_PER_HOUR;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(2)} h`;
}


function noRoomReason(group: EpochGroup, index: number, input: TimelineInput, busy: readonly TimeInterval[]): string {
  const epoch = group.epochs[index]!;
  const alone = gridStarts(epoch, { ...input, busy: [] });
  if (alone.length === 0) {
    return (
      `the ${formatHours(epoch.durationMs)} block of epoch ${index + 1} fits in no visibility window of ${epoch.targets.join(' and ')} ` +
      `with ${formatDays(input.marginMs)} kept from window edges`
    );
  }
  return `every start where the block of epoch ${index + 1} fits a window of ${epoch.targets.join(' and ')} is taken by other targets' visits (${busy.length} busy blocks)`;
}

function missedReason(
  group: EpochGroup,
  index: number,
  idealMs: number,
  all: Float64Array,
  input: TimelineInput,
  busy: readonly TimeInterval[],
): string {
  const epoch = group.epochs[index]!;
  const fromMs = idealMs - input.toleranceMs;
  const toMs = idealMs + input.toleranceMs;
  const invisible = epoch.targets.filter((target) => visibleMs(input.windows[target] ?? [], fromMs, toMs) === 0);
  let why: string;
  if (invisible.length > 0) {
    why = `${invisible.join(' and ')} not visible from ${formatDate(fromMs)} to ${formatDate(toMs)}`;
  } else {
    const alone = gridStarts(epoch, { ...input, busy: [] }).some((t) => t >= fromMs && t <= toMs);
    why = alone
      ? `within ${formatDays(input.toleranceMs)} of ${formatDate(idealMs)} every start is taken by other targets' visits (${busy.length} busy blocks)`
      : `within ${formatDays(input.toleranceMs)} of ${formatDate(idealMs)} the ${formatHours(epoch.durationMs)} block does not fit a window of ` +
        `${epoch.targets.join(' and ')} with ${formatDays(input.marginMs)} kept from window edges`;
  }
  let nearest: number | undefined;
  for (const t of all) if (nearest === undefined || Math.abs(t - idealMs) < Math.abs(nearest - idealMs)) nearest = t;
  const where =
    nearest === undefined
      ? 'no start in the span fits'
      : `nearest possible start is ${formatDays(Math.abs(nearest - idealMs))} ${nearest >= idealMs ? 'after' : 'before'} the ideal date (${formatDate(nearest)})`;
  return `ideal date ${formatDate(idealMs)} missed: ${why}; ${where}`;
}
