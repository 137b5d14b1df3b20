/**
 * The level pass of the spread solver: from the layers of a backward pass, the next level (the
 * least largest gap that is not yet a level, on a chain of least digits) and its count.
 * @module
 */
import { type ChainArrays, levelIndex, levelsBetween, startGapOf } from './arrays.js';

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
  return new LevelSweep(a, k, bound, activeWords).run(wanted);
}

/**
 * One level pass, epoch by epoch from the last. Each epoch's pairs are the least over four kinds
 * of step, each swept over the epoch's states on its own (the least pair does not depend on the
 * order the options are met in): the chain's end, a gap equal to a level, and a gap that is no
 * level to a successor of equal value, through one class or through many.
 */
class LevelSweep {
  /** The largest gap a step that is no level may have. */
  private readonly reachCap: number;
  /** Whether the digit vectors fit one word (classes keyed by number, else by text). */
  private readonly scalar: boolean;
  private readonly numberIds = new Map<number, number>();
  private readonly textIds = new Map<string, number>();
  /** The layer the steps go to (null before the last epoch): validity, values (stride `words`), pairs, band. */
  private nOk: Uint8Array | null = null;
  private nVal: Float64Array;
  private nM: Float64Array;
  private nC: Float64Array;
  private nLo = 0;
  private nHi = 0;
  /** Which of the two aggregate layers the next aggregate takes. */
  private aggSpare = 0;
  /** Whether every successor has one value (`singleValue`): one class, no need to sort them. */
  private single = false;
  private singleValue = Number.NaN;

  constructor(
    private readonly a: ChainArrays,
    private readonly k: number,
    private readonly bound: number,
    private readonly activeWords: number,
  ) {
    this.reachCap = Math.min(bound, a.maxGapMs);
    this.scalar = activeWords === 1;
    this.nVal = a.values[0]!;
    this.nM = a.level.m[0]!;
    this.nC = a.level.c[0]!;
  }

  /** The least pair at the chain's start, over the states whose digits complete `wanted`. */
  run(wanted: Float64Array): { gap: number; count: number } {
    const a = this.a;
    for (let i = a.n - 1; i >= 0; i -= 1) {
      // Each epoch's own pairs are kept (they give its next values); aggregates' go to scratch.
      const mOut = a.level.pairM[i]!;
      const cOut = a.level.pairC[i]!;
      this.groupSuccessors();
      this.endPairs(i, mOut, cOut);
      if (this.nOk !== null) {
        this.levelStepPairs(i, mOut, cOut);
        if (this.single) this.singleClassPairs(i, mOut, cOut);
        else this.classPairs(i, mOut, cOut);
      }
      if (!a.skipMode || a.required[i] === 1 || this.nOk === null) {
        this.nOk = a.valid[i]!;
        this.nVal = a.values[i]!;
        this.nM = mOut;
        this.nC = cOut;
        this.nLo = a.bandLo[i]!;
        this.nHi = a.bandHi[i]!;
      } else this.aggregate(i, mOut, cOut);
    }
    return this.startPair(wanted);
  }

  /**
   * Group the successors (the next layer's valid states) by value, each class laid out
   * contiguously in time order (`order`, `times`, `sm`, `sc`), with its cursors at its start;
   * or find that one value holds them all (`single`).
   */
  private groupSuccessors(): void {
    const { nOk, nVal, nLo, nHi, scalar } = this;
    const W = this.a.words;
    const { classOf, order, times, sm, sc, classStart, first, star, pushed, head, tail } = this.a.level;
    this.single = false;
    this.singleValue = Number.NaN;
    if (nOk === null) return;
    if (scalar) {
      this.single = true;
      for (let p = nLo; p < nHi && this.single; p += 1) {
        if (nOk[p] !== 1) continue;
        if (Number.isNaN(this.singleValue)) this.singleValue = nVal[p * W]!;
        else if (nVal[p * W] !== this.singleValue) this.single = false;
      }
      if (this.single) return;
    }
    const classes = this.classify(nOk);
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
    // `pushed` doubles as the fill cursor, then is reset.
    for (let p = nLo; p < nHi; p += 1) {
      if (nOk[p] !== 1) continue;
      const id = classOf[p]!;
      const at2 = pushed[id]!;
      order[at2] = p;
      times[at2] = this.a.U[p]!;
      sm[at2] = this.nM[p]!;
      sc[at2] = this.nC[p]!;
      pushed[id] = at2 + 1;
    }
    for (let id = 0; id < classes; id += 1) pushed[id] = classStart[id]!;
  }

