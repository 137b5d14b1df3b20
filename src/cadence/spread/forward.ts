/**
 * The forward passes of the spread solver: the best prefix of every state, which keeps only the
 * states on a chain of the least digits found.
 * @module
 */
import { type ChainArrays, levelsBetween, startGapOf } from './arrays.js';
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
