/**
 * The `spread` objective, solved exactly on a grid of candidate start times.
 *
 * A chain of n epochs starts at t_1 < t_2 < ... < t_n. Its gap vector has n + 1 entries:
 * 2 (t_1 - S), t_2 - t_1, ..., t_n - t_(n-1), 2 (E - t_n), for the span [S, E). The boundary
 * gaps count double, so that with no other constraint the best chain puts the epochs at the
 * centres of n equal slices of the span. The objective is leximax: the gap vector sorted in
 * decreasing order is minimised lexicographically (the largest gap first, then how many
 * gaps have that size, then the next largest, ...). Remaining ties go to the
 * lexicographically earliest start vector.
 *
 * Method: iterated levels. Stage k knows levels G_1 > ... > G_(k-1) with the least counts
 * c_1..c_(k-1). For a bound B < G_(k-1), a backward dynamic programme over (epoch,
 * candidate) finds the lexicographically least count vector over the levels among chains
 * whose every gap either equals a level (adding 1 to its count) or is at most B (lexicographic
 * order is kept under adding the same vector, so a suffix's best value is all a prefix needs).
 * The "at most B" successors form a sliding range of candidates, served by a monotone deque,
 * so one pass costs O(n T k) for T candidates. G_k is the least B whose best vector still equals
 * (c_1..c_(k-1)), searched among the gap values the grid can produce: upward from a lower
 * bound (a bottleneck pass in which level gaps are counted, or left free, see
 * `bottleneckPass`) in doubling steps, then by bisection of the last step; c_k is the
 * last component of the best vector once G_k is a level. Stages repeat until the counts add up
 * to n + 1. The earliest optimal chain is then read forwards from the last pass.
 * @module
 */
import { parseArguments } from '../validation.js';
import { LeximaxArguments, SpreadGapsArguments } from './arguments.js';

/** A chain problem: candidate starts per epoch, in order, and the gap constraints. */
export interface ChainProblem {
  readonly spanStartMs: number;
  readonly spanEndMs: number;
  /** Candidate start instants of each epoch, ascending (one value for a fixed epoch). */
  readonly candidates: readonly Float64Array[];
  /** Least distance from each epoch's start to the next epoch's start (its block length). */
  readonly durationsMs: readonly number[];
  /** Least gap between consecutive starts (0 for none). */
  readonly minGapMs: number;
  /** Largest gap between consecutive starts (Infinity for none). */
  readonly maxGapMs: number;
  /** The grid step the candidates lie on (fixed epochs may lie off it). */
  readonly gridMs: number;
  /** Levels packed per float word (default: as many as stay exact); small values test the multi-word path. */
  readonly digitsPerWord?: number;
}

/** An optimal chain. */
export interface ChainSolution {
  readonly startsMs: readonly number[];
  /** The gap vector, boundary gaps doubled, sorted in decreasing order: the objective. */
  readonly sortedGapsMs: readonly number[];
}

/**
 * The gap vector of a chain (boundary gaps doubled), in chain order.
 *
 * @example
 * ```ts
 * spreadGaps([25, 75], 0, 100); // [50, 50, 50]
 * ```
 */
export function spreadGaps(startsMs: readonly number[], spanStartMs: number, spanEndMs: number): number[] {
  // Arguments: the library's boundary (schemas in ./arguments.ts).
  parseArguments('spreadGaps', SpreadGapsArguments, { startsMs, spanStartMs, spanEndMs });
  return gapVector(startsMs, spanStartMs, spanEndMs);
}

/** {@link spreadGaps} of checked starts (the solver measures its chains through this). */
function gapVector(startsMs: readonly number[], spanStartMs: number, spanEndMs: number): number[] {
  if (startsMs.length === 0) return [];
  const gaps = [2 * (startsMs[0]! - spanStartMs)];
  for (let i = 1; i < startsMs.length; i += 1) gaps.push(startsMs[i]! - startsMs[i - 1]!);
  gaps.push(2 * (spanEndMs - startsMs[startsMs.length - 1]!));
  return gaps;
}

