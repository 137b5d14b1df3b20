/**
 * The backward passes of the spread solver: the least digit vector of every (epoch, candidate)
 * state's best suffix, over one word or several, and the least largest gap when every epoch is
 * placed.
 * @module
 */
import { type ChainArrays, levelsBetween, startGapOf } from './arrays.js';

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
export function generalPass(a: ChainArrays, k: number, bound: number, activeWords: number, top: Float64Array): boolean {
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
