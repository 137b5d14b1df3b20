/**
 * The scheduler core on time intervals: given windows as data, place every lead target's epoch
 * chain on the one observatory timeline.
 *
 * Targets are placed one after another. Each places the most epochs it can, then its objective,
 * then its tie-breaks (see `spread/README.md` and `period.ts`), exactly over its candidate starts: the
 * grid and the snug starts against the blocks already on the timeline (`starts.ts`), avoiding
 * those blocks and every fixed block. The order is stated, not the table's: by default the
 * target that needs the largest share of its visible time goes first (ties: table order). Then
 * the order is repaired: a target that lost epochs to targets placed before it is tried ahead of
 * them, and the new order is kept when more epochs are placed in all and no target places fewer
 * (a target may give up evenness, never an epoch, so that another places more). Every target's
 * placement is therefore exact given the blocks of the targets before it, and no worse in count
 * and objective than any placement on the grid given all other targets' blocks.
 * @module
 */

import { InputError } from '../errors.js';
import { firstStartingAfter, firstStartingFrom } from '../sorted.js';
import { formatDate, formatDays, formatInstant, MS_PER_HOUR, type Span } from '../time/instant.js';
import { mostPeriodPlaceable, type PeriodProblem, solvePeriod } from './period.js';
import type { MissedDate, ScheduleObjective, TimeInterval } from './schedule.js';
import {
  type ChainProblem,
  type ChainWorkspace,
  chainWorkspace,
  earliestFullestChain,
  mostPlaceable,
  solveSpread,
} from './spread/index.js';
import { candidateStarts, type StartContext, type StartRange, windowStartRanges } from './starts.js';

/** One epoch block to place. */
export interface EpochRequest {
  readonly durationMs: number;
  /** Targets whose windows must each contain the whole block; the first is the lead target. */
  readonly targets: readonly string[];
  /**
   * Start of an executed or fixed block: it stays there. Fixed epochs that lead the group and
   * start before any free epoch may (the span's start, or `notBeforeMs`) are its history: the
   * group's chain goes on from the last of them (see `spread/README.md`), and gap bounds do not apply
   * between them (they ran).
   */
  readonly fixedStartMs?: number | undefined;
  /** An interval the block must lie in besides the span: its cycle, when the table repeats every cycle. */
  readonly within?: TimeInterval | undefined;
  /** How messages name the epoch, e.g. `epoch 5 (cycle 2)` (default `epoch N`, N its place in the group). */
  readonly label?: string | undefined;
}

/** How messages name epoch `index` of a group. */
function epochName(group: EpochGroup, index: number): string {
  return group.epochs[index]?.label ?? `epoch ${index + 1}`;
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
  /** The lead targets' groups, in table order. */
  readonly groups: readonly EpochGroup[];
  readonly mode: 'spread' | 'period';
  /** `period` mode: the cadence's ideal dates in the span, ascending; each group's epochs take them in order. */
  readonly idealMs: readonly number[];
  readonly toleranceMs: number;
  /** Free epochs start at or after this instant (default: the span's start); fixed ones may lie before it. */
  readonly notBeforeMs?: number | undefined;
  /**
   * The placement order: `fair` (default) puts the target needing the largest share of its
   * visible time first and then repairs the order (module comment); `given` places the groups
   * in the order given, with no repair.
   */
  readonly order?: 'fair' | 'given' | undefined;
}

/** The objective a group's placement reached: the schedule's objective record. */
export type GroupObjective = ScheduleObjective;

/** A group's placement: a start or a reason per epoch. */
export interface GroupPlacement {
  readonly target: string;
  readonly startsMs: readonly (number | null)[];
  readonly reasons: readonly (string | null)[];
  /** Per epoch left out because other targets' visits took the time it needed: those lead targets. */
  readonly displacedBy: readonly (readonly string[] | null)[];
  readonly objective: GroupObjective;
  /** Constraints that had to be relaxed, and changes of the placement order, in words. */
  readonly notes: readonly string[];
  /** `period` mode: the ideal dates no epoch of the group took, in time order. */
  readonly missedDates: readonly MissedDate[];
  /** 1-based position of the group in the placement order. */
  readonly placedAs: number;
}

/** A block on the timeline, the group that owns it, and whether it is fixed (it cannot move). */
interface OwnedBlock extends TimeInterval {
  readonly owner: number;
  readonly fixed?: boolean;
}

/** What placing one group gave, with what the repair needs. */
interface GroupResult {
  readonly placement: Omit<GroupPlacement, 'placedAs' | 'notes'>;
  readonly notes: readonly string[];
  readonly count: number;
  /** The group's planned (not fixed) blocks. */
  readonly blocks: readonly OwnedBlock[];
  /** Groups with planned blocks on the time this group would use alone, when it lost epochs to them. */
  readonly blockers: readonly number[];
}

/**
 * Re-placements the order repair may spend in all: a quarter of the first placement's (one per
 * group) plus a constant, so that it costs at most about a quarter more on crowded timelines,
 * where moves rarely succeed.
 */
const REPAIR_BUDGET_PER_GROUP = 0.25;
const REPAIR_BUDGET_BASE = 50;
/**
 * Targets one repair may place again besides the one it moves: a move whose effects spread
 * further (on a crowded timeline every target may shift) is given up, which keeps each try cheap.
 */
const REPAIR_TARGETS_PER_TRY = 8;

