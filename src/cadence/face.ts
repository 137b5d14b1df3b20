/**
 * The checked face of the cadence functions: each one as the package exports it, its arguments
 * checked once, before any work, by the schema beside the function (see `checked`). The
 * library's own code calls the functions themselves.
 * @module
 */

import type { z } from 'zod';
import type { Program } from '../program/program.js';
import type { PublishedSchedule } from '../program/published.js';
import { checked, type SameKeys } from '../validation.js';
import * as args from './arguments.js';
import * as consistency from './consistency.js';
import * as gaps from './gaps.js';
import type { ObservedPlanOptions } from './observed.js';
import * as observed from './observed.js';
import type { Schedule } from './schedule.js';
import type { ScheduleProgramOptions } from './scheduler.js';
import * as scheduler from './scheduler.js';
import * as slack from './slack.js';
import * as spread from './spread/index.js';
import * as timeline from './timeline.js';
import * as whatIf from './what-if.js';

/** @function */
export const checkPlan = /* @__PURE__ */ checked('checkPlan', consistency.PlanArguments, consistency.checkPlan);
/** @function */
export const assertConsistentPlan = /* @__PURE__ */ checked(
  'assertConsistentPlan',
  consistency.AssertArguments,
  consistency.assertConsistentPlan,
  { defaults: { source: 'schedule' } },
);
/** @function */
export const cadenceGaps = /* @__PURE__ */ checked('cadenceGaps', gaps.GapsArguments, gaps.cadenceGaps);
/**
 * The schedule a published observing schedule gives one program (see
 * `readPublishedSchedule`): every visit where STScI placed it, with its published
 * duration; `done` when it starts before `now` (every visit, without `now`), otherwise planned
 * and marked `published` (scheduled, not yet run). Series are target and template; an epoch is
 * a target's visits that each start less than `epochJoinHours` (default 12) after the previous
 * one of the target ends. The windows are the engine's, over whole UTC days from the first
 * visit to the last, so {@link cadenceGaps} says which gaps the sky forced. The span is those
 * days; the notes carry the schedule's own (visits a later report dropped).
 *
 * Visits are told apart by observation and visit number (`1539:7:1`, `1539:7:2`); a visit
 * listed twice is refused.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const text = readFileSync('examples/published-schedule-1539/program-1539-cycle-1.csv', 'utf8');
 * const published = readPublishedSchedule([{ name: 'program-1539-cycle-1.csv', text }], '1539');
 * const check = cadenceGaps(observedPlan(published));
 * check.targets.map((report) => [report.id, report.gaps.map((gap) => gap.days.toFixed(1))]);
 * ```
 * @function
 */
export const observedPlan: (published: PublishedSchedule, options?: ObservedPlanOptions) => Schedule = /* @__PURE__ */ checked(
  'observedPlan',
  observed.ObservedArguments,
  observed.observedPlan,
  {
    defaults: { options: {} },
    parsed: ['options'],
  },
);
/**
 * Schedule a program's visits over a span.
 *
 * Epoch blocks (science visits, each followed by its linked background visits) run back to
 * back inside one window of each of their targets, kept from each window edge by that edge's
 * margin (or `cadence.margin` when given). Each lead target places the most epochs it can, then
 * its objective, on the one observatory timeline; the targets are placed in a stated order (the
 * one needing the largest share of its visible time first), repaired so that no target keeps
 * epochs another could use without losing any (see `scheduleTimeline`). Visits that cannot be
 * placed are listed in `unscheduled` with the reason, and the targets whose visits displaced
 * them; in `period` mode the ideal dates no epoch took are listed in `missedDates`.
 *
 * Orientation: a visit with a constraint is placed where it can hold an angle of its V3PA
 * range throughout; a held series' band is chosen among candidate centres (see
 * `chooseHeldBands`). Every placed visit whose target's position is known carries its V3PA:
 * the nominal at its start and the range reachable throughout it.
 *
 * The micrometeoroid avoidance zone, where it is modelled (`observatory.maz`; from Cycle 2 on by
 * default): blocks are kept out of it by the policy of `placeAvoidingMaz` (the most epochs
 * first, then time outside the zone, then the cadence), each visit records its time in the
 * zone, and `maz` gives the share of observing time inside.
 *
 * @example
 * ```ts
 * const schedule = scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread' } });
 * schedule.visits.length + schedule.unscheduled.length; // 86
 * ```
 * @function
 */
export const scheduleProgram: (program: Program, options?: ScheduleProgramOptions) => Schedule = /* @__PURE__ */ checked(
  'scheduleProgram',
  args.ScheduleProgramArguments,
  scheduler.scheduleProgram,
  {
    defaults: { options: {} },
    parsed: ['options'],
  },
);
/** @function */
export const timelineBlocks = /* @__PURE__ */ checked('timelineBlocks', args.TimelineBlocksArguments, slack.timelineBlocks);
/** @function */
export const allowedEpochStarts = /* @__PURE__ */ checked('allowedEpochStarts', args.SlackArguments, slack.allowedEpochStarts);
/** @function */
export const epochSlack = /* @__PURE__ */ checked('epochSlack', args.SlackArguments, slack.epochSlack);
/** @function */
export const epochSlackRuns = /* @__PURE__ */ checked('epochSlackRuns', args.SlackArguments, slack.epochSlackRuns);
/** @function */
export const spreadGaps = /* @__PURE__ */ checked('spreadGaps', args.SpreadGapsArguments, spread.spreadGaps, {
  defaults: { fromHistory: false },
});
/** @function */
export const compareLeximax = /* @__PURE__ */ checked('compareLeximax', args.LeximaxArguments, spread.compareLeximax);
/** @function */
export const scheduleTimeline = /* @__PURE__ */ checked('scheduleTimeline', args.TimelineArguments, timeline.scheduleTimeline);
/** @function */
export const epochStartProblems = /* @__PURE__ */ checked('epochStartProblems', args.EpochStartArguments, timeline.epochStartProblems);
/** @function */
export const moveEpoch = /* @__PURE__ */ checked('moveEpoch', whatIf.MoveArguments, whatIf.moveEpoch);

// The options interface and its schema name the same fields: a new option must be checked too.
const fieldsMatch: SameKeys<ScheduleProgramOptions, z.output<typeof args.ScheduleProgramOptionsSchema>> = true;
void fieldsMatch;
