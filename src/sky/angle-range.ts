/**
 * Ranges of position angle: arcs of the circle, running eastward (increasing angle) from a
 * first angle to a last one, through 360/0 when the last is the smaller.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { decimalValue, FiniteNumber, NonEmptyString, type SameShape } from '../validation.js';
import { wrapDegrees } from './angles.js';

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
 * The fields of an arc as {@link AngleRange} holds them: both ends in [0, 360), except the whole
 * circle, `{ minDeg: 0, maxDeg: 360 }`.
 */
export const arcFields = {
  minDeg: FiniteNumber.min(0).lt(360),
  maxDeg: FiniteNumber.min(0).max(360),
};

/** Whether an arc's ends are canonical: `maxDeg` is 360 only in the whole circle. */
export const isCanonicalArc = (range: { minDeg: number; maxDeg: number }): boolean => range.maxDeg < 360 || range.minDeg === 0;

/** The message of an arc that is not canonical. */
export const ARC_END_MESSAGE = 'only the whole circle, { minDeg: 0, maxDeg: 360 }, ends at 360 (other ends lie in [0, 360))';

/**
 * An arc as the library holds one ({@link AngleRange}): what the functions of this module take
 * and give. An arc as a user gives it (any degrees) is read by {@link AngleRangeSchema} instead.
 * Fields not named here are left alone.
 *
 * @example
 * ```ts
 * AngleRangeRecordSchema.safeParse({ minDeg: 350, maxDeg: 10 }).success;  // true
 * AngleRangeRecordSchema.safeParse({ minDeg: -10, maxDeg: 10 }).success;  // false: read it with AngleRangeSchema
 * ```
 */
export const AngleRangeRecordSchema = z.object(arcFields).refine(isCanonicalArc, { message: ARC_END_MESSAGE, path: ['maxDeg'] });

/**
 * The V3PA a visit holds as records keep it: the nominal V3PA at its start, in [0, 360), and the
 * arc reachable throughout (as {@link AngleRangeRecordSchema}). Fields not named here are left
 * alone. Pure arithmetic, like the rest of this module, so readers of plan files load no sky model.
 *
 * @example
 * ```ts
 * HeldV3PaRecordSchema.safeParse({ nominalDeg: 105.3, minDeg: 100.2, maxDeg: 110.4 }).success; // true
 * ```
 */
export const HeldV3PaRecordSchema = z
  .object({ nominalDeg: FiniteNumber.min(0).lt(360), ...arcFields })
  .refine(isCanonicalArc, { message: ARC_END_MESSAGE, path: ['maxDeg'] });

export const RangeArgument = z.object({ range: AngleRangeRecordSchema });
export const TwoRanges = z.object({ a: AngleRangeRecordSchema, b: AngleRangeRecordSchema });
export const RangeList = z.object({ ranges: z.array(AngleRangeRecordSchema) });
/** Angles taken by the arithmetic here: any finite degrees (they are wrapped). */
const AnyDegrees = FiniteNumber;

/** The arguments of {@link normalizeAngleRange}. */
export const NormalizeAngleRangeArguments = z.object({ fromDeg: AnyDegrees, toDeg: AnyDegrees });

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
  return Object.freeze({ minDeg: wrapDegrees(fromDeg), maxDeg: wrapDegrees(toDeg) });
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
  return wrapDegrees(range.maxDeg - range.minDeg);
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
  return wrapDegrees(range.minDeg + angleRangeWidthDeg(range) / 2);
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
  // Each angle wrapped first: the difference of two huge angles would lose the smaller.
  return signedDifferenceDeg(wrapDegrees(aDeg), wrapDegrees(bDeg));
}

/** The arguments of {@link angleDifferenceDeg}. */
export const AngleDifferenceDegArguments = z.object({ aDeg: AnyDegrees, bDeg: AnyDegrees });

/**
 * {@link angleDifferenceDeg} of angles of ordinary size, such as those in [0, 360) (orientation
 * is followed through time with this, in its inner loops).
 */
export function signedDifferenceDeg(aDeg: number, bDeg: number): number {
  return wrapDegrees(aDeg - bDeg + 180) - 180;
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
  // The angle wrapped first: its difference from the arc's start would lose a huge angle's digits.
  return arcHolds(range, wrapDegrees(angleDeg), toleranceDeg);
}

