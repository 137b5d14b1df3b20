/**
 * Angle parsing and conversion. Degrees at the API, radians inside; names say which.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { decimalValue, describeValue, FiniteNumber, NonEmptyString, parseWith } from '../validation.js';

/** An angle as the API takes it: a number of degrees, or text (degrees, or sexagesimal). */
const AngleInputSchema = z.union([z.number(), z.string()], {
  error: (issue) => `expected a number of degrees or sexagesimal text, got ${describeValue(issue.input)}`,
});
/** Check an angle parser's arguments: its name for messages, then the angle, named by it. */
function checkAngleArguments(fn: string, value: unknown, field: unknown): void {
  parseWith(NonEmptyString, field, 'field', fn);
  parseWith(AngleInputSchema, value, field as string);
}

/** Radians per degree. */
export const RAD_PER_DEG = Math.PI / 180;
/** Degrees per radian. */
export const DEG_PER_RAD = 180 / Math.PI;

/**
 * Wrap an angle in degrees into [0, 360).
 *
 * @example
 * ```ts
 * wrapDeg360(-90); // 270
 * ```
 */
export function wrapDeg360(angleDeg: number): number {
  parseWith(FiniteNumber, angleDeg, 'angleDeg', 'wrapDeg360');
  return wrapDegrees(angleDeg);
}

/** {@link wrapDeg360} of a checked angle (the engine wraps every window's V3PA range through this). */
export function wrapDegrees(angleDeg: number): number {
  const remainder = angleDeg % 360;
  // A tiny negative remainder plus 360 rounds to 360 itself, which is 0.
  const wrapped = remainder < 0 ? remainder + 360 : remainder;
  return wrapped >= 360 ? 0 : wrapped;
}

const SEXAGESIMAL = /^([+-])?\s*(\d{1,3})(?:[:\s]+|[hd°]\s*)(\d{1,2})(?:[:\s]+|[m']\s*)(\d{1,2}(?:\.\d*)?)\s*(?:s|"|'')?$/i;

/**
 * Parse a sexagesimal triple `A:B:C` (also `A B C`, `AhBmCs`, `AdBmCs`) into its value
 * in the unit of its first field (hours or degrees). Returns a message when malformed.
 */
function parseSexagesimal(text: string): number | string {
  const match = SEXAGESIMAL.exec(text.trim());
  if (!match) {
    return `"${text}" is not sexagesimal (expected e.g. 17:24:52.28 or +60:25:50.8)`;
  }
  const [, sign, whole, minutes, seconds] = match;
  const m = Number(minutes);
  const s = Number(seconds);
  if (m >= 60 || s >= 60) {
    return `"${text}": minutes and seconds must be below 60`;
  }
  const magnitude = Number(whole) + m / 60 + s / 3600;
  return sign === '-' ? -magnitude : magnitude;
}

/** A plain number, or the value of a sexagesimal triple (hours or degrees, as its first field is). */
function readAngle(value: string | number, field: string): { value: number; sexagesimal: boolean } {
  if (typeof value === 'number') return { value, sexagesimal: false };
  const number = decimalValue(value);
  if (number !== undefined) return { value: number, sexagesimal: false };
  const parsed = parseSexagesimal(value);
  if (typeof parsed === 'string') throw new InputError(`${field}: ${parsed}`);
  return { value: parsed, sexagesimal: true };
}

/**
 * Right ascension in degrees from a number of degrees or sexagesimal hours (`17:24:52.28`).
 * Throws an InputError naming `field` when malformed or outside [0, 360).
 *
 * @example
 * ```ts
 * parseRightAscensionDeg('18:00:00'); // 270
 * parseRightAscensionDeg(261.21781);  // 261.21781
 * ```
 */
export function parseRightAscensionDeg(value: string | number, field = 'ra'): number {
  checkAngleArguments('parseRightAscensionDeg', value, field);
  return rightAscensionDeg(value, field);
}

/**
 * {@link parseRightAscensionDeg} of an angle already known to be a finite number or a string
 * (a file's rows are read through this, without checking the arguments again).
 *
 * @example
 * ```ts
 * rightAscensionDeg('18:00:00', 'ra'); // 270
 * ```
 */
export function rightAscensionDeg(value: string | number, field: string): number {
  const angle = readAngle(value, field);
  if (angle.sexagesimal && angle.value < 0) throw new InputError(`${field}: right ascension "${value}" must not be negative`);
  const deg = angle.sexagesimal ? angle.value * 15 : angle.value;
  if (!Number.isFinite(deg) || deg < 0 || deg >= 360) {
    throw new InputError(`${field}: right ascension must be in [0, 360) degrees (or 0h to 24h), got ${value}`);
  }
  return deg;
}

/**
 * Declination in degrees from a number of degrees or sexagesimal degrees (`+60:25:50.8`).
 * Throws an InputError naming `field` when malformed or outside [-90, 90].
 *
 * @example
 * ```ts
 * parseDeclinationDeg('-00:30:00'); // -0.5
 * ```
 */
export function parseDeclinationDeg(value: string | number, field = 'dec'): number {
  checkAngleArguments('parseDeclinationDeg', value, field);
  return declinationDeg(value, field);
}

/**
 * {@link parseDeclinationDeg} of an angle already known to be a finite number or a string.
 *
 * @example
 * ```ts
 * declinationDeg('-00:30:00', 'dec'); // -0.5
 * ```
 */
export function declinationDeg(value: string | number, field: string): number {
  const deg = readAngle(value, field).value;
  if (!Number.isFinite(deg) || deg < -90 || deg > 90) {
    throw new InputError(`${field}: declination must be in [-90, 90] degrees, got ${value}`);
  }
  return deg;
}
