/**
 * The guard every renderer runs first: a schedule whose instants are not finite numbers,
 * or whose intervals end before they start, is refused with the field that is wrong, so no
 * output ever contains `NaN` or an impossible interval.
 * @module
 */
import type { Schedule, TimeInterval } from '../cadence/schedule.js';
import { InputError } from '../errors.js';

/**
 * Check the instants of an in-memory schedule, throwing an `InputError` that names the field.
 *
 * @param schedule - the schedule to check.
 * @param source - what the schedule is called in the message (a file name, or `schedule`).
 * @returns the same schedule, unchanged.
 * @example
 * ```ts
 * checkScheduleInstants({ ...schedule, span: { startMs: NaN, endMs: 0 } });
 * // InputError: schedule: span.startMs: not a finite instant (NaN)
 * ```
 */
export function checkScheduleInstants(schedule: Schedule, source = 'schedule'): Schedule {
  const problems: string[] = [];
  const checkInterval = (interval: TimeInterval, path: string, allowEmpty: boolean): void => {
    const startOk = checkInstant(interval.startMs, `${path}.startMs`, problems);
    const endOk = checkInstant(interval.endMs, `${path}.endMs`, problems);
    if (startOk && endOk && (allowEmpty ? interval.endMs < interval.startMs : interval.endMs <= interval.startMs)) {
      problems.push(`${path}.endMs: ends at or before its start`);
    }
  };
  checkInterval(schedule.span, 'span', false);
  schedule.visits.forEach((visit, index) => {
    checkInterval(visit, `visits.${index}`, true);
    checkInterval(visit.window, `visits.${index}.window`, false);
    if (visit.slack !== undefined) {
      checkInterval({ startMs: visit.slack.earliestMs, endMs: visit.slack.latestMs }, `visits.${index}.slack`, true);
    }
  });
  (schedule.missedDates ?? []).forEach((missed, index) => {
    checkInstant(missed.idealMs, `missedDates.${index}.idealMs`, problems);
    if (missed.nearestStartMs !== undefined) checkInstant(missed.nearestStartMs, `missedDates.${index}.nearestStartMs`, problems);
  });
  for (const [target, windows] of Object.entries(schedule.windows)) {
    windows.forEach((window, index) => checkInterval(window, `windows.${target}.${index}`, false));
  }
  if (problems.length > 0) {
    throw new InputError(problems.map((problem) => `${source}: ${problem}`).join('\n'));
  }
  return schedule;
}

function checkInstant(value: unknown, path: string, problems: string[]): boolean {
  if (typeof value === 'number' && Number.isFinite(value)) return true;
  problems.push(`${path}: not a finite instant (${String(value)})`);
  return false;
}
