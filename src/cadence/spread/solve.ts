/**
 * The spread solver's entry points and its stages: the count of placeable epochs, the levels
 * one at a time, and the walk that reads the chain forwards.
 * @module
 */
import { firstIndexWhere } from '../../sorted.js';
import { type ChainArrays, chainArrays, computeBands, startGapOf } from './arrays.js';
import { scalarForwardPass } from './forward.js';
import { levelPass } from './levels.js';
import { bottleneckPass, generalPass, scalarPass } from './passes.js';
import { type ChainProblem, type ChainSolution, interchangeable, requiredOf, spreadGaps } from './problem.js';
import { type ChainWorkspace, chainWorkspace, takeI32, takeU8 } from './workspace.js';

/**
 * Whether a chain placing every required epoch (every epoch, by default) satisfies the order
 * and gap constraints, ignoring the objective.
 *
 * @example
 * ```ts
 * chainFeasible({ spanStartMs: 0, spanEndMs: 10, candidates: [Float64Array.of(5)], durationsMs: [1], minGapMs: 0, maxGapMs: Infinity }); // true
 * ```
 */
export function chainFeasible(problem: ChainProblem): boolean {
  return mostPlaceable(problem) >= 0;
}

/**
 * The most epochs a chain can place (required ones included), or -1 when the required
 * epochs cannot all be placed.
 *
 * @example
 * ```ts
 * // Four 1-hour epochs in 24 hours; the first also needs an instant from 22 h on.
 * const all = Float64Array.from({ length: 24 }, (_, h) => h);
 * mostPlaceable({ spanStartMs: 0, spanEndMs: 24, candidates: [Float64Array.of(22, 23), all, all, all],
 *   durationsMs: [1, 1, 1, 1], minGapMs: 0, maxGapMs: Infinity, required: [false, false, false, false] }); // 3
 * ```
 */
export function mostPlaceable(problem: ChainProblem, workspace?: ChainWorkspace): number {
  const n = problem.candidates.length;
  if (n === 0) return 0;
  const required = requiredOf(problem);
  const state = new ChainSolver(
    problem,
    required,
    required.some((r) => !r),
    workspace,
  );
  const top = state.countPass();
  return top < 0 ? -1 : n - top;
}

/**
 * The earliest chain (by the tie-breaks of the module comment) among those placing the most
 * epochs, the objective ignored; null when the required epochs cannot all be placed.
 *
 * @example
 * ```ts
 * const all = Float64Array.from({ length: 10 }, (_, h) => h);
 * earliestFullestChain({ spanStartMs: 0, spanEndMs: 10, candidates: [all, all], durationsMs: [1, 1], minGapMs: 0, maxGapMs: Infinity });
 * // [0, 1]
 * ```
 */
export function earliestFullestChain(problem: ChainProblem, workspace?: ChainWorkspace): (number | null)[] | null {
  const n = problem.candidates.length;
  if (n === 0) return [];
  const required = requiredOf(problem);
  const state = new ChainSolver(
    problem,
    required,
    required.some((r) => !r),
    workspace,
  );
  return state.earliestFullest();
}

/**
 * The chain placing the most epochs, leximax-optimal among those, earliest among ties (the
 * order of the module comment); null when the required epochs cannot all be placed.
 *
 * @example
 * ```ts
 * const grid = Float64Array.from({ length: 100 }, (_, i) => i);
 * solveSpread({ spanStartMs: 0, spanEndMs: 100, candidates: [grid, grid], durationsMs: [1, 1], minGapMs: 0, maxGapMs: Infinity });
 * // { startsMs: [25, 75], sortedGapsMs: [50, 50, 50] }
 * ```
 */
