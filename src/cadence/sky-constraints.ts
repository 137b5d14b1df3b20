/**
 * Orientation constraints and the micrometeoroid avoidance zone (MAZ) as the scheduler core
 * sees them: more windows, keyed by name, that an epoch block must also lie in.
 *
 * - A visit with an orientation constraint puts the key `<target> [V3PA a..b]` into its block's
 *   list: that target's windows narrowed to the times the V3PA range is reachable
 *   (`orientationParts`). The whole block must lie in them, which is exact when the visit is the
 *   block and conservative by at most the rest of the block's length at each edge otherwise.
 * - Where the MAZ is modelled, `<target> [outside MAZ]` is the target's windows less its MAZ
 *   time; a block kept out of the zone lists it for each of its targets that enter the zone.
 *   {@link placeAvoidingMaz} states the policy that decides which blocks are kept out.
 * @module
 */

import { InputError } from '../errors.js';
import { mazSpan } from '../observatory/maz.js';
import type { ObservatoryModel } from '../observatory/model.js';
import type { Orientation } from '../observatory/orientation.js';
import type { ProgramStructure } from '../program/structure.js';
import { arcHolds, formatAngleRange, normalizeAngleRange } from '../sky/angle-range.js';
import { wrapDegrees } from '../sky/angles.js';
import type { Target } from '../sky/target.js';
import type { Span } from '../time/instant.js';
import { allowedIntervals, cutToAllowed, type VisibilityConstraint } from '../visibility/constraints.js';
import { cutAtMaz, mazIntervals, overlapMs, ramGrids } from '../visibility/maz.js';
import { orientationParts, reachedV3PaRange } from '../visibility/orientation.js';
import type { ObserverGrids } from '../visibility/windows.js';
import type { ScheduleObjective, ScheduleWindow } from './schedule.js';
import { compareLeximax } from './spread/index.js';
import type { GroupPlacement } from './timeline.js';

/** What the derived windows are computed from. */
export interface SkyContext {
  readonly span: Span;
  readonly observatory: ObservatoryModel;
  /** The Sun sampled over the span (absent when no window was computed and the grids could not be made). */
  readonly grids: ObserverGrids | undefined;
  /** Sky positions of the program's targets, where known, by target name. */
  readonly positions: ReadonlyMap<string, Target>;
  /** The true windows per target name. */
  readonly windows: Readonly<Record<string, readonly ScheduleWindow[]>>;
}

/** An edged window in the schedule's form (no other fields). */
function asScheduleWindow(window: ScheduleWindow): ScheduleWindow {
  return Object.freeze({
    startMs: window.startMs,
    endMs: window.endMs,
    ...(window.startEdge ? { startEdge: window.startEdge } : {}),
    ...(window.endEdge ? { endEdge: window.endEdge } : {}),
  });
}

/**
 * The key of a target's windows narrowed to an orientation, e.g. `HD163466 [V3PA 100..120]`.
 *
 * @example
 * ```ts
 * orientationKey('HD163466', { v3pa: { minDeg: 100, maxDeg: 120 } }); // 'HD163466 [V3PA 100..120]'
 * ```
 */
export function orientationKey(target: string, orientation: Orientation): string {
  return `${target} [V3PA ${formatAngleRange(orientation.v3pa)}]`;
}

/**
 * A store of derived windows: `key(target, orientation)` computes a target's windows narrowed to
 * an orientation once and returns their key; `lists` holds every list computed.
 *
 * @example
 * ```ts
 * const store = orientationWindowStore(context);
 * const key = store.key('HD163466', resolveOrientation({ v3pa: { minDeg: 100, maxDeg: 120 } }));
 * store.lists[key]; // HD163466's windows at that orientation
 * ```
 */
export function orientationWindowStore(context: SkyContext): {
  readonly lists: Record<string, readonly ScheduleWindow[]>;
  key: (target: string, orientation: Orientation) => string;
} {
  const lists: Record<string, readonly ScheduleWindow[]> = {};
  const key = (target: string, orientation: Orientation): string => {
    const name = orientationKey(target, orientation);
    if (!Object.hasOwn(lists, name)) {
      const position = context.positions.get(target);
      if (!position) {
        throw new InputError(
          `orientation: the sky position of ${target} is not known (its windows were given as data), so its orientation cannot be computed; give the target in the targets option`,
        );
      }
      const windows = Object.hasOwn(context.windows, target) ? context.windows[target]! : [];
      lists[name] = Object.freeze(
        orientationParts(position, windows, orientation, { observatory: context.observatory, grids: context.grids }).map(asScheduleWindow),
      );
    }
    return name;
  };
  return { lists, key };
}