  /** Each successor's class id (`classOf`) and each class's size (`classStart`); returns the number of classes. */
  private classify(nOk: Uint8Array): number {
    const { nVal, nLo, nHi, scalar, numberIds, textIds } = this;
    const W = this.a.words;
    const { classOf, classStart } = this.a.level;
    numberIds.clear();
    textIds.clear();
    let classes = 0;
    // (Number keys in one word, text keys over several: each loop stays of one type.)
    let lastNumber = Number.NaN;
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
        const key = this.keyOf(nVal, p * W);
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
    return classes;
  }

  /** A digit vector's words in use, as text (the class key over several words). */
  private keyOf(v: Float64Array, o: number): string {
    return Array.from(v.subarray(o, o + this.activeWords)).join(',');
  }

  /** Whether v's words at vo, plus `add0` in word 0 and level l's digit, equal y's at yo. */
  private equalPlus(v: Float64Array, vo: number, add0: number, l: number, y: Float64Array, yo: number): boolean {
    const { levelWord, levelWeight } = this.a;
    for (let w = 0; w < this.activeWords; w += 1) {
      let z = w === 0 ? v[vo]! + add0 : v[vo + w]!;
      if (l >= 0 && levelWord[l] === w) z += levelWeight[l]!;
      if (z !== y[yo + w]) return false;
    }
    return true;
  }

  /** Whether a chain end's value (`add0` left-out epochs, level `l`'s digit, nothing else) equals y's words. */
  private endEquals(add0: number, l: number, y: Float64Array, yo: number): boolean {
    const { levelWord, levelWeight } = this.a;
    for (let w = 0; w < this.activeWords; w += 1) {
      let z = w === 0 ? add0 : 0;
      if (l >= 0 && levelWord[l] === w) z += levelWeight[l]!;
      if (z !== y[yo + w]) return false;
    }
    return true;
  }

  /** Epoch i's states' pairs from ending the chain there (Infinity where it cannot end on its least digits). */
  private endPairs(i: number, mOut: Float64Array, cOut: Float64Array): void {
    const { n, E, U, masks, valid, values, requiredAfter, skipWeight, levels, words: W } = this.a;
    const mask = masks[i]!;
    const ok = valid[i]!;
    const val = values[i]!;
    const canEnd = requiredAfter[i] === 0;
    const endSkips = (n - 1 - i) * skipWeight;
    for (let j = this.a.bandLo[i]!; j < this.a.bandHi[i]!; j += 1) {
      if (mask[j] !== 1 || ok[j] !== 1) continue;
      let bestM = Infinity;
      let bestC = Infinity;
      if (canEnd) {
        const gap = 2 * (E - U[j]!);
        const l = levelIndex(levels, this.k, gap);
        if ((l >= 0 || gap <= this.bound) && this.endEquals(endSkips, l, val, j * W)) {
          bestM = l >= 0 ? -Infinity : gap;
          bestC = l >= 0 ? 0 : 1;
        }
      }
      mOut[j] = bestM;
      cOut[j] = bestC;
    }
  }

  /** Lower epoch i's pairs by the steps whose gap equals a level, to a successor of matching value. */
  private levelStepPairs(i: number, mOut: Float64Array, cOut: Float64Array): void {
    const { U, masks, valid, values, lowerGap, maxGapMs, levels, levelWeight, words: W, activeLevels, level } = this.a;
    const { nVal, nM, nC, nLo, nHi, scalar } = this;
    const nOk = this.nOk!;
    const levelPointer = level.levelPointer;
    const mask = masks[i]!;
    const ok = valid[i]!;
    const val = values[i]!;
    const lo = lowerGap[i]!;
    const jLo = this.a.bandLo[i]!;
    const jHi = this.a.bandHi[i]!;
    const active = levelsBetween(this.a, this.k, jLo, jHi, nLo, nHi, activeLevels);
    levelPointer.fill(nLo, 0, active);
    for (let j = jLo; j < jHi; j += 1) {
      if (mask[j] !== 1 || ok[j] !== 1) continue;
      const u = U[j]!;
      for (let y = 0; y < active; y += 1) {
        const l = activeLevels[y]!;
        const gap = levels[l]!;
        if (gap < lo || gap > maxGapMs) continue;
        let p = levelPointer[y]!;
        while (p < nHi && U[p]! - u < gap) p += 1;
        levelPointer[y] = p;
        if (
          p < nHi &&
          U[p]! - u === gap &&
          nOk[p] === 1 &&
          (scalar ? nVal[p * W]! + levelWeight[l]! === val[j * W]! : this.equalPlus(nVal, p * W, 0, l, val, j * W))
        ) {
          const pm = nM[p]!;
          const pc = nC[p]!;
          if (pm < mOut[j]! || (pm === mOut[j] && pc < cOut[j]!)) {
            mOut[j] = pm;
            cOut[j] = pc;
          }
        }
      }
    }
  }