/**
 * Place every group's epochs on one timeline. Deterministic; throws an InputError when fixed
 * blocks contradict each other (out of order or overlapping). Returns the placements in the
 * order of `input.groups`.
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
  const G = input.groups.length;
  const fixedBlocks: OwnedBlock[] = [];
  input.groups.forEach((group, owner) => {
    for (const epoch of group.epochs) {
      if (epoch.fixedStartMs !== undefined)
        fixedBlocks.push({ startMs: epoch.fixedStartMs, endMs: epoch.fixedStartMs + epoch.durationMs, owner, fixed: true });
    }
  });
  fixedBlocks.sort((a, b) => a.startMs - b.startMs);
  // Blocks that ran before anything may be placed are history: the core does not judge them.
  const from = freeFromMs(input);
  for (let i = 1; i < fixedBlocks.length; i += 1) {
    if (fixedBlocks[i]!.startMs < fixedBlocks[i - 1]!.endMs && fixedBlocks[i]!.startMs >= from) {
      throw new InputError(
        `fixed: fixed blocks overlap at ${new Date(fixedBlocks[i]!.startMs).toISOString()}; one observatory cannot run both`,
      );
    }
  }
  const core = timelineCore(input, fixedBlocks);

  // The fair order: the largest share of visible time needed first; ties keep table order.
  const pressure = input.groups.map((group) => core.pressureOf(group));
  let order = Array.from({ length: G }, (_, g) => g);
  if (input.order !== 'given') order.sort((a, b) => pressure[b]! - pressure[a]! || a - b);

  // Place in order, each group seeing the fixed blocks and the blocks of the groups before it.
  const results = new Array<GroupResult>(G);
  const busy: OwnedBlock[] = [...fixedBlocks];
  // The longest busy block, kept as blocks are added, so that no placement measures them all.
  let longestMs = longestOf(busy);
  for (const g of order) {
    const result = core.placeGroup(g, busy, longestMs);
    results[g] = result;
    for (const block of result.blocks) {
      insertSorted(busy, block);
      longestMs = Math.max(longestMs, block.endMs - block.startMs);
    }
  }

  const notes: string[][] = Array.from({ length: G }, () => []);
  if (input.order !== 'given' && G > 1) order = repairOrder(core, order, results, notes);

  const placedAs = new Int32Array(G);
  order.forEach((g, position) => {
    placedAs[g] = position + 1;
  });
  return results.map((result, g) => ({
    ...result.placement,
    notes: [...result.notes, ...notes[g]!],
    placedAs: placedAs[g]!,
  }));
}

/** The earliest instant a free epoch may start: the span's start, or `notBeforeMs` when later. */
function freeFromMs(input: TimelineInput): number {
  return Math.max(input.span.startMs, input.notBeforeMs ?? -Infinity);
}

/**
 * How many epochs lead a group as its history: fixed epochs, in order, that start before any
 * free epoch may start.
 */
function historyLength(group: EpochGroup, fromMs: number): number {
  let count = 0;
  while (count < group.epochs.length && group.epochs[count]!.fixedStartMs !== undefined && group.epochs[count]!.fixedStartMs! < fromMs)
    count += 1;
  return count;
}

/** Insert a block into blocks sorted by start (after its equals). */
function insertSorted(blocks: OwnedBlock[], block: OwnedBlock): void {
  blocks.splice(firstStartingAfter(blocks, block.startMs), 0, block);
}

/** The longest block's length (0 for none). */
function longestOf(blocks: readonly TimeInterval[]): number {
  let longest = 0;
  for (const block of blocks) longest = Math.max(longest, block.endMs - block.startMs);
  return longest;
}

/**
 * Repair the placement order: for each group that lost epochs to groups placed before it, try
 * it ahead of the earliest of them; keep the new order when more epochs are placed in all and
 * no group places fewer. Only groups whose view of the timeline changed near their windows are
 * placed again, at most REPAIR_TARGETS_PER_TRY of them besides the moved one per try. Repeats
 * until nothing improves or the budget of re-placements is spent.
 */
function repairOrder(core: TimelineCore, initial: number[], results: GroupResult[], notes: string[][]): number[] {
  const G = initial.length;
  let order = initial;
  let position = positionsOf(order);
  let planned = plannedBlocks(results);
  let budget = Math.floor(REPAIR_BUDGET_PER_GROUP * G) + REPAIR_BUDGET_BASE;
  for (let improved = true; improved && budget > 0; ) {
    improved = false;
    for (const g of [...order]) {
      if (budget <= 0) break;
      const blockers = results[g]!.blockers.filter((b) => position[b]! < position[g]!);
      if (blockers.length === 0) continue;
      const target = Math.min(...blockers.map((b) => position[b]!));
      // The order with g moved up to `target` (the groups from there to g's place one later),
      // read without being built: a try that is not kept costs nothing per group.
      const from = position[g]!;
      const movedPosition = position;
      const newPositionOf = (h: number): number => {
        const p = movedPosition[h]!;
        return h === g ? target : p >= target && p < from ? p + 1 : p;
      };
      const newOrderAt = (q: number): number => (q < target || q > from ? order[q]! : q === target ? g : order[q - 1]!);
      const tentative = new Map<number, GroupResult>();
      const changed: TimeInterval[] = [];
      let accepted = true;
      let placedAgain = 0;
      for (let q = target; q < G && accepted; q += 1) {
        const h = newOrderAt(q);
        if (h !== g && !core.touches(h, changed)) continue;
        if (budget <= 0 || placedAgain > REPAIR_TARGETS_PER_TRY) {
          accepted = false;
          break;
        }
        budget -= 1;
        placedAgain += 1;
        const view = core.viewOf(planned, tentative, newPositionOf, q);
        const result = core.placeGroup(h, view, longestOf(view));
        const before = results[h]!;
        if (h === g ? result.count <= before.count : result.count < before.count) accepted = false;
        else if (h === g || !sameBlocks(result.blocks, before.blocks)) {
          tentative.set(h, result);
          changed.push(...before.blocks, ...result.blocks);
        } else tentative.set(h, result);
      }
      if (!accepted) continue;
      // The targets g now comes before.
      const passed = order.slice(target, position[g]!);
      for (const [h, result] of tentative) results[h] = result;
      const placed = results[g]!.count;
      notes[g]!.push(
        `${core.targetOf(g)} was placed before ${nameList(passed.map((h) => core.targetOf(h)))}, ` +
          `which lets it place ${placed} epoch${placed === 1 ? '' : 's'} without any target placing fewer`,
      );
      order = [...order.slice(0, target), g, ...order.slice(target).filter((h) => h !== g)];
      position = positionsOf(order);
      planned = plannedBlocks(results);
      improved = true;
    }
  }
  return order;
}

