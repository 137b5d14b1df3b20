/**
 * Cadence scheduling: the cadence specification, the exact placement of epoch blocks on
 * the observatory timeline, and the gap checks.
 * @module
 */
export * from './schedule.js';
export * from './spec.js';
export * from './starts.js';
export * from './spread.js';
export * from './period.js';
export * from './timeline.js';
export * from './scheduler.js';
export * from './gaps.js';