  /**
   * Lower epoch i's pairs by the steps that are no level when every successor has one value:
   * the class is the successor band itself, invalid entries passed over.
   */
  private singleClassPairs(i: number, mOut: Float64Array, cOut: Float64Array): void {
    const { U, masks, valid, values, lowerGap, words: W } = this.a;
    const { nM, nC, nHi, reachCap, singleValue } = this;
    const nOk = this.nOk!;
    const deque = this.a.level.deque;
    const mask = masks[i]!;
    const ok = valid[i]!;
    const val = values[i]!;
    const lo = lowerGap[i]!;
    let sFirst = this.nLo;
    let sStar = this.nLo;
    let sPushed = this.nLo;
    let sHead = 0;
    let sTail = 0;
    for (let j = this.a.bandLo[i]!; j < this.a.bandHi[i]!; j += 1) {
      if (mask[j] !== 1 || ok[j] !== 1 || val[j * W] !== singleValue) continue;
      const u = U[j]!;
      let bestM = mOut[j]!;
      let bestC = cOut[j]!;
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
      mOut[j] = bestM;
      cOut[j] = bestC;
    }
  }

  /** Lower epoch i's pairs by the steps that are no level, each state reading the class of its own value. */
  private classPairs(i: number, mOut: Float64Array, cOut: Float64Array): void {
    const { U, masks, valid, values, lowerGap, words: W } = this.a;
    const mask = masks[i]!;
    const ok = valid[i]!;
    const val = values[i]!;
    const lo = lowerGap[i]!;
    let lastNumber = Number.NaN;
    let lastText = '';
    let lastId = -1;
    for (let j = this.a.bandLo[i]!; j < this.a.bandHi[i]!; j += 1) {
      if (mask[j] !== 1 || ok[j] !== 1) continue;
      if (this.scalar) {
        const key = val[j * W]!;
        if (key !== lastNumber) {
          lastId = this.numberIds.get(key) ?? -1;
          lastNumber = key;
        }
      } else {
        const key = this.keyOf(val, j * W);
        if (key !== lastText) {
          lastId = this.textIds.get(key) ?? -1;
          lastText = key;
        }
      }
      if (lastId >= 0) this.classStep(lastId, U[j]!, lo, mOut, cOut, j);
    }
  }

  /** Lower the pair at j (a state at u, least gap lo) by its class's sliding minimum and its first successor t*. */
  private classStep(id: number, u: number, lo: number, mOut: Float64Array, cOut: Float64Array, j: number): void {
    const { times, sm, sc, classStart, first, star, pushed, head, tail, deque } = this.a.level;
    const reachCap = this.reachCap;
    let bestM = mOut[j]!;
    let bestC = cOut[j]!;
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
    mOut[j] = bestM;
    cOut[j] = bestC;
  }

  /**
   * The aggregate before epoch i (which may be left out): epoch i, or (leaving it out) the epochs
   * after it; the pair of the options of least value. It becomes the layer the steps go to.
   */
  private aggregate(i: number, mOut: Float64Array, cOut: Float64Array): void {
    const { size: T, masks, valid, values, skipWeight, words: W, level: x } = this.a;
    const { nVal, nM, nC } = this;
    const nOk = this.nOk!;
    const activeWords = this.activeWords;
    const mask = masks[i]!;
    const ok = valid[i]!;
    const val = values[i]!;
    const aOk = x.aggOk[this.aggSpare]!;
    const aVal = x.aggVal[this.aggSpare]!;
    const aM = x.m[this.aggSpare]!;
    const aC = x.c[this.aggSpare]!;
    const aLo = Math.min(this.a.bandLo[i]!, this.nLo);
    const aHi = Math.max(this.a.bandHi[i]!, this.nHi);
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
    this.nOk = aOk;
    this.nVal = aVal;
    this.nM = aM;
    this.nC = aC;
    this.nLo = aLo;
    this.nHi = aHi;
    this.aggSpare ^= 1;
  }

  /** The least pair over the chain's first states whose digits, with the start gap, equal `wanted`. */
  private startPair(wanted: Float64Array): { gap: number; count: number } {
    const { U, words: W } = this.a;
    const { nVal, nM, nC } = this;
    const nOk = this.nOk!;
    let bestM = Infinity;
    let bestC = Infinity;
    for (let j = this.nLo; j < this.nHi; j += 1) {
      if (nOk[j] !== 1) continue;
      const gap = startGapOf(this.a, U[j]!);
      const l = levelIndex(this.a.levels, this.k, gap);
      if (l < 0 && gap > this.bound) continue;
      if (!this.equalPlus(nVal, j * W, 0, l, wanted, 0)) continue;
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
}
