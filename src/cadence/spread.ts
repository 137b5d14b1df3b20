/**
 * The `spread` objective, solved exactly over a set of candidate start times.
 *
 * A chain places some of a target's n epochs, in order, at starts t_1 < t_2 < ... < t_m. Its
 * gap vector has m + 1 entries: 2 (t_1 - S), t_2 - t_1, ..., t_m - t_(m-1), 2 (E - t_m), for the
 * span [S, E). The boundary gaps count double, so that with no other constraint the best chain
 * puts the epochs at the centres of m equal slices of the span.
 *
 * The order of preference, in full:
 * 1. **Count**: the most epochs placed. Epochs marked required (fixed ones) are always placed;
 *    the others may be left out, and the chain keeps their order.
 * 2. **Objective**, among chains of that count: leximax, the gap vector sorted in decreasing
 *    order minimised lexicographically (the largest gap first, then how many gaps have that
 *    size, then the next largest, ...). Which epochs are left out matters only through the
 *    starts each can take (its block length and targets), so the objective decides among the
 *    subsets wherever their starts differ.
 * 3. **Tie-breaks**: the earliest first start; among chains with that first start, the one
 *    placing the earliest epoch there; then the earliest second start, and so on. So between
 *    equal placements the latest epochs are the ones left out.
 *
 * Method: levels, one at a time, each with its count. A digit vector is packed into float
 * words: a digit for the epochs left out (most significant), then one per level found. Stage k
 * knows levels G_1 > ... > G_(k-1) and holds, for every (epoch, candidate) state, the least
 * digit vector of a chain from it whose every gap either equals a level (counted) or is at most
 * a bound just below G_(k-1) (lexicographic order is kept under adding the same vector, so a
 * suffix's best value is all a prefix needs). An epoch that may be left out is passed over by an
 * aggregate layer: the best successor at each instant among the epochs that may come next. The
 * "at most the bound" successors form a sliding range, served by a monotone deque, so a pass
 * costs O(n T k) for T candidates. A chain of least digits has least digits from each of its
 * states on, so it only steps to successors of equal value (plus the level digit of the gap);
 * over those steps one more backward pass (`levelPass`) finds the lexicographically least pair
 * (largest other gap, its count), which composes along a chain like a bottleneck: that pair is
 * G_k and its count. Each state's digits then gain G_k's digit from its own pair, without a new
 * pass; states whose least largest other gap exceeds G_k, and (a forward pass) states whose best
 * prefix does not complete the least digits, go. When every epoch is placed the first level is
 * simply the least largest gap (`bottleneckPass`). The chain is read forwards at the end.
 *
 * History: when the target's program goes on from epochs that ran before (visits executed, the
 * plan of the cycle before), the chain's first epoch is the last of them (`history`), fixed.
 * No boundary gap precedes it, where the program goes on: the vector is t_2 - t_1, ...,
 * 2 (E - t_m), the first gap of the span measured from the last epoch that ran, once. The
 * passes read that start gap as -Infinity (below every bound, equal to no level), and the
 * vector has m entries instead of m + 1.
 *
 * Candidates are whole milliseconds (the scheduler's are); gaps are compared as differences of
 * candidates, so that equal gaps compare equal.
 * @module
 */
import { InputError } from '../errors.js';
import { parseArguments } from '../validation.js';
import { LeximaxArguments, SpreadGapsArguments } from './arguments.js';

/** A chain problem: candidate starts per epoch, in order, and the gap constraints. */
export interface ChainProblem {
  readonly spanStartMs: number;
  readonly spanEndMs: number;
  /** Candidate start instants of each epoch, ascending, whole ms (one value for a fixed epoch). */
  readonly candidates: readonly Float64Array[];
  /** Least distance from each epoch's start to the next placed epoch's start (its block length). */
  readonly durationsMs: readonly number[];
  /** Least gap between consecutive starts (0 for none). */
  readonly minGapMs: number;
  /** Largest gap between consecutive starts (Infinity for none). */
  readonly maxGapMs: number;
  /**
   * Which epochs must be placed (default: every one). The others may be left out: the solver
   * places as many epochs as it can, then applies the objective.
   */
  readonly required?: readonly boolean[];
  /** Digits packed per float word (default: as many as stay exact); small values test the multi-word path. */
  readonly digitsPerWord?: number;
  /**
   * Epoch 0 ran already: it is the last epoch of the target's history (visits executed, or the
   * plan of the cycle before), required, at its one start. The program goes on from it, so no
   * boundary gap precedes the chain: the gap vector's first entry is the gap from it to the next
   * placed epoch, counted once like any other (see {@link spreadGaps}).
   */
  readonly history?: boolean;
}

/** An optimal chain. */
export interface ChainSolution {
  /** Start of each epoch, or null for an epoch left out. */
  readonly startsMs: readonly (number | null)[];
  /** The gap vector of the placed epochs, boundary gaps doubled, sorted in decreasing order: the objective. */
  readonly sortedGapsMs: readonly number[];
}

/**
 * The gap vector of a chain (boundary gaps doubled), in chain order. With `fromHistory`, the
 * first start is the last epoch of the target's history (it ran, before the epochs planned now):
 * the program goes on from it, so no start boundary gap precedes it and the vector starts with
 * the gap from it to the next start, counted once.
 *
 * @param startsMs - the placed epochs' starts, ascending.
 * @param spanStartMs - the span's start (S).
 * @param spanEndMs - the span's end (E).
 * @param fromHistory - whether the first start is the last epoch of the history (default false).
 * @example
 * ```ts
 * spreadGaps([25, 75], 0, 100); // [50, 50, 50]
 * spreadGaps([-10, 30, 70], 0, 100, true); // [40, 40, 60]: measured from the epoch at -10, none doubled at 0
 * ```
 */
export function spreadGaps(startsMs: readonly number[], spanStartMs: number, spanEndMs: number, fromHistory = false): number[] {
  // Arguments: the library's boundary (schemas in ./arguments.ts).
  parseArguments('spreadGaps', SpreadGapsArguments, { startsMs, spanStartMs, spanEndMs, fromHistory });
  return gapVector(startsMs, spanStartMs, spanEndMs, fromHistory);
}

/** {@link spreadGaps} of checked starts (the solver measures its chains through this). */
function gapVector(startsMs: readonly number[], spanStartMs: number, spanEndMs: number, fromHistory = false): number[] {
  if (startsMs.length === 0) return [];
  const gaps = fromHistory ? [] : [2 * (startsMs[0]! - spanStartMs)];
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
  return leximaxOrder(a, b);
}

/** {@link compareLeximax} of checked gap vectors (objectives are compared through this). */
export function leximaxOrder(a: readonly number[], b: readonly number[]): number {
  const sa = [...a].sort((x, y) => y - x);
  const sb = [...b].sort((x, y) => y - x);
  for (let i = 0; i < Math.min(sa.length, sb.length); i += 1) {
    if (sa[i] !== sb[i]) return sa[i]! - sb[i]!;
  }
  return sa.length - sb.length;
}

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
  const state = chainState(
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
  const state = chainState(
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
  if (required.every((r) => r)) return chainState(problem, required, false, workspace).solve();
  // When every epoch fits, no epoch need be left out: the problem with all of them required.
  const everyone = new Array<boolean>(n).fill(true);
  const whole = chainState(problem, everyone, false, workspace).solve();
  if (whole) return whole;
  // One state counts the most placeable epochs and, unless they are interchangeable, solves:
  // its solve starts from the count pass's layers instead of running that pass again.
  const state = chainState(problem, required, true, workspace);
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
    const solution = chainState(sub, everyone.slice(0, most), false, workspace).solve();
    if (!solution) throw new Error('internal: a subset of the most placeable epochs does not fit');
    return { startsMs: [...solution.startsMs, ...new Array<null>(n - most).fill(null)], sortedGapsMs: solution.sortedGapsMs };
  }
  return state.solve();
}

/**
 * The most memory the spread solver's state may take for one target's chain, bytes: 4 GB. The
 * state holds, for every epoch and candidate start, a digit vector of one float word per few
 * digits, and the digits grow with the epochs: n x T x (n + 2) / d x 8 bytes for n epochs, T
 * candidates and d digits a word (4 to 7), so it grows with the square of the epochs. Program
 * 1539's table repeated to 2,000 rows (308 epochs of BD+60-1753 over 6,531 hourly candidates)
 * needs 1.0 GB (the whole run peaked at 1.3 GB, measured); 4,000 rows about 4.0 GB; 10,000 rows
 * (1,540 epochs) 31 GB, which no machine the command runs on has: it is refused up front.
 */
export const MAX_CHAIN_STATE_BYTES = 4e9;

/** The spread solver's state for a chain of `n` epochs over `candidates` starts with `words` words a vector, bytes. */
function chainStateBytes(n: number, candidates: number, words: number): number {
  // The values of each epoch's layer, and the two aggregate layers of the skip pass.
  return (n + 2) * candidates * words * 8;
}

