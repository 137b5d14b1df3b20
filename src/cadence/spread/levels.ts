/**
 * The level pass of the spread solver: from the layers of a backward pass, the next level (the
 * least largest gap that is not yet a level, on a chain of least digits) and its count.
 * @module
 */
import { type ChainArrays, levelsBetween, startGapOf } from './arrays.js';

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
export function levelPass(
  a: ChainArrays,
  k: number,
  bound: number,
  activeWords: number,
  wanted: Float64Array,
): { gap: number; count: number } {
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