/** A program's targets' windows cut to the planner's own constraints, where those cut them. */
export interface ConstrainedWindows {
  /** The key of the windows the constraints allow, for each target whose windows they cut. */
  readonly keyOf: ReadonlyMap<string, string>;
  /** Those windows, by key. */
  readonly lists: Readonly<Record<string, readonly ScheduleWindow[]>>;
}

/**
 * The windows of each target, `<target> [allowed by constraints]`, cut to the times every
 * constraint allows (see `allowedIntervals`); a target whose windows they leave whole gets no
 * key. Every block of such a target lists the key, so nothing is placed where a constraint
 * forbids. A constraint is given the target's sky position, which must be known.
 *
 * @example
 * ```ts
 * const allowed = constrainedWindows(context, [avoidDates('2022-10-01', '2022-10-11')]);
 * allowed.keyOf.get('HD163466'); // 'HD163466 [allowed by constraints]'
 * ```
 */
export function constrainedWindows(context: SkyContext, constraints: readonly VisibilityConstraint[]): ConstrainedWindows {
  const keyOf = new Map<string, string>();
  const lists: Record<string, readonly ScheduleWindow[]> = {};
  if (constraints.length === 0) return { keyOf, lists };
  for (const [name, windows] of Object.entries(context.windows)) {
    const position = context.positions.get(name);
    if (!position) {
      throw new InputError(
        `constraints: the sky position of ${name} is not known (its windows were given as data), so a constraint cannot be asked about it; give the target in the targets option`,
      );
    }
    const { parts, changed } = cutToAllowed(windows, allowedIntervals(constraints, position, context.span, 'scheduleProgram'));
    if (!changed) continue;
    const key = `${name} [allowed by constraints]`;
    keyOf.set(name, key);
    lists[key] = Object.freeze(parts.map(asScheduleWindow));
  }
  return { keyOf, lists };
}

/** The MAZ as the scheduler uses it. */
export interface MazPlan {
  /** The part of the span where the MAZ is modelled. */
  readonly applies: Span;
  /** Each target's time in the MAZ (targets with a known position). */
  readonly intervals: ReadonlyMap<string, readonly Span[]>;
  /** The key of the windows outside the MAZ, for each target whose windows enter it. */
  readonly outsideKey: ReadonlyMap<string, string>;
  /** Those windows, by key. */
  readonly lists: Readonly<Record<string, readonly ScheduleWindow[]>>;
}

/**
 * The MAZ of a span for the program's targets, or `undefined` where it is not modelled in the
 * span. Targets whose windows never enter the zone get no outside-key (their blocks need none).
 *
 * @example
 * ```ts
 * const maz = prepareMaz(context); // undefined in Cycle 1 with the default settings
 * ```
 */
export function prepareMaz(context: SkyContext): MazPlan | undefined {
  const applies = mazSpan(context.observatory.maz, context.span);
  if (!applies || context.positions.size === 0) return undefined;
  const rams = ramGrids(applies, context.observatory);
  const intervals = new Map<string, readonly Span[]>();
  const outsideKey = new Map<string, string>();
  const lists: Record<string, readonly ScheduleWindow[]> = {};
  for (const [name, position] of context.positions) {
    const inside = mazIntervals(position, context.span, context.observatory, rams);
    intervals.set(name, inside);
    const windows = Object.hasOwn(context.windows, name) ? context.windows[name]! : [];
    if (!windows.some((window) => overlapMs(window.startMs, window.endMs, inside) > 0)) continue;
    const key = `${name} [outside MAZ]`;
    outsideKey.set(name, key);
    lists[key] = Object.freeze(
      cutAtMaz(windows, inside, applies, context.observatory)
        .filter((part) => part.inMaz !== true)
        .map(asScheduleWindow),
    );
  }
  return Object.freeze({ applies, intervals, outsideKey, lists });
}

/** How many epochs a set of placements placed. */
function placedCount(placements: readonly GroupPlacement[]): number {
  return placements.reduce((sum, placement) => sum + placement.startsMs.filter((start) => start !== null).length, 0);
}

/**
 * The policy by which the scheduler keeps epoch blocks out of the MAZ. The order of what
 * counts is: the number of epochs placed first, then time outside the MAZ, then the cadence
 * objective.
 *
 * 1. Every block is placed outside the MAZ (run A). If that places as many epochs as allowing
 *    the MAZ everywhere would (run B, made only when A leaves some epoch out), A is the schedule:
 *    no MAZ time at all.
 * 2. Otherwise each lead target that places fewer epochs in A than in B may use the MAZ, but only
 *    for the epochs that B put in it; its other epochs, and every epoch of the other targets,
 *    stay outside (run C).
 * 3. The schedule is the run placing the most epochs, preferring C to B when they tie (C uses
 *    the MAZ only where B showed it is needed).
 *
 * At most three runs of the scheduler core. Step 2 is a rule, not a search for the fewest MAZ
 * epochs: a target that needs MAZ time may use it for more epochs than the least it could.
 *
 * @param place - places every group, each epoch kept out of the MAZ unless `allowMaz(group, epoch)`.
 * @param touchesMaz - whether the block of an epoch placed at a start has MAZ time.
 * @example
 * ```ts
 * const { placements, policy } = placeAvoidingMaz(place, touchesMaz);
 * ```
 */