/** The refusal of a chain too large to solve, with the figures and what to change. */
function chainTooLarge(n: number, candidates: number, bytes: number): string {
  const gb = (value: number): string => `${(value / 1e9).toFixed(1)} GB`;
  return (
    `a target's chain of ${n.toLocaleString('en-US')} epochs over ${candidates.toLocaleString('en-US')} candidate starts would need about ${gb(bytes)} ` +
    `for the spread cadence's solver (it grows with the square of the epochs; at most ${gb(MAX_CHAIN_STATE_BYTES)} is taken); ` +
    'schedule fewer epochs of one target in one span (a shorter span, or the table in parts), or a coarser --grid'
  );
}

function requiredOf(problem: ChainProblem): boolean[] {
  const n = problem.candidates.length;
  return problem.required ? Array.from({ length: n }, (_, i) => problem.required![i] ?? true) : new Array<boolean>(n).fill(true);
}

/** Whether no epoch is required and all have the same block length and the same candidates. */
function interchangeable(problem: ChainProblem, required: readonly boolean[]): boolean {
  if (required.some((r) => r)) return false;
  const first = problem.candidates[0]!;
  const d = problem.durationsMs[0]!;
  return problem.candidates.every((c, i) => {
    if (problem.durationsMs[i] !== d) return false;
    if (c === first) return true;
    if (c.length !== first.length) return false;
    for (let j = 0; j < c.length; j += 1) if (c[j] !== first[j]) return false;
    return true;
  });
}

/**
 * Buffers that successive chain solves reuse: each solve takes the layers it needs from the
 * start again, so that many small solves do not each allocate (and leave for the collector)
 * arrays of the size of their candidates. One workspace serves one solve at a time.
 */
export interface ChainWorkspace {
  f64: Float64Array;
  f64Used: number;
  u8: Uint8Array;
  u8Used: number;
  i32: Int32Array;
  i32Used: number;
}

/**
 * A new, empty workspace for {@link solveSpread} and its companions.
 *
 * @example
 * ```ts
 * const workspace = chainWorkspace();
 * for (const problem of problems) solveSpread(problem, workspace);
 * ```
 */
export function chainWorkspace(): ChainWorkspace {
  return { f64: new Float64Array(1 << 12), f64Used: 0, u8: new Uint8Array(1 << 12), u8Used: 0, i32: new Int32Array(1 << 12), i32Used: 0 };
}