/**
 * Compare two gap vectors by the leximax order: negative when `a` is better (its sorted
 * decreasing vector is lexicographically smaller).
 *
 * @example
 * ```ts
 * compareLeximax([3, 1, 1], [2, 2, 2]) > 0; // true: a largest gap of 3 is worse than 2
 * ```
 */
export function compareLeximax(a: readonly number[], b: readonly number[]): number {
  // Arguments: the library's boundary (schemas in ./arguments.ts).
  parseArguments('compareLeximax', LeximaxArguments, { a, b });
  const sa = [...a].sort((x, y) => y - x);
  const sb = [...b].sort((x, y) => y - x);
  for (let i = 0; i < Math.min(sa.length, sb.length); i += 1) {
    if (sa[i] !== sb[i]) return sa[i]! - sb[i]!;
  }
  return sa.length - sb.length;
}

/**
 * Whether any chain satisfies the order and gap constraints (ignoring the objective).
 *
 * @example
 * ```ts
 * chainFeasible({ spanStartMs: 0, spanEndMs: 10, candidates: [Float64Array.of(5)], durationsMs: [1], minGapMs: 0, maxGapMs: Infinity, gridMs: 1 }); // true
 * ```
 */
export function chainFeasible(problem: ChainProblem): boolean {
  return solver(problem).feasible();
}

/**
 * The leximax-optimal chain with the earliest start vector among ties, or `null` when no
 * chain satisfies the constraints.
 *
 * @example
 * ```ts
 * const grid = Float64Array.from({ length: 100 }, (_, i) => i);
 * solveSpread({ spanStartMs: 0, spanEndMs: 100, candidates: [grid, grid], durationsMs: [1, 1], minGapMs: 0, maxGapMs: Infinity, gridMs: 1 });
 * // { startsMs: [25, 75], sortedGapsMs: [50, 50, 50] }
 * ```
 */
export function solveSpread(problem: ChainProblem): ChainSolution | null {
  return solver(problem).solve();
}