export function placeAvoidingMaz(
  place: (allowMaz: (group: number, epoch: number) => boolean) => GroupPlacement[],
  touchesMaz: (group: number, epoch: number, startMs: number) => boolean,
): { placements: GroupPlacement[]; policy: string } {
  const outside = place(() => false);
  const total = outside.reduce((sum, placement) => sum + placement.startsMs.length, 0);
  if (placedCount(outside) === total) return { placements: outside, policy: 'every epoch placed outside the MAZ' };
  const anywhere = place(() => true);
  if (placedCount(outside) >= placedCount(anywhere)) {
    return { placements: outside, policy: 'every epoch kept outside the MAZ (allowing MAZ time would place no more)' };
  }
  const needing = new Set(
    anywhere.flatMap((placement, group) => (placedCount([outside[group]!]) < placedCount([placement]) ? [group] : [])),
  );
  const allowed = (group: number, epoch: number): boolean => {
    if (!needing.has(group)) return false;
    const start = anywhere[group]!.startsMs[epoch];
    return start !== null && start !== undefined && touchesMaz(group, epoch, start);
  };
  const mixed = place(allowed);
  const targets = [...needing].map((group) => anywhere[group]!.target).join(', ');
  if (placedCount(mixed) >= placedCount(anywhere)) {
    return {
      placements: mixed,
      policy: `MAZ time used only by ${targets}, for the epochs that could not be placed otherwise; every other epoch kept outside the MAZ`,
    };
  }
  return {
    placements: anywhere,
    policy: `MAZ time allowed for every epoch: keeping any out of it would place fewer epochs (${targets} need it)`,
  };
}

/** Negative when objective `a` is better than `b` (spread: leximax of the gaps; period: the largest, then the summed squared deviations). */
function compareObjectives(a: ScheduleObjective, b: ScheduleObjective): number {
  if (a.mode === 'spread' && b.mode === 'spread') return compareLeximax(a.sortedGapsMs, b.sortedGapsMs);
  if (a.mode === 'period' && b.mode === 'period')
    return a.maxDeviationMs - b.maxDeviationMs || a.sumSquaredDeviationDays2 - b.sumSquaredDeviationDays2;
  return 0;
}

/** Coarse step between candidate centres of a held band, degrees: half the roll range, so no centre's chances are missed. */
const HOLD_COARSE_STEP_DEG = 5;
/** Candidates kept from the coarse pass for refinement, and from the refinement for full scheduling. */
const HOLD_KEPT = 3;

/** What {@link chooseHeldBands} needs from the scheduler. */
export interface HoldContext {
  readonly sky: SkyContext;
  readonly holds: ReadonlyArray<{ readonly series: string; readonly bandDeg: number }>;
  /** Orientation constraints asked for, by visit key (`observation:visit`). */
  readonly asked: ReadonlyMap<string, Orientation>;
  readonly structure: ProgramStructure;
  /** The group (lead target index) whose epochs hold an observation. */
  readonly leadOf: (visit: string) => number;
  /** Places the listed groups alone (or all), epochs kept out of the MAZ unless allowed. */
  readonly place: (
    orientations: ReadonlyMap<string, Orientation>,
    allowMaz: (group: number, epoch: number) => boolean,
    only?: ReadonlySet<number>,
  ) => GroupPlacement[];
  /** Places every group with the MAZ policy. */
  readonly placeAll: (orientations: ReadonlyMap<string, Orientation>) => { placements: GroupPlacement[]; policy?: string };
}

/**
 * Choose, for each held series in turn, the V3PA band (`bandDeg` wide) that its epochs are all
 * observed within: the band whose centre places the most epochs, then the best cadence.
 *
 * Candidate centres are every 5 degrees (half the roll range) where the target's reachable V3PA,
 * widened by half the band, reaches; each is scored by scheduling the series' lead targets alone
 * (MAZ allowed); the best three are refined to the degree (centres within 4 degrees of them);
 * the best three of those are scheduled in full (every target, the MAZ policy), and the one
 * placing the most epochs, then with the series' best cadence, is kept. Cost: for a target near
 * the ecliptic poles, whose V3PA turns through the whole circle in a year, 72 coarse and up to 24
 * refining runs of the scheduler core for the series' lead targets alone, then 3 full schedules
 * (each up to three core runs); for a target whose V3PA stays in a few narrow ranges, far fewer.
 * The centre is found to a degree.
 *
 * @example
 * ```ts
 * const held = chooseHeldBands(context);
 * held.orientations; // the asked constraints plus each held series' band
 * ```
 */
