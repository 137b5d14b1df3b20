/**
 * Orientation and the micrometeoroid avoidance zone (MAZ) in words, for the text outputs: a
 * visit's V3PA, the orientation it was asked for, its time in the MAZ, whether a series can
 * hold one orientation, and a schedule's MAZ share.
 * @module
 */
import type { Schedule, ScheduledVisit } from '../cadence/schedule.js';
import { formatAngleRange } from '../sky/angle-range.js';
import { formatDate, MS_PER_HOUR } from '../time/instant.js';
import { seriesOrientation } from '../visibility/series-orientation.js';

const deg = (value: number): string => `${value.toFixed(1)}°`;

/**
 * A visit's V3PA in words, or undefined when the schedule does not give it.
 *
 * @example
 * ```ts
 * v3paText({ ...visit, v3pa: { nominalDeg: 105.3, minDeg: 100.2, maxDeg: 110.4 } }); // 'V3PA 105.3° (100.2° to 110.4° throughout)'
 * ```
 */
export function v3paText(visit: ScheduledVisit): string | undefined {
  if (!visit.v3pa) return undefined;
  return `V3PA ${deg(visit.v3pa.nominalDeg)} (${deg(visit.v3pa.minDeg)} to ${deg(visit.v3pa.maxDeg)} throughout)`;
}

/**
 * The orientation a visit was asked for, in words, or undefined.
 *
 * @example
 * ```ts
 * orientationText({ ...visit, orientation: { v3pa: { minDeg: 100, maxDeg: 120 }, origin: 'asked' } }); // 'orientation asked: V3PA 100..120'
 * ```
 */
export function orientationText(visit: ScheduledVisit): string | undefined {
  if (!visit.orientation) return undefined;
  const aperture = visit.orientation.aperturePa;
  const what = visit.orientation.origin === 'held' ? 'held across the series' : 'asked';
  return (
    `orientation ${what}: V3PA ${formatAngleRange(visit.orientation.v3pa)}` +
    (aperture
      ? ` (aperture PA ${formatAngleRange(aperture)}, ${aperture.offsetSource === 'given' ? 'given' : aperture.offsetSource} offset ${aperture.offsetDeg})`
      : '')
  );
}

/**
 * The share of a visit inside the MAZ, 0 to 1, or undefined where the schedule does not say.
 *
 * @example
 * ```ts
 * mazShareOf({ ...visit, startMs: 0, endMs: 4 * 3_600_000, mazMs: 3_600_000 }); // 0.25
 * ```
 */
export function mazShareOf(visit: ScheduledVisit): number | undefined {
  if (visit.mazMs === undefined) return undefined;
  return visit.endMs > visit.startMs ? visit.mazMs / (visit.endMs - visit.startMs) : 0;
}

/**
 * A visit's time in the MAZ in words, or undefined where the schedule does not say.
 *
 * @example
 * ```ts
 * mazText({ ...visit, mazMs: 0 }); // 'outside the micrometeoroid avoidance zone'
 * ```
 */
export function mazText(visit: ScheduledVisit): string | undefined {
  const share = mazShareOf(visit);
  if (share === undefined) return undefined;
  return share === 0 ? 'outside the micrometeoroid avoidance zone' : `${Math.round(share * 100)}% in the micrometeoroid avoidance zone`;
}

/**
 * The lines an event or a tooltip gives a visit: its V3PA, asked orientation and MAZ time, where known.
 *
 * @example
 * ```ts
 * orientationLines(schedule.visits[0]!).join('\n'); // 'V3PA: 153.3° nominal at the start; 148.2° to 158.4° reachable throughout the visit'
 * ```
 */
export function orientationLines(visit: ScheduledVisit): string[] {
  const lines: string[] = [];
  if (visit.v3pa) {
    lines.push(
      `V3PA: ${deg(visit.v3pa.nominalDeg)} nominal at the start; ${deg(visit.v3pa.minDeg)} to ${deg(visit.v3pa.maxDeg)} reachable throughout the visit`,
    );
  }
  const orientation = orientationText(visit);
  if (orientation) lines.push(orientation.charAt(0).toUpperCase() + orientation.slice(1));
  const share = mazShareOf(visit);
  if (share !== undefined)
    lines.push(`Micrometeoroid avoidance zone: ${share === 0 ? 'outside' : `${Math.round(share * 100)}% of the visit inside`}`);
  return lines;
}

/**
 * The MAZ share of a schedule in words, with the policy the scheduler used, or undefined where
 * the schedule does not model the zone.
 *
 * @example
 * ```ts
 * mazSummaryText(scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread', cycle: 2 } }));
 * // '0.0% of 110.5 h of observing time from 2023-07-01 in the micrometeoroid avoidance zone (a 75° half-angle cone ...); ...'
 * ```
 */
export function mazSummaryText(schedule: Schedule): string | undefined {
  const maz = schedule.maz;
  if (!maz) return undefined;
  const share = maz.observingMs > 0 ? (100 * maz.inMazMs) / maz.observingMs : 0;
  return (
    `${share.toFixed(1)}% of ${(maz.observingMs / MS_PER_HOUR).toFixed(1)} h of observing time from ${formatDate(maz.fromMs)} in the micrometeoroid avoidance zone ` +
    `(a ${maz.halfAngleDeg}° half-angle cone around JWST's direction of motion); ${maz.policy}`
  );
}

/**
 * Per series, whether one orientation can be held across its epochs: one line each.
 *
 * @example
 * ```ts
 * seriesOrientationLines(schedule);
 * // ['HD163466 / MIRI Medium Resolution Spectroscopy: 12 epochs; no V3PA common to all; 98.2..100.1 held by 4 (epochs 9, 10, 11, 12)', ...]
 * ```
 */
export function seriesOrientationLines(schedule: Schedule): string[] {
  return seriesOrientation(schedule.visits).map((series) => {
    const count = `${series.epochs.length} epoch${series.epochs.length === 1 ? '' : 's'}`;
    if (series.common) return `${series.series}: ${count}; every epoch can hold V3PA ${formatAngleRange(series.common, 1)}`;
    const best = series.best!;
    if (best.epochs.length < 2) return `${series.series}: ${count}; no two epochs can hold the same V3PA`;
    return `${series.series}: ${count}; no V3PA common to all; ${formatAngleRange(best.range, 1)} held by ${best.epochs.length} (epochs ${best.epochs.join(', ')})`;
  });
}
