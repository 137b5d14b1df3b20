/**
 * The `period` objective, solved exactly over a set of candidate start times.
 *
 * The cadence gives ideal dates I_1 < I_2 < ... < I_M. A target's epochs take ideal dates in
 * order: epoch after epoch, each on a later date than the one before, every placed epoch
 * starting within the tolerance of its date. Dates with no room are skipped; so are epochs, when
 * the dates run out. In full, the order of preference:
 * 1. **Count**: the most epochs placed (fixed epochs always are).
 * 2. **Objective**, among those: the least largest deviation |t - I| of a placed epoch from its
 *    date, then the least sum of squared deviations.
 * 3. **Tie-breaks**: the earliest first start; among equal starts, the earliest epoch there, then
 *    the earliest date; then the second start, and so on.
 *
 * A fixed epoch keeps its start and does not count in the objective. It takes the ideal date
 * nearest its start when one lies within the tolerance (the earlier of two equally near), so
 * that no other epoch takes that date; otherwise it takes none.
 *
 * Method: the states of a free epoch are slots (date, candidate start within the tolerance of
 * the date). A backward pass over epochs finds, per state, the best completion: the fewest
 * epochs left out, then the least largest deviation (which composes along a chain like a
 * bottleneck). An epoch that may be left out is passed over by an aggregate layer, and the
 * successors of a state (a later date, a start between the block length and the largest gap
 * away) are read from a monotone deque when the tolerance windows of successive dates do not
 * overlap (slots in date order are then in time order, and the successors' range only moves
 * forwards), from a segment tree over the slots in time order, filled date by date, otherwise.
 * One more pass, every deviation at most the largest found, minimises the sum of squares; a
 * forward walk takes the earliest optimal chain.
 * @module
 */
import { firstAbove, firstAtLeast, markMembers, sortedUnion } from '../sorted.js';
import { MS_PER_DAY } from '../time/instant.js';

/** A period problem: per epoch the candidate starts, whether it is fixed, and the cadence. */
export interface PeriodProblem {
  /** Candidate start instants of each epoch, ascending, whole ms (one value for a fixed epoch). */
  readonly candidates: readonly Float64Array[];
  readonly fixed: readonly boolean[];
  /** The cadence's ideal dates in the span, ascending. */
  readonly idealMs: readonly number[];
  /** How far a placed epoch may start from its ideal date. */
  readonly toleranceMs: number;
  /** Least distance from each epoch's start to the next placed epoch's start (its block length). */
  readonly durationsMs: readonly number[];
  readonly minGapMs: number;
  readonly maxGapMs: number;
}

/** An optimal assignment. */
export interface PeriodSolution {
  /** Start of each epoch, or null for an epoch left out. */
  readonly startsMs: readonly (number | null)[];
  /** Index into the ideal dates of the date each epoch took (null when left out, or fixed with no date in reach). */
  readonly dateIndex: readonly (number | null)[];
  /** Signed deviation t - I of each placed epoch from its date, ms (0 for fixed epochs, null when left out). */
  readonly deviationsMs: readonly (number | null)[];
  readonly maxDeviationMs: number;
  /** Sum of squared deviations, in days squared. */
  readonly sumSquaredDeviationDays2: number;
}

/**
 * Solve a period problem, or return `null` when the fixed epochs cannot be kept in order.
 *
 * @example
 * ```ts
 * // Two epochs, three dates; the second date has no room: the epochs take dates 1 and 3.
 * solvePeriod({
 *   candidates: [Float64Array.of(9, 10, 11, 29, 30, 31), Float64Array.of(9, 10, 11, 29, 30, 31)],
 *   fixed: [false, false], idealMs: [10, 20, 30], toleranceMs: 2, durationsMs: [1, 1], minGapMs: 0, maxGapMs: Infinity,
 * })!.startsMs; // [10, 30]
 * ```
 */
export function solvePeriod(problem: PeriodProblem): PeriodSolution | null {
  return new PeriodSolver(problem).solve();
}

/**
 * The most epochs the cadence's dates can take in order (fixed ones included), or -1 when the
 * fixed epochs cannot be kept in order.
 *
 * @example
 * ```ts
 * mostPeriodPlaceable({
 *   candidates: [Float64Array.of(10), Float64Array.of(10)], fixed: [false, false],
 *   idealMs: [10], toleranceMs: 1, durationsMs: [1, 1], minGapMs: 0, maxGapMs: Infinity,
 * }); // 1: one date, so one epoch
 * ```
 */