function solver(problem: ChainProblem) {
  const { spanStartMs: S, spanEndMs: E, durationsMs, minGapMs, maxGapMs, gridMs } = problem;
  // The candidates still in play: pruned after each stage to those on an optimal chain.
  let candidates: readonly Float64Array[] = problem.candidates;
  const n = candidates.length;
  const maxLevels = n + 1;
  // A count vector over the levels is packed into a few float words: each count is below
  // `base`, and `perWord` digits in base `base` stay below 2^53, so sums and comparisons of
  // words are exact and comparing words in order is comparing count vectors lexicographically.
  const base = n + 2;
  const perWord = problem.digitsPerWord ?? Math.max(1, Math.floor(52 / Math.log2(base)));
  const words = Math.ceil(maxLevels / perWord);
  const wordOf = Int32Array.from({ length: maxLevels }, (_, l) => Math.floor(l / perWord));
  const weightOf = Float64Array.from({ length: maxLevels }, (_, l) => base ** (perWord - 1 - (l % perWord)));
  // Preallocated layers: validity and packed count vectors.
  const valid = candidates.map((c) => new Uint8Array(c.length));
  const values = candidates.map((c) => new Float64Array(c.length * words));
  const forwardValid = candidates.map((c) => new Uint8Array(c.length));
  const forwardValues = candidates.map((c) => new Float64Array(c.length));
  // The bottleneck bound's layers: a value per candidate for each count of level gaps allowed.
  const bottleneckLayers = candidates.map((c) => new Float64Array((MAX_COUNTED_LEVEL_GAPS + 1) * c.length));
  const maxLength = candidates.reduce((m, c) => Math.max(m, c.length), 0);
  const deque = new Int32Array(maxLength);
  const levelPointer = new Int32Array(maxLevels);
  const best = new Float64Array(words);
  const top = new Float64Array(words);
  const levels = new Float64Array(maxLevels);
  const lowerGap = durationsMs.map((d) => Math.max(d, minGapMs));

  /** Index of `gap` among the first k levels, or -1. */
  const levelOf = (gap: number, k: number): number => {
    for (let l = 0; l < k; l += 1) if (levels[l] === gap) return l;
    return -1;
  };
  /** Compare packed vector a[ao..) (plus one count at level `add`, or none when -1) with b[bo..). */
  let activeWords = words;
  const compare = (a: Float64Array, ao: number, add: number, b: Float64Array, bo: number): number => {
    for (let w = 0; w < activeWords; w += 1) {
      const x = a[ao + w]! + (add >= 0 && wordOf[add] === w ? weightOf[add]! : 0);
      const d = x - b[bo + w]!;
      if (d !== 0) return d;
    }
    return 0;
  };
  const copy = (a: Float64Array, ao: number, add: number, b: Float64Array, bo: number): void => {
    for (let w = 0; w < activeWords; w += 1) b[bo + w] = a[ao + w]! + (add >= 0 && wordOf[add] === w ? weightOf[add]! : 0);
  };
  const countAt = (packed: Float64Array, level: number): number =>
    Math.floor(packed[wordOf[level]!]! / weightOf[level]!) % base;

  /**
   * Backward pass with levels[0..k) and bound B for other gaps; fills `top` with the best
   * total count vector; returns whether any chain exists.
   */
  const pass = (k: number, bound: number): boolean => {
    if (n === 0) return true;
    // Only the words that hold levels 0..k-1 take part (usually one).
    activeWords = Math.max(1, Math.ceil(k / perWord));
    if (activeWords === 1) {
      const packed = scalarPass(candidates, valid, values, words, S, E, lowerGap, maxGapMs, levels, weightOf, k, bound, deque, levelPointer);
      if (packed < 0) return false;
      top.fill(0);
      top[0] = packed;
      return true;
    }
    // Last epoch: the end gap.
    {
      const cand = candidates[n - 1]!;
      const ok = valid[n - 1]!;
      const val = values[n - 1]!;
      for (let j = 0; j < cand.length; j += 1) {
        const gap = 2 * (E - cand[j]!);
        val.fill(0, j * words, (j + 1) * words);
        const l = levelOf(gap, k);
        if (l >= 0) {
          ok[j] = 1;
          val[j * words + wordOf[l]!] = weightOf[l]!;
        } else ok[j] = gap <= bound ? 1 : 0;
      }
    }
    for (let i = n - 2; i >= 0; i -= 1) {
      const cand = candidates[i]!;
      const next = candidates[i + 1]!;
      const ok = valid[i]!;
      const val = values[i]!;
      const okNext = valid[i + 1]!;
      const valNext = values[i + 1]!;
      const lo = lowerGap[i]!;
      const hi = Math.min(bound, maxGapMs);
      let head = 0;
      let tail = 0;
      let pushed = 0;
      levelPointer.fill(0, 0, k);
      for (let j = 0; j < cand.length; j += 1) {
        const t = cand[j]!;
        while (pushed < next.length && next[pushed]! <= t + hi) {
          if (okNext[pushed]) {
            while (tail > head && compare(valNext, deque[tail - 1]! * words, -1, valNext, pushed * words) >= 0) tail -= 1;
            deque[tail] = pushed;
            tail += 1;
          }
          pushed += 1;
        }
        while (tail > head && next[deque[head]!]! < t + lo) head += 1;
        let found = false;
        if (tail > head) {
          found = true;
          copy(valNext, deque[head]! * words, -1, best, 0);
        }
        for (let l = 0; l < k; l += 1) {
          const gap = levels[l]!;
          if (gap < lo || gap > maxGapMs) continue;
          const want = t + gap;
          let p = levelPointer[l]!;
          while (p < next.length && next[p]! < want) p += 1;
          levelPointer[l] = p;
          if (p < next.length && next[p] === want && okNext[p]) {
            if (!found || compare(valNext, p * words, l, best, 0) < 0) {
              found = true;
              copy(valNext, p * words, l, best, 0);
            }
          }
        }
        ok[j] = found ? 1 : 0;
        if (found) copy(best, 0, -1, val, j * words);
      }
    }
    // The start gap.
    const cand = candidates[0]!;
    let any = false;
    for (let j = 0; j < cand.length; j += 1) {
      if (!valid[0]![j]) continue;
      const gap = 2 * (cand[j]! - S);
      const l = levelOf(gap, k);
      if (l < 0 && gap > bound) continue;
      if (!any || compare(values[0]!, j * words, l, top, 0) < 0) {
        any = true;
        copy(values[0]!, j * words, l, top, 0);
      }
    }
    return any;
  };

  /**
   * After a one-word pass, keep only the candidates that lie on a chain reaching its best
   * value: a forward pass gives each state's best prefix, and prefix + suffix = best marks
   * the chain. Later stages only narrow the set of optimal chains, so nothing is lost.
   */
  const prune = (k: number, bound: number): void => {
    if (activeWords !== 1) return;
    scalarForwardPass(candidates, forwardValid, forwardValues, S, lowerGap, maxGapMs, levels, weightOf, k, bound, deque, levelPointer);
    const best = top[0]!;
    candidates = candidates.map((cand, i) => {
      const kept: number[] = [];
      for (let j = 0; j < cand.length; j += 1) {
        if (valid[i]![j] && forwardValid[i]![j] && forwardValues[i]![j]! + values[i]![j * words]! === best) kept.push(cand[j]!);
      }
      return Float64Array.from(kept);
    });
  };

  // The gap values the candidates can produce: q * gridMs + delta for delta in `deltas`.
  const deltas = gapResidues(problem);
  const r = deltas.length;
  const valueAt = (index: number): number => Math.floor(index / r) * gridMs + deltas[index % r]!;
  const maxIndex = (Math.ceil((2 * (E - S)) / gridMs) + 1) * r - 1;
  /** Index of a value in the list (the value rounded down to one the list holds). */
  const indexOf = (value: number): number => {
    const q = Math.floor(value / gridMs);
    const rest = value - q * gridMs;
    let position = r - 1;
    while (position > 0 && deltas[position]! > rest) position -= 1;
    return Math.max(0, q * r + position);
  };

  const feasible = (): boolean => pass(0, Infinity);

  const solve = (): ChainSolution | null => {
    if (n === 0) return { startsMs: [], sortedGapsMs: [2 * (E - S)] };
    if (!pass(0, Infinity)) return null;
    const wanted = new Float64Array(words);
    let k = 0;
    let hiIndex = maxIndex;
    let total = 0;
    let lastBound = Infinity;
    while (total < n + 1) {
      let lo: number;
      if (k === 0) {
        // G_1 directly: the least largest gap, by a bottleneck pass; then keep only chains within it.
        const largest = bottleneckPass(candidates, bottleneckLayers, S, E, lowerGap, maxGapMs, levels, 0, Infinity, 0);
        lo = indexOf(largest);
        pass(0, largest);
        prune(0, largest);
      } else {
        // Least bound B at which the levels keep their least counts. Each gap contributes at
        // most its size to E - S (boundary gaps half), so B >= (E - S - sum of level gaps) / (gaps left).
        const achieves = (index: number): boolean => {
          if (!pass(k, valueAt(index))) return false;
          return compare(top, 0, -1, wanted, 0) === 0;
        };
        // Each gap contributes at most its size to E - S (boundary gaps half), so the gaps left
        // need B >= (E - S - sum of level gaps) / (gaps left): a lower bound for the search.
        let levelSum = 0;
        for (let l = 0; l < k; l += 1) levelSum += levels[l]! * countAt(wanted, l);
        const lowerBound = Math.max(0, (E - S - levelSum) / (n + 1 - total));
        // A sharper bound: the least largest non-level gap when level gaps may be used as often
        // as the levels' counts add up to (a relaxation, so never above G_k; often equal to it).
        const relaxed = bottleneckPass(candidates, bottleneckLayers, S, E, lowerGap, maxGapMs, levels, k, lastBound, total);
        lo = Math.max(0, Math.min(hiIndex, Math.max(indexOf(lowerBound) - 1, Number.isFinite(relaxed) ? indexOf(relaxed) : 0)));
        let hi = hiIndex;
        // Below the first level the next one is often a single grid step lower: try that first.
        if (k > 1 && hi > lo) {
          if (!achieves(hi - 1)) lo = hi;
          else hi -= 1;
        }
        // Where the sky leaves room, the level sits within a few values of the lower bound:
        // gallop up from it (steps 1, 2, 4, ...) before bisecting what is left.
        for (let step = 1; lo < hi; step *= 2) {
          const probe = Math.min(hi, lo + step - 1);
          if (achieves(probe)) {
            hi = probe;
            break;
          }
          lo = probe + 1;
        }
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (achieves(mid)) hi = mid;
          else lo = mid + 1;
        }
      }
      levels[k] = valueAt(lo);
      k += 1;
      lastBound = lo > 0 ? valueAt(lo - 1) : -Infinity;
      if (!pass(k, lastBound)) throw new Error('internal: a found level lost feasibility');
      const count = countAt(top, k - 1);
      if (count === 0) throw new Error('internal: a level with no gap');
      copy(top, 0, -1, wanted, 0);
      total += count;
      hiIndex = lo - 1;
      if (total < n + 1) prune(k, lastBound);
    }
    // The layers hold the last pass (all levels, bound lastBound): walk forwards, earliest first.
    const starts: number[] = [];
    const remaining = Float64Array.from(wanted);
    const tryTake = (gap: number, row: Float64Array, offset: number): boolean => {
      const l = levelOf(gap, k);
      if (l < 0 && gap > lastBound) return false;
      if (compare(row, offset, l, remaining, 0) !== 0) return false;
      if (l >= 0) remaining[wordOf[l]!]! -= weightOf[l]!;
      return true;
    };
    {
      const cand = candidates[0]!;
      let chosen = -1;
      for (let j = 0; j < cand.length && chosen < 0; j += 1) {
        if (valid[0]![j] && tryTake(2 * (cand[j]! - S), values[0]!, j * words)) chosen = j;
      }
      if (chosen < 0) throw new Error('internal: no optimal first epoch');
      starts.push(cand[chosen]!);
    }
    for (let i = 1; i < n; i += 1) {
      const cand = candidates[i]!;
      const previous = starts[i - 1]!;
      let chosen = -1;
      for (let j = 0; j < cand.length && chosen < 0; j += 1) {
        const gap = cand[j]! - previous;
        if (gap < lowerGap[i - 1]! || gap > maxGapMs || !valid[i]![j]) continue;
        if (tryTake(gap, values[i]!, j * words)) chosen = j;
      }
      if (chosen < 0) throw new Error('internal: no optimal continuation');
      starts.push(cand[chosen]!);
    }
    const sortedGapsMs = gapVector(starts, S, E).sort((a, b) => b - a);
    return { startsMs: starts, sortedGapsMs };
  };

  return { feasible, solve };
}