/** The arguments of {@link angleRangeContains}: a tolerance within the circle either way (a negative one narrows the arc). */
export const ContainsArguments = z.object({
  range: AngleRangeRecordSchema,
  angleDeg: AnyDegrees,
  toleranceDeg: FiniteNumber.min(-360).max(360),
});

/** {@link angleRangeContains} of checked arguments, the angle of ordinary size (such as one in [0, 360)). */
export function arcHolds(range: AngleRange, angleDeg: number, toleranceDeg = 0): boolean {
  const width = angleRangeWidthDeg(range);
  if (width + 2 * toleranceDeg >= 360) return true;
  return wrapDegrees(angleDeg - range.minDeg + toleranceDeg) <= width + 2 * toleranceDeg;
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
  const s = wrapDegrees(b.minDeg - a.minDeg);
  const pieces: Array<[number, number]> = [];
  for (const start of [s - 360, s]) {
    const lo = Math.max(0, start);
    const hi = Math.min(widthA, start + widthB);
    if (lo <= hi) pieces.push([lo, hi]);
  }
  return pieces
    .sort((x, y) => x[0] - y[0])
    .map(([lo, hi]) => Object.freeze({ minDeg: wrapDegrees(a.minDeg + lo), maxDeg: wrapDegrees(a.minDeg + hi) }));
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
  return mostSharedArc(ranges);
}

/** {@link mostSharedAngleRange} of checked arcs. */
export function mostSharedArc(ranges: readonly AngleRange[]): { range: AngleRange; count: number; members: number[] } | undefined {
  if (ranges.length === 0) return undefined;
  // The best angle can be taken at the start of some arc: moving east from any angle until an
  // arc starts loses no arc that held it except by passing an arc's end, which only lowers the count.
  let best: { count: number; members: number[]; startDeg: number } | undefined;
  const starts = [...new Set(ranges.map((range) => range.minDeg))].sort((x, y) => x - y);
  for (const startDeg of starts) {
    const members = ranges.flatMap((range, index) => (arcHolds(range, startDeg) ? [index] : []));
    if (!best || members.length > best.count) best = { count: members.length, members, startDeg };
  }
  const range = commonAngleRange(best!.members.map((index) => ranges[index]!))!;
  return { range, count: best!.count, members: best!.members };
}

/** An arc turned by `deltaDeg` (the whole circle stays itself). */
export function arcTurned(range: AngleRange, deltaDeg: number): AngleRange {
  if (range.maxDeg - range.minDeg >= 360) return range;
  return normalizeAngleRange(range.minDeg + deltaDeg, range.minDeg + deltaDeg + angleRangeWidthDeg(range));
}

/**
 * Whether two arcs are the same to `toleranceDeg` at each end (for records that hold one arc
 * as two, such as an aperture PA range and its V3PA range).
 */
export function arcsAgree(a: AngleRange, b: AngleRange, toleranceDeg: number): boolean {
  const fullA = angleRangeWidthDeg(a) >= 360;
  const fullB = angleRangeWidthDeg(b) >= 360;
  if (fullA || fullB) return fullA === fullB;
  return (
    Math.abs(signedDifferenceDeg(a.minDeg, b.minDeg)) <= toleranceDeg && Math.abs(signedDifferenceDeg(a.maxDeg, b.maxDeg)) <= toleranceDeg
  );
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
  const match = /^([^:]*):([^:]*)$/.exec(text);
  const minDeg = match ? decimalValue(match[1]!) : undefined;
  const maxDeg = match ? decimalValue(match[2]!) : undefined;
  if (minDeg === undefined || maxDeg === undefined)
    throw new InputError(`${field}: expected MIN:MAX in degrees, e.g. 100:120 or -10:10, got "${text}"`);
  const result = AngleRangeSchema.safeParse({ minDeg, maxDeg });
  if (!result.success) throw new InputError(`${field}: angles must lie between -720 and 720 degrees, got "${text}"`);
  return result.data;
}

/** The arguments of {@link parseAngleRangeText}. */
export const ParseAngleRangeTextArguments = z.object({ text: z.string(), field: NonEmptyString });

/** The arguments of {@link formatAngleRange}: the digits `toFixed` takes. */
export const FormatArguments = z.object({ range: AngleRangeRecordSchema, decimals: z.number().int().min(0).max(100) });

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

const fieldsMatch: SameShape<AngleRange, z.output<typeof AngleRangeRecordSchema>> = true;
void fieldsMatch;
