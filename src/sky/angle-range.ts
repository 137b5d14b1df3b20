/**
 * Ranges of position angle: arcs of the circle, running eastward (increasing angle) from a
 * first angle to a last one, through 360/0 when the last is the smaller.
 * @module
 */
import { z } from 'zod';
import { wrapDeg360 } from './angles.js';
import { InputError } from '../errors.js';

/**
 * An arc of position angle, degrees: from `minDeg` eastward to `maxDeg`, through 360/0 when
 * `maxDeg < minDeg`. Both ends are in [0, 360), except the whole circle, which is
 * `{ minDeg: 0, maxDeg: 360 }`.
 */
export interface AngleRange {
  readonly minDeg: number;
  readonly maxDeg: number;
}

/** The whole circle. */
export const FULL_CIRCLE: AngleRange = Object.freeze({ minDeg: 0, maxDeg: 360 });

/**
 * An angle range as a user gives it: `{ minDeg, maxDeg }`, any finite degrees (`-10` to `10`,
 * `350` to `370` and `350` to `10` are the same arc). The arc runs eastward from `minDeg` to
 * `maxDeg`; a span of 360 degrees or more is the whole circle; `minDeg` equal to `maxDeg` is
 * the one angle.
 *
 * @example
 * ```ts
 * AngleRangeSchema.parse({ minDeg: -10, maxDeg: 10 }); // { minDeg: 350, maxDeg: 10 }
 * ```
 */
export const AngleRangeSchema = z
  .object({
    minDeg: z.number().finite().min(-720).max(720),
    maxDeg: z.number().finite().min(-720).max(720),
  })
  .transform(({ minDeg, maxDeg }): AngleRange => normalizeAngleRange(minDeg, maxDeg));

/** What {@link AngleRangeSchema} accepts. */
export type AngleRangeInput = z.input<typeof AngleRangeSchema>;

/**
 * The arc from `fromDeg` eastward to `toDeg` in the canonical form of {@link AngleRange}.
 * When `toDeg` is below `fromDeg` by less than 360 the arc still runs eastward (through 0):
 * `normalizeAngleRange(350, 10)` is the 20-degree arc across north. A difference of 360 or more
 * (`0` to `360`) is the whole circle.
 *
 * @example
 * ```ts
 * normalizeAngleRange(-10, 10); // { minDeg: 350, maxDeg: 10 }
 * normalizeAngleRange(0, 360);  // { minDeg: 0, maxDeg: 360 }
 * ```
 */
export function normalizeAngleRange(fromDeg: number, toDeg: number): AngleRange {
  if (toDeg - fromDeg >= 360) return FULL_CIRCLE;
  return Object.freeze({ minDeg: wrapDeg360(fromDeg), maxDeg: wrapDeg360(toDeg) });
}

/**
 * The width of an arc, degrees in [0, 360].
 *
 * @example
 * ```ts
 * angleRangeWidthDeg({ minDeg: 350, maxDeg: 10 }); // 20
 * ```
 */
export function angleRangeWidthDeg(range: AngleRange): number {
  if (range.maxDeg - range.minDeg >= 360) return 360;
  return wrapDeg360(range.maxDeg - range.minDeg);
}

/**
 * The middle of an arc, degrees in [0, 360).
 *
 * @example
 * ```ts
 * angleRangeCentreDeg({ minDeg: 350, maxDeg: 10 }); // 0
 * ```
 */
export function angleRangeCentreDeg(range: AngleRange): number {
  return wrapDeg360(range.minDeg + angleRangeWidthDeg(range) / 2);
}

/**
 * Signed difference `aDeg - bDeg` brought into [-180, 180).
 *
 * @example
 * ```ts
 * angleDifferenceDeg(5, 355); // 10
 * ```
 */
export function angleDifferenceDeg(aDeg: number, bDeg: number): number {
  return wrapDeg360(aDeg - bDeg + 180) - 180;
}

/**
 * Whether an arc holds an angle (ends included), within `toleranceDeg`.
 *
 * @example
 * ```ts
 * angleRangeContains({ minDeg: 350, maxDeg: 10 }, 0); // true
 * ```
 */
export function angleRangeContains(range: AngleRange, angleDeg: number, toleranceDeg = 0): boolean {
  const width = angleRangeWidthDeg(range);
  if (width + 2 * toleranceDeg >= 360) return true;
  return wrapDeg360(angleDeg - range.minDeg + toleranceDeg) <= width + 2 * toleranceDeg;
}

/**
 * The arc of angles that lie in both arcs, or `undefined` when they share none. Two arcs can
 * share two separate pieces only when together they wrap the circle (each wider than the
 * other's gap); then the piece that holds `a`'s start, or else the first met going east from
 * it, is returned, and `angleRangeIntersections` gives both.
 *
 * @example
 * ```ts
 * intersectAngleRanges({ minDeg: 100, maxDeg: 120 }, { minDeg: 110, maxDeg: 130 }); // { minDeg: 110, maxDeg: 120 }
 * intersectAngleRanges({ minDeg: 350, maxDeg: 10 }, { minDeg: 20, maxDeg: 30 });   // undefined
 * ```
 */
export function intersectAngleRanges(a: AngleRange, b: AngleRange): AngleRange | undefined {
  return angleRangeIntersections(a, b)[0];
}