/** Residues modulo the grid step of every gap the candidates can produce, sorted. */
function gapResidues(problem: ChainProblem): number[] {
  const { spanStartMs: S, spanEndMs: E, candidates, gridMs } = problem;
  const mod = (x: number): number => ((x % gridMs) + gridMs) % gridMs;
  const offsets = new Set<number>([0]);
  for (const cand of candidates) {
    for (let j = 0; j < cand.length; j += 1) {
      const offset = mod(cand[j]! - S);
      if (offset !== 0) offsets.add(offset);
    }
  }
  const endOffset = mod(E - S);
  const residues = new Set<number>();
  for (const a of offsets) {
    residues.add(mod(2 * a));
    residues.add(mod(2 * endOffset - 2 * a));
    for (const b of offsets) residues.add(mod(a - b));
  }
  return [...residues].sort((a, b) => a - b);
}

/**
 * The backward pass when the count vector fits one word (k levels with k <= digits per
 * word): the same recurrence as the general pass in `solver`, on plain numbers, written
 * without closures because it is the hot loop of the scheduler. Returns the best total
 * packed value, or -1 when no chain exists.
 */
function scalarPass(
  candidates: readonly Float64Array[],
  valid: readonly Uint8Array[],
  values: readonly Float64Array[],
  stride: number,
  spanStartMs: number,
  spanEndMs: number,
  lowerGap: readonly number[],
  maxGapMs: number,
  levels: Float64Array,
  weights: Float64Array,
  k: number,
  bound: number,
  deque: Int32Array,
  levelPointer: Int32Array,
): number {
  const n = candidates.length;
  {
    const cand = candidates[n - 1]!;
    const ok = valid[n - 1]!;
    const val = values[n - 1]!;
    for (let j = 0; j < cand.length; j += 1) {
      const gap = 2 * (spanEndMs - cand[j]!);
      let v = 0;
      let good = gap <= bound;
      for (let l = 0; l < k; l += 1) {
        if (levels[l] === gap) {
          v = weights[l]!;
          good = true;
          break;
        }
      }
      ok[j] = good ? 1 : 0;
      val[j * stride] = v;
    }
  }
  for (let i = n - 2; i >= 0; i -= 1) {
    const cand = candidates[i]!;
    const next = candidates[i + 1]!;
    const ok = valid[i]!;
    const val = values[i]!;
    const okNext = valid[i + 1]!;
    const valNext = values[i + 1]!;
    const lo = lowerGap[i]!;
    const hi = Math.min(bound, maxGapMs);
    const nextLength = next.length;
    let head = 0;
    let tail = 0;
    let pushed = 0;
    for (let l = 0; l < k; l += 1) levelPointer[l] = 0;
    for (let j = 0; j < cand.length; j += 1) {
      const t = cand[j]!;
      const reach = t + hi;
      while (pushed < nextLength && next[pushed]! <= reach) {
        if (okNext[pushed] === 1) {
          const v = valNext[pushed * stride]!;
          while (tail > head && valNext[deque[tail - 1]! * stride]! >= v) tail -= 1;
          deque[tail] = pushed;
          tail += 1;
        }
        pushed += 1;
      }
      const earliest = t + lo;
      while (tail > head && next[deque[head]!]! < earliest) head += 1;
      let best = tail > head ? valNext[deque[head]! * stride]! : Infinity;
      for (let l = 0; l < k; l += 1) {
        const gap = levels[l]!;
        if (gap < lo || gap > maxGapMs) continue;
        const want = t + gap;
        let p = levelPointer[l]!;
        while (p < nextLength && next[p]! < want) p += 1;
        levelPointer[l] = p;
        if (p < nextLength && next[p] === want && okNext[p] === 1) {
          const v = valNext[p * stride]! + weights[l]!;
          if (v < best) best = v;
        }
      }
      if (best === Infinity) ok[j] = 0;
      else {
        ok[j] = 1;
        val[j * stride] = best;
      }
    }
  }
  const cand = candidates[0]!;
  const ok = valid[0]!;
  const val = values[0]!;
  let top = Infinity;
  for (let j = 0; j < cand.length; j += 1) {
    if (ok[j] !== 1) continue;
    const gap = 2 * (cand[j]! - spanStartMs);
    let v = val[j * stride]!;
    let good = gap <= bound;
    for (let l = 0; l < k; l += 1) {
      if (levels[l] === gap) {
        v += weights[l]!;
        good = true;
        break;
      }
    }
    if (good && v < top) top = v;
  }
  return top === Infinity ? -1 : top;
}

