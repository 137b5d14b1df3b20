/**
 * Slack in words, as the calendar outputs show it: `may move 2022-08-15 to 08-22`.
 * @module
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { VisitSlack, VisitSlackRun } from '../cadence/schedule.js';
import { VisitSlackSchema } from '../cadence/schedule-schema.js';

/** A visit's slack: two instants, the latest not before the earliest (see `VisitSlackSchema`). */
export const SlackArguments = z.object({ slack: VisitSlackSchema });

/**
 * How far a visit may move, in days: `may move 2022-08-15 to 08-22` (the second date without
 * its year when it is the first's), `may move 2022-08-15 10:00 to 18:00` within one day, or
 * `may not move` when both ends are its start. Where the slack records its runs, what blocks
 * each end follows (`(blocked by window edge, HD163466 epoch 6)`, the earlier end first), and
 * the other runs the epoch could move to after `; also`, to the minute: a visit that may not
 * move where it is may still have somewhere else to go.
 *
 * @param slack - the visit's slack.
 * @example
 * ```ts
 * slackText({ earliestMs: Date.UTC(2022, 7, 15), latestMs: Date.UTC(2022, 7, 22) }); // 'may move 2022-08-15 to 08-22'
 * ```
 */
export function slackText(slack: VisitSlack): string {
  const from = DateTime.fromMillis(slack.earliestMs, { zone: 'utc' });
  const to = DateTime.fromMillis(slack.latestMs, { zone: 'utc' });
  const runs = slack.runs ?? [];
  const own = runs.find((run) => run.earliestMs === slack.earliestMs && run.latestMs === slack.latestMs);
  const others = runs.filter((run) => run !== own);
  const why = own ? ` (${blockedText(own)})` : '';
  const also = others.length > 0 ? `; also ${others.map((run) => `${runRange(run)} (${blockedText(run)})`).join(', ')}` : '';
  if (slack.latestMs === slack.earliestMs) return `may not move${why}${also}`;
  if (from.hasSame(to, 'day')) return `may move ${from.toFormat('yyyy-LL-dd HH:mm')} to ${to.toFormat('HH:mm')}${why}${also}`;
  return `may move ${from.toFormat('yyyy-LL-dd')} to ${to.toFormat(from.hasSame(to, 'year') ? 'LL-dd' : 'yyyy-LL-dd')}${why}${also}`;
}

/** What blocks a run at its two ends: `blocked by window edge, HD163466 epoch 6`, or one name when both are the same. */
function blockedText(run: VisitSlackRun): string {
  return run.earlierBlockedBy === run.laterBlockedBy
    ? `blocked by ${run.earlierBlockedBy}`
    : `blocked by ${run.earlierBlockedBy}, ${run.laterBlockedBy}`;
}

/** A run other than the visit's own, to the minute: `2023-01-21 04:00 to 01-23 14:00`, or one instant. */
function runRange(run: VisitSlackRun): string {
  const from = DateTime.fromMillis(run.earliestMs, { zone: 'utc' });
  const to = DateTime.fromMillis(run.latestMs, { zone: 'utc' });
  if (run.earliestMs === run.latestMs) return from.toFormat('yyyy-LL-dd HH:mm');
  return `${from.toFormat('yyyy-LL-dd HH:mm')} to ${to.toFormat(from.hasSame(to, 'day') ? 'HH:mm' : from.hasSame(to, 'year') ? 'LL-dd HH:mm' : 'yyyy-LL-dd HH:mm')}`;
}
