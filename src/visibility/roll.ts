/**
 * The off-nominal roll half-range of V3PA as a fast lookup on the cosine of the solar
 * elongation, for the engines that evaluate it at many instants.
 * @module
 */
import { rollHalfRangeDeg } from '../observatory/field-of-regard.js';
import { DEG_PER_RAD } from '../sky/angles.js';
import { HALF_RANGE_TABLE_BASE64 } from './roll-table.js';

/**
 * V3PA half-range tabulated against the cosine of the elongation, every 0.0001 from -1 to 1
 * (linear interpolation between entries is good to 0.001 degree). The table never changes: it
 * is computed when the package is built (`npm run tables`, by {@link halfRangeTable}) and
 * shipped in roll-table.ts, which a test recomputes; a load decodes it instead of computing
 * 20,001 entries.
 */
const HALF_RANGE_STEPS = 20_000;
const HALF_RANGE_BY_COSINE = decodeTable(HALF_RANGE_TABLE_BASE64, HALF_RANGE_STEPS + 1) ?? halfRangeTable();

/**
 * The table of V3PA half-ranges by the cosine of the elongation, computed: entry i is at the
 * cosine -1 + 2 i / 20,000.
 *
 * @example
 * ```ts
 * halfRangeTable()[10_000]; // 5.1: at 90 degrees from the Sun
 * ```
 */
export function halfRangeTable(): Float64Array {
  return Float64Array.from({ length: HALF_RANGE_STEPS + 1 }, (_, i) =>
    rollHalfRangeDeg(Math.acos(Math.min(1, -1 + (2 * i) / HALF_RANGE_STEPS)) * DEG_PER_RAD),
  );
}

/**
 * Float64 values from base64 of their little-endian bytes, or undefined when the text does not
 * hold `count` of them (then the table is computed).
 *
 * @example
 * ```ts
 * decodeTable(Buffer.from(Float64Array.of(1.5).buffer).toString('base64'), 1); // Float64Array [1.5]
 * ```
 */
export function decodeTable(base64: string, count: number): Float64Array | undefined {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== count * 8) return undefined;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 1) out[i] = bytes.readDoubleLE(i * 8);
  return out;
}

/**
 * The half-range of `offNominalRollHalfRangeDeg` at the elongation whose cosine is given, degrees.
 *
 * @example
 * ```ts
 * halfRangeFromCosineDeg(0); // 5.1: at 90 degrees from the Sun
 * ```
 */
export function halfRangeFromCosineDeg(cosElongation: number): number {
  const position = Math.min(Math.max(((cosElongation + 1) * HALF_RANGE_STEPS) / 2, 0), HALF_RANGE_STEPS);
  const i = Math.min(Math.floor(position), HALF_RANGE_STEPS - 1);
  const f = position - i;
  return HALF_RANGE_BY_COSINE[i]! * (1 - f) + HALF_RANGE_BY_COSINE[i + 1]! * f;
}

/** Per table step: the elongations at its ends (degrees) and the half-range's slope over it (degrees per degree). */
let slopes: { fromDeg: Float64Array; toDeg: Float64Array; slope: Float64Array } | undefined;

/**
 * The largest rate of change of the half-range with elongation between `minDeg` and `maxDeg`
 * of elongation, degrees per degree, from the table, with 10% to spare for its steps. Bounds
 * how fast an orientation's reach changes as the Sun moves.
 *
 * @example
 * ```ts
 * halfRangeSlopeBound(85, 135); // about 0.69: steepest in the taper near 85 degrees
 * ```
 */
export function halfRangeSlopeBound(minDeg: number, maxDeg: number): number {
  if (!slopes) {
    const fromDeg = new Float64Array(HALF_RANGE_STEPS);
    const toDeg = new Float64Array(HALF_RANGE_STEPS);
    const slope = new Float64Array(HALF_RANGE_STEPS);
    for (let i = 0; i < HALF_RANGE_STEPS; i++) {
      // Elongation falls as the cosine rises: step i runs from the larger elongation to the smaller.
      toDeg[i] = Math.acos(-1 + (2 * i) / HALF_RANGE_STEPS) * DEG_PER_RAD;
      fromDeg[i] = Math.acos(Math.min(1, -1 + (2 * (i + 1)) / HALF_RANGE_STEPS)) * DEG_PER_RAD;
      slope[i] = Math.abs(HALF_RANGE_BY_COSINE[i + 1]! - HALF_RANGE_BY_COSINE[i]!) / (toDeg[i]! - fromDeg[i]!);
    }
    slopes = { fromDeg, toDeg, slope };
  }
  // Every target of a call asks for the same field of regard: the last answer is kept.
  if (lastBound && lastBound.minDeg === minDeg && lastBound.maxDeg === maxDeg) return lastBound.bound;
  let largest = 0;
  for (let i = 0; i < HALF_RANGE_STEPS; i++) {
    if (slopes.toDeg[i]! < minDeg || slopes.fromDeg[i]! > maxDeg) continue;
    if (slopes.slope[i]! > largest) largest = slopes.slope[i]!;
  }
  lastBound = { minDeg, maxDeg, bound: 1.1 * largest };
  return lastBound.bound;
}

/** The last bound {@link halfRangeSlopeBound} computed, and its limits (a cache: the table never changes). */
let lastBound: { minDeg: number; maxDeg: number; bound: number } | undefined;