/**
 * Forward counterpart of {@link scalarPass}: the best packed prefix value of each state,
 * start gap and transitions up to the epoch (the end gap is in the backward value).
 */
function scalarForwardPass(
  candidates: readonly Float64Array[],
  valid: readonly Uint8Array[],
  values: readonly Float64Array[],
  spanStartMs: number,
  lowerGap: readonly number[],
  maxGapMs: number,
  levels: Float64Array,
  weights: Float64Array,
  k: number,
  bound: number,
  deque: Int32Array,
  levelPointer: Int32Array,
): void {
  const n = candidates.length;
  {
    const cand = candidates[0]!;
    for (let j = 0; j < cand.length; j += 1) {
      const gap = 2 * (cand[j]! - spanStartMs);
      let v = 0;
      let good = gap <= bound;
      for (let l = 0; l < k; l += 1) {
        if (levels[l] === gap) {
          v = weights[l]!;
          good = true;
          break;
        }
      }
      valid[0]![j] = good ? 1 : 0;
      values[0]![j] = v;
    }
  }
  for (let i = 0; i < n - 1; i += 1) {
    const previous = candidates[i]!;
    const cand = candidates[i + 1]!;
    const okPrevious = valid[i]!;
    const valPrevious = values[i]!;
    const ok = valid[i + 1]!;
    const val = values[i + 1]!;
    const lo = lowerGap[i]!;
    const hi = Math.min(bound, maxGapMs);
    let head = 0;
    let tail = 0;
    let pushed = 0;
    for (let l = 0; l < k; l += 1) levelPointer[l] = 0;
    for (let j = 0; j < cand.length; j += 1) {
      const t = cand[j]!;
      const latest = t - lo;
      while (pushed < previous.length && previous[pushed]! <= latest) {
        if (okPrevious[pushed] === 1) {
          const v = valPrevious[pushed]!;
          while (tail > head && valPrevious[deque[tail - 1]!]! >= v) tail -= 1;
          deque[tail] = pushed;
          tail += 1;
        }
        pushed += 1;
      }
      const earliest = t - hi;
      while (tail > head && previous[deque[head]!]! < earliest) head += 1;
      let best = tail > head ? valPrevious[deque[head]!]! : Infinity;
      for (let l = 0; l < k; l += 1) {
        const gap = levels[l]!;
        if (gap < lo || gap > maxGapMs) continue;
        const want = t - gap;
        let p = levelPointer[l]!;
        while (p < previous.length && previous[p]! < want) p += 1;
        levelPointer[l] = p;
        if (p < previous.length && previous[p] === want && okPrevious[p] === 1) {
          const v = valPrevious[p]! + weights[l]!;
          if (v < best) best = v;
        }
      }
      ok[j] = best === Infinity ? 0 : 1;
      val[j] = best === Infinity ? 0 : best;
    }
  }
}

