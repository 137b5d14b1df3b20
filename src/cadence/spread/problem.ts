/**
 * The chain problem of the spread objective (see the README beside this file): its records, the
 * gap vector a chain is judged by, the leximax order, and the bound on the solver's memory.
 * @module
 */

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
  const sa = [...a].sort((x, y) => y - x);
  const sb = [...b].sort((x, y) => y - x);
  for (let i = 0; i < Math.min(sa.length, sb.length); i += 1) {
    if (sa[i] !== sb[i]) return sa[i]! - sb[i]!;
  }
  return sa.length - sb.length;
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
export function chainStateBytes(n: number, candidates: number, words: number): number {
  // The values of each epoch's layer, and the two aggregate layers of the skip pass.
  return (n + 2) * candidates * words * 8;
}

/** The refusal of a chain too large to solve, with the figures and what to change. */
export function chainTooLarge(n: number, candidates: number, bytes: number): string {
  const gb = (value: number): string => `${(value / 1e9).toFixed(1)} GB`;
  return (
    `a target's chain of ${n.toLocaleString('en-US')} epochs over ${candidates.toLocaleString('en-US')} candidate starts would need about ${gb(bytes)} ` +
    `for the spread cadence's solver (it grows with the square of the epochs; at most ${gb(MAX_CHAIN_STATE_BYTES)} is taken); ` +
    'schedule fewer epochs of one target in one span (a shorter span, or the table in parts), or a coarser --grid'
  );
}

export function requiredOf(problem: ChainProblem): boolean[] {
  const n = problem.candidates.length;
  return problem.required ? Array.from({ length: n }, (_, i) => problem.required![i] ?? true) : new Array<boolean>(n).fill(true);
}

/** Whether no epoch is required and all have the same block length and the same candidates. */
export function interchangeable(problem: ChainProblem, required: readonly boolean[]): boolean {
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