export function solveSpread(problem: ChainProblem, workspace: ChainWorkspace = chainWorkspace()): ChainSolution | null {
  const { spanStartMs: S, spanEndMs: E } = problem;
  const n = problem.candidates.length;
  const nothing = (): ChainSolution => ({ startsMs: new Array<number | null>(n).fill(null), sortedGapsMs: [2 * (E - S)] });
  if (n === 0) return nothing();
  const required = requiredOf(problem);
  if (required.every((r) => r)) return new ChainSolver(problem, required, false, workspace).solve();
  // When every epoch fits, no epoch need be left out: the problem with all of them required.
  const everyone = new Array<boolean>(n).fill(true);
  const whole = new ChainSolver(problem, everyone, false, workspace).solve();
  if (whole) return whole;
  // One state counts the most placeable epochs and, unless they are interchangeable, solves:
  // its solve starts from the count pass's layers instead of running that pass again.
  const state = new ChainSolver(problem, required, true, workspace);
  const leftOut = state.countPass();
  const most = leftOut < 0 ? -1 : n - leftOut;
  if (most < 0) return null;
  if (most === 0) return nothing();
  if (most === n) throw new Error('internal: every epoch fits, yet not all together');
  if (interchangeable(problem, required)) {
    // Identical epochs, none required: every subset of `most` of them has the same chains, and
    // the tie-breaks keep the first ones.
    const sub: ChainProblem = {
      ...problem,
      candidates: problem.candidates.slice(0, most),
      durationsMs: problem.durationsMs.slice(0, most),
      required: everyone.slice(0, most),
    };
    const solution = new ChainSolver(sub, everyone.slice(0, most), false, workspace).solve();
    if (!solution) throw new Error('internal: a subset of the most placeable epochs does not fit');
    return { startsMs: [...solution.startsMs, ...new Array<null>(n - most).fill(null)], sortedGapsMs: solution.sortedGapsMs };
  }
  return state.solve();
}

/** The largest double below x. */
function nextDown(x: number): number {
  if (!Number.isFinite(x)) return x === Infinity ? Number.MAX_VALUE : x;
  if (x === 0) return -Number.MIN_VALUE;
  const buffer = new Float64Array([x]);
  const bits = new BigInt64Array(buffer.buffer);
  bits[0] = x > 0 ? bits[0]! - 1n : bits[0]! + 1n;
  return buffer[0]!;
}

/**
 * The solver of one chain problem: the arrays of its layers, and the stage it has reached. Stage
 * k knows levels 0..k-1; `wanted` is the least digit vector found, which the chains sought reach.
 */
class ChainSolver {
  private readonly a: ChainArrays;
  private readonly n: number;
  private readonly anyRequired: boolean;
  /** The best digit vector of the last backward pass. */
  private readonly top: Float64Array;
  /** The least digit vector of the stage: every chain still in play reaches it. */
  private readonly wanted: Float64Array;
  /** Words of the digit vector in use at the stage (the later ones are zero everywhere). */
  private activeWords = 1;
  /** The arguments and outcome of the pass whose layers the arrays hold. */
  private lastPass = { k: -1, bound: Number.NaN, ok: false };

  constructor(problem: ChainProblem, required: readonly boolean[], skipMode: boolean, ws: ChainWorkspace = chainWorkspace()) {
    this.a = chainArrays(problem, required, skipMode, ws);
    this.n = problem.candidates.length;
    this.anyRequired = required.some((r) => r);
    this.top = new Float64Array(this.a.words);
    this.wanted = new Float64Array(this.a.words);
  }

  /** The least number of epochs left out (-1 when the required ones cannot be placed). */
  countPass(): number {
    // With no epoch required, placing none is always possible.
    if (!this.pass(0, Infinity)) return this.anyRequired ? -1 : this.n;
    return this.a.skipMode ? Math.round(this.top[0]! / this.a.skipWeight) : 0;
  }

  /** The earliest chain placing the most epochs, the objective ignored (null when none exists). */
  earliestFullest(): (number | null)[] | null {
    if (!this.pass(0, Infinity)) return this.anyRequired ? null : new Array<number | null>(this.n).fill(null);
    this.wanted.set(this.top);
    return this.walk(0, Infinity);
  }

  /** The optimal chain: the levels one at a time until every gap is counted, then the walk. */
  solve(): ChainSolution | null {
    const a = this.a;
    const start = a.skipMode ? this.startWithSkips() : this.startWithBottleneck();
    if (start === null) return null;
    let { k, total, lastBound } = start;
    const gaps = start.placed + (a.history ? 0 : 1);
    while (total < gaps) {
      // The layers hold stage k (levels 0..k-1 counted, other gaps at most lastBound): one pass
      // finds the next level and its count, and the layers move on to stage k + 1.
      const next = levelPass(a, k, lastBound, this.activeWords, this.wanted);
      if (!Number.isFinite(next.gap)) throw new Error('internal: no gap left for a level');
      this.advance(k, next.gap, next.count);
      k += 1;
      lastBound = nextDown(next.gap);
      total += next.count;
    }
    const startsMs = this.walk(k, lastBound);
    const placedStarts = startsMs.filter((t): t is number => t !== null);
    return { startsMs, sortedGapsMs: spreadGaps(placedStarts, a.S, a.E, a.history).sort((x, y) => y - x) };
  }

