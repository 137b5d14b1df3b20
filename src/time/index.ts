/**
 * Time: UTC instants as epoch milliseconds, spans, ISO-8601 durations and JWST's observing
 * cycles. Text becomes milliseconds here, at the edge, and milliseconds become text here too.
 *
 * @example
 * ```ts
 * import { cycleSpan, formatInstant, parseDurationMs } from 'jwst-cadence';
 * const cycle1 = cycleSpan(1);
 * console.log(formatInstant(cycle1.startMs), formatInstant(cycle1.endMs)); // 2022-07-01T00:00:00Z 2023-07-01T00:00:00Z
 * console.log(parseDurationMs('P4W') / 86_400_000); // 28
 * ```
 * @module time
 */

export { cycleSpan, JWST_CYCLES } from './cycles.js';
export {
  formatDate,
  formatInstant,
  InstantSchema,
  MAX_UTC_OFFSET_MINUTES,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  parseDurationMs,
  parseInstant,
  parseSpan,
  type Span,
  SpanSchema,
} from './instant.js';