export function mostPeriodPlaceable(problem: PeriodProblem): number {
  return new PeriodSolver(problem).most();
}

/** A pair (epochs left out, a cost: the largest deviation in ms or the sum of squared deviations in s^2), compared in that order. */
interface Value {
  skips: number;
  cost: number;
}

/** A min segment tree over (skips, cost) pairs, indexed by slot rank. */
interface PairTree {
  readonly size: number;
  readonly skips: Float64Array;
  readonly cost: Float64Array;
}

function pairTree(n: number): PairTree {
  let size = 1;
  while (size < Math.max(1, n)) size *= 2;
  return { size, skips: new Float64Array(2 * size).fill(Infinity), cost: new Float64Array(2 * size).fill(Infinity) };
}

function clearTree(tree: PairTree): void {
  tree.skips.fill(Infinity);
  tree.cost.fill(Infinity);
}

/** Lower the pair at `index` to (skips, cost) if that is less. */
function lowerAt(tree: PairTree, index: number, skips: number, cost: number): void {
  const { skips: sk, cost: co } = tree;
  let x = index + tree.size;
  if (skips > sk[x]! || (skips === sk[x]! && cost >= co[x]!)) return;
  sk[x] = skips;
  co[x] = cost;
  for (x >>= 1; x >= 1; x >>= 1) {
    const l = 2 * x;
    const from = sk[l]! < sk[l + 1]! || (sk[l] === sk[l + 1] && co[l]! <= co[l + 1]!) ? l : l + 1;
    if (sk[x] === sk[from] && co[x] === co[from]) break;
    sk[x] = sk[from]!;
    co[x] = co[from]!;
  }
}

/** Lower `out` to the least pair over indices [lo, hi] if that is less. */
function lowerByRange(tree: PairTree, lo: number, hi: number, out: Value): void {
  const { skips: sk, cost: co } = tree;
  const take = (x: number): void => {
    if (sk[x]! < out.skips || (sk[x] === out.skips && co[x]! < out.cost)) {
      out.skips = sk[x]!;
      out.cost = co[x]!;
    }
  };
  let l = lo + tree.size;
  let r = hi + tree.size + 1;
  while (l < r) {
    if (l & 1) take(l++);
    if (r & 1) take(--r);
    l >>= 1;
    r >>= 1;
  }
}

/** The state space of a fixed epoch: its one start, with the date it takes (or every "last date" when it takes none). */
interface FixedStates {
  readonly startMs: number;
  /** The date it takes, or -1 when it takes none (then its states are indexed by the last date before it, -1..M-1). */
  readonly date: number;
  readonly skips: Float64Array;
  readonly cost: Float64Array;
}

/**
 * The slots of a period problem: every (date, candidate start within the tolerance of the date),
 * in date order, and the same slots in time order.
 */
interface Slots {
  /** Number of slots. */
  readonly S: number;
  /** Per date, its first slot (and one past the last date's last). */
  readonly dateFirstSlot: Int32Array;
  readonly slotDate: Int32Array;
  readonly slotTime: Float64Array;
  /** Each slot's position in the union of the free epochs' candidates. */
  readonly slotUnion: Int32Array;
  /** Signed deviation of each slot's start from its date. */
  readonly slotDeviation: Float64Array;
  /** Whether the dates' tolerance windows do not overlap (slot order is then time order). */
  readonly disjoint: boolean;
  /** Slots in time order (ties by date), each slot's rank in it, and the times in that order. */
  readonly byTime: Int32Array;
  readonly rank: Int32Array;
  readonly timesSorted: Float64Array;
}

