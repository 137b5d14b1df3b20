/**
 * The buffers the spread solver takes its layers from, reused from one chain solve to the next.
 * @module
 */

/**
 * Buffers that successive chain solves reuse: each solve takes the layers it needs from the
 * start again, so that many small solves do not each allocate (and leave for the collector)
 * arrays of the size of their candidates. One workspace serves one solve at a time.
 */
export interface ChainWorkspace {
  readonly f64: Slab<Float64Array>;
  readonly u8: Slab<Uint8Array>;
  readonly i32: Slab<Int32Array>;
}

/** One kind of typed array: the buffer views are cut from, and how much of it is handed out. */
export interface Slab<A extends Float64Array | Uint8Array | Int32Array> {
  array: A;
  used: number;
}

/**
 * A new, empty workspace for `solveSpread` and its companions.
 *
 * @example
 * ```ts
 * const workspace = chainWorkspace();
 * for (const problem of problems) solveSpread(problem, workspace);
 * ```
 */
export function chainWorkspace(): ChainWorkspace {
  return {
    f64: { array: new Float64Array(1 << 12), used: 0 },
    u8: { array: new Uint8Array(1 << 12), used: 0 },
    i32: { array: new Int32Array(1 << 12), used: 0 },
  };
}

/** Start handing out every slab from its beginning again (a new solve reuses the buffers). */
export function resetWorkspace(ws: ChainWorkspace): void {
  ws.f64.used = 0;
  ws.u8.used = 0;
  ws.i32.used = 0;
}

/**
 * A zeroed view of `length` elements from a slab; a slab too small is replaced by one at least
 * twice its size (views handed out earlier keep the old buffer, so they stay valid).
 */
function take<A extends Float64Array | Uint8Array | Int32Array>(slab: Slab<A>, length: number, make: (size: number) => A): A {
  if (slab.used + length > slab.array.length) {
    slab.array = make(Math.max(2 * slab.array.length, length));
    slab.used = 0;
  }
  const view = slab.array.subarray(slab.used, slab.used + length) as A;
  slab.used += length;
  return view.fill(0) as A;
}

/** Zeroed arrays from a workspace (see {@link take}). */
export function takeF64(ws: ChainWorkspace, length: number): Float64Array {
  return take(ws.f64, length, (size) => new Float64Array(size));
}
export function takeU8(ws: ChainWorkspace, length: number): Uint8Array {
  return take(ws.u8, length, (size) => new Uint8Array(size));
}
export function takeI32(ws: ChainWorkspace, length: number): Int32Array {
  return take(ws.i32, length, (size) => new Int32Array(size));
}