function positionsOf(order: readonly number[]): Int32Array {
  const position = new Int32Array(order.length);
  order.forEach((g, q) => {
    position[g] = q;
  });
  return position;
}

function plannedBlocks(results: readonly GroupResult[]): OwnedBlock[] {
  return results.flatMap((result) => result.blocks).sort((a, b) => a.startMs - b.startMs);
}

function sameBlocks(a: readonly TimeInterval[], b: readonly TimeInterval[]): boolean {
  return a.length === b.length && a.every((block, i) => block.startMs === b[i]!.startMs && block.endMs === b[i]!.endMs);
}

type TimelineCore = ReturnType<typeof timelineCore>;

/** What placing a group needs, shared by the first placement and the repair. */
function timelineCore(input: TimelineInput, fixedBlocks: readonly OwnedBlock[]) {
  const { span, marginMs, windows } = input;
  const keyOf = (epoch: EpochRequest): string =>
    `${epoch.durationMs}|${epoch.within ? `${epoch.within.startMs}-${epoch.within.endMs}` : ''}|${epoch.targets.join('\u0000')}`;
  // Per group: the start ranges of each of its block kinds with no other blocks (windows, margin, span).
  const aloneRanges = input.groups.map((group) => {
    const byKey = new Map<string, { durationMs: number; ranges: StartRange[] }>();
    for (const epoch of group.epochs) {
      const key = keyOf(epoch);
      if (!byKey.has(key)) byKey.set(key, { durationMs: epoch.durationMs, ranges: windowStartRanges(epoch, input) });
    }
    return [...byKey.values()];
  });

  /** The share of its visible time a group needs: its free blocks' length over its lead target's visible time. */
  const pressureOf = (group: EpochGroup): number => {
    const needMs = group.epochs.reduce((sum, epoch) => sum + (epoch.fixedStartMs === undefined ? epoch.durationMs : 0), 0);
    if (needMs === 0) return 0;
    const from = Math.max(span.startMs, input.notBeforeMs ?? -Infinity);
    let visible = 0;
    for (const window of windows[group.target] ?? []) {
      const lo = Math.max(window.startMs + (window.startMs === span.startMs ? 0 : marginMs), from);
      const hi = Math.min(window.endMs - (window.endMs === span.endMs ? 0 : marginMs), span.endMs);
      visible += Math.max(0, hi - lo);
    }
    return visible > 0 ? needMs / visible : Infinity;
  };

  /** Whether a change of busy time in `changed` can change the candidate starts of group g. */
  const touches = (g: number, changed: readonly TimeInterval[]): boolean => {
    for (const { durationMs, ranges } of aloneRanges[g]!) {
      for (const block of changed) {
        for (const range of ranges) if (block.startMs - durationMs <= range.hi && block.endMs >= range.lo) return true;
      }
    }
    return false;
  };

  /** The busy time group h sees at position q of an order: fixed blocks and the planned blocks of the groups before it. */
  const viewOf = (
    planned: readonly OwnedBlock[],
    tentative: ReadonlyMap<number, GroupResult>,
    positionOf: (h: number) => number,
    q: number,
  ): OwnedBlock[] => {
    const mine = planned.filter((block) => !tentative.has(block.owner) && positionOf(block.owner) < q);
    for (const [h, result] of tentative) if (positionOf(h) < q) mine.push(...result.blocks);
    return mergeSorted(
      fixedBlocks,
      mine.sort((a, b) => a.startMs - b.startMs),
    );
  };

  const targetOf = (g: number): string => input.groups[g]!.target;
  // Buffers the solves of this timeline reuse, one after another.
  const workspace = chainWorkspace();

  /** Place group g given the busy blocks it sees (sorted by start). */
  const placeGroup = (g: number, busy: readonly OwnedBlock[], busyLongestMs: number): GroupResult =>
    placeOneGroup(input, g, busy, busyLongestMs, aloneRanges[g]!, keyOf, targetOf, workspace);

  return { pressureOf, touches, viewOf, placeGroup, targetOf };
}