/** Zeroed arrays from a workspace (a slab grows by replacement: arrays handed out earlier stay valid). */
function takeF64(ws: ChainWorkspace, length: number): Float64Array {
  if (ws.f64Used + length > ws.f64.length) {
    ws.f64 = new Float64Array(Math.max(2 * ws.f64.length, length));
    ws.f64Used = 0;
  }
  const view = ws.f64.subarray(ws.f64Used, ws.f64Used + length);
  ws.f64Used += length;
  return view.fill(0);
}
function takeU8(ws: ChainWorkspace, length: number): Uint8Array {
  if (ws.u8Used + length > ws.u8.length) {
    ws.u8 = new Uint8Array(Math.max(2 * ws.u8.length, length));
    ws.u8Used = 0;
  }
  const view = ws.u8.subarray(ws.u8Used, ws.u8Used + length);
  ws.u8Used += length;
  return view.fill(0);
}
function takeI32(ws: ChainWorkspace, length: number): Int32Array {
  if (ws.i32Used + length > ws.i32.length) {
    ws.i32 = new Int32Array(Math.max(2 * ws.i32.length, length));
    ws.i32Used = 0;
  }
  const view = ws.i32.subarray(ws.i32Used, ws.i32Used + length);
  ws.i32Used += length;
  return view.fill(0);
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
 * The arrays of one chain problem: the union U of the epochs' candidates with a mask per
 * epoch, and the layers of the passes (preallocated once, reused by every pass).
 */
interface ChainArrays {
  readonly n: number;
  readonly S: number;
  readonly E: number;
  /** Epoch 0 is the last epoch of the target's history: no start gap precedes it. */
  readonly history: boolean;
  /** Union of the candidates (pruned as levels are found), ascending; only the first `size` are in play. */
  U: Float64Array;
  size: number;
  /** Per epoch: 1 where the epoch may start at U[j]. */
  masks: Uint8Array[];
  /** Per epoch: the band [bandLo, bandHi) of U outside which its mask is 0. */
  readonly bandLo: Int32Array;
  readonly bandHi: Int32Array;
  readonly lowerGap: Float64Array;
  readonly maxGapMs: number;
  readonly required: Uint8Array;
  /** 1 when some epoch after i (before i) is required: the chain cannot end (begin) at i. */
  readonly requiredAfter: Uint8Array;
  readonly requiredBefore: Uint8Array;
  readonly skipMode: boolean;
  /** Weight of the digit counting left-out epochs, in word 0 (0 without skip mode). */
  readonly skipWeight: number;
  readonly levels: Float64Array;
  /** Word and weight of level l's digit. */
  readonly levelWord: Int32Array;
  readonly levelWeight: Float64Array;
  readonly words: number;
  readonly valid: Uint8Array[];
  readonly values: Float64Array[];
  /** The forward pass's two latest layers. */
  readonly fwdValid: [Uint8Array, Uint8Array];
  readonly fwdValues: [Float64Array, Float64Array];
  /** Two aggregate layers (best successor over the epochs that may come next), stride `words`. */
  readonly aggValid: [Uint8Array, Uint8Array];
  readonly aggValues: [Float64Array, Float64Array];
  readonly deque: Int32Array;
  readonly levelPointer: Int32Array;
  /** The levels a step between two epochs' bands can equal (see levelsBetween). */
  readonly activeLevels: Int32Array;
  /** Scratch of the level pass. */
  readonly level: LevelScratch;
  /** Where the passes take further scratch from. */
  readonly ws: ChainWorkspace;
}

/** Union of sorted candidate arrays, and each array's mask over it. */
function unionOf(candidates: readonly Float64Array[], ws: ChainWorkspace): { U: Float64Array; masks: Uint8Array[] } {
  // Epochs of one kind share their array: merge the distinct arrays, then mark each once.
  const distinct = [...new Set(candidates)];
  let U: Float64Array;
  if (distinct.length === 1) {
    U = takeF64(ws, distinct[0]!.length);
    U.set(distinct[0]!);
  } else {
    let merged = distinct[0]!;
    for (let d = 1; d < distinct.length; d += 1) {
      const other = distinct[d]!;
      const out = new Float64Array(merged.length + other.length);
      let x = 0;
      let y = 0;
      let size = 0;
      while (x < merged.length || y < other.length) {
        const v = y >= other.length || (x < merged.length && merged[x]! <= other[y]!) ? merged[x++]! : other[y++]!;
        if (size === 0 || out[size - 1] !== v) out[size++] = v;
      }
      merged = out.subarray(0, size);
    }
    U = takeF64(ws, merged.length);
    U.set(merged);
  }
  const size = U.length;
  const maskOf = new Map<Float64Array, Uint8Array>();
  for (const c of distinct) {
    const mask = takeU8(ws, size);
    if (c.length === size) mask.fill(1);
    else {
      let p = 0;
      for (let j = 0; j < c.length; j += 1) {
        while (U[p]! < c[j]!) p += 1;
        mask[p] = 1;
      }
    }
    maskOf.set(c, mask);
  }
  const used = new Set<Uint8Array>();
  return {
    U,
    masks: candidates.map((c) => {
      const mask = maskOf.get(c)!;
      if (!used.has(mask)) {
        used.add(mask);
        return mask;
      }
      // Each epoch's mask narrows on its own later.
      const copy = takeU8(ws, size);
      copy.set(mask);
      return copy;
    }),
  };
}

function chainState(problem: ChainProblem, required: readonly boolean[], skipMode: boolean, ws: ChainWorkspace = chainWorkspace()) {
  const { spanStartMs: S, spanEndMs: E, durationsMs, minGapMs, maxGapMs } = problem;
  const n = problem.candidates.length;
  const history = problem.history === true;
  if (history && (required[0] !== true || problem.candidates[0]!.length !== 1)) {
    throw new Error('internal: a chain that goes on from history needs its first epoch required, at its one start');
  }
  ws.f64Used = 0;
  ws.u8Used = 0;
  ws.i32Used = 0;
  const { U, masks } = unionOf(problem.candidates, ws);
  const T0 = U.length;
  const skipDigit = skipMode ? 1 : 0;
  // A digit vector is packed into a few float words: each digit is below `base` (no count
  // exceeds n + 1), and `perWord` digits in base `base` stay below 2^53, so sums and
  // comparisons of words are exact and comparing words in order is comparing digit vectors
  // lexicographically.
  const maxDigits = skipDigit + n + 1;
  const base = n + 2;
  const perWord = problem.digitsPerWord ?? Math.max(1, Math.floor(52 / Math.log2(base)));
  const words = Math.ceil(maxDigits / perWord);
  // The state's arrays hold `words` floats for each epoch and candidate: bounded before any is made.
  const stateBytes = chainStateBytes(n, T0, words);
  if (stateBytes > MAX_CHAIN_STATE_BYTES) throw new InputError(chainTooLarge(n, T0, stateBytes));
  const wordOf = (d: number): number => Math.floor(d / perWord);
  const weightOf = (d: number): number => base ** (perWord - 1 - (d % perWord));
  const requiredArray = Uint8Array.from(required, (r) => (r ? 1 : 0));
  const requiredAfter = new Uint8Array(n);
  const requiredBefore = new Uint8Array(n);
  for (let i = n - 2, any = requiredArray[n - 1]!; i >= 0; i -= 1) {
    requiredAfter[i] = any;
    if (requiredArray[i]) any = 1;
  }
  for (let i = 1, any = requiredArray[0]!; i < n; i += 1) {
    requiredBefore[i] = any;
    if (requiredArray[i]) any = 1;
  }
  const a: ChainArrays = {
    n,
    S,
    E,
    history,
    U,
    size: T0,
    masks,
    bandLo: new Int32Array(n),
    bandHi: new Int32Array(n),
    lowerGap: Float64Array.from(durationsMs, (d) => Math.max(d, minGapMs)),
    maxGapMs,
    required: requiredArray,
    requiredAfter,
    requiredBefore,
    skipMode,
    skipWeight: skipMode ? weightOf(0) : 0,
    levels: new Float64Array(n + 1),
    levelWord: Int32Array.from({ length: n + 1 }, (_, l) => wordOf(l + skipDigit)),
    levelWeight: Float64Array.from({ length: n + 1 }, (_, l) => weightOf(l + skipDigit)),
    words,
    valid: masks.map(() => takeU8(ws, T0)),
    values: masks.map(() => takeF64(ws, T0 * words)),
    fwdValid: [takeU8(ws, T0), takeU8(ws, T0)],
    fwdValues: [takeF64(ws, T0), takeF64(ws, T0)],
    aggValid: [takeU8(ws, skipMode ? T0 : 0), takeU8(ws, skipMode ? T0 : 0)],
    aggValues: [takeF64(ws, skipMode ? T0 * words : 0), takeF64(ws, skipMode ? T0 * words : 0)],
    deque: takeI32(ws, T0),
    levelPointer: new Int32Array(n + 1),
    activeLevels: new Int32Array(n + 1),
    level: levelScratch(T0, n, words, skipMode, ws),
    ws,
  };
  /** Each epoch's band: from its first to past its last candidate in play. */
  const computeBands = (): void => {
    for (let i = 0; i < n; i += 1) {
      const mask = a.masks[i]!;
      let lo = 0;
      while (lo < a.size && mask[lo] !== 1) lo += 1;
      let hi = a.size;
      while (hi > lo && mask[hi - 1] !== 1) hi -= 1;
      a.bandLo[i] = lo;
      a.bandHi[i] = hi;
    }
  };
  computeBands();
  const top = new Float64Array(words);
  const wanted = new Float64Array(words);
  /** Entries of the gap vector of a chain placing `placed` epochs: one more than they, less the start gap after history. */
  const gapCount = (placed: number): number => placed + (a.history ? 0 : 1);
  let activeWords = 1;

  /** The arguments and outcome of the pass whose layers the arrays hold. */
  let lastPass = { k: -1, bound: NaN, ok: false };
  /** Backward pass with levels[0..k) and bound B for the other gaps; fills `top`; false when no chain exists. */
  const pass = (k: number, bound: number): boolean => {
    activeWords = Math.max(1, Math.ceil((skipDigit + k) / perWord));
    let ok: boolean;
    if (activeWords === 1) {
      const packed = scalarPass(a, k, bound);
      top.fill(0);
      ok = packed >= 0;
      if (ok) top[0] = packed;
    } else ok = generalPass(a, k, bound, activeWords, top);
    lastPass = { k, bound, ok };
    return ok;
  };

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
  const advance = (k: number, level: number, count: number): void => {
    a.levels[k] = level;
    const word = a.levelWord[k]!;
    const weight = a.levelWeight[k]!;
    for (let i = 0; i < n; i += 1) {
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
    wanted[word] = wanted[word]! + count * weight;
    activeWords = Math.max(1, Math.ceil((skipDigit + k + 1) / perWord));
    prune(k + 1, nextDown(level));
  };

  /**
   * Keep only the states on a chain that reaches `wanted` at stage k (levels 0..k-1, other gaps
   * at most `bound`): the forward pass (one-word stages) narrows each epoch's mask to the states
   * whose best prefix completes the least digits with their best suffix. Candidates no epoch
   * keeps are dropped and the layers compacted with them.
   */
  const prune = (k: number, bound: number): void => {
    if (activeWords === 1) {
      scalarForwardPass(a, k, bound, wanted[0]!);
      if (skipMode) {
        for (let i = 0; i < n; i += 1) {
          const mask = a.masks[i]!;
          const ok = a.valid[i]!;
          for (let j = a.bandLo[i]!; j < a.bandHi[i]!; j += 1) if (mask[j] !== 1) ok[j] = 0;
        }
      }
    }
    const T = a.size;
    const keep = takeU8(ws, T);
    for (let i = 0; i < n; i += 1) {
      const mask = a.masks[i]!;
      for (let j = a.bandLo[i]!; j < a.bandHi[i]!; j += 1) keep[j] = keep[j]! | mask[j]!;
    }
    let size = 0;
    const index = takeI32(ws, T);
    for (let j = 0; j < T; j += 1) if (keep[j] === 1) index[size++] = j;
    if (size < T) {
      for (let q = 0; q < size; q += 1) a.U[q] = a.U[index[q]!]!;
      /** The first new position whose old index is at least j. */
      const newPosition = (j: number): number => {
        let lo = 0;
        let hi = size;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (index[mid]! < j) lo = mid + 1;
          else hi = mid;
        }
        return lo;
      };
      for (let i = 0; i < n; i += 1) {
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
          for (let w = 0; w < activeWords; w += 1) val[q * words + w] = val[j * words + w]!;
        }
        mask.fill(0, 0, from);
        mask.fill(0, to, size);
        ok.fill(0, 0, from);
        ok.fill(0, to, size);
      }
      a.size = size;
    }
    computeBands();
  };

  /** The least number of epochs left out (-1 when the required ones cannot be placed). */
  const anyRequired = required.some((r) => r);
  const countPass = (): number => {
    // With no epoch required, placing none is always possible.
    if (!pass(0, Infinity)) return anyRequired ? -1 : n;
    return skipMode ? Math.round(top[0]! / a.skipWeight) : 0;
  };

  /** The walk forwards: the earliest chain whose digit vector is `wanted`, with k levels and bound `lastBound`. */
  const walk = (k: number, lastBound: number): (number | null)[] => {
    const { U, size: T, masks, valid, values, lowerGap, levels, levelWord, levelWeight, skipWeight } = a;
    const starts = new Array<number | null>(n).fill(null);
    const remaining = Float64Array.from(wanted);
    const levelOf = (gap: number): number => {
      for (let l = 0; l < k; l += 1) if (levels[l] === gap) return l;
      return -1;
    };
    /** Whether values[j] at p, plus level l and `skips` left-out epochs, equals `remaining`. */
    const matches = (j: number, p: number, l: number, skips: number): boolean => {
      const val = values[j]!;
      for (let w = 0; w < activeWords; w += 1) {
        let x = val[p * words + w]!;
        if (w === 0) x += skips * skipWeight;
        if (l >= 0 && levelWord[l] === w) x += levelWeight[l]!;
        if (x !== remaining[w]) return false;
      }
      return true;
    };
    const take = (l: number, skips: number): void => {
      remaining[0] = remaining[0]! - skips * skipWeight;
      if (l >= 0) remaining[levelWord[l]!] = remaining[levelWord[l]!]! - levelWeight[l]!;
    };
    let previous = -1;
    let previousStart = 0;
    for (;;) {
      if (previous >= 0 && a.requiredAfter[previous] === 0) {
        const gap = 2 * (E - previousStart);
        const l = levelOf(gap);
        if (l >= 0 || gap <= lastBound) {
          let equal = true;
          for (let w = 0; w < activeWords; w += 1) {
            let x = 0;
            if (w === 0) x += (n - 1 - previous) * skipWeight;
            if (l >= 0 && levelWord[l] === w) x += levelWeight[l]!;
            if (x !== remaining[w]) equal = false;
          }
          if (equal) break;
        }
      }
      if (previous === n - 1) throw new Error('internal: the chain does not close');
      let lastEpoch = previous + 1;
      while (lastEpoch < n - 1 && (!skipMode || a.required[lastEpoch] === 0)) lastEpoch += 1;
      if (!skipMode) lastEpoch = previous + 1;
      let p = 0;
      if (previous >= 0) {
        const least = lowerGap[previous]!;
        let lo = 0;
        let hi = T;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (U[mid]! - previousStart < least) lo = mid + 1;
          else hi = mid;
        }
        p = lo;
      }
      let chosen = -1;
      let chosenAt = -1;
      let chosenLevel = -1;
      const gapTo = (q: number): number => (previous >= 0 ? U[q]! - previousStart : startGapOf(a, U[q]!));
      const tryAt = (q: number, l: number): void => {
        for (let j = previous + 1; j <= lastEpoch && chosen < 0; j += 1) {
          if (masks[j]![q] === 1 && valid[j]![q] === 1 && matches(j, q, l, j - previous - 1)) {
            chosen = j;
            chosenAt = q;
            chosenLevel = l;
          }
        }
      };
      // Gaps that are not levels (at most lastBound) come first in time; then the levels'
      // exact distances, nearest first.
      for (; p < T && chosen < 0; p += 1) {
        const gap = gapTo(p);
        if (gap > lastBound || (previous >= 0 && gap > a.maxGapMs)) break;
        tryAt(p, levelOf(gap));
      }
      for (let l = k - 1; l >= 0 && chosen < 0; l -= 1) {
        let lo = p;
        let hi = T;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (gapTo(mid) < levels[l]!) lo = mid + 1;
          else hi = mid;
        }
        if (lo < T && gapTo(lo) === levels[l]! && (previous < 0 || levels[l]! <= a.maxGapMs)) tryAt(lo, l);
      }
      if (chosen < 0) throw new Error('internal: no optimal continuation');
      take(chosenLevel, chosen - previous - 1);
      starts[chosen] = U[chosenAt]!;
      previous = chosen;
      previousStart = U[chosenAt]!;
    }
    return starts;
  };

  const earliestFullest = (): (number | null)[] | null => {
    if (!pass(0, Infinity)) return anyRequired ? null : new Array<number | null>(n).fill(null);
    wanted.set(top);
    return walk(0, Infinity);
  };

  const solve = (): ChainSolution | null => {
    let k = 0;
    let total = 0;
    let lastBound = Infinity;
    let placed = n;
    if (!skipMode) {
      // Every epoch is placed: the first level is the least largest gap, from one bottleneck
      // pass (Infinity when no chain exists); one pass then counts its gaps.
      const first = bottleneckPass(a);
      if (!Number.isFinite(first)) return null;
      a.levels[0] = first;
      lastBound = nextDown(first);
      if (!pass(1, lastBound)) throw new Error('internal: the least largest gap lost feasibility');
      wanted.set(top);
      k = 1;
      total = Math.round(top[a.levelWord[0]!]! / a.levelWeight[0]!) % base;
      if (total < gapCount(placed)) prune(1, lastBound);
    } else {
      // (The count pass may just have run.)
      if (lastPass.k === 0 && lastPass.bound === Infinity ? !lastPass.ok : !pass(0, Infinity)) return null;
      wanted.set(top);
      placed = n - Math.round(top[0]! / a.skipWeight);
    }
    while (total < gapCount(placed)) {
      // The layers hold stage k (levels 0..k-1 counted, other gaps at most lastBound): one pass
      // finds the next level and its count, and the layers move on to stage k + 1.
      const next = levelPass(a, k, lastBound, activeWords, wanted);
      if (!Number.isFinite(next.gap)) throw new Error('internal: no gap left for a level');
      advance(k, next.gap, next.count);
      k += 1;
      lastBound = nextDown(next.gap);
      total += next.count;
    }
    const startsMs = walk(k, lastBound);
    const placedStarts = startsMs.filter((t): t is number => t !== null);
    return { startsMs, sortedGapsMs: gapVector(placedStarts, S, E, a.history).sort((x, y) => y - x) };
  };

  return { solve, countPass, earliestFullest };
}