  /**
   * Every epoch is placed: the first level is the least largest gap, from one bottleneck pass
   * (Infinity when no chain exists); one pass then counts its gaps.
   */
  private startWithBottleneck(): Stage | null {
    const a = this.a;
    const first = bottleneckPass(a);
    if (!Number.isFinite(first)) return null;
    a.levels[0] = first;
    const lastBound = nextDown(first);
    if (!this.pass(1, lastBound)) throw new Error('internal: the least largest gap lost feasibility');
    this.wanted.set(this.top);
    const total = Math.round(this.top[a.levelWord[0]!]! / a.levelWeight[0]!) % a.base;
    if (total < this.n + (a.history ? 0 : 1)) this.prune(1, lastBound);
    return { k: 1, total, lastBound, placed: this.n };
  }

  /** Epochs may be left out: the count pass (which may just have run) gives the stage with no level. */
  private startWithSkips(): Stage | null {
    const last = this.lastPass;
    if (last.k === 0 && last.bound === Infinity ? !last.ok : !this.pass(0, Infinity)) return null;
    this.wanted.set(this.top);
    return { k: 0, total: 0, lastBound: Infinity, placed: this.n - Math.round(this.top[0]! / this.a.skipWeight) };
  }

  /** Backward pass with levels[0..k) and bound B for the other gaps; fills `top`; false when no chain exists. */
  private pass(k: number, bound: number): boolean {
    const a = this.a;
    this.activeWords = Math.max(1, Math.ceil((a.skipDigit + k) / a.perWord));
    let ok: boolean;
    if (this.activeWords === 1) {
      const packed = scalarPass(a, k, bound);
      this.top.fill(0);
      ok = packed >= 0;
      if (ok) this.top[0] = packed;
    } else ok = generalPass(a, k, bound, this.activeWords, this.top);
    this.lastPass = { k, bound, ok };
    return ok;
  }

  /**
   * Move from stage k to stage k + 1 once level k is known (with its count), without another
   * backward pass. From each state's least pair (found by the level pass): a state whose least
   * largest other gap exceeds the new level is on no optimal chain and goes; the others' least
   * digits gain the level's digit, counted by the pair (their least suffixes reach the new level
   * or stay below it, and keep every other gap below it). Then the forward pass (one-word
   * stages) keeps only the states whose best prefix, with the new level counted and every other
   * gap below it, completes the least digits. Candidates no epoch keeps are dropped and the
   * layers compacted with them. Later stages only narrow the set of optimal chains, so nothing
   * is lost.
   */
  private advance(k: number, level: number, count: number): void {
    const a = this.a;
    const words = a.words;
    a.levels[k] = level;
    const word = a.levelWord[k]!;
    const weight = a.levelWeight[k]!;
    for (let i = 0; i < this.n; i += 1) {
      const mask = a.masks[i]!;
      const ok = a.valid[i]!;
      const val = a.values[i]!;
      const pm = a.level.pairM[i]!;
      const pc = a.level.pairC[i]!;
      for (let j = a.bandLo[i]!; j < a.bandHi[i]!; j += 1) {
        // A state out of play reads as invalid to the passes that follow.
        if (mask[j] !== 1 || ok[j] !== 1 || pm[j]! > level) {
          mask[j] = 0;
          ok[j] = 0;
          continue;
        }
        if (pm[j] === level) val[j * words + word] = val[j * words + word]! + pc[j]! * weight;
      }
    }
    this.wanted[word] = this.wanted[word]! + count * weight;
    this.activeWords = Math.max(1, Math.ceil((a.skipDigit + k + 1) / a.perWord));
    this.prune(k + 1, nextDown(level));
  }