function mergeSorted(a: readonly OwnedBlock[], b: readonly OwnedBlock[]): OwnedBlock[] {
  const out: OwnedBlock[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.startMs <= b[j]!.startMs)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

function formatHours(ms: number): string {
  const hours = ms / MS_PER_HOUR;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(2)} h`;
}

/** Names for a reason: the first few, then how many more. */
function nameList(names: readonly string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}

/** The owners of busy blocks that overlap [fromMs, toMs), other than `self` (and, apart, the owners of planned ones). */
function ownersOverlapping(
  busy: readonly OwnedBlock[],
  fromMs: number,
  toMs: number,
  self: number,
  longestMs: number,
  into: Set<number>,
  plannedInto?: Set<number>,
): void {
  for (let q = firstStartingFrom(busy, fromMs - longestMs); q < busy.length && busy[q]!.startMs < toMs; q += 1) {
    const block = busy[q]!;
    if (block.endMs > fromMs && block.owner !== self) {
      into.add(block.owner);
      if (!block.fixed) plannedInto?.add(block.owner);
    }
  }
}

function placeOneGroup(
  input: TimelineInput,
  g: number,
  busy: readonly OwnedBlock[],
  busyLongestMs: number,
  aloneRanges: readonly { durationMs: number; ranges: StartRange[] }[],
  keyOf: (epoch: EpochRequest) => string,
  targetOf: (g: number) => string,
  workspace: ChainWorkspace,
): GroupResult {
  return new GroupPlacer(input, g, busy, busyLongestMs, aloneRanges, keyOf, targetOf, workspace).place();
}

/** What a solver gave for a group: each epoch's start (null when left out), the objective, the dates taken (period mode). */
interface GroupSolution {
  readonly startsMs: (number | null)[];
  readonly objective: GroupObjective;
  readonly dateIndex: (number | null)[];
}

/** The group alone on the timeline: its placement there (null when not computed) and how many epochs it places. */
interface AloneComparison {
  readonly aloneStarts: (number | null)[] | null;
  readonly aloneCount: number;
  /** The targets whose blocks sit where the group alone would place epochs it lost, by name. */
  readonly displacerNames: readonly string[];
  /** Those with planned (movable) blocks there, by group. */
  readonly movable: ReadonlySet<number>;
}

/**
 * The placement of one group given the busy blocks it sees: its candidate starts, the count and
 * gap bounds, the solver's chain, and, for the epochs left out, the reason in words.
 */
class GroupPlacer {
  private readonly group: EpochGroup;
  private readonly n: number;
  private readonly context: StartContext;
  /** Blocks of equal length and targets share their candidate starts (read-only arrays): with the busy blocks, and alone. */
  private readonly cache = new Map<string, Float64Array>();
  private readonly aloneCache = new Map<string, Float64Array>();
  private readonly fixed: boolean[];
  private readonly fixedIndices: number[];
  private readonly durationsMs: number[];
  /** Epochs with starts, but none in order between the fixed epochs around them. */
  private readonly outOfOrder: boolean[];
  /**
   * History: the leading fixed epochs that ran before any free epoch may start. The solvers see
   * only the last of them, the epoch the chain goes on from (no boundary gap before it, no gap
   * bounds between epochs that ran); the `skipped` ones before it keep their starts.
   */
  private readonly historyCount: number;
  private readonly skipped: number;

  constructor(
    private readonly input: TimelineInput,
    private readonly g: number,
    private readonly busy: readonly OwnedBlock[],
    private readonly busyLongestMs: number,
    private readonly aloneRanges: readonly { durationMs: number; ranges: StartRange[] }[],
    private readonly keyOf: (epoch: EpochRequest) => string,
    private readonly targetOf: (g: number) => string,
    private readonly workspace: ChainWorkspace,
  ) {
    const { span, gridMs, marginMs, windows } = input;
    this.group = input.groups[g]!;
    this.n = this.group.epochs.length;
    this.context = { span, gridMs, marginMs, windows, busy, busyLongestMs, notBeforeMs: input.notBeforeMs };
    this.fixed = this.group.epochs.map((epoch) => epoch.fixedStartMs !== undefined);
    this.fixedIndices = this.fixed.flatMap((f, index) => (f ? [index] : []));
    this.durationsMs = this.group.epochs.map((epoch) => epoch.durationMs);
    this.outOfOrder = new Array<boolean>(this.n).fill(false);
    this.historyCount = historyLength(this.group, freeFromMs(input));
    this.skipped = Math.max(0, this.historyCount - 1);
  }

  place(): GroupResult {
    const { group, n, input, g } = this;
    const notes: string[] = [];
    const candidates = this.candidatesFrom(true);
    const { minGapMs, maxGapMs } = this.gapBounds(candidates, notes);
    const { startsMs, objective, dateIndex } = this.solve(candidates, minGapMs, maxGapMs);
    const count = startsMs.filter((t) => t !== null).length;
    const blocks: OwnedBlock[] = [];
    startsMs.forEach((start, index) => {
      if (start !== null && !this.fixed[index]) blocks.push({ startMs: start, endMs: start + this.durationsMs[index]!, owner: g });
    });
    const alone = this.aloneComparison(count, minGapMs, maxGapMs);
    const boundsText = minGapMs > 0 || maxGapMs < Infinity ? ', the gap bounds' : '';
    const reasons: (string | null)[] = new Array<string | null>(n).fill(null);
    const displacedBy: (string[] | null)[] = new Array<string[] | null>(n).fill(null);
    group.epochs.forEach((_, index) => {
      if (startsMs[index] === null) this.leftOut(index, count, dateIndex, alone, boundsText, reasons, displacedBy);
    });
    // Ideal dates before the last epoch that ran are the history's: only later ones can be missed.
    const missedFromMs = this.historyCount > 0 ? group.epochs[this.historyCount - 1]!.fixedStartMs! : -Infinity;
    const missedDates =
      input.mode === 'period'
        ? missedDatesOf(
            input,
            g,
            this.busy,
            startsMs,
            dateIndex,
            (epoch) => this.startsOf(epoch),
            (epoch) => this.aloneStartsOf(epoch),
            () => this.busyLongestMs,
            this.targetOf,
            missedFromMs,
          )
        : [];
    return {
      placement: { target: group.target, startsMs, reasons, displacedBy, objective, missedDates },
      notes,
      count,
      blocks,
      blockers: [...alone.movable],
    };
  }

  /** An epoch's candidate starts with the busy blocks it sees. */
  private startsOf(epoch: EpochRequest): Float64Array {
    const key = this.keyOf(epoch);
    let starts = this.cache.get(key);
    if (!starts) {
      starts = candidateStarts(epoch, this.context);
      this.cache.set(key, starts);
    }
    return starts;
  }

  /** An epoch's candidate starts alone on the timeline. */
  private aloneStartsOf(epoch: EpochRequest): Float64Array {
    const key = this.keyOf(epoch);
    let starts = this.aloneCache.get(key);
    if (!starts) {
      starts = candidateStarts(epoch, { ...this.context, busy: [], busyLongestMs: 0 });
      this.aloneCache.set(key, starts);
    }
    return starts;
  }

  /**
   * A free epoch must start after the block of the fixed epoch before it and end before the
   * fixed epoch after it (the epochs between may be left out, so only the fixed blocks bound it).
   */
  private betweenFixed(index: number, starts: Float64Array): Float64Array {
    const { fixedIndices, group } = this;
    if (fixedIndices.length === 0) return starts;
    const before = fixedIndices.filter((f) => f < index).at(-1);
    const after = fixedIndices.find((f) => f > index);
    const earliestMs = before === undefined ? -Infinity : group.epochs[before]!.fixedStartMs! + group.epochs[before]!.durationMs;
    const latestMs = after === undefined ? Infinity : group.epochs[after]!.fixedStartMs! - group.epochs[index]!.durationMs;
    let lo = 0;
    while (lo < starts.length && starts[lo]! < earliestMs) lo += 1;
    let hi = starts.length;
    while (hi > lo && starts[hi - 1]! > latestMs) hi -= 1;
    return lo === 0 && hi === starts.length ? starts : starts.subarray(lo, hi);
  }

  /** Each epoch's candidates, with the busy blocks (marking the epochs out of order) or alone. */
  private candidatesFrom(withBusy: boolean): Float64Array[] {
    return this.group.epochs.map((epoch, index) => {
      if (epoch.fixedStartMs !== undefined) return Float64Array.of(epoch.fixedStartMs);
      const all = withBusy ? this.startsOf(epoch) : this.aloneStartsOf(epoch);
      const kept = this.betweenFixed(index, all);
      if (kept.length === 0 && all.length > 0 && withBusy) this.outOfOrder[index] = true;
      return kept;
    });
  }

  private spreadProblem(cands: Float64Array[], minGapMs: number, maxGapMs: number): ChainProblem {
    const { span } = this.input;
    const skipped = this.skipped;
    return {
      spanStartMs: span.startMs,
      spanEndMs: span.endMs,
      candidates: cands.slice(skipped),
      durationsMs: this.durationsMs.slice(skipped),
      minGapMs,
      maxGapMs,
      required: this.fixed.slice(skipped),
      history: this.historyCount > 0,
    };
  }

  private periodProblem(cands: Float64Array[], minGapMs: number, maxGapMs: number): PeriodProblem {
    const skipped = this.skipped;
    return {
      candidates: cands.slice(skipped),
      fixed: this.fixed.slice(skipped),
      idealMs: this.input.idealMs,
      toleranceMs: this.input.toleranceMs,
      durationsMs: this.durationsMs.slice(skipped),
      minGapMs,
      maxGapMs,
    };
  }

  /** A solver's per-epoch values for the epochs it saw, with the history before them in front. */
  private withHistory<T>(values: readonly T[], before: (index: number) => T): T[] {
    return [...Array.from({ length: this.skipped }, (_, i) => before(i)), ...values];
  }

  private readonly historyStart = (index: number): number => this.group.epochs[index]!.fixedStartMs!;

  /** The most epochs placeable from these candidates under these bounds (-1 when the fixed ones cannot be kept). */
  private most(cands: Float64Array[], minGapMs: number, maxGapMs: number): number {
    const count =
      this.input.mode === 'spread'
        ? mostPlaceable(this.spreadProblem(cands, minGapMs, maxGapMs), this.workspace)
        : mostPeriodPlaceable(this.periodProblem(cands, minGapMs, maxGapMs));
    return count < 0 ? count : count + this.skipped;
  }

  /**
   * The gap bounds to place under. Count first, and gap bounds give way before epochs do: the
   * bounds are dropped (and said so in `notes`) when they would cost an epoch.
   */
  private gapBounds(candidates: Float64Array[], notes: string[]): { minGapMs: number; maxGapMs: number } {
    const { minGapMs, maxGapMs } = this.input;
    const bounded = minGapMs > 0 || maxGapMs < Infinity;
    const unbounded = bounded || this.fixedIndices.length > 0 ? this.most(candidates, 0, Infinity) : this.n;
    if (unbounded < 0) throw this.outOfOrderFixed();
    if (bounded && this.most(candidates, minGapMs, maxGapMs) < unbounded) {
      notes.push(
        `${this.group.target}: no placement of as many epochs keeps every gap between ${formatDays(minGapMs)} and ${formatDays(maxGapMs)}; placed without those bounds (see the gap report)`,
      );
      return { minGapMs: 0, maxGapMs: Infinity };
    }
    return { minGapMs, maxGapMs };
  }

  private outOfOrderFixed(): InputError {
    return new InputError(`fixed: the fixed epochs of ${this.group.target} are out of order or too close for their blocks`);
  }

  /** The group's placement by the cadence's solver. */
  private solve(candidates: Float64Array[], minGapMs: number, maxGapMs: number): GroupSolution {
    if (this.input.mode === 'spread') {
      const solution = solveSpread(this.spreadProblem(candidates, minGapMs, maxGapMs), this.workspace);
      if (!solution) throw this.outOfOrderFixed();
      const startsMs = this.withHistory(solution.startsMs, this.historyStart);
      const placed = startsMs.filter((t): t is number => t !== null);
      let largestGapMs = 0;
      for (let i = 1; i < placed.length; i += 1) largestGapMs = Math.max(largestGapMs, placed[i]! - placed[i - 1]!);
      return { startsMs, objective: { mode: 'spread', sortedGapsMs: [...solution.sortedGapsMs], largestGapMs }, dateIndex: [] };
    }
    const solution = solvePeriod(this.periodProblem(candidates, minGapMs, maxGapMs));
    if (!solution) throw this.outOfOrderFixed();
    return {
      startsMs: this.withHistory(solution.startsMs, this.historyStart),
      dateIndex: this.withHistory(solution.dateIndex, () => null),
      objective: {
        mode: 'period',
        maxDeviationMs: solution.maxDeviationMs,
        sumSquaredDeviationDays2: solution.sumSquaredDeviationDays2,
        deviationsMs: this.withHistory(solution.deviationsMs, () => null),
      },
    };
  }

  /**
   * Why epochs were left out: alone on the timeline, how many would fit, and whose blocks sit
   * where they would go.
   */
  private aloneComparison(count: number, minGapMs: number, maxGapMs: number): AloneComparison {
    let aloneStarts: (number | null)[] | null = null;
    let aloneCount = count;
    const displacers = new Set<number>();
    const movable = new Set<number>();
    if (count < this.n) {
      const aloneCandidates = this.candidatesFrom(false);
      if (this.input.mode === 'spread') {
        const chain = earliestFullestChain(this.spreadProblem(aloneCandidates, minGapMs, maxGapMs), this.workspace);
        aloneStarts = chain && this.withHistory(chain, this.historyStart);
        aloneCount = aloneStarts ? aloneStarts.filter((t) => t !== null).length : count;
      } else {
        // The count alone first (one pass); the placement alone only when it is larger.
        aloneCount = Math.max(count, this.most(aloneCandidates, minGapMs, maxGapMs));
        if (aloneCount > count) {
          const alone = solvePeriod(this.periodProblem(aloneCandidates, minGapMs, maxGapMs));
          aloneStarts = alone && this.withHistory(alone.startsMs, this.historyStart);
        }
      }
      if (aloneStarts && aloneCount > count) {
        aloneStarts.forEach((start, index) => {
          if (start !== null && !this.fixed[index])
            ownersOverlapping(this.busy, start, start + this.durationsMs[index]!, this.g, this.busyLongestMs, displacers, movable);
        });
      }
    }
    return { aloneStarts, aloneCount, displacerNames: [...displacers].map(this.targetOf).sort(), movable };
  }

  /** The reason (and, where other targets' blocks are the cause, their names) an epoch was left out. */
  private leftOut(
    index: number,
    count: number,
    dateIndex: readonly (number | null)[],
    alone: AloneComparison,
    boundsText: string,
    reasons: (string | null)[],
    displacedBy: (string[] | null)[],
  ): void {
    const { group, n, historyCount, input } = this;
    const epoch = group.epochs[index]!;
    const { aloneStarts, aloneCount, displacerNames } = alone;
    const unplacedAlone = this.aloneReason(index);
    if (unplacedAlone !== null) {
      reasons[index] = unplacedAlone;
      return;
    }
    if (aloneStarts && aloneCount > count && aloneStarts[index] !== null && displacerNames.length > 0) {
      displacedBy[index] = [...displacerNames];
      reasons[index] =
        `${epochName(group, index)} of ${group.target} is displaced: the time it needs is taken by visits of ${nameList(displacerNames)}; ` +
        `alone on the timeline ${aloneCount - historyCount} of its ${n - historyCount} epochs would fit, with them ${count - historyCount}`;
      return;
    }
    if (this.startsOf(epoch).length === 0) {
      const owners = new Set<number>();
      for (const { durationMs, ranges } of this.aloneRanges) {
        if (durationMs !== epoch.durationMs) continue;
        for (const range of ranges) ownersOverlapping(this.busy, range.lo, range.hi + durationMs, this.g, this.busyLongestMs, owners);
      }
      const names = [...owners].map(this.targetOf).sort();
      if (names.length > 0) displacedBy[index] = names;
      reasons[index] =
        `every start where the block of ${epochName(group, index)} fits a window of ${epoch.targets.join(' and ')} is taken by ` +
        `visits of ${names.length > 0 ? nameList(names) : 'other targets'}`;
      return;
    }
    if (input.mode === 'period') {
      reasons[index] = periodLeftOutReason(group, index, dateIndex, input.idealMs.length, historyCount);
      return;
    }
    reasons[index] =
      `the ${n - historyCount} epochs of ${group.target} to place do not all fit in order in the visible time (with the margin${boundsText} ` +
      `and other targets' visits): at most ${count - historyCount} fit, and ${epochName(group, index)} is left out`;
  }

  /** Why an epoch cannot be placed even alone on the timeline (after now, in a window, in order with the fixed epochs), or null. */
  private aloneReason(index: number): string | null {
    const { group, input, fixedIndices } = this;
    const epoch = group.epochs[index]!;
    const alone = this.aloneStartsOf(epoch);
    if (
      alone.length === 0 &&
      input.notBeforeMs !== undefined &&
      windowStartRanges(epoch, { ...input, notBeforeMs: undefined }).length > 0
    ) {
      return (
        `${epochName(group, index)} of ${group.target} has no start in a visibility window of ${epoch.targets.join(' and ')} ` +
        `after ${formatInstant(input.notBeforeMs)} (now, or the end of the last visit that ran)${epoch.within ? ' in its cycle' : ''}`
      );
    }
    if (alone.length === 0) {
      return (
        `the ${formatHours(epoch.durationMs)} block of ${epochName(group, index)} fits in no visibility window of ${epoch.targets.join(' and ')} ` +
        `with ${formatDays(input.marginMs)} kept from window edges`
      );
    }
    if (this.outOfOrder[index]) {
      const before = fixedIndices.filter((f) => f < index).at(-1);
      const after = fixedIndices.find((f) => f > index);
      const between = [before, after].filter((f) => f !== undefined).map((f) => `fixed ${epochName(group, f!)}`);
      const where = before !== undefined && after !== undefined ? 'between them' : before !== undefined ? 'after it' : 'before it';
      return (
        `${epochName(group, index)} of ${group.target} has no visible start in order with ${between.join(' and ')}: ` +
        `a target's epochs run in order, and its ${formatHours(epoch.durationMs)} block fits in no visibility window of ${epoch.targets.join(' and ')} ${where}`
      );
    }
    return null;
  }
}

