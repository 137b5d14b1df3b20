/**
 * The forward passes of the spread solver: the best prefix of every state, which keeps only the
 * states on a chain of the least digits found.
 * @module
 */
import { type ChainArrays, gapWeight, levelsBetween, startGapOf } from './arrays.js';
import { takeF64, takeI32, takeU8 } from './workspace.js';

/**
 * Forward counterpart of the backward one-word pass: the best packed prefix value of each state (the
 * start gap, the epochs left out before it and the gaps up to it), which narrows each epoch's
 * mask to the states whose prefix and suffix (from the backward pass) add up to `best`. With
 * epochs that may be left out, a state's predecessor may be any earlier epoch, whose block
 * length sets the least gap: the predecessors are kept in one aggregate layer per distinct least gap.
 */
export function scalarForwardPass(a: ChainArrays, k: number, bound: number, best: number): void {
  if (!a.skipMode) {
    chainForwardPass(a, k, bound, best);
    return;
  }
  const predecessors = new PredecessorClasses(a, k);
  for (let i = 0; i < a.n; i += 1) {
    const ok = a.fwdValid[i & 1]!;
    const val = a.fwdValues[i & 1]!;
    prefixesFrom(a, k, bound, i, predecessors, ok, val);
    // Keep the states on a best chain.
    const mask = a.masks[i]!;
    const backOk = a.valid[i]!;
    const backVal = a.values[i]!;
    const stride = a.words;
    for (let j = a.bandLo[i]!; j < a.bandHi[i]!; j += 1)
      mask[j] = mask[j] === 1 && ok[j] === 1 && backOk[j] === 1 && val[j]! + backVal[j * stride]! === best ? 1 : 0;
    predecessors.add(i, ok, val);
  }
}

/** A predecessor layer as a forward step reads it: its arrays, band, offset and least gap. */
interface PredecessorLayer {
  ok: Uint8Array;
  val: Float64Array;
  lo: number;
  from: number;
  to: number;
  offset: number;
  deque: Int32Array;
  c: number;
}

/**
 * The predecessor layers of the forward pass with epochs that may be left out, one per distinct
 * least gap: aggregates (own buffers, offset by the left-out epochs they carry) of every earlier
 * epoch a chain may come from.
 */
class PredecessorClasses {
  /** The least gap of each class. */
  private readonly classLo: number[];
  private readonly okOf: Uint8Array[];
  private readonly valOf: Float64Array[];
  private readonly loOf: Int32Array;
  private readonly hiOf: Int32Array;
  /** Packed value of the epochs left out since each class's values were written. */
  private readonly offsetOf: Float64Array;
  /** 1 for a class some earlier epoch reaches. */
  private readonly active: Uint8Array;
  private readonly deques: Int32Array[];
  /** Per layer read and level: the pointer of the exact-level step. */
  readonly pointers: Int32Array;

  constructor(
    private readonly a: ChainArrays,
    k: number,
  ) {
    const T = a.size;
    this.classLo = [...new Set(a.lowerGap)];
    const C = this.classLo.length;
    this.okOf = Array.from({ length: C }, () => takeU8(a.ws, T));
    this.valOf = Array.from({ length: C }, () => takeF64(a.ws, T));
    this.loOf = new Int32Array(C);
    this.hiOf = new Int32Array(C);
    this.offsetOf = new Float64Array(C);
    this.active = new Uint8Array(C);
    this.deques = Array.from({ length: C }, () => takeI32(a.ws, T));
    this.pointers = new Int32Array(Math.max(1, C * k));
  }

  /** The layers to read, one per active class. */
  layers(): PredecessorLayer[] {
    const layers: PredecessorLayer[] = [];
    for (let c = 0; c < this.classLo.length; c += 1) {
      if (this.active[c] === 1)
        layers.push({
          ok: this.okOf[c]!,
          val: this.valOf[c]!,
          lo: this.classLo[c]!,
          from: this.loOf[c]!,
          to: this.hiOf[c]!,
          offset: this.offsetOf[c]!,
          deque: this.deques[c]!,
          c,
        });
    }
    return layers;
  }

  /** Epoch i's prefixes join its class; a required epoch ends every class before it, one that may be left out offsets them. */
  add(i: number, ok: Uint8Array, val: Float64Array): void {
    const a = this.a;
    const { active, offsetOf, loOf, hiOf } = this;
    const jLo = a.bandLo[i]!;
    const jHi = a.bandHi[i]!;
    const own = this.classLo.indexOf(a.lowerGap[i]!);
    if (a.required[i] === 1) active.fill(0);
    else for (let c = 0; c < active.length; c += 1) if (active[c] === 1) offsetOf[c] = offsetOf[c]! + a.skipWeight; // chains that leave epoch i out
    const okC = this.okOf[own]!;
    const valC = this.valOf[own]!;
    if (active[own] !== 1) {
      okC.fill(0);
      offsetOf[own] = 0;
      loOf[own] = jLo;
      hiOf[own] = jHi;
      active[own] = 1;
    } else {
      loOf[own] = Math.min(loOf[own]!, jLo);
      hiOf[own] = Math.max(hiOf[own]!, jHi);
    }
    const offset = offsetOf[own]!;
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

/** Epoch i's best prefixes (into ok and val), from the chain's start or from each predecessor layer. */
function prefixesFrom(
  a: ChainArrays,
  k: number,
  bound: number,
  i: number,
  predecessors: PredecessorClasses,
  ok: Uint8Array,
  val: Float64Array,
): void {
  const { U, size: T, maxGapMs, levels, levelWeight } = a;
  const mask = a.masks[i]!;
  const pointers = predecessors.pointers;
  const hiCap = Math.min(bound, maxGapMs);
  const canStart = a.requiredBefore[i] === 0;
  const startSkips = i * a.skipWeight;
  const jLo = a.bandLo[i]!;
  const jHi = a.bandHi[i]!;
  ok.fill(0, 0, jLo);
  ok.fill(0, jHi, T);
  const layers = predecessors.layers();
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
      const w = gapWeight(levels, levelWeight, k, startGapOf(a, u), bound);
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
      if (i === 0) prefix = gapWeight(levels, levelWeight, k, startGapOf(a, u), bound);
      else {
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