/** The slots of the ideal dates over the union of the free epochs' candidates. */
function slotsOf(union: Float64Array, idealMs: readonly number[], toleranceMs: number): Slots {
  const M = idealMs.length;
  const dateFirstSlot = new Int32Array(M + 1);
  const unionFrom = new Int32Array(M);
  let S = 0;
  for (let m = 0; m < M; m += 1) {
    dateFirstSlot[m] = S;
    const ideal = idealMs[m]!;
    const lo = firstAtLeast(union, ideal - toleranceMs);
    unionFrom[m] = lo;
    for (let p = lo; p < union.length && union[p]! <= ideal + toleranceMs; p += 1) S += 1;
  }
  dateFirstSlot[M] = S;
  const slotDate = new Int32Array(S);
  const slotTime = new Float64Array(S);
  const slotUnion = new Int32Array(S);
  const slotDeviation = new Float64Array(S);
  for (let m = 0; m < M; m += 1) {
    for (let q = dateFirstSlot[m]!, p = unionFrom[m]!; q < dateFirstSlot[m + 1]!; q += 1, p += 1) {
      slotDate[q] = m;
      slotTime[q] = union[p]!;
      slotUnion[q] = p;
      slotDeviation[q] = union[p]! - idealMs[m]!;
    }
  }
  // Slots in time order (ties by date), and each slot's rank in it: slot order itself when the
  // tolerance windows are disjoint.
  let disjoint = true;
  for (let m = 1; m < M; m += 1) if (idealMs[m]! - idealMs[m - 1]! <= 2 * toleranceMs) disjoint = false;
  const byTime = Int32Array.from({ length: S }, (_, q) => q);
  if (!disjoint) byTime.sort((x, y) => slotTime[x]! - slotTime[y]! || slotDate[x]! - slotDate[y]!);
  const rank = new Int32Array(S);
  for (let r = 0; r < S; r += 1) rank[byTime[r]!] = r;
  const timesSorted = new Float64Array(S);
  for (let r = 0; r < S; r += 1) timesSorted[r] = slotTime[byTime[r]!]!;
  return { S, dateFirstSlot, slotDate, slotTime, slotUnion, slotDeviation, disjoint, byTime, rank, timesSorted };
}

/** Per free epoch, which slots it may take (epochs of one kind share their array, and their mask); null for a fixed epoch. */
function slotMasks(problem: PeriodProblem, union: Float64Array, slots: Slots): (Uint8Array | null)[] {
  const maskOf = new Map<Float64Array, Uint8Array>();
  return problem.candidates.map((c, i) => {
    if (problem.fixed[i]) return null;
    let mask = maskOf.get(c);
    if (!mask) {
      const inUnion = new Uint8Array(union.length);
      markMembers(union, c, inUnion);
      mask = new Uint8Array(slots.S);
      for (let q = 0; q < slots.S; q += 1) mask[q] = inUnion[slots.slotUnion[q]!]!;
      maskOf.set(c, mask);
    }
    return mask;
  });
}

/** Per fixed epoch, the date it takes (nearest within the tolerance, earlier on ties) or none, and its value layers; null for a free one. */
function fixedStatesOf(problem: PeriodProblem): (FixedStates | null)[] {
  const { idealMs, toleranceMs } = problem;
  const M = idealMs.length;
  return problem.candidates.map((c, i) => {
    if (!problem.fixed[i]) return null;
    const startMs = c[0]!;
    let date = -1;
    for (let m = 0; m < M; m += 1) {
      const d = Math.abs(startMs - idealMs[m]!);
      if (d <= toleranceMs && (date < 0 || d < Math.abs(startMs - idealMs[date]!))) date = m;
    }
    const states = date >= 0 ? 1 : M + 1;
    return { startMs, date, skips: new Float64Array(states), cost: new Float64Array(states) };
  });
}

/** Lower `found` to (skips, cost) if that is less. */
function lowerTo(found: Value, skips: number, cost: number): void {
  if (skips < found.skips || (skips === found.skips && cost < found.cost)) {
    found.skips = skips;
    found.cost = cost;
  }
}

/** An epoch and state the walk may take next. */
interface WalkStep {
  readonly epoch: number;
  readonly time: number;
  readonly date: number;
  readonly slot: number;
  readonly skips: number;
  readonly cost: number;
}

/** Where the walk stands: the last epoch placed (-1 before the first), its start and date, and what remains of the total. */
interface WalkPlace {
  readonly previous: number;
  readonly previousStart: number;
  readonly previousDate: number;
  readonly remaining: Value;
}

/**
 * The solver of one period problem: its slots, the fixed epochs' states, and the value layers
 * of the passes (per free epoch and slot: epochs left out, then a cost).
 */