export function chooseHeldBands(context: HoldContext): {
  orientations: Map<string, Orientation>;
  heldVisits: Set<string>;
  result: { placements: GroupPlacement[]; policy?: string };
  notes: string[];
} {
  const orientations = new Map(context.asked);
  const heldVisits = new Set<string>();
  const notes: string[] = [];
  let result: { placements: GroupPlacement[]; policy?: string } | undefined;
  for (const hold of context.holds) {
    const series = context.structure.series.find((entry) => entry.id === hold.series)!;
    const position = context.sky.positions.get(series.target);
    if (!position) {
      throw new InputError(
        `orientation.hold: the sky position of ${series.target} is not known (its windows were given as data); give the target in the targets option`,
      );
    }
    const groups = new Set(series.visits.map(context.leadOf));
    const lead = Math.min(...groups);
    const band = (centreDeg: number): Orientation =>
      Object.freeze({ v3pa: normalizeAngleRange(centreDeg - hold.bandDeg / 2, centreDeg + hold.bandDeg / 2) });
    const withBand = (centreDeg: number): Map<string, Orientation> => {
      const next = new Map(orientations);
      for (const key of series.visits) next.set(key, band(centreDeg));
      return next;
    };
    type Scored = { centreDeg: number; count: number; objective: ScheduleObjective | undefined };
    const better = (a: Scored, b: Scored): number =>
      b.count - a.count || (a.objective && b.objective ? compareObjectives(a.objective, b.objective) : 0) || a.centreDeg - b.centreDeg;
    const scored = new Map<number, Scored>();
    const score = (centreDeg: number): Scored => {
      const key = wrapDegrees(Math.round(centreDeg));
      let entry = scored.get(key);
      if (!entry) {
        const placements = context.place(withBand(key), () => true, groups);
        const count = placements.reduce((sum, placement) => sum + placement.startsMs.filter((start) => start !== null).length, 0);
        entry = {
          centreDeg: key,
          count,
          objective: placements.find((placement) => placement.target === context.structure.leads[lead])?.objective,
        };
        scored.set(key, entry);
      }
      return entry;
    };
    // Where the target's V3PA reaches during its windows, widened by half the band.
    const reached = (Object.hasOwn(context.sky.windows, series.target) ? context.sky.windows[series.target]! : []).map((window) =>
      reachedV3PaRange(position, window.startMs, window.endMs, { observatory: context.sky.observatory, grids: context.sky.grids }),
    );
    const coarse: Scored[] = [];
    for (let centreDeg = 0; centreDeg < 360; centreDeg += HOLD_COARSE_STEP_DEG) {
      if (reached.some((range) => arcHolds(range, centreDeg, hold.bandDeg / 2 + HOLD_COARSE_STEP_DEG / 2))) coarse.push(score(centreDeg));
    }
    if (coarse.length === 0) {
      throw new InputError(
        `orientation.hold: series "${hold.series}": ${series.target} is never visible in the span, so no band can be held`,
      );
    }
    for (const best of [...coarse].sort(better).slice(0, HOLD_KEPT)) {
      for (let delta = -HOLD_COARSE_STEP_DEG + 1; delta < HOLD_COARSE_STEP_DEG; delta++) score(best.centreDeg + delta);
    }
    const finalists = [...scored.values()].sort(better).slice(0, HOLD_KEPT);
    let chosen:
      | {
          centreDeg: number;
          count: number;
          objective: ScheduleObjective | undefined;
          run: { placements: GroupPlacement[]; policy?: string };
        }
      | undefined;
    for (const finalist of finalists) {
      const run = context.placeAll(withBand(finalist.centreDeg));
      const count = run.placements.reduce((sum, placement) => sum + placement.startsMs.filter((start) => start !== null).length, 0);
      const candidate = { centreDeg: finalist.centreDeg, count, objective: run.placements[lead]?.objective, run };
      if (!chosen || better(candidate, chosen) < 0) chosen = candidate;
    }
    for (const key of series.visits) {
      orientations.set(key, band(chosen!.centreDeg));
      heldVisits.add(key);
    }
    result = chosen!.run;
    notes.push(
      `series ${hold.series} held within V3PA ${formatAngleRange(band(chosen!.centreDeg).v3pa)} (a ${hold.bandDeg}-degree band centred on ${chosen!.centreDeg}; ` +
        `${scored.size} centres tried, ${chosen!.count} epochs placed in all)`,
    );
  }
  return { orientations, heldVisits, result: result!, notes };
}