/** Level gaps counted exactly in the bottleneck bound up to this many (the work grows with it). */
const MAX_COUNTED_LEVEL_GAPS = 3;

/**
 * The least largest gap over all chains whose gaps are at most `cap`, not counting gaps equal
 * to one of the first k levels, of which at most `allowance` may be used in all (any number
 * when `allowance` exceeds MAX_COUNTED_LEVEL_GAPS; with k = 0,
 * exactly G_1; with levels, a lower bound on the next level: every chain the next stage
 * accepts uses exactly the levels' counts, so at most their sum). A backward pass whose value
 * is the least possible largest gap of the rest of the chain, M(i, t, u), with u level gaps
 * still allowed. For a start t, non-level successors t' in [t + lo, t + maxGap] give
 * max(t' - t, M(i+1, t', u)); before the first t* with M(i+1, t*, u) <= t* - t the maximum is
 * M itself, from t* on it is at least t* - t, so the best is min(least M before t*, t* - t).
 * Both t* and the range move forwards with t. A successor at a level's distance gives
 * M(i+1, t', u - 1). Returns Infinity when no chain exists.
 */
function bottleneckPass(
  candidates: readonly Float64Array[],
  layers: readonly Float64Array[],
  spanStartMs: number,
  spanEndMs: number,
  lowerGap: readonly number[],
  maxGapMs: number,
  levels: Float64Array,
  k: number,
  cap: number,
  allowance: number,
): number {
  const n = candidates.length;
  // Counting the level gaps multiplies the work by their number plus one; past a few, the
  // cheaper relaxation that lets level gaps be used freely does instead.
  const free = k > 0 && allowance > MAX_COUNTED_LEVEL_GAPS;
  const uses = k === 0 || free ? 0 : Math.min(allowance, n + 1);
  const isLevel = (gap: number): boolean => {
    for (let l = 0; l < k; l += 1) if (levels[l] === gap) return true;
    return false;
  };
  const last = candidates[n - 1]!;
  for (let j = 0; j < last.length; j += 1) {
    const gap = 2 * (spanEndMs - last[j]!);
    const level = isLevel(gap);
    for (let u = 0; u <= uses; u += 1) {
      layers[n - 1]![u * last.length + j] = level ? (u > 0 || free ? 0 : Infinity) : gap <= cap ? gap : Infinity;
    }
  }
  const deque = new Int32Array(candidates.reduce((m, c) => Math.max(m, c.length), 0));
  const levelPointer = new Int32Array(Math.max(1, k));
  const reachLimit = Math.min(maxGapMs, cap);
  for (let i = n - 2; i >= 0; i -= 1) {
    const cand = candidates[i]!;
    const next = candidates[i + 1]!;
    const lo = lowerGap[i]!;
    for (let u = 0; u <= uses; u += 1) {
      const rest = layers[i + 1]!.subarray(u * next.length, (u + 1) * next.length);
      const restWithOneLess = free ? rest : u > 0 ? layers[i + 1]!.subarray((u - 1) * next.length, u * next.length) : undefined;
      const value = layers[i]!.subarray(u * cand.length, (u + 1) * cand.length);
      levelPointer.fill(0);
      let first = 0; // first successor at or after t + lo
      let star = 0; // first successor from `first` with rest <= t' - t
      let pushed = 0;
      let head = 0;
      let tail = 0;
      for (let j = 0; j < cand.length; j += 1) {
        const t = cand[j]!;
        while (first < next.length && next[first]! < t + lo) first += 1;
        if (star < first) star = first;
        while (star < next.length && next[star]! <= t + reachLimit && rest[star]! > next[star]! - t) star += 1;
        // Successors before t* (and within maxGap) enter the range minimum.
        if (pushed < first) pushed = first;
        while (pushed < star) {
          const v = rest[pushed]!;
          while (tail > head && rest[deque[tail - 1]!]! >= v) tail -= 1;
          deque[tail] = pushed;
          tail += 1;
          pushed += 1;
        }
        while (tail > head && deque[head]! < first) head += 1;
        let best = tail > head ? rest[deque[head]!]! : Infinity;
        if (star < next.length && next[star]! <= t + reachLimit) best = Math.min(best, next[star]! - t);
        // A gap equal to a level costs nothing here but one of the allowed level gaps.
        if (restWithOneLess) {
          for (let l = 0; l < k; l += 1) {
            const gap = levels[l]!;
            if (gap < lo || gap > maxGapMs) continue;
            let p = levelPointer[l]!;
            while (p < next.length && next[p]! < t + gap) p += 1;
            levelPointer[l] = p;
            if (p < next.length && next[p] === t + gap) best = Math.min(best, restWithOneLess[p]!);
          }
        }
        value[j] = best;
      }
    }
  }
  let top = Infinity;
  const cand = candidates[0]!;
  for (let j = 0; j < cand.length; j += 1) {
    const gap = 2 * (cand[j]! - spanStartMs);
    if (isLevel(gap)) {
      if (free) top = Math.min(top, layers[0]![j]!);
      else if (uses > 0) top = Math.min(top, layers[0]![(uses - 1) * cand.length + j]!);
    } else if (gap <= cap) {
      top = Math.min(top, Math.max(gap, layers[0]![uses * cand.length + j]!));
    }
  }
  return top;
}