/**
 * The start gap of a chain whose first placed epoch starts at u: 2 (u - S), or -Infinity (no
 * entry of the gap vector: below every bound, equal to no level) when the chain goes on from
 * history.
 */
function startGapOf(a: ChainArrays, u: number): number {
  return a.history ? -Infinity : 2 * (u - a.S);
}

/**
 * The levels (indices among the first k) a step from a state in [fromLo, fromHi) to one in
 * [toLo, toHi) of U can equal: those between the least and the largest distance between the
 * two bands. Into `out`; returns how many.
 */
function levelsBetween(a: ChainArrays, k: number, fromLo: number, fromHi: number, toLo: number, toHi: number, out: Int32Array): number {
  if (fromHi <= fromLo || toHi <= toLo) return 0;
  const { U, levels } = a;
  const least = U[toLo]! - U[fromHi - 1]!;
  const most = U[toHi - 1]! - U[fromLo]!;
  let count = 0;
  for (let l = 0; l < k; l += 1) if (levels[l]! >= least && levels[l]! <= most) out[count++] = l;
  return count;
}

/**
 * The backward pass when the digit vector fits one word: the best packed suffix value of
 * each (epoch, candidate) state, the chain's end gap and left-out epochs included. Written
 * without closures because it is the hot loop of the scheduler. Each epoch is visited over its
 * band of candidates only; outside it its layer reads as invalid. Returns the best total
 * packed value, or -1 when no chain exists.
 */
function scalarPass(a: ChainArrays, k: number, bound: number): number {
  const {
    n,
    E,
    U,
    size: T,
    masks,
    bandLo,
    bandHi,
    lowerGap,
    maxGapMs,
    required,
    requiredAfter,
    skipMode,
    skipWeight,
    levels,
    levelWeight,
    valid,
    values,
    words: stride,
    deque,
    levelPointer,
  } = a;
  const hiCap = Math.min(bound, maxGapMs);
  let nextOk: Uint8Array | null = null;
  let nextVal: Float64Array | null = null;
  let nextStride = stride;
  let nextLo = 0;
  let nextHi = 0;
  let spare = 0;
  for (let i = n - 1; i >= 0; i -= 1) {
    const mask = masks[i]!;
    const ok = valid[i]!;
    const val = values[i]!;
    const lo = lowerGap[i]!;
    const canEnd = requiredAfter[i] === 0;
    const endSkips = (n - 1 - i) * skipWeight;
    const jLo = bandLo[i]!;
    const jHi = bandHi[i]!;
    ok.fill(0, 0, jLo);
    ok.fill(0, jHi, T);
    let head = 0;
    let tail = 0;
    let pushed = nextLo;
    const active = nextOk === null ? 0 : levelsBetween(a, k, jLo, jHi, nextLo, nextHi, a.activeLevels);
    for (let x = 0; x < active; x += 1) levelPointer[x] = nextLo;
    for (let j = jLo; j < jHi; j += 1) {
      if (mask[j] !== 1) {
        ok[j] = 0;
        continue;
      }
      const u = U[j]!;
      let best = Infinity;
      if (canEnd) {
        const gap = 2 * (E - u);
        let v = gap <= bound ? 0 : Infinity;
        for (let l = 0; l < k; l += 1) {
          if (levels[l] === gap) {
            v = levelWeight[l]!;
            break;
          }
        }
        if (v !== Infinity) best = v + endSkips;
      }
      if (nextOk !== null) {
        const next = nextVal!;
        while (pushed < nextHi && U[pushed]! - u <= hiCap) {
          if (nextOk[pushed] === 1) {
            const v = next[pushed * nextStride]!;
            while (tail > head && next[deque[tail - 1]! * nextStride]! >= v) tail -= 1;
            deque[tail] = pushed;
            tail += 1;
          }
          pushed += 1;
        }
        while (tail > head && U[deque[head]!]! - u < lo) head += 1;
        if (tail > head) {
          const v = next[deque[head]! * nextStride]!;
          if (v < best) best = v;
        }
        for (let x = 0; x < active; x += 1) {
          const l = a.activeLevels[x]!;
          const gap = levels[l]!;
          if (gap < lo || gap > maxGapMs) continue;
          let p = levelPointer[x]!;
          while (p < nextHi && U[p]! - u < gap) p += 1;
          levelPointer[x] = p;
          if (p < nextHi && U[p]! - u === gap && nextOk[p] === 1) {
            const v = next[p * nextStride]! + levelWeight[l]!;
            if (v < best) best = v;
          }
        }
      }
      if (best === Infinity) ok[j] = 0;
      else {
        ok[j] = 1;
        val[j * stride] = best;
      }
    }
    if (!skipMode || required[i] === 1 || nextOk === null) {
      nextOk = ok;
      nextVal = val;
      nextStride = stride;
      nextLo = jLo;
      nextHi = jHi;
    } else {
      // The epochs that may come after i - 1: epoch i, or (leaving i out) those after it.
      const aggOk = a.aggValid[spare]!;
      const aggVal = a.aggValues[spare]!;
      const aLo = Math.min(jLo, nextLo);
      const aHi = Math.max(jHi, nextHi);
      aggOk.fill(0, 0, aLo);
      aggOk.fill(0, aHi, T);
      for (let j = aLo; j < aHi; j += 1) {
        let v = ok[j] === 1 ? val[j * stride]! : Infinity;
        if (nextOk[j] === 1) {
          const s = nextVal![j * nextStride]! + skipWeight;
          if (s < v) v = s;
        }
        if (v === Infinity) aggOk[j] = 0;
        else {
          aggOk[j] = 1;
          aggVal[j] = v;
        }
      }
      nextOk = aggOk;
      nextVal = aggVal;
      nextStride = 1;
      nextLo = aLo;
      nextHi = aHi;
      spare ^= 1;
    }
  }
  let top = Infinity;
  for (let j = nextLo; j < nextHi; j += 1) {
    if (nextOk![j] !== 1) continue;
    const gap = startGapOf(a, U[j]!);
    let w = gap <= bound ? 0 : Infinity;
    for (let l = 0; l < k; l += 1) {
      if (levels[l] === gap) {
        w = levelWeight[l]!;
        break;
      }
    }
    if (w === Infinity) continue;
    const v = nextVal![j * nextStride]! + w;
    if (v < top) top = v;
  }
  return top === Infinity ? -1 : top;
}

