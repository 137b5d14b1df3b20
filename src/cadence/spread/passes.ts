/**
 * The backward passes of the spread solver: the least digit vector of every (epoch, candidate)
 * state's best suffix, over one word or several, and the least largest gap when every epoch is
 * placed.
 * @module
 */
import { type ChainArrays, gapWeight, levelIndex, levelsBetween, startGapOf } from './arrays.js';

/**
 * A layer the steps of a backward pass go to: an epoch's own (values of stride `words`) or an
 * aggregate's (stride 1 in one-word passes), over its band [lo, hi).
 */
interface NextLayer {
  ok: Uint8Array | null;
  val: Float64Array | null;
  stride: number;
  lo: number;
  hi: number;
}

/**
 * The backward pass when the digit vector fits one word: the best packed suffix value of
 * each (epoch, candidate) state, the chain's end gap and left-out epochs included. Written
 * without closures because it is the hot loop of the scheduler. Each epoch is visited over its
 * band of candidates only; outside it its layer reads as invalid. Returns the best total
 * packed value, or -1 when no chain exists.
 */
export function scalarPass(a: ChainArrays, k: number, bound: number): number {
  const {
    n,
    E,
    U,
    size: T,
    masks,
    lowerGap,
    maxGapMs,
    requiredAfter,
    skipWeight,
    levels,
    levelWeight,
    valid,
    values,
    deque,
    levelPointer,
  } = a;
  const stride = a.words;
  const hiCap = Math.min(bound, maxGapMs);
  const next: NextLayer = { ok: null, val: null, stride, lo: 0, hi: 0 };
  let spare = 0;
  for (let i = n - 1; i >= 0; i -= 1) {
    const mask = masks[i]!;
    const ok = valid[i]!;
    const val = values[i]!;
    const lo = lowerGap[i]!;
    const canEnd = requiredAfter[i] === 0;
    const endSkips = (n - 1 - i) * skipWeight;
    const jLo = a.bandLo[i]!;
    const jHi = a.bandHi[i]!;
    const nextOk = next.ok;
    const nextVal = next.val;
    const nextStride = next.stride;
    const nextHi = next.hi;
    ok.fill(0, 0, jLo);
    ok.fill(0, jHi, T);
    let head = 0;
    let tail = 0;
    let pushed = next.lo;
    const active = nextOk === null ? 0 : levelsBetween(a, k, jLo, jHi, next.lo, nextHi, a.activeLevels);
    for (let x = 0; x < active; x += 1) levelPointer[x] = next.lo;
    for (let j = jLo; j < jHi; j += 1) {
      if (mask[j] !== 1) {
        ok[j] = 0;
        continue;
      }
      const u = U[j]!;
      let best = Infinity;
      if (canEnd) {
        const v = gapWeight(levels, levelWeight, k, 2 * (E - u), bound);
        if (v !== Infinity) best = v + endSkips;
      }
      if (nextOk !== null) {
        const nv = nextVal!;
        while (pushed < nextHi && U[pushed]! - u <= hiCap) {
          if (nextOk[pushed] === 1) {
            const v = nv[pushed * nextStride]!;
            while (tail > head && nv[deque[tail - 1]! * nextStride]! >= v) tail -= 1;
            deque[tail] = pushed;
            tail += 1;
          }
          pushed += 1;
        }
        while (tail > head && U[deque[head]!]! - u < lo) head += 1;
        if (tail > head) {
          const v = nv[deque[head]! * nextStride]!;
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
            const v = nv[p * nextStride]! + levelWeight[l]!;
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
    if (!a.skipMode || a.required[i] === 1 || nextOk === null) {
      next.ok = ok;
      next.val = val;
      next.stride = stride;
      next.lo = jLo;
      next.hi = jHi;
    } else {
      scalarAggregate(a, i, spare, next);
      spare ^= 1;
    }
  }
  return scalarStart(a, k, bound, next);
}

/**
 * The epochs that may come after epoch i - 1, when epoch i may be left out: epoch i, or
 * (leaving i out) those after it, into aggregate layer `spare`, which becomes `next`.
 */
function scalarAggregate(a: ChainArrays, i: number, spare: number, next: NextLayer): void {
  const { size: T, skipWeight } = a;
  const ok = a.valid[i]!;
  const val = a.values[i]!;
  const stride = a.words;
  const nextOk = next.ok!;
  const nextVal = next.val!;
  const nextStride = next.stride;
  const aggOk = a.aggValid[spare]!;
  const aggVal = a.aggValues[spare]!;
  const aLo = Math.min(a.bandLo[i]!, next.lo);
  const aHi = Math.max(a.bandHi[i]!, next.hi);
  aggOk.fill(0, 0, aLo);
  aggOk.fill(0, aHi, T);
  for (let j = aLo; j < aHi; j += 1) {
    let v = ok[j] === 1 ? val[j * stride]! : Infinity;
    if (nextOk[j] === 1) {
      const s = nextVal[j * nextStride]! + skipWeight;
      if (s < v) v = s;
    }
    if (v === Infinity) aggOk[j] = 0;
    else {
      aggOk[j] = 1;
      aggVal[j] = v;
    }
  }
  next.ok = aggOk;
  next.val = aggVal;
  next.stride = 1;
  next.lo = aLo;
  next.hi = aHi;
}

/** The best packed value over the chain's first states, the start gap's digit added; -1 when none. */
function scalarStart(a: ChainArrays, k: number, bound: number, first: NextLayer): number {
  const { U, levels, levelWeight } = a;
  const ok = first.ok!;
  const val = first.val!;
  let top = Infinity;
  for (let j = first.lo; j < first.hi; j += 1) {
    if (ok[j] !== 1) continue;
    const w = gapWeight(levels, levelWeight, k, startGapOf(a, U[j]!), bound);
    if (w === Infinity) continue;
    const v = val[j * first.stride]! + w;
    if (v < top) top = v;
  }
  return top === Infinity ? -1 : top;
}

/** Compare x's words at xo, plus level l's digit (none for l < 0), with y's at yo: the first word that differs decides. */
function compareWords(a: ChainArrays, words: number, x: Float64Array, xo: number, l: number, y: Float64Array, yo: number): number {
  const { levelWord, levelWeight } = a;
  for (let w = 0; w < words; w += 1) {
    const d = x[xo + w]! + (l >= 0 && levelWord[l] === w ? levelWeight[l]! : 0) - y[yo + w]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Copy x's words at xo, plus level l's digit (none for l < 0), into y at yo. */
function copyWords(a: ChainArrays, words: number, x: Float64Array, xo: number, l: number, y: Float64Array, yo: number): void {
  const { levelWord, levelWeight } = a;
  for (let w = 0; w < words; w += 1) y[yo + w] = x[xo + w]! + (l >= 0 && levelWord[l] === w ? levelWeight[l]! : 0);
}

/**
 * The backward pass with digit vectors over several words: the same recurrence as
 * {@link scalarPass}, comparing words in order. Fills `top`; false when no chain exists.
 */
export function generalPass(a: ChainArrays, k: number, bound: number, activeWords: number, top: Float64Array): boolean {
  const {
    n,
    E,
    U,
    size: T,
    masks,
    lowerGap,
    maxGapMs,
    requiredAfter,
    skipWeight,
    levels,
    valid,
    values,
    words: W,
    deque,
    levelPointer,
  } = a;
  const hiCap = Math.min(bound, maxGapMs);
  const best = new Float64Array(W);
  const candidate = new Float64Array(W);
  const next: NextLayer = { ok: null, val: null, stride: W, lo: 0, hi: 0 };
  let spare = 0;
  for (let i = n - 1; i >= 0; i -= 1) {
    const mask = masks[i]!;
    const ok = valid[i]!;
    const val = values[i]!;
    const lo = lowerGap[i]!;
    const canEnd = requiredAfter[i] === 0;
    const jLo = a.bandLo[i]!;
    const jHi = a.bandHi[i]!;
    const nextOk = next.ok;
    const nextHi = next.hi;
    ok.fill(0, 0, jLo);
    ok.fill(0, jHi, T);
    let head = 0;
    let tail = 0;
    let pushed = next.lo;
    levelPointer.fill(next.lo, 0, k);
    for (let j = jLo; j < jHi; j += 1) {
      if (mask[j] !== 1) {
        ok[j] = 0;
        continue;
      }
      const u = U[j]!;
      let found = false;
      if (canEnd) {
        const gap = 2 * (E - u);
        const l = levelIndex(levels, k, gap);
        if (l >= 0 || gap <= bound) {
          candidate.fill(0);
          candidate[0] = (n - 1 - i) * skipWeight;
          copyWords(a, activeWords, candidate, 0, l, best, 0);
          found = true;
        }
      }
      if (nextOk !== null) {
        const nv = next.val!;
        while (pushed < nextHi && U[pushed]! - u <= hiCap) {
          if (nextOk[pushed] === 1) {
            while (tail > head && compareWords(a, activeWords, nv, deque[tail - 1]! * W, -1, nv, pushed * W) >= 0) tail -= 1;
            deque[tail] = pushed;
            tail += 1;
          }
          pushed += 1;
        }
        while (tail > head && U[deque[head]!]! - u < lo) head += 1;
        if (tail > head && (!found || compareWords(a, activeWords, nv, deque[head]! * W, -1, best, 0) < 0)) {
          found = true;
          copyWords(a, activeWords, nv, deque[head]! * W, -1, best, 0);
        }
        for (let l = 0; l < k; l += 1) {
          const gap = levels[l]!;
          if (gap < lo || gap > maxGapMs) continue;
          let p = levelPointer[l]!;
          while (p < nextHi && U[p]! - u < gap) p += 1;
          levelPointer[l] = p;
          if (p < nextHi && U[p]! - u === gap && nextOk[p] === 1 && (!found || compareWords(a, activeWords, nv, p * W, l, best, 0) < 0)) {
            found = true;
            copyWords(a, activeWords, nv, p * W, l, best, 0);
          }
        }
      }
      ok[j] = found ? 1 : 0;
      if (found) copyWords(a, activeWords, best, 0, -1, val, j * W);
    }
    if (!a.skipMode || a.required[i] === 1 || nextOk === null) {
      next.ok = ok;
      next.val = val;
      next.lo = jLo;
      next.hi = jHi;
    } else {
      generalAggregate(a, i, spare, activeWords, next, best, candidate);
      spare ^= 1;
    }
  }
  return generalStart(a, k, bound, activeWords, next, top);
}

/**
 * {@link scalarAggregate} over several words: epoch i, or (leaving it out) the epochs after it,
 * into aggregate layer `spare`, which becomes `next`. `best` and `candidate` are scratch.
 */
function generalAggregate(
  a: ChainArrays,
  i: number,
  spare: number,
  activeWords: number,
  next: NextLayer,
  best: Float64Array,
  candidate: Float64Array,
): void {
  const { size: T, skipWeight, words: W } = a;
  const ok = a.valid[i]!;
  const val = a.values[i]!;
  const nextOk = next.ok!;
  const nextVal = next.val!;
  const aggOk = a.aggValid[spare]!;
  const aggVal = a.aggValues[spare]!;
  const aLo = Math.min(a.bandLo[i]!, next.lo);
  const aHi = Math.max(a.bandHi[i]!, next.hi);
  aggOk.fill(0, 0, aLo);
  aggOk.fill(0, aHi, T);
  for (let j = aLo; j < aHi; j += 1) {
    let any = false;
    if (ok[j] === 1) {
      copyWords(a, activeWords, val, j * W, -1, best, 0);
      any = true;
    }
    if (nextOk[j] === 1) {
      copyWords(a, activeWords, nextVal, j * W, -1, candidate, 0);
      candidate[0] = candidate[0]! + skipWeight;
      if (!any || compareWords(a, activeWords, candidate, 0, -1, best, 0) < 0) copyWords(a, activeWords, candidate, 0, -1, best, 0);
      any = true;
    }
    aggOk[j] = any ? 1 : 0;
    if (any) copyWords(a, activeWords, best, 0, -1, aggVal, j * W);
  }
  next.ok = aggOk;
  next.val = aggVal;
  next.lo = aLo;
  next.hi = aHi;
}

/** The least digit vector over the chain's first states, the start gap's digit added, into `top`; false when none. */
function generalStart(a: ChainArrays, k: number, bound: number, activeWords: number, first: NextLayer, top: Float64Array): boolean {
  const { U, words: W } = a;
  const ok = first.ok!;
  const val = first.val!;
  let any = false;
  top.fill(0);
  for (let j = first.lo; j < first.hi; j += 1) {
    if (ok[j] !== 1) continue;
    const gap = startGapOf(a, U[j]!);
    const l = levelIndex(a.levels, k, gap);
    if (l < 0 && gap > bound) continue;
    if (!any || compareWords(a, activeWords, val, j * W, l, top, 0) < 0) {
      any = true;
      copyWords(a, activeWords, val, j * W, l, top, 0);
    }
  }
  return any;
}

/**
 * The least largest gap over all chains that place every epoch (Infinity when none exists),
 * the first level when every epoch is placed. A backward pass whose value is the least possible
 * largest gap of the rest of the chain, M(i, t). For a start t, successors t' in
 * [t + lo, t + maxGap] give max(t' - t, M(i+1, t')); before the first t* with
 * M(i+1, t*) <= t* - t the maximum is M itself, from t* on it is at least t* - t, so the best is
 * min(least M before t*, t* - t). Both t* and the range move forwards with t.
 */
export function bottleneckPass(a: ChainArrays): number {
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
