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
import { markMembers, sortedUnion } from '../sorted.js';
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
  return periodSolver(problem).solve();
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
  return periodSolver(problem).most();
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

function periodSolver(problem: PeriodProblem) {
  const { candidates, fixed, idealMs, toleranceMs, durationsMs, minGapMs, maxGapMs } = problem;
  const n = candidates.length;
  const M = idealMs.length;
  const lowerGap = durationsMs.map((d) => Math.max(d, minGapMs));
  const freeEpochs = candidates.filter((_, i) => !fixed[i]);
  // The union of the free epochs' candidates, and the slots (date, start within the tolerance).
  const union = sortedUnion(freeEpochs);
  const dateFirstSlot = new Int32Array(M + 1);
  const unionFrom = new Int32Array(M);
  let S = 0;
  for (let m = 0; m < M; m += 1) {
    dateFirstSlot[m] = S;
    const ideal = idealMs[m]!;
    let lo = 0;
    let hi = union.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (union[mid]! < ideal - toleranceMs) lo = mid + 1;
      else hi = mid;
    }
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
  const firstRankFrom = (t: number): number => {
    let lo = 0;
    let hi = S;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timesSorted[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const firstRankAfter = (t: number): number => {
    let lo = 0;
    let hi = S;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timesSorted[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Per free epoch: which slots it may take (epochs of one kind share their array, and their mask).
  const maskOf = new Map<Float64Array, Uint8Array>();
  const masks: (Uint8Array | null)[] = candidates.map((c, i) => {
    if (fixed[i]) return null;
    let mask = maskOf.get(c);
    if (!mask) {
      const inUnion = new Uint8Array(union.length);
      markMembers(union, c, inUnion);
      mask = new Uint8Array(S);
      for (let q = 0; q < S; q += 1) mask[q] = inUnion[slotUnion[q]!]!;
      maskOf.set(c, mask);
    }
    return mask;
  });
  // Fixed epochs: the date each takes (nearest within the tolerance, earlier on ties), or none.
  const fixedStates: (FixedStates | null)[] = candidates.map((c, i) => {
    if (!fixed[i]) return null;
    const startMs = c[0]!;
    let date = -1;
    for (let m = 0; m < M; m += 1) {
      const d = Math.abs(startMs - idealMs[m]!);
      if (d <= toleranceMs && (date < 0 || d < Math.abs(startMs - idealMs[date]!))) date = m;
    }
    const states = date >= 0 ? 1 : M + 1;
    return { startMs, date, skips: new Float64Array(states), cost: new Float64Array(states) };
  });
  const nextRequired = new Int32Array(n + 1).fill(-1);
  for (let i = n - 1; i >= 0; i -= 1) nextRequired[i] = fixed[i] ? i : nextRequired[i + 1]!;
  const valueSkips = candidates.map((_, i) => (fixed[i] ? null : new Float64Array(S)));
  const valueCost = candidates.map((_, i) => (fixed[i] ? null : new Float64Array(S)));
  const aggSkips = [new Float64Array(S), new Float64Array(S)];
  const aggCost = [new Float64Array(S), new Float64Array(S)];
  const tree = pairTree(S);
  const found: Value = { skips: Infinity, cost: Infinity };
  const costOf = (s: number): number => (slotDeviation[s]! / 1000) ** 2;
  // With tolerance windows that do not overlap, slots in date order are in time order, and the
  // successors of a slot (a later date, a start between the block length and the largest gap
  // away) form a range whose ends only move forwards: a monotone deque serves them.
  const deque = new Int32Array(Math.max(1, S));
  const slotDate32 = slotDate;
  const slotTime64 = slotTime;

  /**
   * Backward pass with every free deviation at most `limit`. Each state's value is (epochs left
   * out, then the largest deviation (`largest`) or the sum of squared deviations), both of
   * which compose along a chain, so a suffix's least value is all a prefix needs. Fills the
   * value layers and returns the best total (skips = Infinity when no chain keeps the fixed
   * epochs).
   */
  const pass = (limit: number, largest: boolean): Value => {
    const ownOf = (s: number): number => (largest ? Math.abs(slotDeviation[s]!) : costOf(s));
    const join = (own: number, rest: number): number => (largest ? Math.max(own, rest) : own + rest);
    let agg: { skips: Float64Array; cost: Float64Array } | null = null; // free epochs i+1 .. nextRequired-1
    let spare = 0;
    for (let i = n - 1; i >= 0; i -= 1) {
      const r = nextRequired[i + 1]!; // the first fixed epoch after i, or -1
      const canEnd = r < 0;
      const lo = lowerGap[i]!;
      const hi = maxGapMs;
      const fixedNext = r >= 0 ? fixedStates[r]! : null;
      const fixedSkips = r - i - 1;
      /** Best completion after epoch i's state at `t` whose last date is `m`, over the end and the fixed epoch next, into `found`. */
      const completion = (t: number, m: number): void => {
        found.skips = Infinity;
        found.cost = Infinity;
        if (canEnd) {
          found.skips = n - 1 - i;
          found.cost = 0;
        }
        if (fixedNext) {
          const gap = fixedNext.startMs - t;
          if (gap >= lo && gap <= hi) {
            const x = fixedNext.date >= 0 ? (fixedNext.date > m ? 0 : -1) : m + 1;
            if (x >= 0) {
              const sk = fixedNext.skips[x]! + fixedSkips;
              const c = fixedNext.cost[x]!;
              if (sk < found.skips || (sk === found.skips && c < found.cost)) {
                found.skips = sk;
                found.cost = c;
              }
            }
          }
        }
      };
      /** Lower `found` to the best free successor of a state at `t` with last date `m`, by scanning (for fixed epochs' few states). */
      const scanFree = (t: number, m: number): void => {
        if (!agg) return;
        for (let s2 = firstRankFrom(t + lo); s2 < S; s2 += 1) {
          const q = byTime[s2]!;
          const gap = slotTime[q]! - t;
          if (gap > hi) break;
          if (slotDate[q]! <= m) continue;
          const sk = agg.skips[q]!;
          if (sk < found.skips || (sk === found.skips && agg.cost[q]! < found.cost)) {
            found.skips = sk;
            found.cost = agg.cost[q]!;
          }
        }
      };
      if (fixed[i]) {
        const states = fixedStates[i]!;
        if (states.date >= 0) {
          completion(states.startMs, states.date);
          scanFree(states.startMs, states.date);
          states.skips[0] = found.skips;
          states.cost[0] = found.cost;
        } else {
          for (let m = M - 1; m >= -1; m -= 1) {
            completion(states.startMs, m);
            scanFree(states.startMs, m);
            states.skips[m + 1] = found.skips;
            states.cost[m + 1] = found.cost;
          }
        }
        agg = null;
        continue;
      }
      const mask = masks[i]!;
      const vs = valueSkips[i]!;
      const vc = valueCost[i]!;
      if (disjoint) {
        // Slots ascending; the successors' range [from, to) moves forwards.
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
          const t = slotTime64[q]!;
          const m = slotDate32[q]!;
          completion(t, m);
          if (agg) {
            const aSk = agg.skips;
            const aC = agg.cost;
            const after = dateFirstSlot[m + 1]!;
            while (to < S && slotTime64[to]! - t <= hi) to += 1;
            if (pushed < after) pushed = after;
            // (A successor too close now stays too close for every later slot: passed over for good.)
            while (pushed < to) {
              if (slotTime64[pushed]! - t >= lo && aSk[pushed]! !== Infinity) {
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
            while (tail > head && (deque[head]! < after || slotTime64[deque[head]!]! - t < lo)) head += 1;
            if (tail > head) {
              const y = deque[head]!;
              if (aSk[y]! < found.skips || (aSk[y] === found.skips && aC[y]! < found.cost)) {
                found.skips = aSk[y]!;
                found.cost = aC[y]!;
              }
            }
          }
          vs[q] = found.skips;
          vc[q] = found.skips === Infinity ? Infinity : join(ownOf(q), found.cost);
        }
      } else {
        // Fill the tree with the free successors, date by date from the last, as dates descend.
        clearTree(tree);
        let inserted = M; // dates >= inserted are in the tree
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
          completion(t, m);
          if (agg && S > 0) {
            const from = firstRankFrom(t + lo);
            const to = firstRankAfter(t + hi) - 1;
            if (to >= from) lowerByRange(tree, from, to, found);
          }
          vs[q] = found.skips;
          vc[q] = found.skips === Infinity ? Infinity : join(ownOf(q), found.cost);
        }
      }
      // The free epochs that may follow epoch i - 1: epoch i, or (leaving it out) those after it.
      const nextSkips = aggSkips[spare]!;
      const nextCost = aggCost[spare]!;
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
      agg = { skips: nextSkips, cost: nextCost };
      spare ^= 1;
    }
    // The start: the first epochs may be left out, up to the first fixed one.
    const best: Value = { skips: Infinity, cost: Infinity };
    const r0 = nextRequired[0]!;
    if (r0 < 0) {
      best.skips = n;
      best.cost = 0;
    } else {
      // Its state with no date before it (the only state of one that takes a date).
      const states = fixedStates[r0]!;
      best.skips = states.skips[0]! + r0;
      best.cost = states.cost[0]!;
    }
    if (agg) {
      for (let q = 0; q < S; q += 1) {
        const sk = agg.skips[q]!;
        if (sk < best.skips || (sk === best.skips && agg.cost[q]! < best.cost)) {
          best.skips = sk;
          best.cost = agg.cost[q]!;
        }
      }
    }
    return best;
  };

  const most = (): number => {
    const best = pass(Infinity, true);
    return best.skips === Infinity ? -1 : n - best.skips;
  };

  const solve = (): PeriodSolution | null => {
    // Most epochs, then the least largest deviation, in one pass; then the least sum of squares.
    const first = pass(Infinity, true);
    if (first.skips === Infinity) return null;
    const limit = first.cost;
    const total = pass(limit, false);
    if (total.skips !== first.skips) throw new Error('internal: the count changed under the deviation limit');
    return walk(total, limit);
  };

  /** The earliest chain reaching `total`, read forwards from the layers of the last pass. */
  const walk = (total: Value, limit: number): PeriodSolution => {
    const startsMs = new Array<number | null>(n).fill(null);
    const dateIndex = new Array<number | null>(n).fill(null);
    const deviationsMs = new Array<number | null>(n).fill(null);
    const close = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    let remaining: Value = { skips: total.skips, cost: total.cost };
    let previous = -1;
    let previousStart = -Infinity;
    let previousDate = -1;
    for (;;) {
      const r = nextRequired[previous + 1]!;
      // End here when the rest is all left out (continuing would leave out fewer, so never both).
      if (r < 0 && remaining.skips === n - 1 - previous && close(remaining.cost, 0)) break;
      const lo = previous >= 0 ? lowerGap[previous]! : -Infinity;
      const hi = previous >= 0 ? maxGapMs : Infinity;
      let chosen: { epoch: number; time: number; date: number; slot: number; skips: number; cost: number } | null = null;
      const better = (epoch: number, time: number, date: number): boolean =>
        chosen === null ||
        time < chosen.time ||
        (time === chosen.time && (epoch < chosen.epoch || (epoch === chosen.epoch && date < chosen.date)));
      // The fixed epoch that may come next.
      if (r >= 0) {
        const states = fixedStates[r]!;
        const gap = states.startMs - previousStart;
        if (previous < 0 || (gap >= lo && gap <= hi)) {
          const x = states.date >= 0 ? (states.date > previousDate ? 0 : -1) : previousDate + 1;
          if (x >= 0 && states.skips[x]! + (r - previous - 1) === remaining.skips && close(states.cost[x]!, remaining.cost)) {
            chosen = { epoch: r, time: states.startMs, date: states.date, slot: x, skips: states.skips[x]!, cost: states.cost[x]! };
          }
        }
      }
      // Free epochs before it, in time order.
      const lastFree = r >= 0 ? r - 1 : n - 1;
      if (lastFree > previous && S > 0) {
        for (let q = previous >= 0 ? firstRankFrom(previousStart + lo) : 0; q < S; q += 1) {
          const s = byTime[q]!;
          const time = slotTime[s]!;
          if (previous >= 0 && time - previousStart > hi) break;
          if (chosen !== null && time > chosen.time) break;
          if (slotDate[s]! <= previousDate || Math.abs(slotDeviation[s]!) > limit) continue;
          for (let j = previous + 1; j <= lastFree; j += 1) {
            if (masks[j]![s] !== 1) continue;
            const sk = valueSkips[j]![s]!;
            if (sk === Infinity || sk + (j - previous - 1) !== remaining.skips || !close(valueCost[j]![s]!, remaining.cost)) continue;
            if (better(j, time, slotDate[s]!)) chosen = { epoch: j, time, date: slotDate[s]!, slot: s, skips: sk, cost: valueCost[j]![s]! };
            break;
          }
        }
      }
      if (chosen === null) throw new Error('internal: no optimal continuation');
      const own = fixed[chosen.epoch] ? 0 : costOf(chosen.slot);
      startsMs[chosen.epoch] = chosen.time;
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
      remaining = { skips: chosen.skips, cost: chosen.cost - own };
      previous = chosen.epoch;
      previousStart = chosen.time;
      if (previous === n - 1) break;
    }
    let maxDeviationMs = 0;
    let sumSquares = 0;
    deviationsMs.forEach((d, i) => {
      if (d === null || fixed[i]) return;
      maxDeviationMs = Math.max(maxDeviationMs, Math.abs(d));
      sumSquares += (d / 1000) ** 2;
    });
    return { startsMs, dateIndex, deviationsMs, maxDeviationMs, sumSquaredDeviationDays2: sumSquares / (MS_PER_DAY / 1000) ** 2 };
  };

  return { solve, most };
}
