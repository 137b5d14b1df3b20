/**
 * A plan's consistency: the rules a schedule keeps so that its gaps mean something. Checked
 * in one pass over the visits (plus a sort only when they are out of order, which is itself
 * a broken rule), with Maps keyed by the user's strings, so target names such as `toString`
 * or `__proto__` are names like any other.
 *
 * Plans that operations produce stay valid: visits with a status (`done` and `failed` ones
 * ran, so they take observatory time, may lie before the span or outside a window, which is
 * reported, not refused), a table repeated over several cycles (a visit is identified by
 * its cycle and its observation number), and the plan of earlier cycles carried as history.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { formatInstant } from '../time/instant.js';
import { NonEmptyString, parseArguments } from '../validation.js';
import { type Schedule, type ScheduledVisit, type TimeInterval, visitIdentity } from './schedule.js';
import { PlanShapeSchema } from './schedule-schema.js';

/** The arguments of {@link checkPlan} and {@link assertConsistentPlan}: a plan's shape (its rules judge the rest). */
const PlanArguments = z.object({ schedule: PlanShapeSchema });
const AssertArguments = z.object({ schedule: PlanShapeSchema, source: NonEmptyString });

/**
 * The rules of a plan, by name:
 * - `intervals`: every visit and window has finite instants and ends no earlier than it starts.
 * - `sorted`: visits are sorted by start; each target's windows are sorted and disjoint.
 * - `status`: a visit's status, when given, is `planned`, `done` or `failed`.
 * - `unique-observation`: (cycle, observation) is unique among visits that are not `failed`,
 *   and among unscheduled visits.
 * - `placed-or-unscheduled`: a visit is placed (and not failed) or unscheduled, not both.
 * - `no-overlap`: no two visits share observatory time, whatever their status (done and failed
 *   visits ran too).
 * - `inside-span`: planned visits lie inside the span. The visits of an earlier cycle's plan
 *   that a plan continues (a visit with a cycle that ends before the span) are history there,
 *   like the visits that ran: outside the span is a note.
 * - `inside-window`: planned visits lie inside one visibility window of their target (the same
 *   exception: a continued plan's visits were judged by that plan's windows).
 * - `known-target`: every visit's target (placed, unscheduled or in a missed date) has windows
 *   in the plan, so its gaps can be judged.
 * - `epoch-order`: within a series and a cycle, planned visits take epoch numbers in time order.
 */
export type PlanRule =
  | 'intervals'
  | 'sorted'
  | 'status'
  | 'unique-observation'
  | 'placed-or-unscheduled'
  | 'no-overlap'
  | 'inside-span'
  | 'inside-window'
  | 'known-target'
  | 'epoch-order';

/** One finding: the rule, the visits it concerns (by their path in the plan) and what is wrong. */
export interface PlanFinding {
  readonly rule: PlanRule;
  /** Paths of the visits concerned, e.g. `visits.12`, `unscheduled.3`. */
  readonly visits: readonly string[];
  /** The finding in words, starting with the visits' paths and observation numbers. */
  readonly message: string;
}

/** The verdict on a plan: broken rules (the plan is refused) and history that is only reported. */
export interface PlanCheck {
  readonly problems: readonly PlanFinding[];
  /** Done or failed visits outside the span or outside every window of their target. */
  readonly notes: readonly PlanFinding[];
}

/** How many problems an error message lists before it says how many more there are. */
const LISTED_PROBLEMS = 20;

const STATUSES = new Set(['planned', 'done', 'failed']);

/** `visits.12 (observation 13, cycle 2)`, `(observation 9 visit 2)`: a visit by its path and its identity. */
function named(path: string, visit: { observation: number; visit?: number | undefined; cycle?: number | undefined }): string {
  const number = (visit.visit ?? 1) === 1 ? '' : ` visit ${visit.visit}`;
  return `${path} (observation ${visit.observation}${number}${visit.cycle === undefined ? '' : `, cycle ${visit.cycle}`})`;
}

/** The instants of a visit, for messages. */
function when(visit: ScheduledVisit): string {
  return `${formatInstant(visit.startMs)} to ${formatInstant(visit.endMs)}`;
}

