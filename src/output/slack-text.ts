/**
 * Slack in words, as the calendar outputs show it: `may move 2022-08-15 to 08-22`.
 * @module
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { VisitSlack } from '../cadence/schedule.js';
import { VisitSlackSchema } from '../cadence/schedule-schema.js';
import { parseArguments } from '../validation.js';

/** A visit's slack: two instants, the latest not before the earliest (see `VisitSlackSchema`). */
const SlackArguments = z.object({ slack: VisitSlackSchema });

/**
 * How far a visit may move, in days: `may move 2022-08-15 to 08-22` (the second date without
 * its year when it is the first's), `may move 2022-08-15 10:00 to 18:00` within one day, or
 * `may not move` when both ends are its start.
 *
 * @param slack - the visit's slack.
 * @example
 * ```ts
 * slackText({ earliestMs: Date.UTC(2022, 7, 15), latestMs: Date.UTC(2022, 7, 22) }); // 'may move 2022-08-15 to 08-22'
 * ```
 */
export function slackText(slack: VisitSlack): string {
  parseArguments('slackText', SlackArguments, { slack });
  return slackWords(slack);
}

/** {@link slackText} of a checked slack (the writers, whose schedule is checked, call this a visit). */
export function slackWords(slack: VisitSlack): string {
  const from = DateTime.fromMillis(slack.earliestMs, { zone: 'utc' });
  const to = DateTime.fromMillis(slack.latestMs, { zone: 'utc' });
  if (slack.latestMs === slack.earliestMs) return 'may not move';
  if (from.hasSame(to, 'day')) return `may move ${from.toFormat('yyyy-LL-dd HH:mm')} to ${to.toFormat('HH:mm')}`;
  return `may move ${from.toFormat('yyyy-LL-dd')} to ${to.toFormat(from.hasSame(to, 'year') ? 'LL-dd' : 'yyyy-LL-dd')}`;
}