  /**
   * Keep only the states on a chain that reaches `wanted` at stage k (levels 0..k-1, other gaps
   * at most `bound`): the forward pass (one-word stages) narrows each epoch's mask to the states
   * whose best prefix completes the least digits with their best suffix. Candidates no epoch
   * keeps are dropped and the layers compacted with them.
   */
  private prune(k: number, bound: number): void {
    const a = this.a;
    if (this.activeWords === 1) {
      scalarForwardPass(a, k, bound, this.wanted[0]!);
      if (a.skipMode) {
        for (let i = 0; i < this.n; i += 1) {
          const mask = a.masks[i]!;
          const ok = a.valid[i]!;
          for (let j = a.bandLo[i]!; j < a.bandHi[i]!; j += 1) if (mask[j] !== 1) ok[j] = 0;
        }
      }
    }
    this.compact();
    computeBands(a);
  }

  /** Drop the candidates no epoch keeps, moving each epoch's band of layers down with them. */
  private compact(): void {
    const a = this.a;
    const { words, ws } = a;
    const T = a.size;
    const keep = takeU8(ws, T);
    for (let i = 0; i < this.n; i += 1) {
      const mask = a.masks[i]!;
      for (let j = a.bandLo[i]!; j < a.bandHi[i]!; j += 1) keep[j] = keep[j]! | mask[j]!;
    }
    let size = 0;
    const index = takeI32(ws, T);
    for (let j = 0; j < T; j += 1) if (keep[j] === 1) index[size++] = j;
    if (size === T) return;
    for (let q = 0; q < size; q += 1) a.U[q] = a.U[index[q]!]!;
    /** The first new position whose old index is at least j. */
    const newPosition = (j: number): number => firstIndexWhere(size, (q) => index[q]! >= j);
    for (let i = 0; i < this.n; i += 1) {
      const mask = a.masks[i]!;
      const ok = a.valid[i]!;
      const val = a.values[i]!;
      // Only the band moves (in place: a new position is never after its old one); the rest
      // reads as out of play. Digits of words not yet in use are zero everywhere.
      const from = newPosition(a.bandLo[i]!);
      const to = newPosition(a.bandHi[i]!);
      for (let q = from; q < to; q += 1) {
        const j = index[q]!;
        mask[q] = mask[j]!;
        ok[q] = ok[j]!;
        for (let w = 0; w < this.activeWords; w += 1) val[q * words + w] = val[j * words + w]!;
      }
      mask.fill(0, 0, from);
      mask.fill(0, to, size);
      ok.fill(0, 0, from);
      ok.fill(0, to, size);
    }
    a.size = size;
  }

  /** The walk forwards: the earliest chain whose digit vector is `wanted`, with k levels and bound `lastBound`. */
  private walk(k: number, lastBound: number): (number | null)[] {
    const walker = new ChainWalk(this.a, k, lastBound, this.activeWords, this.wanted);
    return walker.run();
  }
}

/** Where the solver stands after its first stage. */
interface Stage {
  /** Levels known. */
  readonly k: number;
  /** Gaps of the vector those levels count. */
  readonly total: number;
  /** The bound of the other gaps: just below the last level. */
  readonly lastBound: number;
  /** Epochs the chains place. */
  readonly placed: number;
}

/**
 * The walk forwards over the layers of the last stage: from each placed epoch, the earliest next
 * state whose digits, with the gap to it, complete what remains of the least digit vector.
 */
class ChainWalk {
  /** What remains of the least digit vector after the epochs placed so far. */
  private readonly remaining: Float64Array;
  /** The last epoch placed (-1 before the first) and its start. */
  private previous = -1;
  private previousStart = 0;

  constructor(
    private readonly a: ChainArrays,
    private readonly k: number,
    private readonly lastBound: number,
    private readonly activeWords: number,
    wanted: Float64Array,
  ) {
    this.remaining = Float64Array.from(wanted);
  }

  /** The chain's starts, null for the epochs left out. */
  run(): (number | null)[] {
    const { n, U } = this.a;
    const starts = new Array<number | null>(n).fill(null);
    while (!this.endsHere()) {
      if (this.previous === n - 1) throw new Error('internal: the chain does not close');
      const next = this.nextState();
      if (next.epoch < 0) throw new Error('internal: no optimal continuation');
      this.take(next.level, next.epoch - this.previous - 1);
      starts[next.epoch] = U[next.at]!;
      this.previous = next.epoch;
      this.previousStart = U[next.at]!;
    }
    return starts;
  }