/**
 * Every arc of angles in both arcs: none, one, or two (when together they wrap the circle),
 * ordered eastward from `a`'s start.
 *
 * @example
 * ```ts
 * angleRangeIntersections({ minDeg: 0, maxDeg: 200 }, { minDeg: 180, maxDeg: 20 }); // [{ 0..20 }, { 180..200 }]
 * ```
 */
export function angleRangeIntersections(a: AngleRange, b: AngleRange): AngleRange[] {
  const widthA = angleRangeWidthDeg(a);
  const widthB = angleRangeWidthDeg(b);
  if (widthA >= 360) return [b];
  if (widthB >= 360) return [a];
  // Work eastward from a's start: a is [0, widthA]; b is [s, s + widthB] and [s - 360, s - 360 + widthB].
  const s = wrapDeg360(b.minDeg - a.minDeg);
  const pieces: Array<[number, number]> = [];
  for (const start of [s - 360, s]) {
    const lo = Math.max(0, start);
    const hi = Math.min(widthA, start + widthB);
    if (lo <= hi) pieces.push([lo, hi]);
  }
  return pieces
    .sort((x, y) => x[0] - y[0])
    .map(([lo, hi]) => Object.freeze({ minDeg: wrapDeg360(a.minDeg + lo), maxDeg: wrapDeg360(a.minDeg + hi) }));
}

/**
 * The angles common to every arc of a list (none when the list is empty or they share none).
 * For arcs narrower than 180 degrees each, as reachable V3PA ranges are, the common part is
 * one arc or nothing.
 *
 * @example
 * ```ts
 * commonAngleRange([{ minDeg: 100, maxDeg: 120 }, { minDeg: 110, maxDeg: 130 }, { minDeg: 115, maxDeg: 125 }]); // { 115..120 }
 * ```
 */
export function commonAngleRange(ranges: readonly AngleRange[]): AngleRange | undefined {
  if (ranges.length === 0) return undefined;
  let common: AngleRange | undefined = ranges[0]!;
  for (const range of ranges.slice(1)) {
    common = intersectAngleRanges(common, range);
    if (common === undefined) return undefined;
  }
  return common;
}

/**
 * The angle held by the most arcs of a list, how many hold it, and the arc of angles they all
 * share: where no angle is common to every arc, the best that one orientation can do. Ties go
 * to the angle first met going east from 0.
 *
 * @example
 * ```ts
 * mostSharedAngleRange([{ minDeg: 0, maxDeg: 10 }, { minDeg: 5, maxDeg: 15 }, { minDeg: 40, maxDeg: 50 }]);
 * // { range: { minDeg: 5, maxDeg: 10 }, count: 2, members: [0, 1] }
 * ```
 */
export function mostSharedAngleRange(ranges: readonly AngleRange[]): { range: AngleRange; count: number; members: number[] } | undefined {
  if (ranges.length === 0) return undefined;
  // The best angle can be taken at the start of some arc: moving east from any angle until an
  // arc starts loses no arc that held it except by passing an arc's end, which only lowers the count.
  let best: { count: number; members: number[]; startDeg: number } | undefined;
  const starts = [...new Set(ranges.map((range) => range.minDeg))].sort((x, y) => x - y);
  for (const startDeg of starts) {
    const members = ranges.flatMap((range, index) => (angleRangeContains(range, startDeg) ? [index] : []));
    if (!best || members.length > best.count) best = { count: members.length, members, startDeg };
  }
  const range = commonAngleRange(best!.members.map((index) => ranges[index]!))!;
  return { range, count: best!.count, members: best!.members };
}

/**
 * Read `MIN:MAX` (degrees, either may be negative or beyond 360: `-10:10`, `350:370`, `350:10`)
 * as an angle range. `field` names the option or field in the error.
 *
 * @example
 * ```ts
 * parseAngleRangeText('100:120', '--v3pa'); // { minDeg: 100, maxDeg: 120 }
 * parseAngleRangeText('-10:10', '--v3pa');  // { minDeg: 350, maxDeg: 10 }
 * ```
 */
export function parseAngleRangeText(text: string, field: string): AngleRange {
  const match = /^\s*([+-]?\d+(?:\.\d*)?|[+-]?\.\d+)\s*:\s*([+-]?\d+(?:\.\d*)?|[+-]?\.\d+)\s*$/.exec(text);
  if (!match) throw new InputError(`${field}: expected MIN:MAX in degrees, e.g. 100:120 or -10:10, got "${text}"`);
  const minDeg = Number(match[1]);
  const maxDeg = Number(match[2]);
  const result = AngleRangeSchema.safeParse({ minDeg, maxDeg });
  if (!result.success) throw new InputError(`${field}: angles must lie between -720 and 720 degrees, got "${text}"`);
  return result.data;
}

/**
 * An angle range as text, e.g. `100..120` or `350..10` (through north), rounded to `decimals`
 * with trailing zeros dropped.
 *
 * @example
 * ```ts
 * formatAngleRange({ minDeg: 100, maxDeg: 120.25 }); // '100..120.25'
 * ```
 */
export function formatAngleRange(range: AngleRange, decimals = 2): string {
  const text = (deg: number): string => String(Number(deg.toFixed(decimals)));
  return `${text(range.minDeg)}..${text(range.maxDeg)}`;
}