class PeriodSolver {
  private readonly n: number;
  private readonly M: number;
  private readonly lowerGap: number[];
  private readonly slots: Slots;
  private readonly masks: (Uint8Array | null)[];
  private readonly fixedStates: (FixedStates | null)[];
  /** Per epoch, the first fixed epoch from it on (-1 for none), and -1 past the last. */
  private readonly nextRequired: Int32Array;
  private readonly valueSkips: (Float64Array | null)[];
  private readonly valueCost: (Float64Array | null)[];
  private readonly aggSkips: Float64Array[];
  private readonly aggCost: Float64Array[];
  private readonly tree: PairTree;
  /** The value a step found (scratch of the passes). */
  private readonly found: Value = { skips: Infinity, cost: Infinity };
  /**
   * With tolerance windows that do not overlap, slots in date order are in time order, and the
   * successors of a slot (a later date, a start between the block length and the largest gap
   * away) form a range whose ends only move forwards: a monotone deque serves them.
   */
  private readonly deque: Int32Array;
  /** During a pass: the free epochs after the current one up to the next fixed one, as one layer (null when none). */
  private agg: { skips: Float64Array; cost: Float64Array } | null = null;
  private spare = 0;

  constructor(private readonly problem: PeriodProblem) {
    const { candidates, fixed, idealMs, toleranceMs, durationsMs, minGapMs } = problem;
    this.n = candidates.length;
    this.M = idealMs.length;
    this.lowerGap = durationsMs.map((d) => Math.max(d, minGapMs));
    // The union of the free epochs' candidates, and the slots (date, start within the tolerance).
    const union = sortedUnion(candidates.filter((_, i) => !fixed[i]));
    this.slots = slotsOf(union, idealMs, toleranceMs);
    const S = this.slots.S;
    this.masks = slotMasks(problem, union, this.slots);
    this.fixedStates = fixedStatesOf(problem);
    this.nextRequired = new Int32Array(this.n + 1).fill(-1);
    for (let i = this.n - 1; i >= 0; i -= 1) this.nextRequired[i] = fixed[i] ? i : this.nextRequired[i + 1]!;
    this.valueSkips = candidates.map((_, i) => (fixed[i] ? null : new Float64Array(S)));
    this.valueCost = candidates.map((_, i) => (fixed[i] ? null : new Float64Array(S)));
    this.aggSkips = [new Float64Array(S), new Float64Array(S)];
    this.aggCost = [new Float64Array(S), new Float64Array(S)];
    this.tree = pairTree(S);
    this.deque = new Int32Array(Math.max(1, S));
  }

  /** The most epochs placeable, or -1 when the fixed ones cannot be kept in order. */
  most(): number {
    const best = this.pass(Infinity, true);
    return best.skips === Infinity ? -1 : this.n - best.skips;
  }

  solve(): PeriodSolution | null {
    // Most epochs, then the least largest deviation, in one pass; then the least sum of squares.
    const first = this.pass(Infinity, true);
    if (first.skips === Infinity) return null;
    const limit = first.cost;
    const total = this.pass(limit, false);
    if (total.skips !== first.skips) throw new Error('internal: the count changed under the deviation limit');
    return this.walk(total, limit);
  }

  /** A slot's squared deviation, s^2. */
  private costOf(s: number): number {
    return (this.slots.slotDeviation[s]! / 1000) ** 2;
  }

  /** A free state's value at slot q from the best completion after it: its own deviation joined to the rest's cost. */
  private join(q: number, largest: boolean, rest: number): number {
    return largest ? Math.max(Math.abs(this.slots.slotDeviation[q]!), rest) : this.costOf(q) + rest;
  }

  /**
   * Backward pass with every free deviation at most `limit`. Each state's value is (epochs left
   * out, then the largest deviation (`largest`) or the sum of squared deviations), both of
   * which compose along a chain, so a suffix's least value is all a prefix needs. Fills the
   * value layers and returns the best total (skips = Infinity when no chain keeps the fixed
   * epochs).
   */
  private pass(limit: number, largest: boolean): Value {
    this.agg = null;
    this.spare = 0;
    for (let i = this.n - 1; i >= 0; i -= 1) {
      if (this.problem.fixed[i]) {
        this.fixedValues(i);
        this.agg = null;
        continue;
      }
      if (this.slots.disjoint) this.dequeValues(i, limit, largest);
      else this.treeValues(i, limit, largest);
      this.aggregate(i);
    }
    return this.startValue();
  }