function periodLeftOutReason(
  group: EpochGroup,
  index: number,
  dateIndex: readonly (number | null)[],
  dates: number,
  historyCount: number,
): string {
  if (dates === 0) return `the cadence gives no ideal date in the span, so ${epochName(group, index)} of ${group.target} has none`;
  const taken = dateIndex.slice(historyCount).filter((d) => d !== null).length;
  return (
    `no ideal date is left for ${epochName(group, index)} of ${group.target}: the cadence has ${dates} date${dates === 1 ? '' : 's'} in the span, ` +
    `${taken} taken by its other epochs and ${dates - taken} with no room for it in order (see the missed dates)`
  );
}

/** The ideal dates a group's epochs did not take, with the reason and the nearest possible start. */
function missedDatesOf(
  input: TimelineInput,
  g: number,
  busy: readonly OwnedBlock[],
  startsMs: readonly (number | null)[],
  dateIndex: readonly (number | null)[],
  startsOf: (epoch: EpochRequest) => Float64Array,
  aloneStartsOf: (epoch: EpochRequest) => Float64Array,
  longestBusyMs: () => number,
  targetOf: (g: number) => string,
  historyUntilMs: number,
): MissedDate[] {
  const { idealMs, toleranceMs, marginMs, windows } = input;
  const group = input.groups[g]!;
  const n = group.epochs.length;
  const takenBy = new Map<number, number>();
  dateIndex.forEach((d, epoch) => {
    if (d !== null) takenBy.set(d, epoch);
  });
  const allPlaced = startsMs.every((t) => t !== null);
  const lastTaken = Math.max(-1, ...takenBy.keys());
  const out: MissedDate[] = [];
  idealMs.forEach((ideal, m) => {
    if (takenBy.has(m) || ideal < historyUntilMs) return;
    // Dates after the last one taken are missed only when some epoch is left without one.
    if (allPlaced && m > lastTaken) return;
    // The epoch that would have taken it: the one after the last placed epoch with an earlier date.
    let previous = -1;
    dateIndex.forEach((d, epoch) => {
      if (d !== null && d < m) previous = Math.max(previous, epoch);
    });
    let e = Math.min(n - 1, previous + 1);
    while (e < n - 1 && group.epochs[e]!.fixedStartMs !== undefined) e += 1;
    const epoch = group.epochs[e]!;
    const fromMs = ideal - toleranceMs;
    const toMs = ideal + toleranceMs;
    const all = startsOf(epoch);
    // Not visible at any instant of [from, to] (a point when the tolerance is 0).
    const invisible = epoch.targets.filter((target) => !(windows[target] ?? []).some((w) => w.startMs <= toMs && w.endMs > fromMs));
    let why: string;
    let displacedBy: string[] | undefined;
    if (invisible.length > 0) {
      why = `${invisible.join(' and ')} not visible from ${formatDate(fromMs)} to ${formatDate(toMs)}`;
    } else if (!aloneStartsOf(epoch).some((t) => t >= fromMs && t <= toMs)) {
      why =
        `within ${formatDays(toleranceMs)} of ${formatDate(ideal)} the ${formatHours(epoch.durationMs)} block does not fit a window of ` +
        `${epoch.targets.join(' and ')} with ${formatDays(marginMs)} kept from window edges`;
    } else if (!all.some((t) => t >= fromMs && t <= toMs)) {
      const owners = new Set<number>();
      ownersOverlapping(busy, fromMs, toMs + epoch.durationMs, g, longestBusyMs(), owners);
      displacedBy = [...owners].map(targetOf).sort();
      why = `within ${formatDays(toleranceMs)} of ${formatDate(ideal)} every start is taken by visits of ${displacedBy.length > 0 ? nameList(displacedBy) : 'other targets'}`;
    } else {
      why =
        `within ${formatDays(toleranceMs)} of ${formatDate(ideal)} a start fits, but not in order with the dates the other epochs take ` +
        `(their blocks and gap bounds), or only at the cost of an epoch or a larger deviation`;
    }
    let nearest: number | undefined;
    for (const t of all) if (nearest === undefined || Math.abs(t - ideal) < Math.abs(nearest - ideal)) nearest = t;
    const where =
      nearest === undefined
        ? 'no start in the span fits'
        : `nearest possible start is ${formatDays(Math.abs(nearest - ideal))} ${nearest >= ideal ? 'after' : 'before'} the ideal date (${formatDate(nearest)})`;
    out.push({
      target: group.target,
      idealMs: ideal,
      reason: `ideal date ${formatDate(ideal)} missed: ${why}; ${where}`,
      ...(nearest === undefined ? {} : { nearestStartMs: nearest }),
      ...(displacedBy && displacedBy.length > 0 ? { displacedBy } : {}),
    });
  });
  return out;
}