/**
 * The backward pass with digit vectors over several words: the same recurrence as
 * {@link scalarPass}, comparing words in order. Fills `top`; false when no chain exists.
 */
function generalPass(a: ChainArrays, k: number, bound: number, activeWords: number, top: Float64Array): boolean {
  const {
    n,
    E,
    U,
    size: T,
    masks,
    bandLo,
    bandHi,
    lowerGap,
    maxGapMs,
    required,
    requiredAfter,
    skipMode,
    skipWeight,
    levels,
    levelWord,
    levelWeight,
    valid,
    values,
    words: W,
    deque,
    levelPointer,
  } = a;
  const hiCap = Math.min(bound, maxGapMs);
  const best = new Float64Array(W);
  const candidate = new Float64Array(W);
  /** Compare x[xo..] plus level l (or none) with y[yo..]. */
  const compare = (x: Float64Array, xo: number, l: number, y: Float64Array, yo: number): number => {
    for (let w = 0; w < activeWords; w += 1) {
      const d = x[xo + w]! + (l >= 0 && levelWord[l] === w ? levelWeight[l]! : 0) - y[yo + w]!;
      if (d !== 0) return d;
    }
    return 0;
  };
  const copy = (x: Float64Array, xo: number, l: number, y: Float64Array, yo: number): void => {
    for (let w = 0; w < activeWords; w += 1) y[yo + w] = x[xo + w]! + (l >= 0 && levelWord[l] === w ? levelWeight[l]! : 0);
  };
  const levelOf = (gap: number): number => {
    for (let l = 0; l < k; l += 1) if (levels[l] === gap) return l;
    return -1;
  };
  let nextOk: Uint8Array | null = null;
  let nextVal: Float64Array | null = null;
  let nextLo = 0;
  let nextHi = 0;
  let spare = 0;
  for (let i = n - 1; i >= 0; i -= 1) {
    const mask = masks[i]!;
    const ok = valid[i]!;
    const val = values[i]!;
    const lo = lowerGap[i]!;
    const canEnd = requiredAfter[i] === 0;
    const jLo = bandLo[i]!;
    const jHi = bandHi[i]!;
    ok.fill(0, 0, jLo);
    ok.fill(0, jHi, T);
    let head = 0;
    let tail = 0;
    let pushed = nextLo;
    levelPointer.fill(nextLo, 0, k);
    for (let j = jLo; j < jHi; j += 1) {
      if (mask[j] !== 1) {
        ok[j] = 0;
        continue;
      }
      const u = U[j]!;
      let found = false;
      if (canEnd) {
        const gap = 2 * (E - u);
        const l = levelOf(gap);
        if (l >= 0 || gap <= bound) {
          candidate.fill(0);
          candidate[0] = (n - 1 - i) * skipWeight;
          copy(candidate, 0, l, best, 0);
          found = true;
        }
      }
      if (nextOk !== null) {
        const next = nextVal!;
        while (pushed < nextHi && U[pushed]! - u <= hiCap) {
          if (nextOk[pushed] === 1) {
            while (tail > head && compare(next, deque[tail - 1]! * W, -1, next, pushed * W) >= 0) tail -= 1;
            deque[tail] = pushed;
            tail += 1;
          }
          pushed += 1;
        }
        while (tail > head && U[deque[head]!]! - u < lo) head += 1;
        if (tail > head && (!found || compare(next, deque[head]! * W, -1, best, 0) < 0)) {
          found = true;
          copy(next, deque[head]! * W, -1, best, 0);
        }
        for (let l = 0; l < k; l += 1) {
          const gap = levels[l]!;
          if (gap < lo || gap > maxGapMs) continue;
          let p = levelPointer[l]!;
          while (p < nextHi && U[p]! - u < gap) p += 1;
          levelPointer[l] = p;
          if (p < nextHi && U[p]! - u === gap && nextOk[p] === 1 && (!found || compare(next, p * W, l, best, 0) < 0)) {
            found = true;
            copy(next, p * W, l, best, 0);
          }
        }
      }
      ok[j] = found ? 1 : 0;
      if (found) copy(best, 0, -1, val, j * W);
    }
    if (!skipMode || required[i] === 1 || nextOk === null) {
      nextOk = ok;
      nextVal = val;
      nextLo = jLo;
      nextHi = jHi;
    } else {
      const aggOk = a.aggValid[spare]!;
      const aggVal = a.aggValues[spare]!;
      const aLo = Math.min(jLo, nextLo);
      const aHi = Math.max(jHi, nextHi);
      aggOk.fill(0, 0, aLo);
      aggOk.fill(0, aHi, T);
      for (let j = aLo; j < aHi; j += 1) {
        let any = false;
        if (ok[j] === 1) {
          copy(val, j * W, -1, best, 0);
          any = true;
        }
        if (nextOk[j] === 1) {
          copy(nextVal!, j * W, -1, candidate, 0);
          candidate[0] = candidate[0]! + skipWeight;
          if (!any || compare(candidate, 0, -1, best, 0) < 0) copy(candidate, 0, -1, best, 0);
          any = true;
        }
        aggOk[j] = any ? 1 : 0;
        if (any) copy(best, 0, -1, aggVal, j * W);
      }
      nextOk = aggOk;
      nextVal = aggVal;
      nextLo = aLo;
      nextHi = aHi;
      spare ^= 1;
    }
  }
  let any = false;
  top.fill(0);
  for (let j = nextLo; j < nextHi; j += 1) {
    if (nextOk![j] !== 1) continue;
    const gap = startGapOf(a, U[j]!);
    const l = levelOf(gap);
    if (l < 0 && gap > bound) continue;
    if (!any || compare(nextVal!, j * W, l, top, 0) < 0) {
      any = true;
      copy(nextVal!, j * W, l, top, 0);
    }
  }
  return any;
}

/**
 * Forward counterpart of {@link scalarPass}: the best packed prefix value of each state (the
 * start gap, the epochs left out before it and the gaps up to it), which narrows each epoch's
 * mask to the states whose prefix and suffix (from the backward pass) add up to `best`. With
 * epochs that may be left out, a state's predecessor may be any earlier epoch, whose block
 * length sets the least gap: the predecessors are kept in one aggregate layer per distinct least gap.
 */