  /**
   * Best completion after epoch i's state at `t` whose last date is `m`, over the end and the
   * fixed epoch next, into `found`.
   */
  private completion(i: number, t: number, m: number): void {
    const found = this.found;
    const r = this.nextRequired[i + 1]!; // the first fixed epoch after i, or -1
    found.skips = Infinity;
    found.cost = Infinity;
    if (r < 0) {
      found.skips = this.n - 1 - i;
      found.cost = 0;
      return;
    }
    const fixedNext = this.fixedStates[r]!;
    const gap = fixedNext.startMs - t;
    if (gap < this.lowerGap[i]! || gap > this.problem.maxGapMs) return;
    const x = fixedNext.date >= 0 ? (fixedNext.date > m ? 0 : -1) : m + 1;
    if (x >= 0) lowerTo(found, fixedNext.skips[x]! + (r - i - 1), fixedNext.cost[x]!);
  }

  /** Lower `found` to the best free successor of epoch i's state at `t` with last date `m`, by scanning (for fixed epochs' few states). */
  private scanFree(i: number, t: number, m: number): void {
    const agg = this.agg;
    if (!agg) return;
    const { S, byTime, slotTime, slotDate, timesSorted } = this.slots;
    const hi = this.problem.maxGapMs;
    for (let s2 = firstAtLeast(timesSorted, t + this.lowerGap[i]!); s2 < S; s2 += 1) {
      const q = byTime[s2]!;
      const gap = slotTime[q]! - t;
      if (gap > hi) break;
      if (slotDate[q]! <= m) continue;
      lowerTo(this.found, agg.skips[q]!, agg.cost[q]!);
    }
  }

  /** A fixed epoch's states: its date's, or one per last date before it when it takes none. */
  private fixedValues(i: number): void {
    const states = this.fixedStates[i]!;
    const found = this.found;
    if (states.date >= 0) {
      this.completion(i, states.startMs, states.date);
      this.scanFree(i, states.startMs, states.date);
      states.skips[0] = found.skips;
      states.cost[0] = found.cost;
      return;
    }
    for (let m = this.M - 1; m >= -1; m -= 1) {
      this.completion(i, states.startMs, m);
      this.scanFree(i, states.startMs, m);
      states.skips[m + 1] = found.skips;
      states.cost[m + 1] = found.cost;
    }
  }

  /** A free epoch's values when the tolerance windows are disjoint: slots ascending, the successors' range [from, to) moves forwards. */
  private dequeValues(i: number, limit: number, largest: boolean): void {
    const { S, slotTime, slotDate, slotDeviation, dateFirstSlot } = this.slots;
    const { deque, found, agg } = this;
    const mask = this.masks[i]!;
    const vs = this.valueSkips[i]!;
    const vc = this.valueCost[i]!;
    const lo = this.lowerGap[i]!;
    const hi = this.problem.maxGapMs;
    let head = 0;
    let tail = 0;
    let pushed = 0;
    let to = 0;
    for (let q = 0; q < S; q += 1) {
      if (mask[q] !== 1 || Math.abs(slotDeviation[q]!) > limit) {
        vs[q] = Infinity;
        vc[q] = Infinity;
        continue;
      }
      const t = slotTime[q]!;
      const m = slotDate[q]!;
      this.completion(i, t, m);
      if (agg) {
        const aSk = agg.skips;
        const aC = agg.cost;
        const after = dateFirstSlot[m + 1]!;
        while (to < S && slotTime[to]! - t <= hi) to += 1;
        if (pushed < after) pushed = after;
        // (A successor too close now stays too close for every later slot: passed over for good.)
        while (pushed < to) {
          if (slotTime[pushed]! - t >= lo && aSk[pushed]! !== Infinity) {
            const sk = aSk[pushed]!;
            const c = aC[pushed]!;
            while (tail > head) {
              const y = deque[tail - 1]!;
              if (sk < aSk[y]! || (sk === aSk[y] && c <= aC[y]!)) tail -= 1;
              else break;
            }
            deque[tail] = pushed;
            tail += 1;
          }
          pushed += 1;
        }
        while (tail > head && (deque[head]! < after || slotTime[deque[head]!]! - t < lo)) head += 1;
        if (tail > head) lowerTo(found, aSk[deque[head]!]!, aC[deque[head]!]!);
      }
      vs[q] = found.skips;
      vc[q] = found.skips === Infinity ? Infinity : this.join(q, largest, found.cost);
    }
  }

