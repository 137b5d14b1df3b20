/**
 * The `period` objective, solved exactly on a grid of candidate start times.
 *
 * Epoch i has an ideal start date I_i. Its start t_i is chosen among its candidates (grid
 * instants where its block fits, already limited to the tolerance around I_i). The
 * objective is, first, the largest deviation max |t_i - I_i|, then the sum of squared
 * deviations, then the earliest start vector. Fixed epochs (already executed) keep their
 * time and do not count in the objective.
 *
 * Method: binary search of the largest deviation D over the deviations the candidates can
 * have, each test a backward pass over (epoch, candidate) that keeps the consecutive-start
 * constraints with a monotone deque; then one more pass minimising the sum of squares
 * with every deviation at most D, and a forward walk taking the earliest optimal start.
 * @module
 */
import { MS_PER_DAY } from '../time/instant.js';

/** A period problem: per epoch the candidate starts, the ideal date, and whether it is fixed. */
export interface PeriodProblem {
  /** Candidate start instants of each epoch, ascending (one value for a fixed epoch). */
  readonly candidates: readonly Float64Array[];
  readonly idealMs: readonly number[];
  readonly fixed: readonly boolean[];
  /** Least distance from each epoch's start to the next epoch's start (its block length). */
  readonly durationsMs: readonly number[];
  readonly minGapMs: number;
  readonly maxGapMs: number;
}

/** An optimal assignment. */
export interface PeriodSolution {
  readonly startsMs: readonly number[];
  /** Signed deviation t_i - I_i of each epoch, ms (0 for fixed epochs). */
  readonly deviationsMs: readonly number[];
  readonly maxDeviationMs: number;
  /** Sum of squared deviations, in days squared. */
  readonly sumSquaredDeviationDays2: number;
}

/**
 * Solve a period problem, or return `null` when no assignment keeps the order and gap
 * constraints.
 *
 * @example
 * ```ts
 * solvePeriod({
 *   candidates: [Float64Array.of(0, 1, 2), Float64Array.of(9, 10, 11)], idealMs: [1, 10],
 *   fixed: [false, false], durationsMs: [1, 1], minGapMs: 0, maxGapMs: Infinity,
 * }).startsMs; // [1, 10]
 * ```
 */
export function solvePeriod(problem: PeriodProblem): PeriodSolution | null {
  const { candidates, idealMs, fixed, durationsMs, minGapMs, maxGapMs } = problem;
  const n = candidates.length;
  if (n === 0) return { startsMs: [], deviationsMs: [], maxDeviationMs: 0, sumSquaredDeviationDays2: 0 };
  const valid = candidates.map((c) => new Uint8Array(c.length));
  // Cost in seconds squared: whole-second deviations give integer sums, exact below 2^53
  // (a deviation of 30 days is 6.7e12 s^2), so ties are real ties.
  const cost = candidates.map((c) => new Float64Array(c.length));
  const deque = new Int32Array(candidates.reduce((m, c) => Math.max(m, c.length), 0));
  const lowerGap = durationsMs.map((d) => Math.max(d, minGapMs));
  const deviationSeconds = (i: number, t: number): number => (fixed[i] ? 0 : (t - idealMs[i]!) / 1000);

  /** Backward pass with every free deviation at most `limit` ms; returns the best total or NaN. */
  const pass = (limit: number): number => {
    for (let i = n - 1; i >= 0; i -= 1) {
      const cand = candidates[i]!;
      const ok = valid[i]!;
      const value = cost[i]!;
      const allowed = (j: number): boolean => fixed[i]! || Math.abs(cand[j]! - idealMs[i]!) <= limit;
      if (i === n - 1) {
        for (let j = 0; j < cand.length; j += 1) {
          ok[j] = allowed(j) ? 1 : 0;
          value[j] = deviationSeconds(i, cand[j]!) ** 2;
        }
        continue;
      }
      const next = candidates[i + 1]!;
      const okNext = valid[i + 1]!;
      const costNext = cost[i + 1]!;
      let head = 0;
      let tail = 0;
      let pushed = 0;
      for (let j = 0; j < cand.length; j += 1) {
        const t = cand[j]!;
        while (pushed < next.length && next[pushed]! <= t + maxGapMs) {
          if (okNext[pushed]) {
            while (tail > head && costNext[deque[tail - 1]!]! >= costNext[pushed]!) tail -= 1;
            deque[tail] = pushed;
            tail += 1;
          }
          pushed += 1;
        }
        while (tail > head && next[deque[head]!]! < t + lowerGap[i]!) head += 1;
        ok[j] = allowed(j) && tail > head ? 1 : 0;
        value[j] = ok[j] ? deviationSeconds(i, t) ** 2 + costNext[deque[head]!]! : Infinity;
      }
    }
    let bestTotal = NaN;
    for (let j = 0; j < candidates[0]!.length; j += 1) {
      if (valid[0]![j] && !(cost[0]![j]! >= bestTotal)) bestTotal = cost[0]![j]!;
    }
    return bestTotal;
  };

  if (Number.isNaN(pass(Infinity))) return null;
  // The deviations the free candidates can have, ascending; the least feasible one is D.
  const deviations = [...new Set(candidates.flatMap((c, i) => (fixed[i] ? [] : Array.from(c, (t) => Math.abs(t - idealMs[i]!)))))].sort(
    (a, b) => a - b,
  );
  let lo = 0;
  let hi = deviations.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Number.isNaN(pass(deviations[mid]!))) lo = mid + 1;
    else hi = mid;
  }
  const limit = deviations.length > 0 ? deviations[lo]! : 0;
  const total = pass(limit);
  // Forward walk: the earliest candidate whose best completion reaches the optimum.
  const tolerance = Number.isInteger(total) ? 0 : 1e-9 * total;
  const startsMs: number[] = [];
  let spent = 0;
  for (let i = 0; i < n; i += 1) {
    const cand = candidates[i]!;
    const previous = startsMs[i - 1];
    let chosen = -1;
    for (let j = 0; j < cand.length && chosen < 0; j += 1) {
      if (!valid[i]![j]) continue;
      if (previous !== undefined) {
        const gap = cand[j]! - previous;
        if (gap < lowerGap[i - 1]! || gap > maxGapMs) continue;
      }
      if (Math.abs(spent + cost[i]![j]! - total) <= tolerance) chosen = j;
    }
    if (chosen < 0) throw new Error('internal: no optimal continuation');
    startsMs.push(cand[chosen]!);
    spent += deviationSeconds(i, cand[chosen]!) ** 2;
  }
  const deviationsMs = startsMs.map((t, i) => (fixed[i] ? 0 : t - idealMs[i]!));
  return {
    startsMs,
    deviationsMs,
    maxDeviationMs: deviationsMs.reduce((m, d) => Math.max(m, Math.abs(d)), 0),
    sumSquaredDeviationDays2: total / (MS_PER_DAY / 1000) ** 2,
  };
}