function scalarForwardPass(a: ChainArrays, k: number, bound: number, best: number): void {
  if (!a.skipMode) {
    chainForwardPass(a, k, bound, best);
    return;
  }
  const {
    n,
    U,
    size: T,
    masks,
    bandLo,
    bandHi,
    lowerGap,
    maxGapMs,
    required,
    requiredBefore,
    skipWeight,
    levels,
    levelWeight,
    valid,
    values,
    words: stride,
  } = a;
  const fwdValid = a.fwdValid;
  const fwdValues = a.fwdValues;
  const hiCap = Math.min(bound, maxGapMs);
  // Predecessor layers, one per distinct least gap: aggregates (own buffers, offset by the
  // left-out epochs they carry) of every earlier epoch a chain may come from.
  const classLo = [...new Set(lowerGap)];
  const C = classLo.length;
  const qOk: Uint8Array[] = Array.from({ length: C }, () => takeU8(a.ws, T));
  const qVal: Float64Array[] = Array.from({ length: C }, () => takeF64(a.ws, T));
  const qLo = new Int32Array(C);
  const qHi = new Int32Array(C);
  const qOffset = new Float64Array(C);
  const active = new Uint8Array(C);
  const deques = Array.from({ length: C }, () => takeI32(a.ws, T));
  const pointers = new Int32Array(Math.max(1, C * k));
  for (let i = 0; i < n; i += 1) {
    const mask = masks[i]!;
    const ok = fwdValid[i & 1]!;
    const val = fwdValues[i & 1]!;
    const canStart = requiredBefore[i] === 0;
    const startSkips = i * skipWeight;
    const jLo = bandLo[i]!;
    const jHi = bandHi[i]!;
    ok.fill(0, 0, jLo);
    ok.fill(0, jHi, T);
    // The layers to read: per class, its arrays, band, offset and least gap.
    const layers: {
      ok: Uint8Array;
      val: Float64Array;
      lo: number;
      from: number;
      to: number;
      offset: number;
      deque: Int32Array;
      c: number;
    }[] = [];
    for (let c = 0; c < C; c += 1) {
      if (active[c] === 1)
        layers.push({ ok: qOk[c]!, val: qVal[c]!, lo: classLo[c]!, from: qLo[c]!, to: qHi[c]!, offset: qOffset[c]!, deque: deques[c]!, c });
    }
    const L = layers.length;
    const heads = new Int32Array(L);
    const tails = new Int32Array(L);
    const pushedAt = Int32Array.from(layers, (layer) => layer.from);
    for (let x = 0; x < L; x += 1) pointers.fill(layers[x]!.from, x * k, (x + 1) * k);
    for (let j = jLo; j < jHi; j += 1) {
      if (mask[j] !== 1) {
        ok[j] = 0;
        continue;
      }
      const u = U[j]!;
      let prefix = Infinity;
      if (canStart) {
        const gap = startGapOf(a, u);
        let w = gap <= bound ? 0 : Infinity;
        for (let l = 0; l < k; l += 1) {
          if (levels[l] === gap) {
            w = levelWeight[l]!;
            break;
          }
        }
        if (w !== Infinity) prefix = startSkips + w;
      }
      for (let x = 0; x < L; x += 1) {
        const layer = layers[x]!;
        const okC = layer.ok;
        const valC = layer.val;
        const deque = layer.deque;
        const lo = layer.lo;
        let head = heads[x]!;
        let tail = tails[x]!;
        let pushed = pushedAt[x]!;
        while (pushed < layer.to && u - U[pushed]! >= lo) {
          if (okC[pushed] === 1) {
            const v = valC[pushed]!;
            while (tail > head && valC[deque[tail - 1]!]! >= v) tail -= 1;
            deque[tail] = pushed;
            tail += 1;
          }
          pushed += 1;
        }
        while (tail > head && u - U[deque[head]!]! > hiCap) head += 1;
        if (tail > head) {
          const v = valC[deque[head]!]! + layer.offset;
          if (v < prefix) prefix = v;
        }
        heads[x] = head;
        tails[x] = tail;
        pushedAt[x] = pushed;
        for (let l = 0; l < k; l += 1) {
          const gap = levels[l]!;
          if (gap < lo || gap > maxGapMs) continue;
          let p = pointers[x * k + l]!;
          while (p < layer.to && u - U[p]! > gap) p += 1;
          pointers[x * k + l] = p;
          if (p < layer.to && u - U[p]! === gap && okC[p] === 1) {
            const v = valC[p]! + layer.offset + levelWeight[l]!;
            if (v < prefix) prefix = v;
          }
        }
      }
      if (prefix === Infinity) ok[j] = 0;
      else {
        ok[j] = 1;
        val[j] = prefix;
      }
    }
    // Keep the states on a best chain.
    const backOk = valid[i]!;
    const backVal = values[i]!;
    for (let j = jLo; j < jHi; j += 1)
      mask[j] = mask[j] === 1 && ok[j] === 1 && backOk[j] === 1 && val[j]! + backVal[j * stride]! === best ? 1 : 0;
    const own = classLo.indexOf(lowerGap[i]!);
    if (required[i] === 1) active.fill(0);
    else for (let c = 0; c < C; c += 1) if (active[c] === 1) qOffset[c] = qOffset[c]! + skipWeight; // chains that leave epoch i out
    const okC = qOk[own]!;
    const valC = qVal[own]!;
    if (active[own] !== 1) {
      okC.fill(0);
      qOffset[own] = 0;
      qLo[own] = jLo;
      qHi[own] = jHi;
      active[own] = 1;
    } else {
      qLo[own] = Math.min(qLo[own]!, jLo);
      qHi[own] = Math.max(qHi[own]!, jHi);
    }
    const offset = qOffset[own]!;
    for (let j = jLo; j < jHi; j += 1) {
      if (ok[j] !== 1) continue;
      const raw = val[j]! - offset;
      if (okC[j] !== 1 || raw < valC[j]!) {
        okC[j] = 1;
        valC[j] = raw;
      }
    }
  }
}

/**
 * {@link scalarForwardPass} when every epoch is placed: each epoch's predecessor is the epoch
 * before it, one layer read with one deque.
 */
function chainForwardPass(a: ChainArrays, k: number, bound: number, best: number): void {
  const {
    n,
    U,
    size: T,
    masks,
    bandLo,
    bandHi,
    lowerGap,
    maxGapMs,
    levels,
    levelWeight,
    valid,
    values,
    words: stride,
    deque,
    levelPointer,
  } = a;
  const hiCap = Math.min(bound, maxGapMs);
  for (let i = 0; i < n; i += 1) {
    const mask = masks[i]!;
    const ok = a.fwdValid[i & 1]!;
    const val = a.fwdValues[i & 1]!;
    const prevOk = a.fwdValid[(i + 1) & 1]!;
    const prevVal = a.fwdValues[(i + 1) & 1]!;
    const jLo = bandLo[i]!;
    const jHi = bandHi[i]!;
    ok.fill(0, 0, jLo);
    ok.fill(0, jHi, T);
    const from = i > 0 ? bandLo[i - 1]! : 0;
    const to = i > 0 ? bandHi[i - 1]! : 0;
    const lo = i > 0 ? lowerGap[i - 1]! : 0;
    let head = 0;
    let tail = 0;
    let pushed = from;
    const active = i > 0 ? levelsBetween(a, k, from, to, jLo, jHi, a.activeLevels) : 0;
    levelPointer.fill(from, 0, active);
    for (let j = jLo; j < jHi; j += 1) {
      if (mask[j] !== 1) {
        ok[j] = 0;
        continue;
      }
      const u = U[j]!;
      let prefix = Infinity;
      if (i === 0) {
        const gap = startGapOf(a, u);
        if (gap <= bound) prefix = 0;
        for (let l = 0; l < k; l += 1) {
          if (levels[l] === gap) {
            prefix = levelWeight[l]!;
            break;
          }
        }
      } else {
        while (pushed < to && u - U[pushed]! >= lo) {
          if (prevOk[pushed] === 1) {
            const v = prevVal[pushed]!;
            while (tail > head && prevVal[deque[tail - 1]!]! >= v) tail -= 1;
            deque[tail] = pushed;
            tail += 1;
          }
          pushed += 1;
        }
        while (tail > head && u - U[deque[head]!]! > hiCap) head += 1;
        if (tail > head) prefix = prevVal[deque[head]!]!;
        for (let x = 0; x < active; x += 1) {
          const l = a.activeLevels[x]!;
          const gap = levels[l]!;
          if (gap < lo || gap > maxGapMs) continue;
          let p = levelPointer[x]!;
          while (p < to && u - U[p]! > gap) p += 1;
          levelPointer[x] = p;
          if (p < to && u - U[p]! === gap && prevOk[p] === 1) {
            const v = prevVal[p]! + levelWeight[l]!;
            if (v < prefix) prefix = v;
          }
        }
      }
      if (prefix === Infinity) ok[j] = 0;
      else {
        ok[j] = 1;
        val[j] = prefix;
      }
    }
    // Keep the states on a best chain; the others read as invalid from now on.
    const backOk = valid[i]!;
    const backVal = values[i]!;
    for (let j = jLo; j < jHi; j += 1) {
      if (mask[j] === 1 && ok[j] === 1 && backOk[j] === 1 && val[j]! + backVal[j * stride]! === best) continue;
      mask[j] = 0;
      backOk[j] = 0;
    }
  }
}

/**
 * The least largest gap over all chains that place every epoch (Infinity when none exists),
 * the first level when every epoch is placed. A backward pass whose value is the least possible
 * largest gap of the rest of the chain, M(i, t). For a start t, successors t' in
 * [t + lo, t + maxGap] give max(t' - t, M(i+1, t')); before the first t* with
 * M(i+1, t*) <= t* - t the maximum is M itself, from t* on it is at least t* - t, so the best is
 * min(least M before t*, t* - t). Both t* and the range move forwards with t.
 */