  /** A free epoch's values when the tolerance windows overlap: the tree holds the free successors, filled date by date from the last. */
  private treeValues(i: number, limit: number, largest: boolean): void {
    const { S, slotTime, slotDate, slotDeviation, dateFirstSlot, rank, timesSorted } = this.slots;
    const { tree, found, agg } = this;
    const mask = this.masks[i]!;
    const vs = this.valueSkips[i]!;
    const vc = this.valueCost[i]!;
    const lo = this.lowerGap[i]!;
    const hi = this.problem.maxGapMs;
    clearTree(tree);
    let inserted = this.M; // dates >= inserted are in the tree
    for (let q = S - 1; q >= 0; q -= 1) {
      if (mask[q] !== 1 || Math.abs(slotDeviation[q]!) > limit) {
        vs[q] = Infinity;
        vc[q] = Infinity;
        continue;
      }
      const m = slotDate[q]!;
      const t = slotTime[q]!;
      if (agg) {
        while (inserted > m + 1) {
          inserted -= 1;
          for (let x = dateFirstSlot[inserted]!; x < dateFirstSlot[inserted + 1]!; x += 1) {
            if (agg.skips[x]! !== Infinity) lowerAt(tree, rank[x]!, agg.skips[x]!, agg.cost[x]!);
          }
        }
      }
      this.completion(i, t, m);
      if (agg && S > 0) {
        const from = firstAtLeast(timesSorted, t + lo);
        const to = firstAbove(timesSorted, t + hi) - 1;
        if (to >= from) lowerByRange(tree, from, to, found);
      }
      vs[q] = found.skips;
      vc[q] = found.skips === Infinity ? Infinity : this.join(q, largest, found.cost);
    }
  }

  /** The free epochs that may follow epoch i - 1: epoch i, or (leaving it out) those after it. */
  private aggregate(i: number): void {
    const { S } = this.slots;
    const agg = this.agg;
    const vs = this.valueSkips[i]!;
    const vc = this.valueCost[i]!;
    const nextSkips = this.aggSkips[this.spare]!;
    const nextCost = this.aggCost[this.spare]!;
    for (let q = 0; q < S; q += 1) {
      let sk = vs[q]!;
      let co = vc[q]!;
      if (agg && agg.skips[q]! + 1 < Infinity) {
        const k = agg.skips[q]! + 1;
        if (k < sk || (k === sk && agg.cost[q]! < co)) {
          sk = k;
          co = agg.cost[q]!;
        }
      }
      nextSkips[q] = sk;
      nextCost[q] = co;
    }
    this.agg = { skips: nextSkips, cost: nextCost };
    this.spare ^= 1;
  }

  /** The best total at the start: the first epochs may be left out, up to the first fixed one. */
  private startValue(): Value {
    const best: Value = { skips: Infinity, cost: Infinity };
    const r0 = this.nextRequired[0]!;
    if (r0 < 0) {
      best.skips = this.n;
      best.cost = 0;
    } else {
      // Its state with no date before it (the only state of one that takes a date).
      const states = this.fixedStates[r0]!;
      best.skips = states.skips[0]! + r0;
      best.cost = states.cost[0]!;
    }
    const agg = this.agg;
    if (agg) for (let q = 0; q < this.slots.S; q += 1) lowerTo(best, agg.skips[q]!, agg.cost[q]!);
    return best;
  }