/**
 * An epoch's placed neighbours in its group (indices, -1 where none) and the gap bounds between
 * them: the input's, or none where the group's placement relaxed them (a note names its target).
 */
export function neighbourBounds(
  input: TimelineInput,
  placements: readonly GroupPlacement[],
  group: number,
  epoch: number,
): { previous: number; next: number; minGapMs: number; maxGapMs: number } {
  const starts = placements[group]!.startsMs;
  let previous = -1;
  for (let i = epoch - 1; i >= 0 && previous < 0; i -= 1) if (starts[i] !== null) previous = i;
  let next = -1;
  for (let i = epoch + 1; i < starts.length && next < 0; i += 1) if (starts[i] !== null) next = i;
  const relaxed = placements[group]!.notes.some((note) => note.startsWith(`${input.groups[group]!.target}:`));
  return { previous, next, minGapMs: relaxed ? 0 : input.minGapMs, maxGapMs: relaxed ? Infinity : input.maxGapMs };
}

/**
 * What keeps epoch `epoch` of group `group` from starting at `startMs` while every other epoch
 * stays where `placements` put it: the span (and `notBeforeMs`), one window of each of its
 * targets with the margin, every other block on the timeline (fixed blocks included), the order
 * and block lengths of the group's epochs, the gap bounds, and in `period` mode the tolerance
 * around its ideal date. Empty when it may start there. The grid is not a constraint here.
 *
 * @example
 * ```ts
 * const H = 3_600_000;
 * const input = {
 *   span: { startMs: 0, endMs: 100 * H }, gridMs: H, marginMs: 0, minGapMs: 0, maxGapMs: Infinity,
 *   windows: { S: [{ startMs: 0, endMs: 100 * H }] }, mode: 'spread' as const, idealMs: [], toleranceMs: 0,
 *   groups: [{ target: 'S', epochs: [{ durationMs: H, targets: ['S'] }, { durationMs: H, targets: ['S'] }] }],
 * };
 * const placements = scheduleTimeline(input);
 * epochStartProblems(input, placements, 0, 0, 30 * H); // []
 * epochStartProblems(input, placements, 0, 0, 80 * H).length > 0; // true: it would pass epoch 2
 * ```
 */
