/**
 * The arrays of one chain problem, which every pass reads and writes: the union of the
 * candidates, each epoch's mask and band over it, the digit layers and the scratch of the passes.
 * @module
 */
import { InputError } from '../../errors.js';
import { markMembers, sortedUnion } from '../../sorted.js';
import { type ChainProblem, chainStateBytes, chainTooLarge, MAX_CHAIN_STATE_BYTES } from './problem.js';
import { type ChainWorkspace, resetWorkspace, takeF64, takeI32, takeU8 } from './workspace.js';

/**
 * The arrays of one chain problem: the union U of the epochs' candidates with a mask per
 * epoch, and the layers of the passes (preallocated once, reused by every pass).
 */
export interface ChainArrays {
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
  /** Digits are below `base` (no count exceeds n + 1); `perWord` of them fit a word exactly. */
  readonly base: number;
  readonly perWord: number;
  /** 1 when word 0 starts with the digit of left-out epochs (skip mode), else 0. */
  readonly skipDigit: number;
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
  const merged = sortedUnion(distinct);
  const U = takeF64(ws, merged.length);
  U.set(merged);
  const size = U.length;
  const maskOf = new Map<Float64Array, Uint8Array>();
  for (const c of distinct) {
    const mask = takeU8(ws, size);
    if (c.length === size) mask.fill(1);
    else markMembers(U, c, mask);
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

/**
 * The arrays of a chain problem, taken from the workspace (emptied first): `required` says which
 * epochs must be placed, `skipMode` whether any may be left out (a digit then counts them).
 * Refuses (InputError) a chain whose state would take more than the bound.
 */
export function chainArrays(problem: ChainProblem, required: readonly boolean[], skipMode: boolean, ws: ChainWorkspace): ChainArrays {
  const { spanStartMs: S, spanEndMs: E, durationsMs, minGapMs, maxGapMs } = problem;
  const n = problem.candidates.length;
  const history = problem.history === true;
  if (history && (required[0] !== true || problem.candidates[0]!.length !== 1)) {
    throw new Error('internal: a chain that goes on from history needs its first epoch required, at its one start');
  }
  resetWorkspace(ws);
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
    requiredAfter: requiredAfterEach(requiredArray),
    requiredBefore: requiredBeforeEach(requiredArray),
    skipMode,
    skipWeight: skipMode ? weightOf(0) : 0,
    levels: new Float64Array(n + 1),
    levelWord: Int32Array.from({ length: n + 1 }, (_, l) => wordOf(l + skipDigit)),
    levelWeight: Float64Array.from({ length: n + 1 }, (_, l) => weightOf(l + skipDigit)),
    words,
    base,
    perWord,
    skipDigit,
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
  computeBands(a);
  return a;
}

/** Per epoch, 1 when some later epoch is required (the chain cannot end there). */
function requiredAfterEach(required: Uint8Array): Uint8Array {
  const n = required.length;
  const after = new Uint8Array(n);
  for (let i = n - 2, any = required[n - 1]!; i >= 0; i -= 1) {
    after[i] = any;
    if (required[i]) any = 1;
  }
  return after;
}

/** Per epoch, 1 when some earlier epoch is required (the chain cannot begin there). */
function requiredBeforeEach(required: Uint8Array): Uint8Array {
  const n = required.length;
  const before = new Uint8Array(n);
  for (let i = 1, any = required[0]!; i < n; i += 1) {
    before[i] = any;
    if (required[i]) any = 1;
  }
  return before;
}

/** Each epoch's band: from its first to past its last candidate in play. */
export function computeBands(a: ChainArrays): void {
  for (let i = 0; i < a.n; i += 1) {
    const mask = a.masks[i]!;
    let lo = 0;
    while (lo < a.size && mask[lo] !== 1) lo += 1;
    let hi = a.size;
    while (hi > lo && mask[hi - 1] !== 1) hi -= 1;
    a.bandLo[i] = lo;
    a.bandHi[i] = hi;
  }
}

/**
 * The start gap of a chain whose first placed epoch starts at u: 2 (u - S), or -Infinity (no
 * entry of the gap vector: below every bound, equal to no level) when the chain goes on from
 * history.
 */
export function startGapOf(a: ChainArrays, u: number): number {
  return a.history ? -Infinity : 2 * (u - a.S);
}

/** The index of the level (among the first k) a gap equals, or -1 when it equals none. */
export function levelIndex(levels: Float64Array, k: number, gap: number): number {
  for (let l = 0; l < k; l += 1) if (levels[l] === gap) return l;
  return -1;
}

/**
 * The packed digit a gap adds at stage k, one word: its level's weight when it equals a level,
 * 0 when it is at most `bound`, Infinity when no chain of the stage may have it.
 */
export function gapWeight(levels: Float64Array, levelWeight: Float64Array, k: number, gap: number, bound: number): number {
  for (let l = 0; l < k; l += 1) if (levels[l] === gap) return levelWeight[l]!;
  return gap <= bound ? 0 : Infinity;
}

/**
 * The levels (indices among the first k) a step from a state in [fromLo, fromHi) to one in
 * [toLo, toHi) of U can equal: those between the least and the largest distance between the
 * two bands. Into `out`; returns how many.
 */
export function levelsBetween(
  a: ChainArrays,
  k: number,
  fromLo: number,
  fromHi: number,
  toLo: number,
  toHi: number,
  out: Int32Array,
): number {
  if (fromHi <= fromLo || toHi <= toLo) return 0;
  const { U, levels } = a;
  const least = U[toLo]! - U[fromHi - 1]!;
  const most = U[toHi - 1]! - U[fromLo]!;
  let count = 0;
  for (let l = 0; l < k; l += 1) if (levels[l]! >= least && levels[l]! <= most) out[count++] = l;
  return count;
}

/** Scratch arrays of the level pass, allocated once per chain problem. */
export interface LevelScratch {
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

export function levelScratch(T: number, n: number, words: number, skipMode: boolean, ws: ChainWorkspace): LevelScratch {
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