function bottleneckPass(a: ChainArrays): number {
  const { n, E, U, size: T, masks, bandLo, bandHi, lowerGap, maxGapMs, deque } = a;
  const layers = a.level.m;
  let next: Float64Array | null = null;
  let nextLo = 0;
  let nextHi = 0;
  for (let i = n - 1; i >= 0; i -= 1) {
    const value = layers[i & 1]!;
    const mask = masks[i]!;
    const lo = lowerGap[i]!;
    const jLo = bandLo[i]!;
    const jHi = bandHi[i]!;
    value.fill(Infinity, 0, T);
    let first = nextLo;
    let star = nextLo;
    let pushed = nextLo;
    let head = 0;
    let tail = 0;
    for (let j = jLo; j < jHi; j += 1) {
      if (mask[j] !== 1) continue;
      const t = U[j]!;
      let best = Infinity;
      if (next === null) best = 2 * (E - t);
      else {
        const rest = next;
        while (first < nextHi && U[first]! - t < lo) first += 1;
        if (star < first) star = first;
        while (star < nextHi && U[star]! - t <= maxGapMs && rest[star]! > U[star]! - t) star += 1;
        if (pushed < first) pushed = first;
        while (pushed < star) {
          const v = rest[pushed]!;
          while (tail > head && rest[deque[tail - 1]!]! >= v) tail -= 1;
          deque[tail] = pushed;
          tail += 1;
          pushed += 1;
        }
        while (tail > head && deque[head]! < first) head += 1;
        if (tail > head) best = rest[deque[head]!]!;
        if (star < nextHi && U[star]! - t <= maxGapMs) best = Math.min(best, U[star]! - t);
      }
      value[j] = best;
    }
    next = value;
    nextLo = jLo;
    nextHi = jHi;
  }
  let top = Infinity;
  for (let j = nextLo; j < nextHi; j += 1) top = Math.min(top, Math.max(startGapOf(a, U[j]!), next![j]!));
  return top;
}

/**
 * The next level and how many gaps it has, in one backward pass over the layers of the last
 * plain pass (levels 0..k-1 counted, other gaps at most `bound`, least digit vector `wanted`).
 * A chain of least digits has least digits from each of its states on (else a better suffix
 * would lower the total), so it steps only from a state to a successor whose value, plus the
 * level digit of the gap between them, equals the state's own. Over those steps, the pass finds
 * the lexicographically least pair (largest gap that is not a level, number of gaps of that
 * size): pairs compose along a chain (the largest gap is the maximum, counts add when equal), so
 * a suffix's least pair is all a prefix needs. Successors of equal value form classes; within a
 * class, a step of gap g to a state whose pair is (m, c) gives (max(g, m), ...): before the
 * first successor t* with m <= t* - t it is the successor's own pair (a sliding minimum), from
 * t* on it is at least t* - t, so t* is the only other one to try. The classes' pointers move
 * forwards with t. Returns the least pair at the start of the chain; the next level is its gap.
 */