  /** The earliest chain reaching `total`, read forwards from the layers of the last pass. */
  private walk(total: Value, limit: number): PeriodSolution {
    const { n } = this;
    const { fixed } = this.problem;
    const { slotDeviation } = this.slots;
    const startsMs = new Array<number | null>(n).fill(null);
    const dateIndex = new Array<number | null>(n).fill(null);
    const deviationsMs = new Array<number | null>(n).fill(null);
    let place: WalkPlace = {
      previous: -1,
      previousStart: -Infinity,
      previousDate: -1,
      remaining: { skips: total.skips, cost: total.cost },
    };
    for (;;) {
      const { previous, remaining } = place;
      const r = this.nextRequired[previous + 1]!;
      // End here when the rest is all left out (continuing would leave out fewer, so never both).
      if (r < 0 && remaining.skips === n - 1 - previous && close(remaining.cost, 0)) break;
      const chosen = this.freeStep(place, r, limit, this.fixedStep(place, r));
      if (chosen === null) throw new Error('internal: no optimal continuation');
      const own = fixed[chosen.epoch] ? 0 : this.costOf(chosen.slot);
      startsMs[chosen.epoch] = chosen.time;
      let previousDate = place.previousDate;
      if (fixed[chosen.epoch]) {
        deviationsMs[chosen.epoch] = 0;
        if (chosen.date >= 0) {
          dateIndex[chosen.epoch] = chosen.date;
          previousDate = chosen.date;
        }
      } else {
        dateIndex[chosen.epoch] = chosen.date;
        deviationsMs[chosen.epoch] = slotDeviation[chosen.slot]!;
        previousDate = chosen.date;
      }
      place = {
        previous: chosen.epoch,
        previousStart: chosen.time,
        previousDate,
        remaining: { skips: chosen.skips, cost: chosen.cost - own },
      };
      if (chosen.epoch === n - 1) break;
    }
    let maxDeviationMs = 0;
    let sumSquares = 0;
    deviationsMs.forEach((d, i) => {
      if (d === null || fixed[i]) return;
      maxDeviationMs = Math.max(maxDeviationMs, Math.abs(d));
      sumSquares += (d / 1000) ** 2;
    });
    return { startsMs, dateIndex, deviationsMs, maxDeviationMs, sumSquaredDeviationDays2: sumSquares / (MS_PER_DAY / 1000) ** 2 };
  }

  /** The fixed epoch r (the next one, -1 for none) as the walk's next step, when its value completes what remains. */
  private fixedStep(place: WalkPlace, r: number): WalkStep | null {
    if (r < 0) return null;
    const { previous, previousStart, previousDate, remaining } = place;
    const states = this.fixedStates[r]!;
    const gap = states.startMs - previousStart;
    if (previous >= 0 && (gap < this.lowerGap[previous]! || gap > this.problem.maxGapMs)) return null;
    const x = states.date >= 0 ? (states.date > previousDate ? 0 : -1) : previousDate + 1;
    if (x >= 0 && states.skips[x]! + (r - previous - 1) === remaining.skips && close(states.cost[x]!, remaining.cost)) {
      return { epoch: r, time: states.startMs, date: states.date, slot: x, skips: states.skips[x]!, cost: states.cost[x]! };
    }
    return null;
  }

  /** The earliest free state before the fixed epoch r (all the rest when r < 0) that completes what remains, else `chosen`. */
  private freeStep(place: WalkPlace, r: number, limit: number, chosen: WalkStep | null): WalkStep | null {
    const { previous, previousStart, previousDate, remaining } = place;
    const { S, byTime, slotTime, slotDate, slotDeviation, timesSorted } = this.slots;
    const lastFree = r >= 0 ? r - 1 : this.n - 1;
    if (lastFree <= previous || S === 0) return chosen;
    const hi = previous >= 0 ? this.problem.maxGapMs : Infinity;
    let best = chosen;
    for (let q = previous >= 0 ? firstAtLeast(timesSorted, previousStart + this.lowerGap[previous]!) : 0; q < S; q += 1) {
      const s = byTime[q]!;
      const time = slotTime[s]!;
      if (previous >= 0 && time - previousStart > hi) break;
      if (best !== null && time > best.time) break;
      if (slotDate[s]! <= previousDate || Math.abs(slotDeviation[s]!) > limit) continue;
      for (let j = previous + 1; j <= lastFree; j += 1) {
        if (this.masks[j]![s] !== 1) continue;
        const sk = this.valueSkips[j]![s]!;
        const cost = this.valueCost[j]![s]!;
        if (sk === Infinity || sk + (j - previous - 1) !== remaining.skips || !close(cost, remaining.cost)) continue;
        if (earlier(best, j, time, slotDate[s]!)) best = { epoch: j, time, date: slotDate[s]!, slot: s, skips: sk, cost };
        break;
      }
    }
    return best;
  }
}

/** Whether two costs are equal up to rounding. */
function close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Whether (epoch, time, date) comes before `chosen` by the tie-breaks: time, then epoch, then date. */
function earlier(chosen: WalkStep | null, epoch: number, time: number, date: number): boolean {
  return (
    chosen === null ||
    time < chosen.time ||
    (time === chosen.time && (epoch < chosen.epoch || (epoch === chosen.epoch && date < chosen.date)))
  );
}
