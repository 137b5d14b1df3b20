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
  f64: Float64Array;
  f64Used: number;
  u8: Uint8Array;
  u8Used: number;
  i32: Int32Array;
  i32Used: number;
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
  return { f64: new Float64Array(1 << 12), f64Used: 0, u8: new Uint8Array(1 << 12), u8Used: 0, i32: new Int32Array(1 << 12), i32Used: 0 };
}

/** Zeroed arrays from a workspace (a slab grows by replacement: arrays handed out earlier stay valid). */
export function takeF64(ws: ChainWorkspace, length: number): Float64Array {
  if (ws.f64Used + length > ws.f64.length) {
    ws.f64 = new Float64Array(Math.max(2 * ws.f64.length, length));
    ws.f64Used = 0;
  }
  const view = ws.f64.subarray(ws.f64Used, ws.f64Used + length);
  ws.f64Used += length;
  return view.fill(0);
}
export function takeU8(ws: ChainWorkspace, length: number): Uint8Array {
  if (ws.u8Used + length > ws.u8.length) {
    ws.u8 = new Uint8Array(Math.max(2 * ws.u8.length, length));
    ws.u8Used = 0;
  }
  const view = ws.u8.subarray(ws.u8Used, ws.u8Used + length);
  ws.u8Used += length;
  return view.fill(0);
}
export function takeI32(ws: ChainWorkspace, length: number): Int32Array {
  if (ws.i32Used + length > ws.i32.length) {
    ws.i32 = new Int32Array(Math.max(2 * ws.i32.length, length));
    ws.i32Used = 0;
  }
  const view = ws.i32.subarray(ws.i32Used, ws.i32Used + length);
  ws.i32Used += length;
  return view.fill(0);
}