/** Index of the last window starting at or before `ms` in sorted windows, or -1. */
function windowAtOrBefore(windows: readonly TimeInterval[], ms: number): number {
  let lo = 0;
  let hi = windows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (windows[mid]!.startMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The largest distance from 1970 of an instant a Date holds, ms: beyond it a number is no instant. */
const MAX_INSTANT_MS = 8.64e15;
const isInstant = (ms: number): boolean => Math.abs(ms) <= MAX_INSTANT_MS; // NaN fails too

const finiteInterval = (interval: TimeInterval): boolean =>
  isInstant(interval.startMs) && isInstant(interval.endMs) && interval.endMs >= interval.startMs;

/**
 * Check a plan against the rules of {@link PlanRule}. Linear in the plan's size (visits, windows,
 * unscheduled visits) when its visits are sorted, as the schedule record promises.
 *
 * @example
 * ```ts
 * const { problems, notes } = checkPlan(schedule);
 * for (const problem of problems) console.error(problem.rule, problem.message);
 * ```
 */
export function checkPlan(schedule: Schedule): PlanCheck {
  parseArguments('checkPlan', PlanArguments, { schedule });
  return findPlanProblems(schedule);
}

/** {@link checkPlan} of a plan whose shape is checked. */
function findPlanProblems(schedule: Schedule): PlanCheck {
  const problems: PlanFinding[] = [];
  const notes: PlanFinding[] = [];
  const problem = (rule: PlanRule, visits: string[], message: string): void => {
    problems.push(Object.freeze({ rule, visits: Object.freeze(visits), message }));
  };
  const note = (rule: PlanRule, visits: string[], message: string): void => {
    notes.push(Object.freeze({ rule, visits: Object.freeze(visits), message }));
  };

  // Windows by target: a Map, so any name is a key like any other.
  const windows = new Map<string, readonly TimeInterval[]>(Object.entries(schedule.windows));
  const usable = new Map<string, boolean>();
  for (const [target, list] of windows) {
    let ok = true;
    list.forEach((window, index) => {
      if (!finiteInterval(window) || window.endMs === window.startMs) {
        problem('intervals', [], `windows.${target}.${index}: a window needs finite instants and an end after its start`);
        ok = false;
      } else if (index > 0 && window.startMs < list[index - 1]!.endMs) {
        problem(
          'sorted',
          [],
          `windows.${target}.${index}: windows must be sorted and disjoint; this one starts before windows.${target}.${index - 1} ends`,
        );
        ok = false;
      }
    });
    usable.set(target, ok);
  }
  const knownTarget = (target: string, path: string, visit: { observation: number; cycle?: number | undefined }): boolean => {
    if (windows.has(target)) return true;
    const names = [...windows.keys()];
    const listed =
      names.length === 0
        ? 'none'
        : `${names
            .slice(0, 10)
            .map((name) => JSON.stringify(name))
            .join(', ')}${names.length > 10 ? `, and ${names.length - 10} more` : ''}`;
    problem(
      'known-target',
      [path],
      `${named(path, visit)}: target ${JSON.stringify(target)} has no windows in the plan (targets with windows: ${listed})`,
    );
    return false;
  };

  const placed = new Map<string, string>();
  const epochOrder = new Map<string, { epoch: number; path: string }>();
  let latest: { visit: ScheduledVisit; path: string } | undefined;
  let sorted = true;
  const overlaps: Array<[string[], string]> = [];
  schedule.visits.forEach((visit, index) => {
    const path = `visits.${index}`;
    if (!finiteInterval(visit)) {
      problem('intervals', [path], `${named(path, visit)}: needs finite instants and an end no earlier than its start`);
      return;
    }
    const previous = schedule.visits[index - 1];
    if (previous !== undefined && visit.startMs < previous.startMs) {
      sorted = false;
      problem(
        'sorted',
        [path, `visits.${index - 1}`],
        `${named(path, visit)}: visits must be sorted by start; this one starts before visits.${index - 1}`,
      );
    }
    const status = visit.status ?? 'planned';
    if (!STATUSES.has(status)) {
      problem('status', [path], `${named(path, visit)}: status ${JSON.stringify(status)} is not one of planned, done, failed`);
      return;
    }
    if (status !== 'failed') {
      const key = visitIdentity(visit.cycle, visit);
      const other = placed.get(key);
      if (other !== undefined) {
        problem(
          'unique-observation',
          [other, path],
          `${named(path, visit)}: the same visit as ${other}; (cycle, observation, visit) is unique among visits that are not failed`,
        );
      } else placed.set(key, path);
    }
    // Overlap with the visit that ends last among those before (sorted plans: all of them).
    if (sorted && latest !== undefined && visit.startMs < latest.visit.endMs && visit.endMs > latest.visit.startMs) {
      overlaps.push([
        [latest.path, path],
        `${named(path, visit)} (${when(visit)}) overlaps ${named(latest.path, latest.visit)} (${when(latest.visit)})`,
      ]);
    }
    if (latest === undefined || visit.endMs > latest.visit.endMs) latest = { visit, path };

    // History: visits that ran, and the visits of an earlier cycle's plan that this plan continues
    // (a repeated table's visit, with its cycle, that ends before the span: planned in that plan).
    const continued = status === 'planned' && visit.cycle !== undefined && visit.endMs <= schedule.span.startMs;
    const history = status !== 'planned' || continued;
    const report = history ? note : problem;
    const what = continued ? `planned visit of cycle ${visit.cycle} (a plan continued here)` : `${status} visit`;
    if (visit.startMs < schedule.span.startMs || visit.endMs > schedule.span.endMs) {
      report(
        'inside-span',
        [path],
        `${named(path, visit)}: ${what} ${when(visit)} lies outside the span (${formatInstant(schedule.span.startMs)} to ${formatInstant(schedule.span.endMs)})`,
      );
    }
    if (knownTarget(visit.target, path, visit) && usable.get(visit.target)) {
      const list = windows.get(visit.target)!;
      const window = list[windowAtOrBefore(list, visit.startMs)];
      if (window === undefined || visit.endMs > window.endMs) {
        report(
          'inside-window',
          [path],
          `${named(path, visit)}: ${what} ${when(visit)} lies outside every window of ${JSON.stringify(visit.target)}`,
        );
      }
    }
    if (!history) {
      const key = `${visit.cycle ?? ''}#${visit.series}`;
      const before = epochOrder.get(key);
      if (before !== undefined && visit.epoch < before.epoch) {
        problem(
          'epoch-order',
          [before.path, path],
          `${named(path, visit)}: epoch ${visit.epoch} of series ${JSON.stringify(visit.series)} starts after epoch ${before.epoch} (${before.path}); epochs are numbered in time order`,
        );
      }
      if (before === undefined || visit.epoch > before.epoch) epochOrder.set(key, { epoch: visit.epoch, path });
    }
  });

  // An unsorted plan: find overlaps on a sorted copy (the order was already reported).
  if (sorted) for (const [paths, message] of overlaps) problem('no-overlap', paths, message);
  else {
    const order = schedule.visits.map((_, index) => index).filter((index) => finiteInterval(schedule.visits[index]!));
    order.sort((a, b) => schedule.visits[a]!.startMs - schedule.visits[b]!.startMs);
    let last: number | undefined;
    for (const index of order) {
      const visit = schedule.visits[index]!;
      const before = last === undefined ? undefined : schedule.visits[last]!;
      if (before !== undefined && visit.startMs < before.endMs && visit.endMs > before.startMs) {
        problem(
          'no-overlap',
          [`visits.${last}`, `visits.${index}`],
          `${named(`visits.${index}`, visit)} (${when(visit)}) overlaps ${named(`visits.${last}`, before)} (${when(before)})`,
        );
      }
      if (before === undefined || visit.endMs > before.endMs) last = index;
    }
  }

  const unscheduled = new Map<string, string>();
  schedule.unscheduled.forEach((visit, index) => {
    const path = `unscheduled.${index}`;
    const key = visitIdentity(visit.cycle, visit);
    const placedAt = placed.get(key);
    if (placedAt !== undefined) {
      problem(
        'placed-or-unscheduled',
        [placedAt, path],
        `${named(path, visit)}: also placed as ${placedAt}; a visit is placed or unscheduled, not both`,
      );
    }
    const other = unscheduled.get(key);
    if (other !== undefined) {
      problem('unique-observation', [other, path], `${named(path, visit)}: the same observation as ${other}`);
    } else unscheduled.set(key, path);
    knownTarget(visit.target, path, visit);
  });
  (schedule.missedDates ?? []).forEach((missed, index) => {
    if (!windows.has(missed.target)) {
      problem('known-target', [], `missedDates.${index}: target ${JSON.stringify(missed.target)} has no windows in the plan`);
    }
  });
  return Object.freeze({ problems: Object.freeze(problems), notes: Object.freeze(notes) });
}

/**
 * Check a plan and throw one InputError listing its broken rules (the first 20, then how many
 * more), each line `<source>: <rule>: <visits>: <what>`. Returns the notes otherwise.
 *
 * @example
 * ```ts
 * const notes = assertConsistentPlan(schedule, 'plan.json'); // throws when a rule is broken
 * ```
 */
export function assertConsistentPlan(schedule: Schedule, source = 'schedule'): readonly PlanFinding[] {
  parseArguments('assertConsistentPlan', AssertArguments, { schedule, source });
  return requireConsistentPlan(schedule, source);
}

/** {@link assertConsistentPlan} of a plan whose shape is checked (the gap checks call this). */
export function requireConsistentPlan(schedule: Schedule, source: string): readonly PlanFinding[] {
  const { problems, notes } = findPlanProblems(schedule);
  if (problems.length > 0) {
    const lines = problems.slice(0, LISTED_PROBLEMS).map((finding) => `${source}: ${finding.rule}: ${finding.message}`);
    if (problems.length > LISTED_PROBLEMS) lines.push(`${source}: and ${problems.length - LISTED_PROBLEMS} more broken rules`);
    throw new InputError(lines.join('\n'));
  }
  return notes;
}