function levelPass(a: ChainArrays, k: number, bound: number, activeWords: number, wanted: Float64Array): { gap: number; count: number } {
  const {
    n,
    E,
    U,
    size: T,
    masks,
    bandLo,
    bandHi,
    lowerGap,
    maxGapMs,
    required,
    requiredAfter,
    skipMode,
    skipWeight,
    levels,
    levelWord,
    levelWeight,
    valid,
    values,
    words: W,
  } = a;
  const x = a.level;
  const reachCap = Math.min(bound, maxGapMs);
  const scalar = activeWords === 1;
  const keyOf = (v: Float64Array, o: number): string => Array.from(v.subarray(o, o + activeWords)).join(',');
  const equalPlus = (v: Float64Array, vo: number, add0: number, l: number, y: Float64Array, yo: number): boolean => {
    for (let w = 0; w < activeWords; w += 1) {
      let z = w === 0 ? v[vo]! + add0 : v[vo + w]!;
      if (l >= 0 && levelWord[l] === w) z += levelWeight[l]!;
      if (z !== y[yo + w]) return false;
    }
    return true;
  };
  /** Whether a chain end's value (`add0` left-out epochs, level `l`'s digit, nothing else) equals y's words. */
  const endEquals = (add0: number, l: number, y: Float64Array, yo: number): boolean => {
    for (let w = 0; w < activeWords; w += 1) {
      let z = w === 0 ? add0 : 0;
      if (l >= 0 && levelWord[l] === w) z += levelWeight[l]!;
      if (z !== y[yo + w]) return false;
    }
    return true;
  };
  const levelOf = (gap: number): number => {
    for (let l = 0; l < k; l += 1) if (levels[l] === gap) return l;
    return -1;
  };
  const { classOf, order, times, sm, sc, classStart, first, star, pushed, head, tail, deque, levelPointer } = x;
  // The layer the steps go to: validity, values (stride W), pairs, band.
  let nOk: Uint8Array | null = null;
  let nVal: Float64Array = values[0]!;
  let nM: Float64Array = x.m[0]!;
  let nC: Float64Array = x.c[0]!;
  let nLo = 0;
  let nHi = 0;
  let aggSpare = 0;
  const numberIds = new Map<number, number>();
  const textIds = new Map<string, number>();
  for (let i = n - 1; i >= 0; i -= 1) {
    const mask = masks[i]!;
    const ok = valid[i]!;
    const val = values[i]!;
    const lo = lowerGap[i]!;
    const canEnd = requiredAfter[i] === 0;
    const endSkips = (n - 1 - i) * skipWeight;
    const jLo = bandLo[i]!;
    const jHi = bandHi[i]!;
    // Each epoch's own pairs are kept (they give its next values); aggregates' go to scratch.
    const mOut = x.pairM[i]!;
    const cOut = x.pairC[i]!;
    // Successors grouped by value, each class in time order in `order`.
    numberIds.clear();
    textIds.clear();
    let classes = 0;
    // One class (every successor of one value, as at the first stages): no need to sort them.
    let single = false;
    let singleValue = NaN;
    if (nOk && scalar) {
      single = true;
      for (let p = nLo; p < nHi && single; p += 1) {
        if (nOk[p] !== 1) continue;
        if (Number.isNaN(singleValue)) singleValue = nVal[p * W]!;
        else if (nVal[p * W] !== singleValue) single = false;
      }
    }
    let sFirst = nLo;
    let sStar = nLo;
    let sPushed = nLo;
    let sHead = 0;
    let sTail = 0;
    if (nOk && !single) {
      // (Number keys in one word, text keys over several: each loop stays of one type.)
      let lastNumber = NaN;
      let lastText = '';
      let lastId = -1;
      for (let p = nLo; p < nHi; p += 1) {
        if (nOk[p] !== 1) continue;
        let id = lastId;
        if (scalar) {
          const key = nVal[p * W]!;
          if (key !== lastNumber) {
            const known = numberIds.get(key);
            if (known === undefined) {
              id = classes++;
              numberIds.set(key, id);
              classStart[id] = 0;
            } else id = known;
            lastNumber = key;
          }
        } else {
          const key = keyOf(nVal, p * W);
          if (key !== lastText || lastId < 0) {
            const known = textIds.get(key);
            if (known === undefined) {
              id = classes++;
              textIds.set(key, id);
              classStart[id] = 0;
            } else id = known;
            lastText = key;
          }
        }
        lastId = id;
        classOf[p] = id;
        classStart[id] = classStart[id]! + 1;
      }
      let at = 0;
      for (let id = 0; id < classes; id += 1) {
        const size = classStart[id]!;
        classStart[id] = at;
        first[id] = at;
        star[id] = at;
        pushed[id] = at;
        head[id] = at;
        tail[id] = at;
        at += size;
      }
      classStart[classes] = at;
      // `pushed` doubles as the fill cursor, then is reset. Each class's times and pairs are
      // laid out contiguously, in time order, for the sweeps below.
      for (let p = nLo; p < nHi; p += 1) {
        if (nOk[p] !== 1) continue;
        const id = classOf[p]!;
        const at2 = pushed[id]!;
        order[at2] = p;
        times[at2] = U[p]!;
        sm[at2] = nM[p]!;
        sc[at2] = nC[p]!;
        pushed[id] = at2 + 1;
      }
      for (let id = 0; id < classes; id += 1) pushed[id] = classStart[id]!;
    }
    const active = nOk ? levelsBetween(a, k, jLo, jHi, nLo, nHi, a.activeLevels) : 0;
    levelPointer.fill(nLo, 0, active);
    let lastNumber = NaN;
    let lastText = '';
    let lastId = -1;
    for (let j = jLo; j < jHi; j += 1) {
      if (mask[j] !== 1 || ok[j] !== 1) continue;
      const u = U[j]!;
      let bestM = Infinity;
      let bestC = Infinity;
      if (canEnd) {
        const gap = 2 * (E - u);
        const l = levelOf(gap);
        if ((l >= 0 || gap <= bound) && endEquals(endSkips, l, val, j * W)) {
          bestM = l >= 0 ? -Infinity : gap;
          bestC = l >= 0 ? 0 : 1;
        }
      }
      if (nOk) {
        for (let y = 0; y < active; y += 1) {
          const l = a.activeLevels[y]!;
          const gap = levels[l]!;
          if (gap < lo || gap > maxGapMs) continue;
          let p = levelPointer[y]!;
          while (p < nHi && U[p]! - u < gap) p += 1;
          levelPointer[y] = p;
          if (
            p < nHi &&
            U[p]! - u === gap &&
            nOk[p] === 1 &&
            (scalar ? nVal[p * W]! + levelWeight[l]! === val[j * W]! : equalPlus(nVal, p * W, 0, l, val, j * W))
          ) {
            const pm = nM[p]!;
            const pc = nC[p]!;
            if (pm < bestM || (pm === bestM && pc < bestC)) {
              bestM = pm;
              bestC = pc;
            }
          }
        }
        if (single) {
          if (val[j * W] === singleValue) {
            // The class is the successor band itself, invalid entries passed over.
            while (sFirst < nHi && U[sFirst]! - u < lo) sFirst += 1;
            if (sStar < sFirst) sStar = sFirst;
            while (sStar < nHi) {
              if (nOk[sStar] !== 1) {
                sStar += 1;
                continue;
              }
              const gap = U[sStar]! - u;
              if (gap > reachCap || nM[sStar]! <= gap) break;
              sStar += 1;
            }
            if (sPushed < sFirst) sPushed = sFirst;
            while (sPushed < sStar) {
              if (nOk[sPushed] === 1) {
                const pm = nM[sPushed]!;
                const pc = nC[sPushed]!;
                while (sTail > sHead) {
                  const r = deque[sTail - 1]!;
                  if (pm < nM[r]! || (pm === nM[r] && pc <= nC[r]!)) sTail -= 1;
                  else break;
                }
                deque[sTail] = sPushed;
                sTail += 1;
              }
              sPushed += 1;
            }
            while (sTail > sHead && deque[sHead]! < sFirst) sHead += 1;
            if (sTail > sHead) {
              const r = deque[sHead]!;
              if (nM[r]! < bestM || (nM[r] === bestM && nC[r]! < bestC)) {
                bestM = nM[r]!;
                bestC = nC[r]!;
              }
            }
            if (sStar < nHi) {
              const gap = U[sStar]! - u;
              if (gap <= reachCap) {
                const pc = nM[sStar] === gap ? nC[sStar]! + 1 : 1;
                if (gap < bestM || (gap === bestM && pc < bestC)) {
                  bestM = gap;
                  bestC = pc;
                }
              }
            }
          }
          lastId = -1;
        } else if (scalar) {
          const key = val[j * W]!;
          if (key !== lastNumber) {
            lastId = numberIds.get(key) ?? -1;
            lastNumber = key;
          }
        } else {
          const key = keyOf(val, j * W);
          if (key !== lastText) {
            lastId = textIds.get(key) ?? -1;
            lastText = key;
          }
        }
        const id = lastId;
        if (id >= 0) {
          const end = classStart[id + 1]!;
          let f = first[id]!;
          while (f < end && times[f]! - u < lo) f += 1;
          first[id] = f;
          let s = star[id]!;
          if (s < f) s = f;
          while (s < end) {
            const gap = times[s]! - u;
            if (gap > reachCap || sm[s]! <= gap) break;
            s += 1;
          }
          star[id] = s;
          let q = pushed[id]!;
          if (q < f) q = f;
          let h = head[id]!;
          let t = tail[id]!;
          while (q < s) {
            const pm = sm[q]!;
            const pc = sc[q]!;
            while (t > h) {
              const r = deque[t - 1]!;
              if (pm < sm[r]! || (pm === sm[r] && pc <= sc[r]!)) t -= 1;
              else break;
            }
            deque[t] = q;
            t += 1;
            q += 1;
          }
          while (t > h && deque[h]! < f) h += 1;
          pushed[id] = q;
          head[id] = h;
          tail[id] = t;
          if (t > h) {
            const r = deque[h]!;
            const pm = sm[r]!;
            const pc = sc[r]!;
            if (pm < bestM || (pm === bestM && pc < bestC)) {
              bestM = pm;
              bestC = pc;
            }
          }
          if (s < end) {
            const gap = times[s]! - u;
            if (gap <= reachCap) {
              const pc = sm[s] === gap ? sc[s]! + 1 : 1;
              if (gap < bestM || (gap === bestM && pc < bestC)) {
                bestM = gap;
                bestC = pc;
              }
            }
          }
        }
      }
      mOut[j] = bestM;
      cOut[j] = bestC;
    }
    if (!skipMode || required[i] === 1 || nOk === null) {
      nOk = ok;
      nVal = val;
      nM = mOut;
      nC = cOut;
      nLo = jLo;
      nHi = jHi;
      continue;
    }
    // The aggregate before epoch i: epoch i, or (leaving it out) the epochs after it; the pair of
    // the options of least value.
    const aOk = x.aggOk[aggSpare]!;
    const aVal = x.aggVal[aggSpare]!;
    const aM = x.m[aggSpare]!;
    const aC = x.c[aggSpare]!;
    const aLo = Math.min(jLo, nLo);
    const aHi = Math.max(jHi, nHi);
    aOk.fill(0, 0, T);
    for (let j = aLo; j < aHi; j += 1) {
      const own = mask[j] === 1 && ok[j] === 1;
      const later = nOk[j] === 1;
      if (!own && !later) continue;
      let cmp = 1; // later (plus one left out) against own: negative when later is less
      if (later && own) {
        cmp = 0;
        for (let w = 0; w < activeWords && cmp === 0; w += 1) cmp = nVal[j * W + w]! + (w === 0 ? skipWeight : 0) - val[j * W + w]!;
      } else if (later) cmp = -1;
      let pm = Infinity;
      let pc = Infinity;
      if (cmp >= 0) {
        for (let w = 0; w < activeWords; w += 1) aVal[j * W + w] = val[j * W + w]!;
        pm = mOut[j]!;
        pc = cOut[j]!;
      } else for (let w = 0; w < activeWords; w += 1) aVal[j * W + w] = nVal[j * W + w]! + (w === 0 ? skipWeight : 0);
      if (cmp <= 0 && later && (nM[j]! < pm || (nM[j] === pm && nC[j]! < pc))) {
        pm = nM[j]!;
        pc = nC[j]!;
      }
      aOk[j] = 1;
      aM[j] = pm;
      aC[j] = pc;
    }
    nOk = aOk;
    nVal = aVal;
    nM = aM;
    nC = aC;
    nLo = aLo;
    nHi = aHi;
    aggSpare ^= 1;
  }
  let bestM = Infinity;
  let bestC = Infinity;
  for (let j = nLo; j < nHi; j += 1) {
    if (nOk![j] !== 1) continue;
    const gap = startGapOf(a, U[j]!);
    const l = levelOf(gap);
    if (l < 0 && gap > bound) continue;
    if (!equalPlus(nVal, j * W, 0, l, wanted, 0)) continue;
    let pm = nM[j]!;
    let pc = nC[j]!;
    // (A chain that goes on from history has no start gap: -Infinity, never a gap of the vector.)
    if (l < 0 && gap !== -Infinity) {
      if (gap > pm) {
        pm = gap;
        pc = 1;
      } else if (gap === pm) pc += 1;
    }
    if (pm < bestM || (pm === bestM && pc < bestC)) {
      bestM = pm;
      bestC = pc;
    }
  }
  return { gap: bestM, count: bestC };
}

/** Scratch arrays of {@link levelPass}, allocated once per chain problem. */
interface LevelScratch {
  /** Per epoch: the least pair (largest other gap, its count) of each state. */
  readonly pairM: Float64Array[];
  readonly pairC: Float64Array[];
  /** The aggregates' pairs. */
  readonly m: [Float64Array, Float64Array];
  readonly c: [Float64Array, Float64Array];
  readonly aggOk: [Uint8Array, Uint8Array];
  readonly aggVal: [Float64Array, Float64Array];
  readonly classOf: Int32Array;
  /** Successors in class order: index, time, pair. */
  readonly order: Int32Array;
  readonly times: Float64Array;
  readonly sm: Float64Array;
  readonly sc: Float64Array;
  readonly classStart: Int32Array;
  readonly first: Int32Array;
  readonly star: Int32Array;
  readonly pushed: Int32Array;
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly deque: Int32Array;
  readonly levelPointer: Int32Array;
}

function levelScratch(T: number, n: number, words: number, skipMode: boolean, ws: ChainWorkspace): LevelScratch {
  return {
    pairM: Array.from({ length: n }, () => takeF64(ws, T)),
    pairC: Array.from({ length: n }, () => takeF64(ws, T)),
    m: [takeF64(ws, T), takeF64(ws, T)],
    c: [takeF64(ws, T), takeF64(ws, T)],
    aggOk: [takeU8(ws, skipMode ? T : 0), takeU8(ws, skipMode ? T : 0)],
    aggVal: [takeF64(ws, skipMode ? T * words : 0), takeF64(ws, skipMode ? T * words : 0)],
    classOf: takeI32(ws, T),
    order: takeI32(ws, T),
    times: takeF64(ws, T),
    sm: takeF64(ws, T),
    sc: takeF64(ws, T),
    classStart: takeI32(ws, T + 1),
    first: takeI32(ws, T),
    star: takeI32(ws, T),
    pushed: takeI32(ws, T),
    head: takeI32(ws, T),
    tail: takeI32(ws, T),
    deque: takeI32(ws, T),
    levelPointer: new Int32Array(n + 1),
  };
}
