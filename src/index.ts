/**
 * jwst-cadence: plan repeated JWST observations. This is the package's one import; its
 * exports come from the library's areas, in the order data flows through them:
 * program + targets → visibility windows → schedule → outputs.
 *
 * @example
 * ```ts
 * import { visibilityWindows, cycleSpan, formatInstant } from 'jwst-cadence';
 * for (const w of visibilityWindows('BD+60-1753', cycleSpan(1))) {
 *   console.log(formatInstant(w.startMs), formatInstant(w.endMs), w.durationDays.toFixed(1));
 * }
 * ```
 * @packageDocumentation
 */

export * from './cadence/index.js';
export { InputError, ServiceError } from './errors.js';
export * from './observatory/index.js';
export * from './output/index.js';
export * from './program/index.js';
export * from './sky/index.js';
export * from './time/index.js';
export * from './visibility/index.js';