export function epochStartProblems(
  input: TimelineInput,
  placements: readonly GroupPlacement[],
  group: number,
  epoch: number,
  startMs: number,
): string[] {
  const problems: string[] = [];
  const own = input.groups[group]!;
  const request = own.epochs[epoch]!;
  const endMs = startMs + request.durationMs;
  const ranges = windowStartRanges(request, input);
  if (!ranges.some((range) => startMs >= range.lo && startMs <= range.hi)) {
    problems.push(`the block does not lie in the span and in one window of ${request.targets.join(' and ')} with the margin kept`);
  }
  input.groups.forEach((other, g) => {
    other.epochs.forEach((otherEpoch, index) => {
      if (g === group && index === epoch) return;
      const start = otherEpoch.fixedStartMs ?? placements[g]!.startsMs[index];
      if (start === null || start === undefined) return;
      if (startMs < start + otherEpoch.durationMs && endMs > start) {
        problems.push(`the block overlaps ${epochName(other, index)} of ${other.target} (${formatDate(start)})`);
      }
    });
  });
  const starts = placements[group]!.startsMs;
  const { previous, next, minGapMs, maxGapMs } = neighbourBounds(input, placements, group, epoch);
  if (previous >= 0) {
    const gap = startMs - starts[previous]!;
    if (gap < Math.max(own.epochs[previous]!.durationMs, minGapMs) || gap > maxGapMs) {
      problems.push(`the gap from ${epochName(own, previous)} would be ${formatDays(gap)}, outside its bounds`);
    }
  }
  if (next >= 0) {
    const gap = starts[next]! - startMs;
    if (gap < Math.max(request.durationMs, minGapMs) || gap > maxGapMs) {
      problems.push(`the gap to ${epochName(own, next)} would be ${formatDays(gap)}, outside its bounds`);
    }
  }
  const objective = placements[group]!.objective;
  if (input.mode === 'period' && objective.mode === 'period' && request.fixedStartMs === undefined) {
    const deviation = objective.deviationsMs[epoch];
    const current = starts[epoch];
    if (deviation !== null && deviation !== undefined && current !== null && current !== undefined) {
      const ideal = current - deviation;
      if (Math.abs(startMs - ideal) > input.toleranceMs)
        problems.push(`the start would be more than ${formatDays(input.toleranceMs)} from its ideal date`);
    }
  }
  return problems;
}