  /** The level a gap equals, or -1. */
  private levelOf(gap: number): number {
    for (let l = 0; l < this.k; l += 1) if (this.a.levels[l] === gap) return l;
    return -1;
  }

  /** Whether the chain may end after the last epoch placed, its end gap and the epochs after it completing the digits. */
  private endsHere(): boolean {
    const { n, E, levelWord, levelWeight, skipWeight } = this.a;
    const previous = this.previous;
    if (previous < 0 || this.a.requiredAfter[previous] !== 0) return false;
    const gap = 2 * (E - this.previousStart);
    const l = this.levelOf(gap);
    if (l < 0 && gap > this.lastBound) return false;
    for (let w = 0; w < this.activeWords; w += 1) {
      let x = 0;
      if (w === 0) x += (n - 1 - previous) * skipWeight;
      if (l >= 0 && levelWord[l] === w) x += levelWeight[l]!;
      if (x !== this.remaining[w]) return false;
    }
    return true;
  }

  /** The gap from the last epoch placed (or the span's start) to U[q]. */
  private gapTo(q: number): number {
    return this.previous >= 0 ? this.a.U[q]! - this.previousStart : startGapOf(this.a, this.a.U[q]!);
  }

  /**
   * The earliest next state on an optimal chain: epoch, position in U, and the level its gap
   * equals (-1 for none); epoch -1 when there is none. Gaps that are not levels (at most the
   * bound) come first in time; then the levels' exact distances, nearest first.
   */
  private nextState(): { epoch: number; at: number; level: number } {
    const { n, U, size: T, lowerGap, levels, skipMode, maxGapMs } = this.a;
    const previous = this.previous;
    let lastEpoch = previous + 1;
    if (skipMode) while (lastEpoch < n - 1 && this.a.required[lastEpoch] === 0) lastEpoch += 1;
    let p = 0;
    if (previous >= 0) {
      const least = lowerGap[previous]!;
      p = firstIndexWhere(T, (q) => U[q]! - this.previousStart >= least);
    }
    for (; p < T; p += 1) {
      const gap = this.gapTo(p);
      if (gap > this.lastBound || (previous >= 0 && gap > maxGapMs)) break;
      const l = this.levelOf(gap);
      const epoch = this.epochAt(p, l, lastEpoch);
      if (epoch >= 0) return { epoch, at: p, level: l };
    }
    for (let l = this.k - 1; l >= 0; l -= 1) {
      const level = levels[l]!;
      const at = p + firstIndexWhere(T - p, (d) => this.gapTo(p + d) >= level);
      if (at < T && this.gapTo(at) === level && (previous < 0 || level <= maxGapMs)) {
        const epoch = this.epochAt(at, l, lastEpoch);
        if (epoch >= 0) return { epoch, at, level: l };
      }
    }
    return { epoch: -1, at: -1, level: -1 };
  }

  /** The first epoch after the last placed, up to `lastEpoch`, whose state at U[q] completes the digits with level l's; -1 for none. */
  private epochAt(q: number, l: number, lastEpoch: number): number {
    const { masks, valid } = this.a;
    for (let j = this.previous + 1; j <= lastEpoch; j += 1) {
      if (masks[j]![q] === 1 && valid[j]![q] === 1 && this.matches(j, q, l, j - this.previous - 1)) return j;
    }
    return -1;
  }

  /** Whether epoch j's digits at U[p], plus level l and `skips` left-out epochs, equal what remains. */
  private matches(j: number, p: number, l: number, skips: number): boolean {
    const { values, words, levelWord, levelWeight, skipWeight } = this.a;
    const val = values[j]!;
    for (let w = 0; w < this.activeWords; w += 1) {
      let x = val[p * words + w]!;
      if (w === 0) x += skips * skipWeight;
      if (l >= 0 && levelWord[l] === w) x += levelWeight[l]!;
      if (x !== this.remaining[w]) return false;
    }
    return true;
  }

  /** Take a step's level digit and left-out epochs off what remains. */
  private take(l: number, skips: number): void {
    const { levelWord, levelWeight, skipWeight } = this.a;
    this.remaining[0] = this.remaining[0]! - skips * skipWeight;
    if (l >= 0) this.remaining[levelWord[l]!] = this.remaining[levelWord[l]!]! - levelWeight[l]!;
  }
}
