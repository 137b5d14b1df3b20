/**
 * Notes where a constraint changes what a spread cadence means: a target whose epochs span
 * much less of the span than the time it is visible (an orientation constraint or narrow
 * windows squeezed them together), with the figures.
 * @module
 */

import type { Span } from '../time/instant.js';
import { MS_PER_DAY } from '../time/instant.js';
import type { ScheduledVisit, ScheduleWindow } from './schedule.js';

/**
 * A target's epochs are said to be squeezed when, with at least {@link SQUEEZE_MIN_EPOCHS}
 * epochs, the days from its first epoch's start to its last epoch's end are less than this
 * share of the days it is visible in the span: one half. A spread cadence places epochs
 * across the visible time, so its epochs span most of it (program 1539's stars: their epochs
 * span more than their visible days, across their invisible season); an orientation
 * constraint that leaves one month of a year's visibility packs them into that month
 * (`--v3pa HD163466=100:120`: 31 days of 250, gaps of 2.8 days for a monthly cadence).
 */
export const SQUEEZE_SHARE = 0.5;

/** The fewest epochs for which a squeeze is noted: with two, their gap is the whole cadence. */
export const SQUEEZE_MIN_EPOCHS = 3;

/** The prefix of a squeeze note, by which the calendar finds it for its header. */
export const SQUEEZE_NOTE_PREFIX = 'Cadence squeezed:';

const days = (ms: number): string => (ms / MS_PER_DAY).toFixed(1);

/**
 * The squeeze notes of a plan: for each target, its epochs (the first start and last end of
 * each epoch's visits, visits that failed left out) against its visible time in the span
 * (its windows, clipped to the span).
 */
export function squeezeNotes(
  visits: readonly ScheduledVisit[],
  windows: Readonly<Record<string, readonly ScheduleWindow[]>>,
  span: Span,
): string[] {
  const epochs = new Map<string, Map<string, { startMs: number; endMs: number }>>();
  for (const visit of visits) {
    if (visit.status === 'failed') continue;
    const byEpoch = epochs.get(visit.target) ?? new Map<string, { startMs: number; endMs: number }>();
    epochs.set(visit.target, byEpoch);
    const key = `${visit.cycle ?? ''}/${visit.epoch}`;
    const known = byEpoch.get(key);
    byEpoch.set(
      key,
      known
        ? { startMs: Math.min(known.startMs, visit.startMs), endMs: Math.max(known.endMs, visit.endMs) }
        : { startMs: visit.startMs, endMs: visit.endMs },
    );
  }
  const notes: string[] = [];
  for (const [target, byEpoch] of epochs) {
    if (byEpoch.size < SQUEEZE_MIN_EPOCHS || !Object.hasOwn(windows, target)) continue;
    const visibleMs = windows[target]!.reduce(
      (sum, w) => sum + Math.max(0, Math.min(w.endMs, span.endMs) - Math.max(w.startMs, span.startMs)),
      0,
    );
    const list = [...byEpoch.values()].sort((a, b) => a.startMs - b.startMs);
    const spannedMs = list[list.length - 1]!.endMs - list[0]!.startMs;
    if (!(visibleMs > 0) || spannedMs >= SQUEEZE_SHARE * visibleMs) continue;
    const gaps = list
      .slice(1)
      .map((epoch, i) => epoch.startMs - list[i]!.startMs)
      .sort((a, b) => a - b);
    const median = gaps.length % 2 === 1 ? gaps[(gaps.length - 1) / 2]! : (gaps[gaps.length / 2 - 1]! + gaps[gaps.length / 2]!) / 2;
    const [least, most] = [days(gaps[0]!), days(gaps[gaps.length - 1]!)];
    const gapText = least === most ? `gaps of ${least} days` : `gaps of ${least} to ${most} days, median ${days(median)}`;
    notes.push(
      `${SQUEEZE_NOTE_PREFIX} ${target}'s ${list.length} epochs span ${days(spannedMs)} days of the ${days(visibleMs)} it is visible in the span ` +
        `(${Math.round((100 * spannedMs) / visibleMs)}%; noted below ${SQUEEZE_SHARE * 100}%), ${gapText}: a constraint (an orientation, narrow windows) leaves its epochs little room.`,
    );
  }
  return notes;
}
